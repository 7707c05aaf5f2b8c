import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aTicket } from '../../shared/domain/testing/builders';
import { openDatabase } from './open';
import { StorageError } from './sqlite-storage';
import { fromRemoteError, getRxStorageWorker, runningStorageWorkers } from './worker-storage';

describe('SQLite storage in a worker thread', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-worker-storage-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('stores and reads documents through the worker, which ends when the database closes', async () => {
    const db = await openDatabase({ directory: dir, storage: getRxStorageWorker({ directory: dir }) });
    expect(runningStorageWorkers()).toEqual([dir]);
    const ticket = aTicket({ title: 'Through the worker' });
    await db.tickets.insert(ticket);
    const seen = await db.tickets.findOne(ticket.id).exec();
    expect(seen?.title).toBe('Through the worker');
    await db.close();
    expect(runningStorageWorkers()).toEqual([]);

    // The data is in the file: a new worker finds it.
    const again = await openDatabase({ directory: dir, storage: getRxStorageWorker({ directory: dir }) });
    expect((await again.tickets.findOne(ticket.id).exec())?.title).toBe('Through the worker');
    await again.close();
  });

  it('returns a corrupt file as a StorageError with code and path, and stops the worker', async () => {
    const file = join(dir, 'cims.sqlite');
    await writeFile(file, Buffer.alloc(8192, 0x5a));
    const error = await openDatabase({ directory: dir, storage: getRxStorageWorker({ directory: dir }) }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: 'STORAGE_CORRUPT', path: file });
    expect((await readFile(file)).every((b) => b === 0x5a)).toBe(true);
    expect(runningStorageWorkers()).toEqual([]);
  });

  it('keeps the documents of a failed remote request out of the error it rethrows', () => {
    const remote = new Error(
      'could not requestRemote: ' +
        JSON.stringify({ methodName: 'bulkWrite', params: [{ secret: 'customer data' }], error: { name: 'TypeError', message: 'boom' } }),
    );
    const mapped = fromRemoteError(remote) as Error;
    expect(mapped.message).toBe('boom');
    expect(mapped.name).toBe('TypeError');
    expect(JSON.stringify(mapped.cause)).not.toContain('customer data');
  });
});
