import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRevision, fillWithDefaultSettings, now, randomToken } from 'rxdb';
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

  it('closes an instance once when close() is called concurrently, and refuses calls after close or remove', async () => {
    const storage = getRxStorageWorker({ directory: dir });
    const schema = fillWithDefaultSettings<{ id: string; n: number }>({
      version: 0,
      primaryKey: 'id',
      type: 'object',
      properties: { id: { type: 'string', maxLength: 40 }, n: { type: 'number' } },
      required: ['id', 'n'],
    });
    const open = (collectionName: string) =>
      storage.createStorageInstance<{ id: string; n: number }>({
        databaseInstanceToken: randomToken(10),
        databaseName: 'cims',
        collectionName,
        schema,
        options: {},
        multiInstance: false,
        devMode: false,
      });
    const doc = (id: string) => ({ id, n: 1, _deleted: false, _rev: createRevision(randomToken(10)), _meta: { lwt: now() }, _attachments: {} });
    const first = await open('first');
    const second = await open('second');
    await Promise.all([first.close(), first.close(), first.close()]);
    await second.bulkWrite([{ document: doc('a') }], 'test');
    expect((await second.findDocumentsById(['a'], false)).map((d) => d.id)).toEqual(['a']);
    // Refused at once (the worker no longer answers for a closed instance), as RxDB's error.
    const closed = { rxdb: true, code: 'COL21', parameters: { database: 'cims', collection: 'first', version: 0 } };
    await expect(first.findDocumentsById(['a'], false)).rejects.toMatchObject(closed);
    await expect(first.bulkWrite([{ document: doc('b') }], 'test')).rejects.toMatchObject(closed);
    await expect(first.remove()).rejects.toMatchObject(closed);
    await Promise.all([second.remove(), second.close()]);
    await expect(second.findDocumentsById(['a'], false)).rejects.toMatchObject({ code: 'COL21' });
    await vi.waitFor(() => expect(runningStorageWorkers()).toEqual([]));
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
