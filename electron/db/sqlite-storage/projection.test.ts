import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RxDocumentData, RxStorageInstance } from 'rxdb';
import { getRxStorageSQLite, type ProjectionSpec } from './index';
import { nextRev, openInstance, personDoc, personSchema, tempDir } from './test-builders';
import type { Person } from './test-builders';

/** People's name, age and city as columns; inactive people have no row. */
const spec = (version = 1): ProjectionSpec => ({
  version,
  columns: [
    ['id', 'TEXT'],
    ['name', 'TEXT'],
    ['age', 'INTEGER'],
    ['city', 'TEXT'],
  ],
  indexes: [['age', 'id'], ['city']],
  row: (doc) => (doc.active ? [doc.id as string, doc.name as string, doc.age as number, (doc.nested as { city?: string } | undefined)?.city ?? null] : null),
});

describe('projection tables in the SQLite store', () => {
  let dir: string;
  let cleanup: () => void;
  let people: RxStorageInstance<Person, unknown, unknown>;
  const schema = personSchema(false);
  const storage = (version = 1) => getRxStorageSQLite({ directory: dir, projections: { people: spec(version) } });
  const file = () => join(dir, 'db.sqlite');
  /** The projection as another connection reads it, in id order. */
  const rows = (): unknown[] => {
    const db = new Database(file(), { readonly: true });
    try {
      return db.prepare(`SELECT id, name, age, city FROM "proj:people:v0" ORDER BY id`).all();
    } finally {
      db.close();
    }
  };
  const write = async (...docs: RxDocumentData<Person>[]) => {
    expect((await people.bulkWrite(docs.map((document) => ({ document })), 'test')).error).toEqual([]);
  };
  const update = async (previous: RxDocumentData<Person>, document: RxDocumentData<Person>) => {
    expect((await people.bulkWrite([{ previous, document }], 'test')).error).toEqual([]);
  };

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir('cims-proj-'));
    people = await openInstance<Person>(storage(), 'db', 'people', schema);
    await write(
      personDoc({ id: 'p1', name: 'anna', age: 31, nested: { city: 'Bern' } }),
      personDoc({ id: 'p2', name: 'bo', age: 42, nested: {} }),
      personDoc({ id: 'p3', name: 'cy', age: 50, active: false }),
    );
  });
  afterEach(async () => {
    await people.close();
    cleanup();
  });

  it('holds a row per projected document, written with it, and an index per spec entry', () => {
    expect(rows()).toEqual([
      { id: 'p1', name: 'anna', age: 31, city: 'Bern' },
      { id: 'p2', name: 'bo', age: 42, city: null },
    ]);
    const db = new Database(file(), { readonly: true });
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM "proj:people:v0" WHERE age > 40 ORDER BY age, id`).all() as { detail: string }[];
    db.close();
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX/);
  });

  it('follows updates, deletes and documents that stop or start being projected', async () => {
    const [p1, , p3] = (await people.findDocumentsById(['p1', 'p2', 'p3'], false)) as RxDocumentData<Person>[];
    const renamed = nextRev(p1!, { name: 'anne', age: 32 });
    await update(p1!, renamed);
    await update(p3!, nextRev(p3!, { active: true }));
    expect(rows()).toEqual([
      { id: 'p1', name: 'anne', age: 32, city: 'Bern' },
      { id: 'p2', name: 'bo', age: 42, city: null },
      { id: 'p3', name: 'cy', age: 50, city: 'Bern' },
    ]);
    await update(renamed, nextRev(renamed, { _deleted: true }));
    const [p2] = (await people.findDocumentsById(['p2'], false)) as RxDocumentData<Person>[];
    await update(p2!, nextRev(p2!, { active: false }));
    expect(rows()).toEqual([{ id: 'p3', name: 'cy', age: 50, city: 'Bern' }]);
  });

  it('replaces a row left above every document when a new document takes its rowid', async () => {
    // Written outside the storage: the projection holds a row the documents do not.
    const raw = new Database(file());
    raw.prepare(`INSERT INTO "proj:people:v0" (rowid, id, name, age, city) VALUES (4, 'ghost', 'ghost', 1, NULL)`).run();
    raw.close();
    await write(personDoc({ id: 'p4', name: 'dee', age: 27, nested: { city: 'Chur' } }));
    expect(rows()).toEqual([
      { id: 'p1', name: 'anna', age: 31, city: 'Bern' },
      { id: 'p2', name: 'bo', age: 42, city: null },
      { id: 'p4', name: 'dee', age: 27, city: 'Chur' },
    ]);
  });

  it('rolls back with the documents when a write fails', async () => {
    const db = new Database(file());
    // A trigger that fails the projection's insert of one document fails the whole write.
    db.exec(`CREATE TRIGGER boom BEFORE INSERT ON "proj:people:v0" WHEN NEW.id = 'bad' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    db.close();
    await expect(people.bulkWrite([{ document: personDoc({ id: 'ok' }) }, { document: personDoc({ id: 'bad' }) }], 'test')).rejects.toThrow();
    expect(await people.findDocumentsById(['ok', 'bad'], false)).toEqual([]);
    expect(rows()).toHaveLength(2);
  });

  it('is rebuilt at open when missing or built by another spec version, and not otherwise', async () => {
    await people.close();
    const raw = new Database(file());
    raw.prepare(`INSERT INTO "proj:people:v0" (rowid, id, name, age, city) VALUES (999, 'ghost', 'ghost', 1, NULL)`).run();
    raw.close();
    // Same spec: kept as found (no scan at open).
    people = await openInstance<Person>(storage(), 'db', 'people', schema);
    expect(rows()).toHaveLength(3);
    await people.close();
    // Another spec version: rebuilt from the documents.
    people = await openInstance<Person>(storage(2), 'db', 'people', schema);
    expect(rows()).toEqual([
      { id: 'p1', name: 'anna', age: 31, city: 'Bern' },
      { id: 'p2', name: 'bo', age: 42, city: null },
    ]);
    await people.close();
    // Dropped outside the storage: rebuilt.
    const raw2 = new Database(file());
    raw2.exec(`DROP TABLE "proj:people:v0"`);
    raw2.close();
    people = await openInstance<Person>(storage(2), 'db', 'people', schema);
    expect(rows()).toHaveLength(2);
  });

  it('projects a store written before the projection existed when it is first opened with it', async () => {
    await people.close();
    const { dir: other, cleanup: done } = tempDir('cims-proj-old-');
    try {
      const plain = await openInstance<Person>(getRxStorageSQLite({ directory: other }), 'db', 'people', schema);
      await plain.bulkWrite([{ document: personDoc({ id: 'old', name: 'old', age: 70, nested: { city: 'Thun' } }) }], 'test');
      await plain.close();
      const projected = await openInstance<Person>(getRxStorageSQLite({ directory: other, projections: { people: spec() } }), 'db', 'people', schema);
      const db = new Database(join(other, 'db.sqlite'), { readonly: true });
      expect(db.prepare(`SELECT id, city FROM "proj:people:v0"`).all()).toEqual([{ id: 'old', city: 'Thun' }]);
      db.close();
      await projected.close();
    } finally {
      done();
      people = await openInstance<Person>(storage(), 'db', 'people', schema);
    }
  });

  it('is dropped with the collection', async () => {
    await people.remove();
    people = await openInstance<Person>(storage(), 'db', 'people', schema);
    expect(rows()).toEqual([]);
  });
  it('keeps the planner statistics: taken when enough rows changed, so a rare value leads the plan', async () => {
    const stats = (): { idx: string | null; stat: string }[] => {
      const db = new Database(file(), { readonly: true });
      try {
        return db.prepare(`SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'proj:people:v0' ORDER BY idx`).all() as { idx: string | null; stat: string }[];
      } finally {
        db.close();
      }
    };
    /** The index the planner takes for people of a city older than an age, as another connection plans it. */
    const indexFor = (city: string, olderThan: number): string => {
      const db = new Database(file(), { readonly: true });
      try {
        const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT COUNT(*) FROM "proj:people:v0" WHERE city = ? AND age > ?`).all(city, olderThan) as { detail: string }[];
        return /INDEX "?proj:people:v0:(x\d)/.exec(plan.map((p) => p.detail).join(' '))?.[1] ?? 'none';
      } finally {
        db.close();
      }
    };
    // 3 rows: below the changes that retake them, the statistics of the empty table stand.
    expect(stats().every((s) => s.stat.startsWith('0') || s.stat === '')).toBe(true);
    // 600 people, ages 0-599, all in Basel but 6 in Bern.
    await write(...Array.from({ length: 600 }, (_, i) => personDoc({ id: `q${String(i).padStart(3, '0')}`, age: i, nested: { city: i % 100 === 0 ? 'Bern' : 'Basel' } })));
    expect(stats().find((s) => s.idx === 'proj:people:v0:x1')?.stat).toMatch(/^60[0-9] /);
    // Few in Bern: the city index leads; among the many in Basel, the few older than 590 do.
    expect(indexFor('Bern', 10)).toBe('x1');
    expect(indexFor('Basel', 590)).toBe('x0');
  });
});
