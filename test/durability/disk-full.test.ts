import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { tempDir } from '../../electron/db/sqlite-storage/test-builders';
import { durableTicket, openDurableTickets } from './ticket-schema';

/**
 * D3 on a real full disk: a 3 MiB tmpfs mounted for this test (the tests run as root on
 * Linux; PRAGMA max_page_count would only simulate it). A filler file takes the free space.
 */
function fillDisk(path: string): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
}

const openStore = openDurableTickets;

describe('D3: disk full', () => {
  let base: { dir: string; cleanup: () => void };
  let mnt: string;
  beforeAll(() => {
    base = tempDir('cims-d3-');
    mnt = join(base.dir, 'mnt');
    mkdirSync(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mnt]);
  });
  afterAll(() => {
    execFileSync('umount', [mnt]);
    base.cleanup();
  });

  it('D3: a write on a full disk fails with STORAGE_DISK_FULL, earlier data stays, writing works again once space is freed', async () => {
    const inst = await openStore(mnt);
    const acked: string[] = [];
    const first = Array.from({ length: 50 }, (_, i) => durableTicket(`before-${i}`, 300));
    expect((await inst.bulkWrite(first.map((document) => ({ document })), 'seed')).error).toEqual([]);
    acked.push(...first.map((d) => d.id));

    const filler = join(mnt, 'filler');
    fillDisk(filler);
    let failure: unknown;
    for (let i = 0; i < 50 && !failure; i++) {
      const batch = Array.from({ length: 4 }, (_, j) => durableTicket(`full-${i}-${j}`, 32 * 1024));
      try {
        await inst.bulkWrite(batch.map((document) => ({ document })), 'fill');
        acked.push(...batch.map((d) => d.id)); // fitted into free pages still in the file
      } catch (err) {
        failure = err;
        // Nothing of the failed batch may be visible.
        expect(await inst.findDocumentsById(batch.map((d) => d.id), true)).toEqual([]);
      }
    }
    expect(failure).toMatchObject({ name: 'StorageError', code: 'STORAGE_DISK_FULL' });
    expect((failure as Error).message).toMatch(/Disk full/);
    expect((await inst.findDocumentsById(acked, false)).length).toBe(acked.length);

    rmSync(filler);
    const after = durableTicket('after-free', 32 * 1024);
    expect((await inst.bulkWrite([{ document: after }], 'after')).error).toEqual([]);
    acked.push(after.id);
    await inst.close();

    const reopened = await openStore(mnt);
    expect((await reopened.findDocumentsById(acked, false)).length).toBe(acked.length);
    await reopened.close();
    const db = new Database(join(mnt, 'store.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('a read-only database folder gives STORAGE_DIR_UNAVAILABLE at open', async () => {
    const ro = join(base.dir, 'ro');
    mkdirSync(ro);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', ro]);
    try {
      await expect(openStore(ro)).rejects.toMatchObject({ name: 'StorageError', code: 'STORAGE_DIR_UNAVAILABLE' });
    } finally {
      execFileSync('umount', [ro]);
    }
  });
});
