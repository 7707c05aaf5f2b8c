/**
 * Load shedding: while the event loop lags past CIMS_MAX_EVENT_LOOP_DELAY_MS, API requests get
 * 503 OVERLOADED with Retry-After at once, and the operations endpoints keep answering.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../app';
import { testConfig } from '../config';
import { migrate } from '../db/migrate';
import { call, errorCode } from '../testing/harness';
import { createTestDb, type TestDb } from '../testing/test-db';
import type { FastifyInstance } from 'fastify';

const block = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // busy: stands for a request that holds the event loop
  }
};

describe('load shedding', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    t = await createTestDb('pglite');
    await migrate(t.db);
    app = await buildServer({ db: t.db, config: testConfig({ maxEventLoopDelayMs: 50 }), logger: pino({ level: 'silent' }) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('answers API requests 503 OVERLOADED with Retry-After while the loop lags, operations endpoints 200', async () => {
    expect((await call(url, 'GET', '/auth/me')).status).toBe(401);
    // Lag the loop a few times so the plugin's sampler sees it.
    for (let i = 0; i < 5; i++) {
      block(300);
      await new Promise((r) => setTimeout(r, 20));
    }
    const busy = await call(url, 'GET', '/auth/me');
    expect(busy.status).toBe(503);
    expect(errorCode(busy)).toBe('OVERLOADED');
    expect(busy.headers.get('retry-after')).toBe('5');
    expect((await call(url, 'GET', '/health')).status).toBe(200);
    // Recovers once the loop is quiet again.
    await expect.poll(async () => (await call(url, 'GET', '/auth/me')).status, { timeout: 10_000, interval: 200 }).toBe(401);
  });
});
