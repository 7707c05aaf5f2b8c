import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fillWithDefaultSettings, prepareQuery } from 'rxdb';
import { getRxStorageSQLite, StorageError } from './index';
import { openInstance, personDoc, personSchema, tempDir } from './test-builders';
import type { Person } from './test-builders';

describe('sqlite storage: files, reopen, several databases and collections', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());
  const schema = personSchema();

  it('keeps data across close and reopen, in <directory>/<databaseName>.sqlite', async () => {
    const first = await openInstance<Person>(getRxStorageSQLite({ directory: dir }), 'cims', 'people', schema);
    await first.bulkWrite([{ document: personDoc({ id: 'a', name: '张伟' }) }], 'test');
    await first.close();
    expect(existsSync(join(dir, 'cims.sqlite'))).toBe(true);
    const again = await openInstance<Person>(getRxStorageSQLite({ directory: dir }), 'cims', 'people', schema);
    expect((await again.findDocumentsById(['a'], false))[0]?.name).toBe('张伟');
    await again.close();
  });

  it('makes new files with 16 KiB pages, and keeps the page size of a file made before', async () => {
    const first = await openInstance<Person>(getRxStorageSQLite({ directory: dir }), 'cims', 'people', schema);
    await first.close();
    const pageSize = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return db.pragma('page_size', { simple: true });
      } finally {
        db.close();
      }
    };
    expect(pageSize(join(dir, 'cims.sqlite'))).toBe(16384);
    // A store of an earlier release, made with SQLite's default.
    const old = new Database(join(dir, 'old.sqlite'));
    old.exec(`CREATE TABLE cims_storage_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)`);
    old.exec(`INSERT INTO cims_storage_meta (key, value) VALUES ('format', '1')`);
    old.close();
    const reopened = await openInstance<Person>(getRxStorageSQLite({ directory: dir }), 'old', 'people', schema);
    await reopened.bulkWrite([{ document: personDoc({ id: 'a' }) }], 'test');
    expect((await reopened.findDocumentsById(['a'], false))).toHaveLength(1);
    await reopened.close();
    expect(pageSize(join(dir, 'old.sqlite'))).toBe(4096);
  });

  it('records a clean close beside the file and uses the record up at the next open', async () => {
    const record = join(dir, 'cims.sqlite-closed');
    const first = await openInstance<Person>(getRxStorageSQLite({ directory: dir }), 'cims', 'people', schema);
    await first.bulkWrite([{ document: personDoc({ id: 'a' }) }], 'test');
    expect(existsSync(record)).toBe(false);
    await first.close();
    expect(existsSync(record)).toBe(true);
    // While open, no record: a crash now leaves none, and the next open checks the whole file.
    const again = await openInstance<Person>(getRxStorageSQLite({ directory: dir }), 'cims', 'people', schema);
    expect(existsSync(record)).toBe(false);
    expect(await again.findDocumentsById(['a'], false)).toHaveLength(1);
    await again.close();
    expect(existsSync(record)).toBe(true);
  });

  it('takes the database name as a path when no directory is given', async () => {
    const inst = await openInstance<Person>(getRxStorageSQLite(), join(dir, 'local'), 'people', schema);
    await inst.bulkWrite([{ document: personDoc({ id: 'a' }) }], 'test');
    await inst.close();
    expect(existsSync(join(dir, 'local.sqlite'))).toBe(true);
  });

  it('keeps several collections in one file and two databases apart', async () => {
    const storage = getRxStorageSQLite({ directory: dir });
    const people = await openInstance<Person>(storage, 'one', 'people', schema);
    const staff = await openInstance<Person>(storage, 'one', 'staff', schema);
    const otherDb = await openInstance<Person>(storage, 'two', 'people', schema);
    await people.bulkWrite([{ document: personDoc({ id: 'p' }) }], 'test');
    await staff.bulkWrite([{ document: personDoc({ id: 's' }) }], 'test');
    await otherDb.bulkWrite([{ document: personDoc({ id: 'o' }) }], 'test');
    expect((await people.findDocumentsById(['p', 's', 'o'], true)).map((d) => d.id)).toEqual(['p']);
    expect((await staff.findDocumentsById(['p', 's', 'o'], true)).map((d) => d.id)).toEqual(['s']);
    expect((await otherDb.findDocumentsById(['p', 's', 'o'], true)).map((d) => d.id)).toEqual(['o']);
    expect(readdirSync(dir).filter((f) => f.endsWith('.sqlite')).sort()).toEqual(['one.sqlite', 'two.sqlite']);
    await Promise.all([people.close(), staff.close(), otherDb.close()]);
  });

  it('keeps schema versions in separate tables (migration reads the old one)', async () => {
    const storage = getRxStorageSQLite({ directory: dir });
    const v0 = await openInstance<Person>(storage, 'db', 'people', schema);
    const v1 = await openInstance<Person>(storage, 'db', 'people', { ...schema, version: 1 });
    await v0.bulkWrite([{ document: personDoc({ id: 'old' }) }], 'test');
    expect(await v1.findDocumentsById(['old'], true)).toEqual([]);
    await Promise.all([v0.close(), v1.close()]);
  });

  it('refuses to reopen a collection version whose indexes changed', async () => {
    const storage = getRxStorageSQLite({ directory: dir });
    await (await openInstance<Person>(storage, 'db', 'people', schema)).close();
    const changed = fillWithDefaultSettings<Person>({ ...personSchema(), indexes: ['age'] } as never);
    await expect(openInstance<Person>(storage, 'db', 'people', changed)).rejects.toMatchObject({ code: 'STORAGE_SCHEMA_MISMATCH' });
  });

  it('remove() drops the collection; the file goes with the last one', async () => {
    const storage = getRxStorageSQLite({ directory: dir });
    const a = await openInstance<Person>(storage, 'db', 'people', schema);
    const b = await openInstance<Person>(storage, 'db', 'staff', schema);
    await a.bulkWrite([{ document: personDoc({ id: 'x' }) }], 'test');
    await a.remove();
    const a2 = await openInstance<Person>(storage, 'db', 'people', schema);
    expect(await a2.findDocumentsById(['x'], true)).toEqual([]);
    await a2.remove();
    expect(existsSync(join(dir, 'db.sqlite'))).toBe(true);
    await b.remove();
    expect(existsSync(join(dir, 'db.sqlite'))).toBe(false);
  });

  it('fails with RxDB\'s own "closed or removed" error (COL21) after close or remove', async () => {
    const storage = getRxStorageSQLite({ directory: dir });
    const inst = await openInstance<Person>(storage, 'db', 'people', schema);
    await inst.close();
    const closed = { rxdb: true, code: 'COL21', parameters: { database: 'db', collection: 'people', version: 0 } };
    await expect(inst.findDocumentsById(['a'], false)).rejects.toMatchObject(closed);
    await expect(inst.bulkWrite([{ document: personDoc({ id: 'a' }) }], 'test')).rejects.toMatchObject(closed);
    await expect(inst.remove()).rejects.toMatchObject(closed);
    await inst.close();
    const removed = await openInstance<Person>(storage, 'db', 'people', schema);
    await removed.remove();
    await expect(removed.query(prepareQuery(schema, { selector: {}, sort: [{ id: 'asc' }], skip: 0 }))).rejects.toMatchObject(closed);
    await expect(removed.count(prepareQuery(schema, { selector: {}, sort: [{ id: 'asc' }], skip: 0 }))).rejects.toMatchObject(closed);
    await expect(removed.cleanup(0)).rejects.toMatchObject(closed);
    await expect(removed.getChangedDocumentsSince!(10)).rejects.toMatchObject(closed);
  });

  it('closes once when close() is called twice at the same time (RxDB does, e.g. a collection closing while its replication is cancelled)', async () => {
    const storage = getRxStorageSQLite({ directory: dir });
    const people = await openInstance<Person>(storage, 'db', 'people', schema);
    const staff = await openInstance<Person>(storage, 'db', 'staff', schema);
    const peopleAgain = await openInstance<Person>(storage, 'db', 'people', schema);
    const seen: string[] = [];
    const sub = peopleAgain.changeStream().subscribe((bulk) => seen.push(...bulk.events.map((e) => e.documentId)));
    await Promise.all([people.close(), people.close(), people.close()]);
    // The connection and the shared change stream each lost one user, not three.
    await staff.bulkWrite([{ document: personDoc({ id: 's' }) }], 'test');
    expect((await staff.findDocumentsById(['s'], false)).map((d) => d.id)).toEqual(['s']);
    await peopleAgain.bulkWrite([{ document: personDoc({ id: 'p' }) }], 'test');
    expect(seen).toEqual(['p']);
    sub.unsubscribe();
    await Promise.all([staff.close(), peopleAgain.close(), staff.close(), peopleAgain.remove().catch(() => undefined)]);
    // Everything released: the file can be opened again and holds what was written.
    const reopened = await openInstance<Person>(storage, 'db', 'staff', schema);
    expect(await reopened.findDocumentsById(['s'], false)).toHaveLength(1);
    await reopened.close();
  });

  it('a remove() racing a close() drops the collection once and releases the connection once', async () => {
    const storage = getRxStorageSQLite({ directory: dir });
    const people = await openInstance<Person>(storage, 'db', 'people', schema);
    const staff = await openInstance<Person>(storage, 'db', 'staff', schema);
    await people.bulkWrite([{ document: personDoc({ id: 'x' }) }], 'test');
    await Promise.all([people.remove(), people.close()]);
    await staff.bulkWrite([{ document: personDoc({ id: 's' }) }], 'test');
    const again = await openInstance<Person>(storage, 'db', 'people', schema);
    expect(await again.findDocumentsById(['x'], true)).toEqual([]);
    await Promise.all([again.close(), staff.close()]);
  });

  it('gives STORAGE_DIR_UNAVAILABLE for a missing folder or a file in its place', async () => {
    const missing = openInstance<Person>(getRxStorageSQLite({ directory: join(dir, 'nope') }), 'db', 'people', schema);
    await expect(missing).rejects.toBeInstanceOf(StorageError);
    await expect(missing).rejects.toMatchObject({ code: 'STORAGE_DIR_UNAVAILABLE', message: expect.stringMatching(/does not exist/) });
    writeFileSync(join(dir, 'file'), 'x');
    await expect(openInstance<Person>(getRxStorageSQLite({ directory: join(dir, 'file') }), 'db', 'p', schema)).rejects.toMatchObject({
      code: 'STORAGE_DIR_UNAVAILABLE',
    });
    await expect(openInstance<Person>(getRxStorageSQLite({ directory: dir }), '../db', 'p', schema)).rejects.toMatchObject({
      code: 'STORAGE_DIR_UNAVAILABLE',
    });
  });

  it('gives STORAGE_CORRUPT for a file that is not a database, and leaves it in place', async () => {
    const path = join(dir, 'bad.sqlite');
    writeFileSync(path, 'this is not a database file, it is text'.repeat(200));
    await expect(openInstance<Person>(getRxStorageSQLite({ directory: dir }), 'bad', 'p', schema)).rejects.toMatchObject({
      code: 'STORAGE_CORRUPT',
    });
    expect(existsSync(path)).toBe(true);
  });

  it('gives STORAGE_CORRUPT for a zero-byte file instead of starting empty', async () => {
    writeFileSync(join(dir, 'empty.sqlite'), '');
    await expect(openInstance<Person>(getRxStorageSQLite({ directory: dir }), 'empty', 'p', schema)).rejects.toMatchObject({
      code: 'STORAGE_CORRUPT',
    });
  });

  it('works with synchronous NORMAL too', async () => {
    const inst = await openInstance<Person>(getRxStorageSQLite({ directory: dir, synchronous: 'NORMAL' }), 'n', 'people', schema);
    await inst.bulkWrite([{ document: personDoc({ id: 'a' }) }], 'test');
    expect(await inst.findDocumentsById(['a'], false)).toHaveLength(1);
    await inst.close();
  });
});
