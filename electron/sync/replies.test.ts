/**
 * The client decodes every server answer with the route table's schemas: a real HTTP server
 * (node:http, routes matched from the same table) answers with wrong shapes, and each one
 * becomes a coded PROTOCOL_ERROR, never a crash or a silently wrong value.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { routeNames, routes, type RouteName } from '../../shared/sync/routes';
import { createSyncHttpClient, SyncHttpError, type SyncHttpClient } from './http';
import { createMemoryTokenStore, type StoredTokens } from './tokens';

const user = { id: 'u1', username: 'ann', displayName: 'Ann', roles: ['technician'], teamId: null };
const login = { accessToken: 'access-token', expiresIn: 900, refreshToken: 'r'.repeat(32), user };
const doc = { id: 'd1', _deleted: false, title: 'x' };

/** What the server answers on each route: status and raw body text. */
type Answer = { status: number; body: string };
const answers = new Map<RouteName, Answer>();
const json = (value: unknown, status = 200): Answer => ({ status, body: JSON.stringify(value) });

/** Which table route a request is for, matched on method and path template. */
const routeOf = (method: string, path: string): RouteName | undefined =>
  routeNames.find((n) => routes[n].method === method && new RegExp(`^${routes[n].path.replace(/:\w+/g, '[^/]+')}$`).test(path));

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const name = routeOf(req.method ?? '', new URL(req.url ?? '/', 'http://x').pathname);
      const a = (name && answers.get(name)) ?? json({ error: { code: 'NOT_FOUND', message: 'unset' } }, 404);
      const type = name === 'stream' && a.status === 200 ? 'text/event-stream' : 'application/json';
      res.writeHead(a.status, { 'content-type': type }).end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => answers.clear());

function signedIn(): SyncHttpClient {
  const tokens: StoredTokens = { serverUrl: url, accessToken: 'a', accessExpiresAt: Date.now() + 600_000, refreshToken: 'r'.repeat(32), user };
  return createSyncHttpClient({ serverUrl: url, tokenStore: createMemoryTokenStore(tokens), timeoutMs: 5000 });
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof SyncHttpError) return err.code;
    throw err;
  }
  return 'resolved';
}

describe('the sync client decodes server replies', () => {
  it('accepts well-formed answers', async () => {
    answers.set('login', json(login));
    answers.set('pull', json({ documents: [doc], checkpoint: { seq: 3, id: 'd1' } }));
    answers.set('push', json({ conflicts: [] }));
    answers.set('me', json({ user }));
    answers.set('health', json({ ok: true, protocol: 1, db: 'pglite', streams: 0 }));
    const client = createSyncHttpClient({ serverUrl: url, tokenStore: createMemoryTokenStore(), timeoutMs: 5000 });
    expect((await client.login('ann', 'pw')).user).toEqual(user);
    expect(await client.pull('items', null, 10)).toEqual({ documents: [doc], checkpoint: { seq: 3, id: 'd1' } });
    expect(await client.push('items', [{ newDocumentState: doc }])).toEqual([]);
    expect(await client.me()).toEqual(user);
    expect(await client.health()).toBe(true);
  });

  it.each([
    ['not JSON', { status: 200, body: '<html>proxy</html>' }],
    ['a truncated body', { status: 200, body: '{"documents": [' }],
    ['documents missing', json({ checkpoint: null })],
    ['a document without id', json({ documents: [{ _deleted: false }], checkpoint: null })],
    ['_deleted not a boolean', json({ documents: [{ id: 'd', _deleted: 'no' }], checkpoint: null })],
    ['an empty id', json({ documents: [{ id: '', _deleted: false }], checkpoint: null })],
    ['an id of 129 characters', json({ documents: [{ id: 'x'.repeat(129), _deleted: false }], checkpoint: null })],
    ['a document that is a list', json({ documents: [['d', false]], checkpoint: null })],
    ['a checkpoint missing', json({ documents: [] })],
    ['a negative checkpoint', json({ documents: [], checkpoint: { seq: -1, id: 'd' } })],
    ['a checkpoint with extra fields', json({ documents: [], checkpoint: { seq: 1, id: 'd', when: 1 } })],
    ['null', json(null)],
  ])('pull: %s is a PROTOCOL_ERROR', async (_label, answer) => {
    answers.set('pull', answer);
    expect(await codeOf(signedIn().pull('items', null, 10))).toBe('PROTOCOL_ERROR');
  });

  it.each([
    ['conflicts missing', json({})],
    ['conflicts not a list', json({ conflicts: 'none' })],
    ['a conflict without id', json({ conflicts: [{ title: 'x', _deleted: false }] })],
  ])('push: %s is a PROTOCOL_ERROR', async (_label, answer) => {
    answers.set('push', answer);
    expect(await codeOf(signedIn().push('items', [{ newDocumentState: doc }]))).toBe('PROTOCOL_ERROR');
  });

  it('login: an answer without tokens is a PROTOCOL_ERROR and stores nothing', async () => {
    const tokenStore = createMemoryTokenStore();
    const client = createSyncHttpClient({ serverUrl: url, tokenStore, timeoutMs: 5000 });
    for (const bad of [{ ...login, accessToken: undefined }, { ...login, expiresIn: '900' }, { ...login, user: { id: 'u1' } }, 'ok']) {
      answers.set('login', json(bad));
      expect(await codeOf(client.login('ann', 'pw'))).toBe('PROTOCOL_ERROR');
      expect(await tokenStore.load()).toBeNull();
    }
  });

  it('refresh: a malformed answer keeps the old tokens and does not end the session', async () => {
    const client = createSyncHttpClient({
      serverUrl: url,
      tokenStore: createMemoryTokenStore({ serverUrl: url, accessToken: 'old', accessExpiresAt: 0, refreshToken: 'r'.repeat(32), user }),
      timeoutMs: 5000,
    });
    answers.set('refresh', json({ accessToken: 'new' }));
    answers.set('me', json({ user }));
    expect(await codeOf(client.me())).toBe('PROTOCOL_ERROR');
    answers.set('refresh', json(login));
    expect(await client.me()).toEqual(user);
  });

  it('me: the old bare-user shape is refused', async () => {
    answers.set('me', json(user));
    expect(await codeOf(signedIn().me())).toBe('PROTOCOL_ERROR');
  });

  it('health: a 200 page that is not our server counts as unreachable', async () => {
    answers.set('health', { status: 200, body: '<html>captive portal</html>' });
    expect(await signedIn().health()).toBe(false);
    answers.set('health', json({ ok: true }));
    expect(await signedIn().health()).toBe(false);
  });

  it('stream: well-formed events arrive; a malformed one ends the stream as PROTOCOL_ERROR', async () => {
    answers.set('stream', {
      status: 200,
      body: `data: {"kind":"RESYNC"}\n\ndata: ${JSON.stringify({ kind: 'change', documents: [doc], checkpoint: { seq: 1, id: 'd1' } })}\n\ndata: {"kind":"change","documents":"all"}\n\ndata: {"kind":"RESYNC"}\n\n`,
    });
    const seen: unknown[] = [];
    const read = (async () => {
      for await (const ev of signedIn().stream('items', new AbortController().signal)) seen.push(ev);
    })();
    expect(await codeOf(read)).toBe('PROTOCOL_ERROR');
    expect(seen).toEqual([{ kind: 'RESYNC' }, { kind: 'change', documents: [doc], checkpoint: { seq: 1, id: 'd1' } }]);
  });

  it('errors: a coded body keeps its code; an unknown code or a foreign body falls back on the status', async () => {
    answers.set('pull', json({ error: { code: 'FORBIDDEN', message: 'no', field: 'x' } }, 403));
    expect(await codeOf(signedIn().pull('items', null, 10))).toBe('FORBIDDEN');
    answers.set('pull', json({ error: { code: 'FROM_THE_FUTURE', message: 'new' } }, 429));
    expect(await codeOf(signedIn().pull('items', null, 10))).toBe('RATE_LIMITED');
    answers.set('pull', { status: 502, body: '<html>bad gateway</html>' });
    expect(await codeOf(signedIn().pull('items', null, 10))).toBe('INTERNAL');
    answers.set('pull', json({ error: 'flat string' }, 400));
    expect(await codeOf(signedIn().pull('items', null, 10))).toBe('BAD_REQUEST');
  });
});

describe('Retry-After', () => {
  it('reads a delay in seconds or an HTTP date as milliseconds from now; nothing usable -> undefined', async () => {
    const { retryAfterMs } = await import('./replies');
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(retryAfterMs('5', now)).toBe(5000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Tue, 01 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 09:59:00 GMT', now)).toBe(0);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('', now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('-3', now)).toBeUndefined();
  });
});
