/**
 * A page written by download-page.ts must leave the store as RxDB's own pull would: the same
 * documents, meta rows and checkpoint row (write times and database tokens aside). Two real
 * SQLite stores side by side: one pulled by RxDB's replication, one written by writePage the
 * way worker-download.ts drives it (here in the same thread, without the worker).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRxDatabase, now, type RxCollection, type RxDatabase, type RxDocumentData, type RxJsonSchema } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { getRxStorageSQLite } from './sqlite-storage';
import type { RxStorageInstanceSQLite } from './sqlite-storage/instance';
import { tempDir } from './sqlite-storage/test-builders';
import { countPendingIn, writePage, type DownloadInstances } from './download-page';
import { createConflictHandler } from '../sync/conflict';
import type { Acknowledged } from '../sync/push';
import type { WireDocument } from '../../shared/sync/protocol';

type Item = { id: string; title: string; n: number };
const schema: RxJsonSchema<Item> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 40 }, title: { type: 'string' }, n: { type: 'number' } },
  required: ['id', 'title', 'n'],
};
type Page = { documents: WireDocument[]; checkpoint: { seq: number; id: string } };
const page = (from: number, count: number, title = 'server'): Page => {
  const documents = Array.from({ length: count }, (_, i) => ({ id: `item-${String(from + i).padStart(4, '0')}`, title: `${title} ${from + i}`, n: from + i, _deleted: false }));
  return { documents, checkpoint: { seq: from + count, id: documents[documents.length - 1]!.id } };
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  releasePush?.();
  for (const c of cleanups.splice(0).reverse()) await c();
});

let stores = 0;
/** A push waits here while a test needs its local change unacknowledged. */
let releasePush!: () => void;
let pushGate: Promise<never[]>;
const closePushGate = () => (pushGate = new Promise<never[]>((resolve) => (releasePush = () => resolve([]))));
async function store(): Promise<{ db: RxDatabase; items: RxCollection<Item> }> {
  const { dir, cleanup } = tempDir('cims-download-');
  const db = await createRxDatabase({ name: `cims${++stores}`, storage: getRxStorageSQLite({ directory: dir }), multiInstance: false });
  cleanups.push(cleanup, () => db.close().then(() => undefined));
  const { items } = await db.addCollections({ items: { schema } });
  items.conflictHandler = createConflictHandler('items', { mode: 'merge' }) as never;
  return { db, items: items as RxCollection<Item> };
}

/**
 * One pull of RxDB's replication, each call answered by the next of `pages`, or written by
 * writePage. `pushHangs`: the push never answers (a local change stays unacknowledged).
 * `acknowledged`: pushes of this device answered after the pages were asked for.
 */
async function replicate(
  items: RxCollection<Item>,
  pages: Page[],
  viaWritePage: boolean,
  pushHangs = false,
  acknowledged?: Acknowledged[],
): Promise<RxReplicationState<Item, unknown>> {
  const queue = [...pages];
  let pulled!: () => void;
  const allPulled = new Promise<void>((resolve) => (pulled = resolve));
  const state: RxReplicationState<Item, unknown> = replicateRxCollection<Item, unknown>({
    replicationIdentifier: 'cims-test-items',
    collection: items,
    live: true,
    waitForLeadership: false,
    pull: {
      batchSize: 300,
      handler: async () => {
        if (!viaWritePage) return (queue.shift() ?? { documents: [], checkpoint: undefined }) as never;
        // As worker-download.ts: every page written, then RxDB is told the pull ended.
        const internal = state.internalReplicationState!;
        const instances = { fork: (items.storageInstance as unknown as { originalStorageInstance: RxStorageInstanceSQLite<unknown> }).originalStorageInstance, meta: state.metaInstance } as unknown as DownloadInstances;
        let last: Page['checkpoint'] | undefined;
        for (let next = queue.shift(); next; next = queue.shift()) {
          const done = writePage(
            instances,
            {
              cimsDownload: 'page',
              requestId: 1,
              databaseName: items.database.name,
              collectionName: items.name,
              schemaVersion: 0,
              metaCollectionName: state.metaInstance!.collectionName,
              context: await internal.downstreamBulkWriteFlag,
              checkpointKey: await internal.checkpointKey,
              identifierHash: await items.database.hashFunction(internal.input.identifier),
              databaseToken: items.database.token,
              skipStoringPullMeta: false,
              lwt: now(),
              acknowledged,
            },
            next.documents,
            next.checkpoint,
          );
          internal.lastCheckpointDoc.down = done.checkpointDoc as never;
          last = next.checkpoint;
        }
        pulled();
        return { documents: [], checkpoint: last };
      },
    },
    push: { handler: async () => (pushHangs ? await pushGate : []) },
  });
  if (pushHangs) await allPulled;
  else await state.awaitInitialReplication();
  return state;
}

type Row = RxDocumentData<Record<string, unknown>>;
const rows = async (instance: { query?: unknown; findDocumentsById(ids: string[], deleted: boolean): Promise<unknown[]> }, ids: string[]) =>
  (await instance.findDocumentsById(ids, true)) as Row[];
/**
 * A stored row without what differs between two stores by design: write times, and the
 * database token and replication checkpoint key after each revision's height.
 */
const height = (rev: unknown): string => String(rev).split('-')[0]!;
const comparable = (r: Row): Row => {
  const { _meta, _rev, ...rest } = r;
  const meta = { ...(_meta as Record<string, unknown>) };
  delete meta.lwt;
  if (meta.pulled !== undefined) meta.pulled = height(meta.pulled);
  return { ...rest, _rev: height(_rev), _meta: meta } as Row;
};

describe('a downloaded page in one transaction', () => {
  it('leaves the documents, meta rows and checkpoint RxDB own pull leaves', async () => {
    const pages = [page(0, 300), page(300, 200)];
    const a = await store();
    const b = await store();
    const ra = await replicate(a.items, pages, false);
    const rb = await replicate(b.items, pages, true);
    const ids = pages.flatMap((p) => p.documents.map((d) => d.id));
    const [fa, fb] = [await rows(a.items.storageInstance, ids), await rows(b.items.storageInstance, ids)];
    expect(fb).toHaveLength(500);
    expect(fb.map(comparable)).toEqual(fa.map(comparable));
    for (const r of fb) expect([r._meta.pulled, r._rev]).toEqual([`1-${b.db.token}`, `1-${b.db.token}`]);
    const metaIds = [...ids.map((id) => `${id}|0`), 'down|1'];
    const [ma, mb] = [await rows(ra.metaInstance!, metaIds), await rows(rb.metaInstance!, metaIds)];
    expect(mb).toHaveLength(501);
    expect(mb.map(comparable)).toEqual(ma.map(comparable));
    const key = await rb.internalReplicationState!.checkpointKey;
    for (const r of mb) expect(r._rev).toBe(`${r.id === 'down|1' ? 2 : 1}-${key}`);
    expect(mb.find((r) => r.id === 'down|1')?.checkpointData).toEqual({ seq: 500, id: 'item-0499' });
    // The text in the table (written from the server's state serialized once) is the documents'.
    for (const [instance, objects] of [
      [(b.items.storageInstance as unknown as { originalStorageInstance: RxStorageInstanceSQLite<unknown> }).originalStorageInstance, fb],
      [rb.metaInstance as unknown as RxStorageInstanceSQLite<unknown>, mb],
    ] as const) {
      const { connection, tables } = instance.internals;
      const stored = connection.db.prepare(`SELECT id, data FROM ${tables.docs}`).all() as { id: string; data: string }[];
      const byId = new Map(stored.map((r) => [r.id, JSON.parse(r.data) as unknown]));
      for (const o of objects) expect(byId.get(String(o.id))).toEqual(o);
    }
    await Promise.all([ra.cancel(), rb.cancel()]);
  });

  it('keeps a local change for the upstream, updates an unchanged document, counts what is pending', async () => {
    const b = await store();
    const first = await replicate(b.items, [page(0, 3)], true);
    await first.cancel();
    const local = await b.items.findOne('item-0001').exec(true);
    await local.incrementalPatch({ title: 'edited offline' });
    const made = await b.items.insert({ id: 'made-offline', title: 'new', n: 9 });
    expect(made.id).toBe('made-offline');
    // The server changed 0 and 1 meanwhile; 1 was also edited here.
    closePushGate();
    const second = await replicate(b.items, [{ documents: page(0, 2, 'server v2').documents, checkpoint: { seq: 10, id: 'item-0001' } }], true, true);
    const docs = await rows(b.items.storageInstance, ['item-0000', 'item-0001', 'made-offline']);
    expect(docs.map((d) => d.title)).toEqual(['server v2 0', 'edited offline', 'new']);
    const meta = await rows(second.metaInstance!, ['item-0001|0']);
    expect((meta[0]!.docData as Item).title).toBe('server 1');
    const fork = (b.items.storageInstance as unknown as { originalStorageInstance: RxStorageInstanceSQLite<Record<string, unknown>> }).originalStorageInstance;
    // The local edit and the local ticket are pending, the downloaded documents are not.
    expect(countPendingIn(fork, second.metaInstance as never, undefined)).toBe(2);
    releasePush();
    await second.cancel();
  });

  it('decides on a document pushed while the page was on its way by the sequence the push lies under', async () => {
    const b = await store();
    await (await replicate(b.items, [page(0, 4)], true)).cancel();
    for (const id of ['item-0001', 'item-0002', 'item-0003']) await (await b.items.findOne(id).exec(true)).incrementalPatch({ title: 'pushed here' });
    // The pushes are answered: each pushed state is now its document's assumed master state.
    const pushing = await replicate(b.items, [], true);
    await pushing.awaitInSync();
    await pushing.cancel();
    // The server took the pushes under sequences 20, 21 and an older server gave none; the
    // page (checkpoint 20) holds a later edit of 1 made elsewhere, and states of 2 and 3 read
    // before their pushes.
    const later = { documents: [1, 2, 3].map((n) => ({ id: `item-000${n}`, title: n === 1 ? 'edited elsewhere after the push' : 'before the push', n, _deleted: false })), checkpoint: { seq: 20, id: 'item-0003' } };
    const acknowledged = [
      { id: 'item-0001', seq: 20 },
      { id: 'item-0002', seq: 21 },
      { id: 'item-0003', seq: undefined },
    ];
    const third = await replicate(b.items, [later], true, false, acknowledged);
    const docs = await rows(b.items.storageInstance, ['item-0001', 'item-0002', 'item-0003']);
    expect(docs.map((d) => d.title)).toEqual(['edited elsewhere after the push', 'pushed here', 'pushed here']);
    const meta = await rows(third.metaInstance!, ['item-0001|0', 'item-0002|0', 'item-0003|0']);
    expect(meta.map((m) => (m.docData as Item).title)).toEqual(['edited elsewhere after the push', 'pushed here', 'pushed here']);
    const fork = (b.items.storageInstance as unknown as { originalStorageInstance: RxStorageInstanceSQLite<Record<string, unknown>> }).originalStorageInstance;
    expect(countPendingIn(fork, third.metaInstance as never, undefined)).toBe(0);
    await third.cancel();
  });
});
