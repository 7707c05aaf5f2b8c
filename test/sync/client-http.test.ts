/**
 * The client's HTTP layer against the real server (PostgreSQL): S2 replay of a push whose
 * response was lost, token refresh, the end of a session (Z4), protocol version, timeouts and
 * the SSE stream.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncHttpClient, SyncHttpError } from '../../electron/sync/http';
import type { PushRow } from '../../electron/sync/http';
import { createMemoryTokenStore } from '../../electron/sync/tokens';
import type { TokenStore } from '../../electron/sync/tokens';
import { setActive } from '../../server/auth/users';
import { startTestServer } from '../../server/testing/harness';
import type { TestServer } from '../../server/testing/harness';
import { SYNC_VERSION_HEADER } from '../../shared/sync/protocol';
import type { StreamEvent, WireDocument } from '../../shared/sync/protocol';
import { humanSpecRegistry } from './builders';
import { startFaultProxy } from './proxy';

let server: TestServer;
let clock = Date.now();
let userSeq = 0;

function aHuman(n: number, over: Record<string, unknown> = {}): WireDocument {
  const id = `h-${Date.now().toString(36)}-${n}-${Math.random().toString(36).slice(2, 8)}`;
  return { id, passportId: id, firstName: `First ${n}`, lastName: 'Last', age: 30, _deleted: false, ...over };
}

const insertRows = (docs: WireDocument[]): PushRow[] => docs.map((d) => ({ newDocumentState: d }));

async function signedInClient(opts: { fetch?: typeof fetch; onSessionEnded?: (e: SyncHttpError) => void; maxPushRows?: number } = {}) {
  const username = `user${++userSeq}`;
  const session = await server.userSession(username, ['admin'], { password: 'a good password 1' });
  const tokenStore: TokenStore = createMemoryTokenStore();
  const client = createSyncHttpClient({ serverUrl: server.url, tokenStore, timeoutMs: 5000, ...opts });
  await client.login(username, 'a good password 1');
  return { client, tokenStore, userId: session.user.id };
}

async function serverRows(ids: string[]) {
  const r = await server.db.query<{ id: string; seq: string }>(`select id, seq from sync_docs where collection = 'human' and id = any($1)`, [ids]);
  return r.rows;
}

/** fetch that lets the server commit a matching request, then loses the response. */
function losingFetch(shouldLose: (url: string, body: string) => boolean): { fetch: typeof fetch; pushIds: string[] } {
  const pushIds: string[] = [];
  const f: typeof fetch = async (input, init) => {
    const url = String(input);
    const body = typeof init?.body === 'string' ? init.body : '';
    if (url.endsWith('/push')) pushIds.push((JSON.parse(body) as { pushId: string }).pushId);
    const res = await fetch(input, init);
    if (shouldLose(url, body)) {
      await res.arrayBuffer();
      throw new TypeError('fetch failed (response lost)');
    }
    return res;
  };
  return { fetch: f, pushIds };
}

beforeAll(async () => {
  server = await startTestServer('pg', { registry: humanSpecRegistry(), now: () => clock });
});
afterAll(async () => {
  await server?.close();
});

describe('push idempotency (S2)', () => {
  it('S2: push committed but the response lost, replayed twice -> no duplicates, no false conflict', async () => {
    let lose = 2;
    const lost = losingFetch((url) => url.endsWith('/push') && lose-- > 0);
    const { client } = await signedInClient({ fetch: lost.fetch });
    const docs = [aHuman(1), aHuman(2), aHuman(3)];
    const rows = insertRows(docs);
    await expect(client.push('human', rows)).rejects.toMatchObject({ code: 'NETWORK' });
    const afterFirst = await serverRows(docs.map((d) => d.id));
    expect(afterFirst).toHaveLength(3);
    await expect(client.push('human', rows)).rejects.toMatchObject({ code: 'NETWORK' });
    expect(await client.push('human', rows)).toEqual([]);
    expect(new Set(lost.pushIds).size).toBe(1);
    // Replays changed nothing: same rows, same sequence numbers.
    expect(await serverRows(docs.map((d) => d.id))).toEqual(afterFirst);
  });

  it('S2: a batch lost in the middle of a multi-batch push -> committed batches replay under their own pushId', async () => {
    let pushCalls = 0;
    const lost = losingFetch((url) => url.endsWith('/push') && ++pushCalls === 2);
    const { client } = await signedInClient({ fetch: lost.fetch, maxPushRows: 2 });
    const docs = [1, 2, 3, 4, 5].map((n) => aHuman(n));
    await expect(client.push('human', insertRows(docs))).rejects.toMatchObject({ code: 'NETWORK' });
    expect(await serverRows(docs.map((d) => d.id))).toHaveLength(4);
    expect(await client.push('human', insertRows(docs))).toEqual([]);
    const [a1, a2, b1, b2, b3] = lost.pushIds;
    expect([b1, b2]).toEqual([a1, a2]);
    expect(b3).toBeDefined();
    expect(new Set([a1, a2, b3]).size).toBe(3);
    expect(await serverRows(docs.map((d) => d.id))).toHaveLength(5);
  });

  it('a new push after success gets a new pushId; a stale base is a real conflict with the master state', async () => {
    const lost = losingFetch(() => false);
    const { client } = await signedInClient({ fetch: lost.fetch });
    const doc = aHuman(1);
    expect(await client.push('human', insertRows([doc]))).toEqual([]);
    const changed = { ...doc, firstName: 'Changed' };
    expect(await client.push('human', [{ newDocumentState: changed, assumedMasterState: doc }])).toEqual([]);
    const conflicts = await client.push('human', [{ newDocumentState: { ...doc, firstName: 'Other' }, assumedMasterState: doc }]);
    expect(conflicts).toEqual([expect.objectContaining({ id: doc.id, firstName: 'Changed' })]);
    expect(new Set(lost.pushIds).size).toBe(3);
  });
});

describe('tokens and errors', () => {
  it('refreshes an expired access token once and keeps working', async () => {
    const { client, tokenStore } = await signedInClient();
    const before = (await tokenStore.load())!;
    clock += 1000 * 1000; // past the 900 s access token, within the refresh token's life
    const res = await client.pull('human', null, 10);
    expect(Array.isArray(res.documents)).toBe(true);
    const after = (await tokenStore.load())!;
    expect(after.accessToken).not.toBe(before.accessToken);
  });

  it('Z4: a disabled user -> refresh refused -> SESSION_ENDED once, then no more requests', async () => {
    const ended: SyncHttpError[] = [];
    let requests = 0;
    const counting: typeof fetch = (input, init) => {
      requests++;
      return fetch(input, init);
    };
    const { client, userId } = await signedInClient({ fetch: counting, onSessionEnded: (e) => ended.push(e) });
    await setActive(server.db, userId, false);
    await expect(client.pull('human', null, 10)).rejects.toMatchObject({ code: 'SESSION_ENDED' });
    expect(ended).toHaveLength(1);
    const count = requests;
    await expect(client.push('human', insertRows([aHuman(1)]))).rejects.toMatchObject({ code: 'SESSION_ENDED' });
    expect(requests).toBe(count);
  });

  it('another protocol version gets SYNC_VERSION_MISMATCH (426)', async () => {
    const oldClient: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), [SYNC_VERSION_HEADER]: '0' } });
    const client = createSyncHttpClient({ serverUrl: server.url, tokenStore: createMemoryTokenStore(), fetch: oldClient });
    const err = (await client.login('nobody', 'whatever pw').catch((e: unknown) => e)) as SyncHttpError;
    expect(err).toBeInstanceOf(SyncHttpError);
    expect([err.code, err.status]).toEqual(['SYNC_VERSION_MISMATCH', 426]);
  });

  it('wrong password -> UNAUTHENTICATED; unreachable -> NETWORK; silent server -> TIMEOUT', async () => {
    const client = createSyncHttpClient({ serverUrl: server.url, tokenStore: createMemoryTokenStore() });
    await server.userSession(`pw${++userSeq}`, ['technician'], { password: 'the real password' });
    await expect(client.login(`pw${userSeq}`, 'not the password')).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    await expect(client.pull('human', null, 1)).rejects.toMatchObject({ code: 'SIGNED_OUT' });

    const free = net.createServer();
    await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
    const freePort = (free.address() as net.AddressInfo).port;
    await new Promise<void>((r) => free.close(() => r()));
    const gone = createSyncHttpClient({ serverUrl: `http://127.0.0.1:${freePort}`, tokenStore: createMemoryTokenStore() });
    await expect(gone.login('a', 'b')).rejects.toMatchObject({ code: 'NETWORK', status: 0 });

    const silent = net.createServer((socket) => sockets.push(socket));
    const sockets: net.Socket[] = [];
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    const slow = createSyncHttpClient({ serverUrl: `http://127.0.0.1:${port}`, tokenStore: createMemoryTokenStore(), timeoutMs: 300 });
    await expect(slow.login('a', 'b')).rejects.toMatchObject({ code: 'TIMEOUT', status: 0 });
    expect(await slow.health()).toBe(false);
    sockets.forEach((s) => s.destroy());
    await new Promise<void>((r) => silent.close(() => r()));
  });
});

describe('a server shedding load', () => {
  /** fetch answering the first `count` sign-ins as a shedding server does (503 OVERLOADED, Retry-After 1). */
  function sheddingFetch(count: number): { fetch: typeof fetch; signIns: number[] } {
    let left = count;
    const signIns: number[] = [];
    const f: typeof fetch = async (input, init) => {
      if (!String(input).endsWith('/auth/login')) return fetch(input, init);
      signIns.push(performance.now());
      if (left-- <= 0) return fetch(input, init);
      const body = JSON.stringify({ error: { code: 'OVERLOADED', message: 'The server is busy; try again in a few seconds' } });
      return new Response(body, { status: 503, headers: { 'content-type': 'application/json', 'retry-after': '1' } });
    };
    return { fetch: f, signIns };
  }

  it('sends a shed sign-in again after Retry-After (capped); still shed after the last try -> OVERLOADED with the delay', async () => {
    const username = `busy${++userSeq}`;
    await server.userSession(username, ['technician'], { password: 'the real password' });

    const twice = sheddingFetch(2);
    const client = createSyncHttpClient({ serverUrl: server.url, tokenStore: createMemoryTokenStore(), fetch: twice.fetch, busyRetry: { attempts: 4, maxWaitMs: 80 } });
    expect((await client.login(username, 'the real password')).user.username).toBe(username);
    expect(twice.signIns).toHaveLength(3);
    // Each try waited for the capped Retry-After (1 s capped at 80 ms).
    expect(twice.signIns[1]! - twice.signIns[0]!).toBeGreaterThanOrEqual(70);
    expect(twice.signIns[2]! - twice.signIns[1]!).toBeGreaterThanOrEqual(70);
    expect(await client.me()).toMatchObject({ username });

    const always = sheddingFetch(Infinity);
    const refused = createSyncHttpClient({ serverUrl: server.url, tokenStore: createMemoryTokenStore(), fetch: always.fetch, busyRetry: { attempts: 3, maxWaitMs: 10 } });
    await expect(refused.login(username, 'the real password')).rejects.toMatchObject({ code: 'OVERLOADED', status: 503, retryAfterMs: 1000 });
    expect(always.signIns).toHaveLength(3);

    // Other refusals are not tried again: the server did run them.
    const wrong = sheddingFetch(0);
    const denied = createSyncHttpClient({ serverUrl: server.url, tokenStore: createMemoryTokenStore(), fetch: wrong.fetch, busyRetry: { attempts: 4, maxWaitMs: 10 } });
    await expect(denied.login(username, 'not the password')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(wrong.signIns).toHaveLength(1);
  });
});

describe('stream', () => {
  it('sends RESYNC first, then every change pushed by another client', async () => {
    const { client: reader } = await signedInClient();
    const { client: writer } = await signedInClient();
    const abort = new AbortController();
    const events: StreamEvent[] = [];
    const doc = aHuman(9);
    const done = (async () => {
      for await (const ev of reader.stream('human', abort.signal)) {
        events.push(ev);
        if (events.length === 1) await writer.push('human', insertRows([doc]));
        if (ev.kind === 'change' && ev.documents.some((d) => d.id === doc.id)) break;
      }
    })();
    await done;
    abort.abort();
    expect(events[0]).toEqual({ kind: 'RESYNC' });
    const last = events.at(-1)!;
    expect(last.kind).toBe('change');
    if (last.kind === 'change') expect(last.checkpoint.seq).toBeGreaterThan(0);
  });
});

describe('connection cut inside a push (S1)', () => {
  it('S1: cuts at random byte offsets -> each batch applied all or nothing; retries converge without duplicates', async () => {
    const proxy = await startFaultProxy(server.url);
    try {
      const username = `s1-${++userSeq}`;
      await server.userSession(username, ['admin'], { password: 'a good password 1' });
      const client = createSyncHttpClient({ serverUrl: proxy.url, tokenStore: createMemoryTokenStore(), timeoutMs: 3000, maxPushRows: 10 });
      await client.login(username, 'a good password 1');
      const docs = Array.from({ length: 40 }, (_, i) => aHuman(i));
      const rows = insertRows(docs);
      // Seeded offsets across headers, body and the gap before the response.
      let seed = 7;
      const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
      let failures = 0;
      for (let attempt = 0; attempt < 30; attempt++) {
        proxy.cutAfterBytes(next() % 9000);
        try {
          expect(await client.push('human', rows)).toEqual([]);
          break;
        } catch (err) {
          expect(err).toMatchObject({ code: expect.stringMatching(/^(NETWORK|TIMEOUT)$/) });
          failures++;
        }
        // All or nothing per batch of 10.
        expect((await serverRows(docs.map((d) => d.id))).length % 10).toBe(0);
      }
      proxy.restore();
      expect(await client.push('human', rows)).toEqual([]);
      expect(failures).toBeGreaterThan(0);
      const stored = await serverRows(docs.map((d) => d.id));
      expect(stored).toHaveLength(40);
    } finally {
      await proxy.close();
    }
  });
});
