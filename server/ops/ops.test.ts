/**
 * Operations endpoints over real HTTP: /health, /ready, Prometheus /metrics, and request ids
 * in every log line of a request (lines from modules that log through the process logger too).
 */
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PROTOCOL_VERSION, type LoginResponse } from '../../shared/sync/protocol';
import { buildServer } from '../app';
import { createUser } from '../auth/users';
import { testConfig } from '../config';
import { migrate } from '../db/migrate';
import { bearer, call } from '../testing/harness';
import { openStream } from '../testing/sse';
import { createTestDb, type DbKind, type TestDb } from '../testing/test-db';
import { testRegistry } from '../testing/test-registry';
import { LATEST_SCHEMA } from './health';
import { createLogger } from './log-context';

interface LogLine {
  msg?: string;
  reqId?: string;
  [k: string]: unknown;
}

async function start(kind: DbKind, opts: { migrateTo?: number } = {}) {
  const t: TestDb = await createTestDb(kind);
  await migrate(t.db, opts.migrateTo ? { to: opts.migrateTo } : {});
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l) as LogLine);
      cb();
    },
  });
  const logger = createLogger({ logLevel: 'info' }, sink);
  const config = testConfig({ logLevel: 'info' });
  const app: FastifyInstance = await buildServer({ db: t.db, config, logger, registry: testRegistry(), throttle: { freeAccountIp: 1, freeIp: 100, windowSec: 3600, blockSec: 60, maxConcurrentHashes: 2, maxQueuedHashes: 16 } });
  // Stands for any module without `request.log` (engine, hub, audit) logging during a request.
  app.get('/test/module-log', async () => {
    logger.info({ from: 'module' }, 'logged through the process logger');
    await new Promise((r) => setTimeout(r, 5));
    logger.info({ from: 'module' }, 'after an await');
    return { ok: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const session = async (username: string, password = 'correct horse battery'): Promise<LoginResponse> => {
    await createUser(t.db, { username, password, roles: ['technician'], teamId: null }, config.argon2MemoryKib);
    const r = await call(url, 'POST', '/auth/login', { username, password });
    return r.body as LoginResponse;
  };
  return {
    ...t,
    app,
    url,
    lines,
    session,
    async close() {
      const closing = app.close();
      app.server.closeAllConnections();
      await closing;
      await t.drop();
    },
  };
}

const metricValue = (text: string, name: string, labels = ''): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line ? Number(line.split(' ').pop()) : NaN;
};

describe.each(['pglite', 'pg'] as const)('operations endpoints (%s)', (kind) => {
  let s: Awaited<ReturnType<typeof start>>;
  let ann: LoginResponse;
  beforeAll(async () => {
    s = await start(kind);
    ann = await s.session('ann');
  }, 60_000);
  afterAll(async () => s?.close());

  it('/health answers alive and /ready answers ready with the current schema', async () => {
    const h = await call(s.url, 'GET', '/health', undefined, { 'x-cims-sync-version': '' });
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ ok: true, db: kind });
    const r = await call(s.url, 'GET', '/ready');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, ready: true, schema: LATEST_SCHEMA });
  });

  it('/metrics counts pushes, pulls, their rows and conflicts per collection, latency by route template', async () => {
    const rows = ['a', 'b', 'c'].map((id) => ({ newDocumentState: { id: `${kind}-${id}`, name: id, owner: ann.user.id, _deleted: false } }));
    expect((await call(s.url, 'POST', '/sync/items/push', { pushId: `push-1-${kind}`, rows }, bearer(ann))).status).toBe(200);
    // Stale: claims no master state for a doc that exists -> one conflict.
    const stale = await call(s.url, 'POST', '/sync/items/push', { pushId: `push-2-${kind}`, rows: [{ newDocumentState: { ...rows[0]!.newDocumentState, name: 'changed' } }] }, bearer(ann));
    expect((stale.body as { conflicts: unknown[] }).conflicts).toHaveLength(1);
    const pulled = await call(s.url, 'POST', '/sync/items/pull', { checkpoint: null, batchSize: 10 }, bearer(ann));
    expect(pulled.status).toBe(200);
    // Unknown collections answer 404 and never become a label.
    expect((await call(s.url, 'POST', '/sync/nope-123/pull', { checkpoint: null, batchSize: 10 }, bearer(ann))).status).toBe(404);

    const m = await fetch(`${s.url}/metrics`);
    expect(m.status).toBe(200);
    expect(m.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await m.text();
    expect(metricValue(text, 'cims_sync_pushes_total', 'collection="items"')).toBe(2);
    expect(metricValue(text, 'cims_sync_push_rows_total', 'collection="items"')).toBe(4);
    expect(metricValue(text, 'cims_sync_conflicts_total', 'collection="items"')).toBe(1);
    expect(metricValue(text, 'cims_sync_pulls_total', 'collection="items"')).toBe(1);
    expect(metricValue(text, 'cims_sync_pull_rows_total', 'collection="items"')).toBe(3);
    expect(metricValue(text, 'cims_http_request_duration_seconds_count', 'method="POST",route="/sync/:collection/push",status_code="200"')).toBe(2);
    expect(text).not.toContain('nope-123');
    expect(text).not.toMatch(/route="\/sync\/items/);
    expect(text).toContain('cims_process_cpu_seconds_total');
    if (kind === 'pg') expect(metricValue(text, 'cims_db_pool_connections', 'state="max"')).toBe(10);
    else expect(text).not.toMatch(/^cims_db_pool_connections\{/m);
  });

  it('/metrics shows open streams and counts throttled sign-ins (429)', async () => {
    const stream = await openStream(`${s.url}/sync/items/stream`, ann.accessToken);
    await stream.waitFor((e) => e.kind === 'RESYNC');
    let text = await (await fetch(`${s.url}/metrics`)).text();
    expect(metricValue(text, 'cims_sync_open_streams')).toBe(1);
    stream.close();
    await s.session('bob', 'bob password 1');
    const wrong = await call(s.url, 'POST', '/auth/login', { username: 'bob', password: 'wrong' });
    expect(wrong.status).toBe(401);
    const slowed = await call(s.url, 'POST', '/auth/login', { username: 'bob', password: 'wrong' });
    expect(slowed.status).toBe(429);
    text = await (await fetch(`${s.url}/metrics`)).text();
    expect(metricValue(text, 'cims_login_throttled_total')).toBe(1);
  });

  it('every log line of a request carries its id, lines from modules included; a proxy id is kept, junk replaced', async () => {
    const r = await fetch(`${s.url}/test/module-log`, { headers: { 'x-request-id': 'edge-4711' } });
    expect(r.headers.get('x-request-id')).toBe('edge-4711');
    const mine = s.lines.filter((l) => l.reqId === 'edge-4711');
    expect(mine.map((l) => l.msg)).toEqual(['incoming request', 'logged through the process logger', 'after an await', 'request completed']);
    // The module lines carry the id once (not bound twice).
    expect(s.lines.filter((l) => l.from === 'module').every((l) => l.reqId === 'edge-4711')).toBe(true);

    const junk = await fetch(`${s.url}/health`, { headers: { 'x-request-id': 'bad id\twith "junk"' } });
    const id = junk.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.lines.some((l) => l.reqId === id)).toBe(true);

    // A push: every line between its start and end names the push's id, and no line is left without one.
    const before = s.lines.length;
    const p = await fetch(`${s.url}/sync/items/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cims-sync-version': String(SYNC_PROTOCOL_VERSION), ...bearer(ann) },
      body: JSON.stringify({ pushId: `push-3-${kind}`, rows: [] }),
    });
    expect(p.status).toBe(200);
    const during = s.lines.slice(before);
    expect(during.length).toBeGreaterThanOrEqual(2);
    expect(during.every((l) => l.reqId === p.headers.get('x-request-id'))).toBe(true);
    // Outside requests nothing is attached.
    s.app.log.info('outside');
    expect(s.lines.at(-1)).not.toHaveProperty('reqId');
  });
});

describe('/ready answers 503 when the server should get no traffic', () => {
  it('migrations pending -> 503 naming the versions', async () => {
    const s = await start('pglite', { migrateTo: LATEST_SCHEMA - 1 });
    try {
      const r = await call(s.url, 'GET', '/ready');
      expect(r.status).toBe(503);
      expect(r.body).toEqual({ ok: false, ready: false, reason: 'migrations pending', schema: LATEST_SCHEMA - 1, expected: LATEST_SCHEMA });
      expect((await call(s.url, 'GET', '/health')).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('database unreachable -> 503 while /health still answers; stopping -> 503', async () => {
    const s = await start('pg');
    try {
      s.app.ops.beginStop(0);
      expect(await call(s.url, 'GET', '/ready')).toMatchObject({ status: 503, body: { reason: 'stopping' } });
    } finally {
      await s.close();
    }
    const t = await start('pg');
    try {
      // The pool's database goes away under the running server.
      await t.db.close();
      expect(await call(t.url, 'GET', '/ready')).toMatchObject({ status: 503, body: { reason: 'database unreachable' } });
      expect((await call(t.url, 'GET', '/health')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
