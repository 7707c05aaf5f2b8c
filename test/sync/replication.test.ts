/**
 * The replication's status and connectivity handling, in one process against the real server
 * behind a TCP proxy that can cut the connection: initial-sync progress, offline detection,
 * pending local changes, catch-up on reconnect, and "update required".
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRxDatabase, randomToken } from 'rxdb';
import type { RxCollection, RxDatabase, WithDeleted } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { schemas } from 'rxdb/plugins/test-utils';
import { createSyncHttpClient } from '../../electron/sync/http';
import { startReplication } from '../../electron/sync/replication';
import type { ReplicatedCollectionDef, SyncReplication } from '../../electron/sync/replication';
import { createSyncStatus } from '../../electron/sync/status';
import type { SyncStatusSnapshot } from '../../electron/sync/status';
import { createMemoryTokenStore } from '../../electron/sync/tokens';
import { startTestServer } from '../../server/testing/harness';
import type { TestServer } from '../../server/testing/harness';
import { MAX_BODY_BYTES, MAX_PUSH_ROWS, SYNC_VERSION_HEADER } from '../../shared/sync/protocol';
import type { WireDocument } from '../../shared/sync/protocol';
import { humanSpecRegistry } from './builders';
import { startFaultProxy } from './proxy';
import type { FaultProxy } from './proxy';
import { eventually } from './wait';

const human: ReplicatedCollectionDef = {
  conflict: 'merge',
  toWire: (d) => ({ ...(d as Record<string, unknown>), id: (d as unknown as { passportId: string }).passportId }) as WireDocument,
  fromWire: (d) => {
    const { id: _id, ...rest } = d;
    return rest as WithDeleted<unknown>;
  },
};

let server: TestServer;
let proxy: FaultProxy;
let userSeq = 0;
const cleanup: (() => Promise<unknown>)[] = [];

function aHuman(n: number) {
  const id = `${randomToken(8)}-${n}`;
  return { passportId: id, firstName: `F${n}`, lastName: 'L', age: 40 };
}

async function client(url: string, fetchImpl?: typeof fetch) {
  const username = `r${++userSeq}`;
  await server.userSession(username, ['admin'], { password: 'a good password 1' });
  const c = createSyncHttpClient({ serverUrl: url, tokenStore: createMemoryTokenStore(), timeoutMs: 2000, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  if (!fetchImpl) await c.login(username, 'a good password 1');
  return c;
}

async function humans(): Promise<{ db: RxDatabase; collection: RxCollection }> {
  const db = await createRxDatabase({ name: randomToken(10), storage: getRxStorageMemory(), multiInstance: false });
  await db.addCollections({ human: { schema: schemas.human } });
  cleanup.push(() => db.close());
  return { db, collection: db.collections.human! };
}

function track(r: SyncReplication): SyncStatusSnapshot[] {
  const seen: SyncStatusSnapshot[] = [r.status.get()];
  cleanup.push(async () => r.status.subscribe(() => undefined)());
  r.status.subscribe((s) => seen.push(s));
  return seen;
}

const waitState = (r: SyncReplication, state: string) => eventually(async () => r.status.get(), (s) => s.state === state, 10_000);

beforeAll(async () => {
  server = await startTestServer('pg', { registry: humanSpecRegistry() });
  proxy = await startFaultProxy(server.url);
});
afterEach(async () => {
  proxy.restore();
  for (const fn of cleanup.splice(0).reverse()) await fn();
});
afterAll(async () => {
  await proxy?.close();
  await server?.close();
});

describe('startReplication', () => {
  it('reports initial-sync progress, then online; offline when cut, pending counted, catches up on reconnect', async () => {
    const seeder = await client(server.url);
    const seeded = Array.from({ length: 250 }, (_, i) => aHuman(i));
    await seeder.push('human', seeded.map((d) => ({ newDocumentState: { ...d, id: d.passportId, _deleted: false } })));

    const { db, collection } = await humans();
    const c = await client(proxy.url);
    const r = startReplication({ db, collections: { human }, client: c, status: createSyncStatus(), retryTimeMs: 100, maxRetryTimeMs: 400, pullBatchSize: 100 });
    cleanup.push(() => r.stop());
    const seen = track(r);
    await r.awaitInitialReplication();
    const online = await waitState(r, 'online');
    expect(await collection.count().exec()).toBe(250);
    expect(seen[0]!.state).toBe('connecting');
    expect(seen.some((s) => s.initialSync?.collection === 'human' && s.initialSync.done > 0)).toBe(true);
    expect(online).toMatchObject({ initialSync: null, pendingLocalChanges: 0, lastError: null });
    expect(online.lastSuccessAt).toBeGreaterThan(0);

    proxy.cut();
    const local = [aHuman(1001), aHuman(1002), aHuman(1003)];
    await collection.bulkInsert(local);
    const offline = await eventually(async () => r.status.get(), (s) => s.state === 'offline' && s.pendingLocalChanges === 3, 10_000);
    expect(offline.pendingLocalChanges).toBe(3);

    proxy.restore();
    await waitState(r, 'online');
    await r.awaitInSync();
    expect(r.status.get().pendingLocalChanges).toBe(0);
    const onServer = await server.db.query(`select id from sync_docs where collection = 'human' and id = any($1)`, [local.map((d) => d.passportId)]);
    expect(onServer.rows).toHaveLength(3);
    expect(r.status.get().lastSuccessAt).toBeGreaterThanOrEqual(online.lastSuccessAt!);
  });

  it('a server with another protocol version -> update-required, replication stopped, local writes kept', async () => {
    let requests = 0;
    const oldVersion: typeof fetch = (input, init) => {
      requests++;
      return fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), [SYNC_VERSION_HEADER]: '999' } });
    };
    const { db, collection } = await humans();
    const tokens = createMemoryTokenStore();
    const good = createSyncHttpClient({ serverUrl: server.url, tokenStore: tokens });
    await server.userSession('old-client', ['admin'], { password: 'a good password 1' });
    await good.login('old-client', 'a good password 1');
    const c = createSyncHttpClient({ serverUrl: server.url, tokenStore: tokens, fetch: oldVersion });
    await collection.insert(aHuman(1));
    const r = startReplication({ db, collections: { human }, client: c, retryTimeMs: 100 });
    cleanup.push(() => r.stop());
    const s = await waitState(r, 'update-required');
    expect(s.lastError?.code).toBe('SYNC_VERSION_MISMATCH');
    // Held for good: no request leaves in ten retry periods.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sent = requests;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(requests).toBe(sent);
    expect(await collection.count().exec()).toBe(1);
    expect(r.status.get().pendingLocalChanges).toBe(1);
  });
});

describe('a long offline period (S9)', () => {
  it('S9: 5,000 pending changes of ~2 KB push in batches under the body and row limits and converge', async () => {
    const bodies: { bytes: number; rows: number }[] = [];
    const recording: typeof fetch = (input, init) => {
      if (String(input).endsWith('/push') && typeof init?.body === 'string') {
        bodies.push({ bytes: Buffer.byteLength(init.body), rows: (JSON.parse(init.body) as { rows: unknown[] }).rows.length });
      }
      return fetch(input, init);
    };
    const tokens = createMemoryTokenStore();
    await server.userSession('s9-user', ['admin'], { password: 'a good password 1' });
    const c = createSyncHttpClient({ serverUrl: server.url, tokenStore: tokens, fetch: recording, timeoutMs: 20_000 });
    await c.login('s9-user', 'a good password 1');
    const { db, collection } = await humans();
    const docs = Array.from({ length: 5000 }, (_, i) => ({ ...aHuman(i), lastName: 'x'.repeat(2000) }));
    await collection.bulkInsert(docs);
    const r = startReplication({ db, collections: { human }, client: c, retryTimeMs: 100 });
    cleanup.push(() => r.stop());
    await r.awaitInitialReplication();
    await r.awaitInSync();
    expect(r.status.get().pendingLocalChanges).toBe(0);
    const onServer = await server.db.query<{ n: string }>(`select count(*) as n from sync_docs where collection = 'human' and id = any($1)`, [docs.map((d) => d.passportId)]);
    expect(Number(onServer.rows[0]!.n)).toBe(5000);
    expect(bodies.reduce((n, b) => n + b.rows, 0)).toBe(5000);
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    for (const b of bodies) {
      expect(b.bytes).toBeLessThan(MAX_BODY_BYTES);
      expect(b.rows).toBeLessThanOrEqual(MAX_PUSH_ROWS);
    }
  });
});
