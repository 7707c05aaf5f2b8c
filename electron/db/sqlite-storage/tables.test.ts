import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizeMangoQuery, prepareQuery } from 'rxdb';
import { getRxStorageSQLite } from './index';
import { indexColumnsOf } from './tables';
import { openInstance, personDoc, personSchema, tempDir } from './test-builders';
import type { Person } from './test-builders';

describe('sqlite storage: table layout', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());
  const schema = personSchema(false);
  const table = '"docs:people:v0"';

  function layout(path: string): { columns: string[]; indexes: string[] } {
    const db = new Database(path, { readonly: true });
    try {
      const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      const indexes = db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'docs:people:v0' AND sql IS NOT NULL ORDER BY name`)
        .pluck()
        .all() as string[];
      return { columns, indexes };
    } finally {
      db.close();
    }
  }

  it('keeps one index column per schema index and a partial tombstone index, nothing more', async () => {
    const inst = await openInstance<Person>(getRxStorageSQLite({ directory: dir }), 'db', 'people', schema);
    await inst.close();
    const n = indexColumnsOf(schema).length;
    expect(n).toBe(schema.indexes!.length);
    const { columns, indexes } = layout(join(dir, 'db.sqlite'));
    expect(columns).toEqual(['id', 'data', 'deleted', 'lwt', ...Array.from({ length: n }, (_, i) => `i${i}`)]);
    expect(indexes).toEqual([...Array.from({ length: n }, (_, i) => `docs:people:v0:i${i}`), 'docs:people:v0:tombstones']);
  });

  it('upgrades a table of the first layout in place, keeping its documents', async () => {
    const first = await openInstance<Person>(getRxStorageSQLite({ directory: dir }), 'db', 'people', schema);
    await first.bulkWrite([{ document: personDoc({ id: 'a', age: 40 }) }, { document: personDoc({ id: 'b', age: 20 }) }], 'test');
    await first.close();
    // Rebuild what the first layout wrote: an extra index column, its index and a full cleanup index.
    const path = join(dir, 'db.sqlite');
    const n = indexColumnsOf(schema).length;
    const db = new Database(path);
    db.exec(`ALTER TABLE ${table} ADD COLUMN i${n} BLOB NOT NULL DEFAULT x'30'`);
    db.exec(`CREATE INDEX "docs:people:v0:i${n}" ON ${table} (i${n})`);
    db.exec(`CREATE INDEX "docs:people:v0:cleanup" ON ${table} (deleted, lwt)`);
    db.exec(`DROP INDEX "docs:people:v0:tombstones"`);
    const names = [...indexColumnsOf(schema).map((i) => i.name), '_deleted,_meta.lwt,id'];
    db.prepare(`UPDATE cims_storage_meta SET value = ? WHERE key = 'table:people:v0'`).run(JSON.stringify(names));
    db.close();
    expect(layout(path).columns).toContain(`i${n}`);

    const again = await openInstance<Person>(getRxStorageSQLite({ directory: dir }), 'db', 'people', schema);
    const byAge = prepareQuery<Person>(schema, normalizeMangoQuery<Person>(schema, { selector: { _deleted: { $eq: false } } as never, sort: [{ age: 'asc' }] }));
    expect((await again.query(byAge)).documents.map((d) => d.id)).toEqual(['b', 'a']);
    expect((await again.bulkWrite([{ document: personDoc({ id: 'c', age: 30 }) }], 'test')).error).toEqual([]);
    expect((await again.query(byAge)).documents.map((d) => d.id)).toEqual(['b', 'c', 'a']);
    await again.close();
    const upgraded = layout(path);
    expect(upgraded.columns).not.toContain(`i${n}`);
    expect(upgraded.indexes).toContain('docs:people:v0:tombstones');
    expect(upgraded.indexes).not.toContain('docs:people:v0:cleanup');
  });
});
