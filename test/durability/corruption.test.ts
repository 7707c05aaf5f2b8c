import { closeSync, openSync, readFileSync, statSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageError } from '../../electron/db/sqlite-storage/index';
import { tempDir } from '../../electron/db/sqlite-storage/test-builders';
import { seededRandom } from './harness';
import { durableTicket, openDurableTickets } from './ticket-schema';

const open = openDurableTickets;

function overwrite(path: string, offset: number, bytes: Buffer): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

describe('D4: corrupted or truncated database file', () => {
  let dir: string;
  let cleanup: () => void;
  let path: string;

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir('cims-d4-'));
    path = join(dir, 'store.sqlite');
    const inst = await open(dir);
    const docs = Array.from({ length: 400 }, (_, i) => ({ document: durableTicket(`t${i}`, 500) }));
    expect((await inst.bulkWrite(docs, 'seed')).error).toEqual([]);
    await inst.close(); // last close checkpoints the WAL into the main file
  });
  afterEach(() => cleanup());

  async function expectCorruptAndKept(): Promise<void> {
    const before = readFileSync(path);
    const err: unknown = await open(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ code: 'STORAGE_CORRUPT', path });
    expect((err as Error).message).toMatch(/corrupt|truncated|not a CIMS store/);
    // Detected, never repaired by emptying: the file is byte-for-byte what it was.
    expect(readFileSync(path).equals(before)).toBe(true);
  }

  it('D4: a healthy file reopens with all its data (control)', async () => {
    const inst = await open(dir);
    expect(await inst.findDocumentsById(['t0', 't399'], false)).toHaveLength(2);
    await inst.close();
  });

  it('D4: a file truncated to half is detected at open', async () => {
    truncateSync(path, Math.floor(statSync(path).size / 2));
    await expectCorruptAndKept();
  });

  it('D4: a file truncated to zero bytes is detected, not re-created empty', async () => {
    truncateSync(path, 0);
    await expectCorruptAndKept();
  });

  it('D4: a damaged header is detected', async () => {
    overwrite(path, 0, Buffer.from('garbage garbage garbage!'));
    await expectCorruptAndKept();
  });

  it('D4: a page of random bytes in the middle of the file is detected', async () => {
    const random = seededRandom(42);
    const pages = Math.floor(statSync(path).size / 4096);
    const page = Buffer.from(Array.from({ length: 4096 }, () => Math.floor(random() * 256)));
    overwrite(path, Math.floor(pages / 2) * 4096, page);
    await expectCorruptAndKept();
  });
});
