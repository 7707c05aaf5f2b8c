import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RxDocumentData, RxStorageInstance } from 'rxdb';
import { betterSqlite3Driver, getRxStorageSQLite, rebuildAllFullText, searchFullText, searchTerms, type FullTextSpecs } from './index';
import { hasSearchWord } from '../../../shared/api/queue';
import { nextRev, openInstance, personDoc, personSchema, tempDir } from './test-builders';
import type { Person } from './test-builders';

/** People are found by name (heading) and tags (body); a "comment" is a person-shaped doc whose hits stand for the person in nested.zip. */
const specs: FullTextSpecs = {
  people: (doc) => ({ group: doc.id as string, head: doc.name as string, body: ((doc.tags as string[]) ?? []).join(' ') }),
  comments: (doc) => {
    const owner = (doc.nested as { zip?: string } | undefined)?.zip;
    return owner ? { group: owner, head: '', body: ((doc.tags as string[]) ?? []).join(' ') } : null;
  },
};
const COLLECTIONS = ['people', 'comments'];

/** An entry written outside the storage, one the documents do not hold: the index and its group. */
const ghost = (raw: Database.Database, rowid: number): void => {
  raw.prepare(`INSERT INTO "fts:people:v0" (rowid, head, body) VALUES (?, 'ghost', '')`).run(rowid);
  raw.prepare(`INSERT INTO "ftsgroup:people:v0" (rowid, grp) VALUES (?, 'ghost')`).run(rowid);
};

describe('full-text index in the SQLite store', () => {
  let dir: string;
  let cleanup: () => void;
  let people: RxStorageInstance<Person, unknown, unknown>;
  let comments: RxStorageInstance<Person, unknown, unknown>;
  const schema = personSchema(false);
  const storage = () => getRxStorageSQLite({ directory: dir, fullText: specs });
  const file = () => join(dir, 'db.sqlite');
  const search = (text: string, limit = 50): string[] => {
    const db = betterSqlite3Driver(file());
    try {
      return searchFullText(db, COLLECTIONS, text, limit).hits.map((h) => h.group);
    } finally {
      db.close();
    }
  };
  const write = async (inst: RxStorageInstance<Person, unknown, unknown>, ...docs: RxDocumentData<Person>[]) => {
    expect((await inst.bulkWrite(docs.map((document) => ({ document })), 'test')).error).toEqual([]);
  };

  const update = async (previous: RxDocumentData<Person>, document: RxDocumentData<Person>) => {
    expect((await people.bulkWrite([{ previous, document }], 'test')).error).toEqual([]);
  };

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir('cims-fts-'));
    people = await openInstance<Person>(storage(), 'db', 'people', schema);
    comments = await openInstance<Person>(storage(), 'db', 'comments', schema);
    await write(
      people,
      personDoc({ id: 'p1', name: 'Pump station', tags: ['华东机房光缆被挖断，全网断网'] }),
      personDoc({ id: 'p2', name: '光缆中断', tags: ['fibre cut near the river'] }),
      personDoc({ id: 'p3', name: 'Router reboot', tags: ['断电后重启 pumping'] }),
    );
  });
  afterEach(async () => {
    await people.close();
    await comments.close();
    cleanup();
  });

  it('finds Chinese words of two characters, one character and longer, as exact substrings', () => {
    expect(search('断网')).toEqual(['p1']);
    expect(search('光缆').sort()).toEqual(['p1', 'p2']);
    expect(search('挖断')).toEqual(['p1']);
    expect(search('全网断网')).toEqual(['p1']);
    expect(search('断').sort()).toEqual(['p1', 'p2', 'p3']);
    // Both characters occur in p1, but not next to each other.
    expect(search('网光')).toEqual([]);
  });

  it('finds English words by prefix, case-insensitively, and needs every term', () => {
    expect(search('pum').sort()).toEqual(['p1', 'p3']);
    expect(search('pu').sort()).toEqual(['p1', 'p3']);
    // One letter is not a word yet: it narrows nothing, alone or beside a word (one Chinese character is one).
    expect(search('p')).toEqual([]);
    expect(searchTerms('p 光 ab 9 12')).toEqual(['光', 'ab', '12']);
    expect(search('r pump').sort()).toEqual(['p1', 'p3']);
    // The renderer asks for a second letter by the same rule.
    for (const text of ['p', 'a b 1', 'x!', '光', 'a 光', '42', 'ＡＢ', 'ab', 'é1', '!!']) expect(hasSearchWord(text)).toBe(searchTerms(text).length > 0);
    expect(search('PUMP STAT')).toEqual(['p1']);
    expect(search('ump')).toEqual([]);
    expect(search('fibre 光缆')).toEqual(['p2']);
  });

  it('ranks a hit in the heading above a hit in the body', () => {
    expect(search('pump')).toEqual(['p1', 'p3']);
    expect(search('光缆')).toEqual(['p2', 'p1']);
  });

  it('ranks the newest matches of a table when more match than it ranks, and says so', async () => {
    // 30 more people whose names have "pump" (rowids after p1-p3); the newest ten of 33 are ranked.
    await write(people, ...Array.from({ length: 30 }, (_, i) => personDoc({ id: `q${String(i).padStart(2, '0')}`, name: i % 2 ? 'pump' : 'old pump house annex', tags: [] })));
    const db = betterSqlite3Driver(file());
    try {
      const whole = searchFullText(db, COLLECTIONS, 'pump', 100);
      expect(whole.capped).toBe(false);
      expect(whole.hits).toHaveLength(32);
      const newest = searchFullText(db, COLLECTIONS, 'pump', 100, 10);
      expect(newest.capped).toBe(true);
      expect(newest.hits.map((h) => h.group).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `q${20 + i}`));
      // Still ranked: the short names (a hit in most of the heading) first, as in the whole ranking.
      const order = whole.hits.map((h) => h.group).filter((g) => newest.hits.some((n) => n.group === g));
      expect(newest.hits.map((h) => h.group)).toEqual(order);
      expect(newest.hits.slice(0, 5).every((h) => Number(h.group.slice(1)) % 2 === 1)).toBe(true);
      // Exactly as many as ranked is not capped.
      expect(searchFullText(db, COLLECTIONS, 'pump', 100, 32).capped).toBe(false);
    } finally {
      db.close();
    }
  });

  it('ranks only the groups asked for when given, so older matches of those are not crowded out by newer ones', async () => {
    await write(people, ...Array.from({ length: 30 }, (_, i) => personDoc({ id: `q${String(i).padStart(2, '0')}`, name: 'pump', tags: [] })));
    // A comment on p3 that matches: its entry's group is p3, checked by group (no rowids given for comments).
    await write(comments, personDoc({ id: 'c1', name: '', tags: ['pumping station'], nested: { zip: 'p3' } }));
    const db = betterSqlite3Driver(file());
    try {
      const rowid = (id: string) => db.prepare(`SELECT rowid AS r FROM "docs:people:v0" WHERE id = ?`).all(id)[0]!.r as number;
      // Without a scope the ten newest of 33 people are ranked: p1 (the oldest) is not among them.
      expect(searchFullText(db, COLLECTIONS, 'pump', 100, 10).hits.map((h) => h.group)).not.toContain('p1');
      const within = { groups: ['p1', 'p3', 'q05'], rowids: { people: [rowid('p1'), rowid('q05')] } };
      const scoped = searchFullText(db, COLLECTIONS, 'pump', 100, 10, within);
      expect(scoped.capped).toBe(false);
      expect(scoped.hits.map((h) => h.group).sort()).toEqual(['p1', 'p3', 'q05']);
      // p3's own entry matches too but its rowid is not in the people rowids: only its comment brings it in.
      const withoutP3Comment = searchFullText(db, ['people'], 'pump', 100, 10, within);
      expect(withoutP3Comment.hits.map((h) => h.group).sort()).toEqual(['p1', 'q05']);
      expect(searchFullText(db, COLLECTIONS, 'pump', 100, 10, { groups: [], rowids: { people: [] } }).hits).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('answers nothing for punctuation only and treats FTS5 syntax as text', () => {
    expect(search('!!! ... ？？')).toEqual([]);
    expect(search('pump" OR NEAR(x')).toEqual([]);
    expect(search('"pump"')).toEqual(['p1', 'p3']);
    expect(search('x'.repeat(10_000))).toEqual([]);
  });

  it('follows updates and deletes in the same write', async () => {
    const [p1] = (await people.findDocumentsById(['p1'], false)) as RxDocumentData<Person>[];
    const changed = nextRev(p1!, { tags: ['电源告警'] });
    await update(p1!, changed);
    expect(search('断网')).toEqual([]);
    expect(search('告警')).toEqual(['p1']);
    await update(changed, nextRev(changed, { _deleted: true }));
    expect(search('告警')).toEqual([]);
    expect(search('pump')).toEqual(['p3']);
  });

  it('answers hits of another collection as the group they stand for, once per group', async () => {
    await write(comments, personDoc({ id: 'c1', name: 'c', nested: { zip: 'p3' }, tags: ['客户回复：光缆已修复'] }));
    await write(comments, personDoc({ id: 'c2', name: 'c', nested: {}, tags: ['光缆 without owner'] }));
    expect(search('光缆').sort()).toEqual(['p1', 'p2', 'p3']);
    expect(search('修复')).toEqual(['p3']);
    expect(search('光缆', 2)).toHaveLength(2);
  });

  it('is rebuilt on demand, and at open when another tokenizer version built it', async () => {
    const raw = new Database(file());
    raw.exec(`DELETE FROM "fts:people:v0"`);
    raw.exec(`DELETE FROM "ftsgroup:people:v0"`);
    raw.close();
    expect(search('断网')).toEqual([]);
    const db = betterSqlite3Driver(file());
    try {
      expect(rebuildAllFullText(db, specs)).toBe(3);
    } finally {
      db.close();
    }
    expect(search('断网')).toEqual(['p1']);

    // An index built by another tokenizer version is rebuilt when the store opens.
    await people.close();
    const raw2 = new Database(file());
    ghost(raw2, 999);
    raw2.prepare(`UPDATE cims_storage_meta SET value = 'old' WHERE key = 'fulltext:people:v0'`).run();
    raw2.close();
    expect(search('ghost')).toEqual(['ghost']);
    people = await openInstance<Person>(storage(), 'db', 'people', schema);
    expect(search('ghost')).toEqual([]);
    expect(search('断网')).toEqual(['p1']);
  });

  it('makes an index that kept its text (the earlier layout) contentless when the store opens', async () => {
    await people.close();
    const raw = new Database(file());
    raw.exec(`DROP TABLE "fts:people:v0"`);
    raw.exec(`DROP TABLE "ftsgroup:people:v0"`);
    raw.exec(`CREATE VIRTUAL TABLE "fts:people:v0" USING fts5(grp UNINDEXED, head, body, tokenize = 'unicode61 remove_diacritics 2')`);
    raw.prepare(`INSERT INTO "fts:people:v0" (rowid, grp, head, body) VALUES (999, 'ghost', 'ghost', '')`).run();
    raw.prepare(`UPDATE cims_storage_meta SET value = '1' WHERE key = 'fulltext:people:v0'`).run();
    raw.close();
    // Not searched in the earlier layout (it has no group table): nothing, and no error.
    expect(search('ghost')).toEqual([]);
    people = await openInstance<Person>(storage(), 'db', 'people', schema);
    expect(search('ghost')).toEqual([]);
    expect(search('断网')).toEqual(['p1']);
    const check = new Database(file(), { readonly: true });
    try {
      const sql = check.prepare(`SELECT sql FROM sqlite_master WHERE name = 'fts:people:v0'`).pluck().get() as string;
      expect(sql).toContain("content=''");
      expect(check.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'fts:people:v0_content'`).pluck().get()).toBe(0);
    } finally {
      check.close();
    }
  });

  it('replaces an entry left above every document when a new document takes its rowid', async () => {
    // Written outside the storage: the index holds a row the documents do not.
    const raw = new Database(file());
    ghost(raw, 4);
    raw.close();
    expect(search('ghost')).toEqual(['ghost']);
    await write(people, personDoc({ id: 'p4', name: 'Valve', tags: [] }), personDoc({ id: 'p5', name: 'Gauge', tags: [] }));
    expect(search('ghost')).toEqual([]);
    expect(search('valve')).toEqual(['p4']);
    expect(search('gauge')).toEqual(['p5']);
  });

  it('indexes a store written before the index existed when it is first opened with it', async () => {
    await people.close();
    await comments.close();
    const { dir: other, cleanup: done } = tempDir('cims-fts-old-');
    try {
      const plain = await openInstance<Person>(getRxStorageSQLite({ directory: other }), 'db', 'people', schema);
      await write(plain, personDoc({ id: 'old', name: '旧工单', tags: [] }));
      await plain.close();
      const indexed = await openInstance<Person>(getRxStorageSQLite({ directory: other, fullText: specs }), 'db', 'people', schema);
      const db = betterSqlite3Driver(join(other, 'db.sqlite'));
      expect(searchFullText(db, COLLECTIONS, '工单', 10).hits.map((h) => h.group)).toEqual(['old']);
      db.close();
      await indexed.close();
    } finally {
      done();
      people = await openInstance<Person>(storage(), 'db', 'people', schema);
      comments = await openInstance<Person>(storage(), 'db', 'comments', schema);
    }
  });
});
