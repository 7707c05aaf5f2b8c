import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RxDocumentData, RxStorageInstance } from 'rxdb';
import { getRxStorageSQLite } from './index';
import { nextRev, openInstance, personDoc, personSchema, tempDir } from './test-builders';
import type { Person } from './test-builders';

describe('sqlite storage: writes, reads, conflicts', () => {
  let dir: string;
  let cleanup: () => void;
  let inst: RxStorageInstance<Person, unknown, unknown>;
  const schema = personSchema();
  const storage = () => getRxStorageSQLite({ directory: dir });

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    inst = await openInstance<Person>(storage(), 'db', 'people', schema);
  });
  afterEach(async () => {
    await inst.close();
    cleanup();
  });

  it('inserts and finds by id, in the order asked, skipping unknown ids', async () => {
    const a = personDoc({ id: 'a' });
    const b = personDoc({ id: 'b', name: 'bo' });
    expect((await inst.bulkWrite([{ document: a }, { document: b }], 'test')).error).toEqual([]);
    const found = await inst.findDocumentsById(['b', 'zz', 'a'], false);
    expect(found).toEqual([b, a]);
  });

  it('answers an insert of an existing id with 409 and the stored document, without storage columns', async () => {
    const a = personDoc({ id: 'a' });
    await inst.bulkWrite([{ document: a }], 'test');
    const res = await inst.bulkWrite([{ document: personDoc({ id: 'a', name: 'other' }) }], 'test');
    expect(res.error).toHaveLength(1);
    expect(res.error[0]).toMatchObject({ status: 409, documentId: 'a', isError: true });
    const inDb = (res.error[0] as { documentInDb?: object }).documentInDb;
    expect(inDb).toEqual(a);
    expect(Object.keys(inDb ?? {}).sort()).toEqual(Object.keys(a).sort());
  });

  it('rejects an update with a stale _rev and accepts one with the current _rev', async () => {
    const v1 = personDoc({ id: 'a', age: 1 });
    await inst.bulkWrite([{ document: v1 }], 'test');
    const v2 = nextRev(v1, { age: 2 });
    expect((await inst.bulkWrite([{ previous: v1, document: v2 }], 'test')).error).toEqual([]);
    const stale = await inst.bulkWrite([{ previous: v1, document: nextRev(v1, { age: 3 }) }], 'test');
    expect(stale.error[0]).toMatchObject({ status: 409, documentInDb: v2 });
    expect((await inst.findDocumentsById(['a'], false))[0]?.age).toBe(2);
  });

  it('lets some rows of one bulkWrite succeed while others conflict', async () => {
    const a = personDoc({ id: 'a' });
    await inst.bulkWrite([{ document: a }], 'test');
    const res = await inst.bulkWrite([{ document: personDoc({ id: 'a' }) }, { document: personDoc({ id: 'b' }) }], 'test');
    expect(res.error.map((e) => e.documentId)).toEqual(['a']);
    expect((await inst.findDocumentsById(['a', 'b'], false)).map((d) => d.id)).toEqual(['a', 'b']);
  });

  it('keeps deleted documents hidden unless withDeleted, and allows re-inserting over them', async () => {
    const a = personDoc({ id: 'a' });
    await inst.bulkWrite([{ document: a }], 'test');
    const del = nextRev(a, { _deleted: true });
    await inst.bulkWrite([{ previous: a, document: del }], 'test');
    expect(await inst.findDocumentsById(['a'], false)).toEqual([]);
    expect(await inst.findDocumentsById(['a'], true)).toEqual([del]);
    const again = nextRev(del, { _deleted: false, name: 'back' });
    expect((await inst.bulkWrite([{ previous: del, document: again }], 'test')).error).toEqual([]);
    expect((await inst.findDocumentsById(['a'], false))[0]?.name).toBe('back');
  });

  it('inserts an already deleted document (as replication does)', async () => {
    const gone = { ...personDoc({ id: 'g' }), _deleted: true };
    expect((await inst.bulkWrite([{ document: gone }], 'test')).error).toEqual([]);
    expect(await inst.findDocumentsById(['g'], true)).toEqual([gone]);
  });

  it('stores attachments in SQLite and returns them as Blob; removal and deletion drop them', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const digest = 'md5-abc';
    const doc: RxDocumentData<Person> = {
      ...personDoc({ id: 'p' }),
      _attachments: { photo: { type: 'image/png', length: bytes.length, digest, data: new Blob([bytes], { type: 'image/png' }) } as never },
    };
    expect((await inst.bulkWrite([{ document: doc }], 'test')).error).toEqual([]);
    const stored = (await inst.findDocumentsById(['p'], false))[0]!;
    expect(stored._attachments.photo).toEqual({ type: 'image/png', length: 5, digest });
    const blob = await inst.getAttachmentData('p', 'photo', digest);
    expect(blob).toBeInstanceOf(Blob);
    expect(blob.type).toBe('image/png');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
    await expect(inst.getAttachmentData('p', 'photo', 'md5-wrong')).rejects.toThrow(/attachment does not exist/);

    const withSig = nextRev(stored, {
      _attachments: { ...stored._attachments, sig: { type: 'image/svg+xml', length: 3, digest: 'md5-s', data: new Blob(['<s>']) } as never },
    });
    await inst.bulkWrite([{ previous: stored, document: withSig }], 'test');
    const s2 = (await inst.findDocumentsById(['p'], false))[0]!;
    expect(await (await inst.getAttachmentData('p', 'sig', 'md5-s')).text()).toBe('<s>');
    const noPhoto = nextRev(s2, { _attachments: { sig: s2._attachments.sig! } });
    await inst.bulkWrite([{ previous: s2, document: noPhoto }], 'test');
    await expect(inst.getAttachmentData('p', 'photo', digest)).rejects.toThrow();
    const s3 = (await inst.findDocumentsById(['p'], false))[0]!;
    await inst.bulkWrite([{ previous: s3, document: nextRev(s3, { _deleted: true }) }], 'test');
    await expect(inst.getAttachmentData('p', 'sig', 'md5-s')).rejects.toThrow();
  });

  it('rejects an attachment without data on insert with status 510', async () => {
    const doc = { ...personDoc({ id: 'x' }), _attachments: { a: { type: 't', length: 1, digest: 'd' } } };
    const res = await inst.bulkWrite([{ document: doc }], 'test');
    expect(res.error[0]).toMatchObject({ status: 510, attachmentId: 'a' });
    expect(await inst.findDocumentsById(['x'], true)).toEqual([]);
  });

  it('cleanup purges old tombstones only', async () => {
    const old = { ...personDoc({ id: 'old' }, 1000), _deleted: true };
    const fresh = { ...personDoc({ id: 'fresh' }), _deleted: true };
    const alive = personDoc({ id: 'alive' }, 1000);
    await inst.bulkWrite([{ document: old }, { document: fresh }, { document: alive }], 'test');
    expect(await inst.cleanup(60_000)).toBe(true);
    expect((await inst.findDocumentsById(['old', 'fresh', 'alive'], true)).map((d) => d.id)).toEqual(['fresh', 'alive']);
    expect(await inst.cleanup(0)).toBe(true);
    expect((await inst.findDocumentsById(['old', 'fresh', 'alive'], true)).map((d) => d.id)).toEqual(['alive']);
  });

  it('emits one event bulk per write with context, operations and a {id, lwt} checkpoint', async () => {
    const bulks: { context: string; ops: string[]; checkpoint: unknown }[] = [];
    const sub = inst.changeStream().subscribe((b) => bulks.push({ context: b.context, ops: b.events.map((e) => `${e.operation}:${e.documentId}`), checkpoint: b.checkpoint }));
    const a = personDoc({ id: 'a' });
    const b = personDoc({ id: 'b' });
    await inst.bulkWrite([{ document: a }, { document: b }], 'ctx-1');
    const a2 = nextRev(a, { age: 99 });
    await inst.bulkWrite([{ previous: a, document: a2 }], 'ctx-2');
    await inst.bulkWrite([{ previous: a2, document: nextRev(a2, { _deleted: true }) }], 'ctx-3');
    await inst.bulkWrite([{ document: personDoc({ id: 'b' }) }], 'ctx-conflict');
    sub.unsubscribe();
    expect(bulks.map((x) => x.context)).toEqual(['ctx-1', 'ctx-2', 'ctx-3']);
    expect(bulks.map((x) => x.ops)).toEqual([['INSERT:a', 'INSERT:b'], ['UPDATE:a'], ['DELETE:a']]);
    expect(bulks[0]?.checkpoint).toEqual({ id: 'b', lwt: b._meta.lwt });
  });

  it('shares change events between two instances of the same collection', async () => {
    const other = await openInstance<Person>(storage(), 'db', 'people', schema);
    const seen: string[] = [];
    const sub = other.changeStream().subscribe((b) => seen.push(...b.events.map((e) => e.documentId)));
    await inst.bulkWrite([{ document: personDoc({ id: 'z' }) }], 'test');
    expect(seen).toEqual(['z']);
    expect((await other.findDocumentsById(['z'], false)).length).toBe(1);
    sub.unsubscribe();
    await other.close();
  });

  it('pages through getChangedDocumentsSince with {id, lwt} checkpoints', async () => {
    const docs = ['c', 'a', 'b', 'd', 'e'].map((id, i) => personDoc({ id }, 1000 + (i < 3 ? 0 : i)));
    await inst.bulkWrite(docs.map((document) => ({ document })), 'test');
    const get = inst.getChangedDocumentsSince!.bind(inst);
    const p1 = await get(2, undefined);
    expect(p1.documents.map((d) => d.id)).toEqual(['a', 'b']);
    expect(p1.checkpoint).toEqual({ id: 'b', lwt: 1000 });
    const p2 = await get(2, p1.checkpoint);
    expect(p2.documents.map((d) => d.id)).toEqual(['c', 'd']);
    const p3 = await get(2, p2.checkpoint);
    expect(p3.documents.map((d) => d.id)).toEqual(['e']);
    const p4 = await get(2, p3.checkpoint);
    expect(p4).toEqual({ documents: [], checkpoint: p3.checkpoint });
    const a = docs[1]!;
    await inst.bulkWrite([{ previous: a, document: nextRev(a, { age: 5 }) }], 'test');
    expect((await get(10, p3.checkpoint)).documents.map((d) => d.id)).toEqual(['a']);
  });
});
