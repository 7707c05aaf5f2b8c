import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { normalizeMangoQuery, prepareQuery } from 'rxdb';
import type { RxDocumentData, RxStorageInstance } from 'rxdb';
import { docCacheBytes, setDocCacheBudget } from './doc-cache';
import { getRxStorageSQLite } from './index';
import { nextRev, openInstance, personDoc, personSchema, tempDir } from './test-builders';
import type { Person } from './test-builders';

type Inst = RxStorageInstance<Person, unknown, unknown>;

describe('sqlite storage: parsed-document cache', () => {
  let dir: string;
  let cleanup: () => void;
  const schema = personSchema(false);
  const open = (name = 'db') => openInstance<Person>(getRxStorageSQLite({ directory: dir }), name, 'people', schema);
  const byAge = prepareQuery<Person>(schema, normalizeMangoQuery<Person>(schema, { selector: { _deleted: { $eq: false } } as never, sort: [{ age: 'asc' }] }));
  const names = async (inst: Inst) => (await inst.query(byAge)).documents.map((d) => `${d.id}:${d.name}`);

  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('serves the written objects, and a write replaces them (update, delete)', async () => {
    const inst = await open();
    const a = personDoc({ id: 'a', age: 1 });
    const b = personDoc({ id: 'b', age: 2 });
    await inst.bulkWrite([{ document: a }, { document: b }], 'test');
    expect((await inst.findDocumentsById(['a'], false))[0]).toBe(a); // no parse: the cached object
    expect(await names(inst)).toEqual(['a:anna', 'b:anna']);

    const a2 = nextRev(a, { name: 'neu' });
    expect((await inst.bulkWrite([{ previous: a, document: a2 }], 'test')).error).toEqual([]);
    expect(await names(inst)).toEqual(['a:neu', 'b:anna']);
    expect((await inst.findDocumentsById(['a'], false))[0]).toEqual(a2);

    const gone = nextRev(b, { _deleted: true });
    await inst.bulkWrite([{ previous: b, document: gone }], 'test');
    expect(await names(inst)).toEqual(['a:neu']);
    expect(await inst.findDocumentsById(['b'], false)).toEqual([]);
    expect((await inst.findDocumentsById(['b'], true))[0]?._deleted).toBe(true);
    await inst.close();
  });

  it('never serves a purged tombstone for a new document that reuses its rowid', async () => {
    const inst = await open();
    const [a, b] = [personDoc({ id: 'a', age: 1 }, 1000), personDoc({ id: 'b', age: 2 }, 1001)];
    await inst.bulkWrite([{ document: a }, { document: b }], 'test');
    await inst.bulkWrite([{ previous: b, document: { ...nextRev(b, { _deleted: true }), _meta: { lwt: 1002 } } }], 'test');
    expect(await inst.cleanup(0)).toBe(true);
    // b had the highest rowid; SQLite hands the same rowid to the next insert.
    await inst.bulkWrite([{ document: personDoc({ id: 'c', age: 3, name: 'cleo' }) }], 'test');
    expect(await names(inst)).toEqual(['a:anna', 'c:cleo']);
    expect((await inst.findDocumentsById(['b', 'c'], true)).map((d) => d.id)).toEqual(['c']);
    await inst.close();
  });

  it('is shared by two instances of one collection, and survives a close and reopen', async () => {
    const one = await open();
    const two = await open();
    const a = personDoc({ id: 'a' });
    await one.bulkWrite([{ document: a }], 'test');
    expect((await two.findDocumentsById(['a'], false))[0]).toBe(a);
    await two.bulkWrite([{ previous: a, document: nextRev(a, { name: 'zwei' }) }], 'test');
    expect(await names(one)).toEqual(['a:zwei']);
    await Promise.all([one.close(), two.close()]);
    const again = await open();
    expect(await names(again)).toEqual(['a:zwei']);
    await again.close();
  });

  it('notices writes of another connection to the same file (another process), open or closed', async () => {
    const mine = await open();
    const a = personDoc({ id: 'a' });
    await mine.bulkWrite([{ document: a }], 'test');
    expect(await names(mine)).toEqual(['a:anna']);
    // A fresh module graph has its own connection and cache, like another process.
    vi.resetModules();
    const other = await import('./index');
    const theirs = await openInstance<Person>(other.getRxStorageSQLite({ directory: dir }), 'db', 'people', schema);
    const a2 = nextRev(a, { name: 'fremd' });
    expect((await theirs.bulkWrite([{ previous: a, document: a2 }], 'test')).error).toEqual([]);
    expect(await names(mine)).toEqual(['a:fremd']);
    expect((await mine.findDocumentsById(['a'], false))[0]).toEqual(a2);

    await mine.close();
    await theirs.bulkWrite([{ previous: a2, document: nextRev(a2, { name: 'dritte' }) }], 'test');
    await theirs.close();
    const reopened = await open();
    expect(await names(reopened)).toEqual(['a:dritte']);
    await reopened.close();
  });

  it('stays within its byte budget, evicting the oldest documents', async () => {
    const old = setDocCacheBudget(20_000);
    try {
      const inst = await open('budget');
      const docs = Array.from({ length: 200 }, (_, i) => personDoc({ id: `p${String(i).padStart(3, '0')}`, age: i % 150, tags: ['x'.repeat(200)] }));
      await inst.bulkWrite(docs.map((document) => ({ document })), 'test');
      expect(docCacheBytes()).toBeLessThanOrEqual(20_000);
      const all = (await inst.query(byAge)).documents as RxDocumentData<Person>[];
      expect(all).toHaveLength(200);
      expect(docCacheBytes()).toBeLessThanOrEqual(20_000);
      expect((await inst.findDocumentsById(['p000', 'p199'], false)).map((d) => d.id)).toEqual(['p000', 'p199']);
      await inst.close();
    } finally {
      setDocCacheBudget(old);
    }
  });
});
