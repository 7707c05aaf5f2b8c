import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeMangoQuery, prepareQuery } from 'rxdb';
import type { MangoQuery, RxDocumentData, RxJsonSchema, RxStorageInstance } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { getRxStorageSQLite } from './index';
import { openInstance, personDoc, personSchema, tempDir } from './test-builders';
import { indexRange } from './read-only';
import { indexColumnsOf } from './tables';

const indexColumnsByName = (schema: RxJsonSchema<RxDocumentData<Person>>) => new Map(indexColumnsOf(schema).map((c) => [c.name, c]));
import type { Person } from './test-builders';

const NAMES = ['anna', 'bob', 'Émile', '张伟', '李娜', 'zoë', '😀smile', '🦄', '！wide', 'ｚ', 'a😀b', 'a\uFFEFb', ''];
const CITIES = ['Bern', '北京', '🏔️Zermatt', 'Ａarau', undefined];

function population(): RxDocumentData<Person>[] {
  return Array.from({ length: 60 }, (_, i) => {
    const city = CITIES[i % CITIES.length];
    const doc = personDoc(
      {
        id: `p${String(i).padStart(3, '0')}`,
        name: NAMES[i % NAMES.length]!,
        age: (i * 7) % 90,
        score: Math.round(((i * 13.37) % 100) * 100) / 100,
        active: i % 3 !== 0,
        nested: city === undefined ? {} : { city, zip: String(1000 + i) },
        tags: i % 4 === 0 ? ['vip'] : ['std'],
      },
      1000 + i,
    );
    return i % 11 === 5 ? { ...doc, _deleted: true } : doc;
  });
}

describe('sqlite storage: queries match storage-memory', () => {
  const schema: RxJsonSchema<RxDocumentData<Person>> = personSchema(false);
  let sqlite: RxStorageInstance<Person, unknown, unknown>;
  let memory: RxStorageInstance<Person, unknown, unknown>;
  let cleanup: () => void;

  beforeAll(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    sqlite = await openInstance<Person>(getRxStorageSQLite({ directory: t.dir }), 'db', 'people', schema);
    memory = await openInstance<Person>(getRxStorageMemory(), `mem${Date.now()}`, 'people', schema);
    const rows = population().map((document) => ({ document }));
    await sqlite.bulkWrite(rows, 'seed');
    await memory.bulkWrite(rows, 'seed');
  });
  afterAll(async () => {
    await sqlite.close();
    await memory.close();
    cleanup();
  });

  async function both(q: MangoQuery<Person>): Promise<{ ids: string[]; count: number }> {
    const prepared = prepareQuery<Person>(schema, normalizeMangoQuery<Person>(schema, q));
    const [a, b] = await Promise.all([sqlite.query(prepared), memory.query(prepared)]);
    const ids = a.documents.map((d) => d.id);
    expect(ids).toEqual(b.documents.map((d) => d.id));
    expect(a.documents).toEqual(b.documents);
    const [ca, cb] = await Promise.all([sqlite.count(prepared), memory.count(prepared)]);
    expect(ca.count).toBe(cb.count);
    return { ids, count: ca.count };
  }

  const alive = { _deleted: { $eq: false } };
  const selectors: [string, MangoQuery<Person>['selector']][] = [
    ['$eq', { ...alive, name: { $eq: 'bob' } }],
    ['$ne', { ...alive, name: { $ne: 'bob' } }],
    ['$gt', { ...alive, age: { $gt: 40 } }],
    ['$gte', { ...alive, age: { $gte: 42 } }],
    ['$lt', { ...alive, score: { $lt: 30.5 } }],
    ['$lte', { ...alive, score: { $lte: 26.74 } }],
    ['$in', { ...alive, name: { $in: ['张伟', '🦄', 'zoë'] } }],
    ['$nin', { ...alive, name: { $nin: ['张伟', '🦄', 'zoë'] } }],
    ['$regex', { ...alive, name: { $regex: '^a' } }],
    ['$exists true', { ...alive, 'nested.city': { $exists: true } }],
    ['$exists false', { ...alive, 'nested.city': { $exists: false } }],
    ['$or', { ...alive, $or: [{ age: { $lt: 10 } }, { name: '😀smile' }] }],
    ['$and', { ...alive, $and: [{ age: { $gte: 10 } }, { age: { $lte: 50 } }, { active: true }] }],
    ['nested field', { ...alive, 'nested.city': '北京' }],
    ['array element', { ...alive, tags: { $in: ['vip'] } }],
    ['emoji range', { ...alive, name: { $gt: '😀', $lt: '！' } }],
    ['CJK range', { ...alive, name: { $gte: '张', $lte: '李娜' } }],
  ];
  for (const [label, selector] of selectors) {
    it(`selector ${label}`, async () => {
      const { ids } = await both({ selector, sort: [{ id: 'asc' }] });
      expect(ids.length).toBeGreaterThan(0);
    });
  }

  it('returns no deleted documents when the selector asks for live ones', async () => {
    const { ids } = await both({ selector: alive });
    expect(ids).not.toContain('p005');
    expect(ids.length).toBe(60 - 5);
  });

  it('sorts on several fields, ascending and descending', async () => {
    await both({ selector: alive, sort: [{ active: 'desc' }, { age: 'asc' }, { name: 'desc' }] });
    const { ids } = await both({ selector: alive, sort: [{ name: 'asc' }, { score: 'desc' }] });
    expect(ids.length).toBe(55);
  });

  it('orders emoji, CJK, full-width and ASCII names in UTF-16 code-unit order through the index', async () => {
    const prepared = prepareQuery<Person>(schema, normalizeMangoQuery<Person>(schema, { selector: alive, sort: [{ name: 'asc' }] }));
    expect(prepared.queryPlan.sortSatisfiedByIndex).toBe(true);
    const names = (await sqlite.query(prepared)).documents.map((d) => d.name);
    const jsSorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(names).toEqual(jsSorted);
    expect(names.indexOf('🦄')).toBeLessThan(names.indexOf('！wide'));
    expect(new Set(names).size).toBe(NAMES.length);
  });

  it('applies skip and limit, inside and outside the index', async () => {
    const a = await both({ selector: alive, sort: [{ age: 'asc' }], skip: 5, limit: 7 });
    expect(a.ids).toHaveLength(7);
    const b = await both({ selector: { ...alive, name: { $regex: 'o' } }, sort: [{ score: 'desc' }], skip: 1, limit: 2 });
    expect(b.ids).toHaveLength(2);
    expect((await both({ selector: alive, limit: 0 })).ids).toEqual([]);
  });

  it('reads a $in on an index field after an equal one as one range per value, with the same answers', async () => {
    const cases: MangoQuery<Person>[] = [
      { selector: { ...alive, active: true, age: { $in: [7, 49, 14, 49, 63] } }, index: ['_deleted', 'active', 'age', 'id'] },
      { selector: { ...alive, active: { $in: [false, true] }, age: { $gte: 20 } }, index: ['_deleted', 'active', 'age', 'id'] },
      { selector: { ...alive, active: false, age: { $in: [0, 21] } }, index: ['_deleted', 'active', 'age', 'id'], sort: [{ active: 'asc' }, { age: 'desc' }] },
      { selector: { ...alive, name: { $in: ['张伟', '🦄', 'zoë', 'nobody'] } }, index: ['_deleted', 'name', 'id'], limit: 5 },
    ];
    for (const q of cases) {
      const prepared = prepareQuery<Person>(schema, normalizeMangoQuery<Person>(schema, q));
      const range = indexRange(schema, indexColumnsByName(schema), prepared);
      const values = Object.values(q.selector ?? {}).find((c): c is { $in: unknown[] } => !!c && typeof c === 'object' && '$in' in c)!.$in;
      expect(range.params).toHaveLength(2 * new Set(values).size);
      expect(range.where.split(' OR ')).toHaveLength(new Set(values).size);
      const { ids } = await both(q);
      expect(ids.length).toBeGreaterThan(0);
    }
  });

  it('serves a query on every schema index, with the index as hint', async () => {
    for (const index of schema.indexes ?? []) {
      const fields = Array.isArray(index) ? [...index] : [index as string];
      const sort = fields.map((f) => ({ [f]: 'asc' as const }));
      const prepared = prepareQuery<Person>(schema, normalizeMangoQuery<Person>(schema, { selector: {}, sort, index: fields }));
      expect(prepared.queryPlan.index).toEqual(fields);
      const [a, b] = await Promise.all([sqlite.query(prepared), memory.query(prepared)]);
      expect(a.documents.map((d) => d.id)).toEqual(b.documents.map((d) => d.id));
      expect(a.documents.length).toBe(60);
    }
  });

  it('answers range queries on numbers with exclusive and inclusive bounds', async () => {
    const { ids } = await both({ selector: { ...alive, age: { $gt: 14, $lte: 28 } }, sort: [{ age: 'asc' }] });
    expect(ids.length).toBeGreaterThan(0);
    await both({ selector: { ...alive, active: true, age: { $gte: 7, $lt: 70 } }, sort: [{ active: 'asc' }, { age: 'asc' }] });
  });
});
