import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeMangoQuery, prepareQuery, randomToken } from 'rxdb';
import type { MangoQuery, RxDocumentData } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { getRxStorageSQLite } from './index';
import { nextRev, openInstance, personDoc, personSchema, tempDir } from './test-builders';
import type { Person } from './test-builders';

/**
 * Random writes and queries against this storage and RxDB's storage-memory (the oracle).
 * Replay a failure with PROPERTY_SEED=<seed printed by fast-check> (and its path if given).
 */
const SEED = Number(process.env.PROPERTY_SEED ?? 20240611);
const schema = personSchema(false);
const ALPHABET = ['a', 'b', 'Z', ' ', '~', 'é', '张', '李', '😀', '🦄', '！', 'ｚ', '\uFFEE'];

const text = fc.array(fc.constantFrom(...ALPHABET), { minLength: 0, maxLength: 5 }).map((cs) => cs.join(''));
const fields = fc.record({
  name: text,
  age: fc.integer({ min: 0, max: 150 }),
  score: fc.integer({ min: 0, max: 10000 }).map((n) => n / 100),
  active: fc.boolean(),
  city: fc.option(text, { nil: undefined }),
});
type Fields = typeof fields extends fc.Arbitrary<infer F> ? F : never;
const op = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), id: fc.integer({ min: 0, max: 30 }), f: fields }),
  fc.record({ kind: fc.constant('update' as const), id: fc.integer({ min: 0, max: 30 }), f: fields, stale: fc.boolean() }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 0, max: 30 }) }),
);
const sortField = fc.constantFrom('name', 'age', 'score', 'active', 'id', 'nested.city');
const selector = fc.oneof(
  fc.constant({}),
  fc.record({ name: fc.record({ $gt: text }) }),
  fc.record({ name: fc.record({ $gte: text, $lt: text }) }),
  fc.record({ age: fc.record({ $lte: fc.integer({ min: 0, max: 150 }) }) }),
  fc.record({ age: fc.record({ $gt: fc.integer({ min: 0, max: 150 }) }), active: fc.boolean() }),
  fc.record({ score: fc.record({ $in: fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 4 }) }) }),
  fc.record({ 'nested.city': fc.record({ $exists: fc.boolean() }) }),
  fc.record({ $or: fc.tuple(fc.record({ name: text }), fc.record({ age: fc.record({ $lt: fc.integer({ min: 0, max: 150 }) }) })) }),
);
const query = fc.record({
  selector,
  withDeleted: fc.boolean(),
  sort: fc.uniqueArray(fc.record({ f: sortField, dir: fc.constantFrom('asc' as const, 'desc' as const) }), { maxLength: 3, selector: (s) => s.f }),
  skip: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  limit: fc.option(fc.integer({ min: 1, max: 15 }), { nil: undefined }),
});

function toDoc(id: number, f: Fields): RxDocumentData<Person> {
  return personDoc({ id: `d${id}`, name: f.name, age: f.age, score: f.score, active: f.active, nested: f.city === undefined ? {} : { city: f.city } });
}

describe('property: sqlite storage behaves like storage-memory', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => ({ dir, cleanup } = tempDir()));
  afterAll(() => cleanup());

  it(`random writes and queries give equal results (seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), fc.array(query, { minLength: 1, maxLength: 8 }), async (ops, queries) => {
        const name = `p${randomToken(8)}`;
        const sqlite = await openInstance<Person>(getRxStorageSQLite({ directory: dir }), name, 'people', schema);
        const memory = await openInstance<Person>(getRxStorageMemory(), name, 'people', schema);
        try {
          const stored = new Map<string, RxDocumentData<Person>>();
          for (const o of ops) {
            const id = `d${o.id}`;
            const prev = stored.get(id);
            let row;
            if (o.kind === 'insert') row = { document: toDoc(o.id, o.f) };
            else if (!prev) continue;
            else if (o.kind === 'delete') row = { previous: prev, document: nextRev(prev, { _deleted: true }) };
            else {
              const base = o.stale ? { ...prev, _rev: `1-${randomToken(10)}` } : prev;
              const next = toDoc(o.id, o.f);
              row = { previous: base, document: nextRev(prev, { ...next, _rev: prev._rev, _meta: prev._meta }) };
            }
            const [a, b] = await Promise.all([sqlite.bulkWrite([row], 'prop'), memory.bulkWrite([row], 'prop')]);
            expect(a.error.map((e) => [e.documentId, e.status])).toEqual(b.error.map((e) => [e.documentId, e.status]));
            if (a.error.length === 0) stored.set(id, row.document);
          }
          const ids = [...Array(31).keys()].map((i) => `d${i}`);
          expect(await sqlite.findDocumentsById(ids, true)).toEqual(await memory.findDocumentsById(ids, true));
          for (const q of queries) {
            const mango: MangoQuery<Person> = {
              selector: { ...(q.withDeleted ? {} : { _deleted: { $eq: false } }), ...q.selector } as never,
              sort: q.sort.map((s) => ({ [s.f]: s.dir })) as never,
              ...(q.skip === undefined ? {} : { skip: q.skip }),
              ...(q.limit === undefined ? {} : { limit: q.limit }),
            };
            const prepared = prepareQuery<Person>(schema, normalizeMangoQuery<Person>(schema, mango));
            const [a, b] = await Promise.all([sqlite.query(prepared), memory.query(prepared)]);
            expect(a.documents.map((d) => d.id)).toEqual(b.documents.map((d) => d.id));
            if (q.skip === undefined && q.limit === undefined) {
              expect((await sqlite.count(prepared)).count).toBe((await memory.count(prepared)).count);
            }
          }
        } finally {
          await sqlite.remove();
          await memory.remove();
        }
      }),
      { seed: SEED, numRuns: 60, verbose: 1 },
    );
  });
});
