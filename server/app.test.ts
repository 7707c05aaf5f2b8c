import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PROTOCOL_VERSION, type LoginResponse } from '../shared/sync/protocol';
import { bearer, call, errorCode, startTestServer, type TestServer } from './testing/harness';
import { testRegistry } from './testing/test-registry';

describe('HTTP surface (B3, S10)', () => {
  let s: TestServer;
  let ann: LoginResponse;
  beforeAll(async () => {
    s = await startTestServer('pglite', { registry: testRegistry(), config: { bodyLimit: 4096 } });
    ann = await s.userSession('ann', ['technician']);
  });
  afterAll(async () => s.close());

  const count = async () => Number((await s.db.query<{ n: number }>('select count(*)::int as n from sync_docs')).rows[0]!.n);

  it('answers health without the version header', async () => {
    const r = await call(s.url, 'GET', '/health', undefined, { 'x-cims-sync-version': '' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, db: 'pglite' });
  });

  it('refuses another protocol version on /sync and /auth with 426 SYNC_VERSION_MISMATCH', async () => {
    for (const path of ['/auth/login', '/sync/items/pull']) {
      const r = await call(s.url, 'POST', path, { username: 'ann', password: 'x' }, { 'x-cims-sync-version': '0' });
      expect(r.status).toBe(426);
      expect(errorCode(r)).toBe('SYNC_VERSION_MISMATCH');
      expect((r.body as { error: { message: string } }).error.message).toMatch(/Update required/);
    }
  });

  it('refuses a long protocol version without repeating it back', async () => {
    const given = '9'.repeat(5000);
    for (const [query, headers] of [[`?v=${given}`, { 'x-cims-sync-version': '' }], ['', { 'x-cims-sync-version': given }]] as const) {
      const r = await call(s.url, 'POST', `/sync/items/pull${query}`, { checkpoint: null, batchSize: 5 }, { ...headers, ...bearer(ann) });
      expect(r.status).toBe(426);
      const message = (r.body as { error: { message: string } }).error.message;
      expect(message).toMatch(/Update required/);
      expect(message.length).toBeLessThanOrEqual(300);
      expect(message).not.toContain('9'.repeat(65));
    }
  });

  it('refuses a body nested deeper than any request before walking it (deep enough, a walk overflows the stack)', async () => {
    const deep = '['.repeat(100) + ']'.repeat(100);
    for (const body of [deep, `{"checkpoint": null, "batchSize": ${deep}}`]) {
      const r = await call(s.url, 'POST', '/sync/items/pull', body, bearer(ann));
      expect([r.status, errorCode(r)]).toEqual([400, 'BAD_REQUEST']);
      expect((r.body as { error: { message: string } }).error.message).toMatch(/nested too deeply/);
    }
    expect(await count()).toBe(0);
  });

  it('answers 413 BODY_TOO_LARGE over the limit and writes nothing', async () => {
    const rows = [{ newDocumentState: { id: 'big', name: 'x'.repeat(8000), owner: ann.user.id, _deleted: false } }];
    const r = await call(s.url, 'POST', '/sync/items/push', { pushId: 'push-big-1', rows }, bearer(ann));
    expect(r.status).toBe(413);
    expect(errorCode(r)).toBe('BODY_TOO_LARGE');
    expect(await count()).toBe(0);
  });

  it('answers 400 to bad JSON and to __proto__ keys', async () => {
    const r = await call(s.url, 'POST', '/sync/items/pull', '{"checkpoint": nul', { ...bearer(ann), 'content-type': 'application/json' });
    expect(r.status).toBe(400);
    expect(errorCode(r)).toBe('BAD_REQUEST');
    const p = await call(s.url, 'POST', '/sync/items/pull', '{"__proto__": {"x": 1}, "checkpoint": null, "batchSize": 5}', bearer(ann));
    expect(p.status).toBe(400);
  });

  it('refuses compressed bodies (no gzip bomb is ever inflated)', async () => {
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 32));
    const res = await fetch(`${s.url}/sync/items/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-cims-sync-version': String(SYNC_PROTOCOL_VERSION), ...bearer(ann) },
      body: bomb,
    });
    expect(res.status).toBe(415);
    expect(await count()).toBe(0);
  });

  it('codes unknown collections, malformed checkpoints, missing tokens and bad documents', async () => {
    const unknown = await call(s.url, 'POST', '/sync/nope/pull', { checkpoint: null, batchSize: 10 }, bearer(ann));
    expect([unknown.status, errorCode(unknown)]).toEqual([404, 'UNKNOWN_COLLECTION']);
    const badCp = await call(s.url, 'POST', '/sync/items/pull', { checkpoint: { seq: -1, id: 'x' }, batchSize: 10 }, bearer(ann));
    expect([badCp.status, errorCode(badCp)]).toEqual([400, 'BAD_REQUEST']);
    const noToken = await call(s.url, 'POST', '/sync/items/pull', { checkpoint: null, batchSize: 10 });
    expect([noToken.status, errorCode(noToken)]).toEqual([401, 'UNAUTHENTICATED']);
    const rows = [
      { newDocumentState: { id: 'ok', name: 'fine', owner: ann.user.id, _deleted: false } },
      { newDocumentState: { id: 'bad', name: 42, owner: ann.user.id, _deleted: false } },
    ];
    const bad = await call(s.url, 'POST', '/sync/items/push', { pushId: 'push-bad-1', rows }, bearer(ann));
    expect([bad.status, errorCode(bad)]).toEqual([400, 'VALIDATION_FAILED']);
    expect((bad.body as { error: { field: string } }).error.field).toBe('name');
    expect(await count()).toBe(0);
    const extra = await call(s.url, 'POST', '/sync/items/push', { pushId: 'push-bad-2', rows: [{ newDocumentState: { id: 'e', name: 'n', owner: ann.user.id, evil: 1 } }] }, bearer(ann));
    expect(extra.status).toBe(400);
    expect(await count()).toBe(0);
  });

  it('S1: a push cut off mid-body writes nothing; the retry applies it once', async () => {
    const rows = [1, 2, 3].map((i) => ({ newDocumentState: { id: `cut${i}`, name: 'n', owner: ann.user.id, _deleted: false } }));
    const body = JSON.stringify({ pushId: 'push-cut-1', rows });
    const port = Number(new URL(s.url).port);
    await new Promise<void>((resolve) => {
      const sock = connect(port, '127.0.0.1', () => {
        sock.write(
          `POST /sync/items/push HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\nx-cims-sync-version: ${SYNC_PROTOCOL_VERSION}\r\n` +
            `authorization: Bearer ${ann.accessToken}\r\ncontent-length: ${body.length}\r\n\r\n${body.slice(0, body.length / 2)}`,
        );
        setTimeout(() => sock.destroy(), 100);
      });
      sock.on('close', () => resolve());
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(await count()).toBe(0);
    const retry = await call(s.url, 'POST', '/sync/items/push', body, bearer(ann));
    expect(retry.body).toMatchObject({ conflicts: [] });
    expect(await count()).toBe(3);
    await s.db.query(`delete from sync_docs where id like 'cut%'`);
  });

  // Last: it closes the shared server.
  it('finishes an in-flight request during shutdown', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    // Hold PGlite's single connection so the pull below is in flight when close starts.
    const tx = s.db.transaction(async () => held);
    const pending = call(s.url, 'POST', '/sync/items/pull', { checkpoint: null, batchSize: 10 }, bearer(ann));
    await new Promise((r) => setTimeout(r, 100));
    const closing = s.app.close();
    setTimeout(release, 100);
    const r = await pending;
    await closing;
    await tx;
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ documents: [], checkpoint: null });
  });
});
