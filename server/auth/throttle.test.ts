import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../app';
import { auditEntries } from '../audit';
import { testConfig } from '../config';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';
import { openPg } from '../db/pg';
import { createUser } from './users';
import { call, startTestServer, type TestServer } from '../testing/harness';
import { createPgDatabase, dbKinds } from '../testing/test-db';
import { testRegistry } from '../testing/test-registry';
import { defaultThrottle, HashGate, LoginThrottle } from './throttle';

const PASSWORD = 'correct horse battery';
const login = (url: string, username: string, password: string) => call(url, 'POST', '/auth/login', { username, password });

describe.each(dbKinds)('login throttle on %s (Z3)', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(kind, { registry: testRegistry() });
    await s.userSession('victim', ['technician']);
  });
  afterAll(async () => s?.close());

  it('20 parallel wrong passwords for one account from one address: at most the free 5 are hashed', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => login(s.url, 'victim', `guess-${i}`)));
    const codes = answers.map((r) => r.status);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(15);
    expect(codes.every((c) => c === 401 || c === 429 || c === 503)).toBe(true);
    for (const r of answers.filter((x) => x.status !== 401)) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    const log = (await auditEntries(s.db, 'login')).filter((e) => e.actor === 'victim' && e.outcome !== 'ok');
    expect(log.length).toBe(20);
  });

  it('40 people behind one address sign in at once: the address counts failures, not attempts in flight', async () => {
    const throttle = new LoginThrottle(s.db);
    const ip = '198.51.100.40';
    // All 40 are checked before any has finished (a site's desktops after a server restart).
    expect(await Promise.all(Array.from({ length: 40 }, (_, i) => throttle.attempt(`desk${i}`, ip)))).toEqual(Array(40).fill(0));
    await Promise.all(Array.from({ length: 40 }, (_, i) => throttle.succeed(`desk${i}`, ip)));
    // A shed attempt tested nothing: sent again five times more, it is not refused.
    for (let i = 0; i < 6; i++) {
      expect(await throttle.attempt('desk0', ip)).toBe(0);
      await throttle.shed('desk0', ip);
    }
    // Failures still count: the 30th blocks the address.
    for (let i = 0; i < 30; i++) {
      expect(await throttle.attempt(`sprayed${i}`, ip)).toBe(0);
      await throttle.fail(ip);
    }
    expect(await throttle.attempt('desk1', ip)).toBeGreaterThan(defaultThrottle.blockSec * 1000 - 60_000);
  });
});

describe('a login block ends (Z3: never a lockout)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer('pg', { registry: testRegistry(), throttle: { ...defaultThrottle, blockSec: 1, windowSec: 60 } });
    await s.userSession('victim', ['technician']);
  });
  afterAll(async () => s?.close());

  it('the real user signs in again from the same address once the block is over', async () => {
    for (let i = 0; i < 5; i++) expect((await login(s.url, 'victim', `guess-${i}`)).status).toBe(401);
    expect((await login(s.url, 'victim', PASSWORD)).status).toBe(429);
    await new Promise((r) => setTimeout(r, 1_300));
    expect((await login(s.url, 'victim', PASSWORD)).status).toBe(200);
  });
});

describe('login throttle shared by two server processes on PostgreSQL', () => {
  const servers: FastifyInstance[] = [];
  const dbs: Db[] = [];
  const urls: string[] = [];
  let dropDb: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    const created = await createPgDatabase();
    dropDb = created.drop;
    // Two servers, each on its own connection pool to one database, as two processes are.
    for (let i = 0; i < 2; i++) {
      const db = await openPg(created.url);
      dbs.push(db);
      if (i === 0) await migrate(db);
      const app = await buildServer({ db, config: testConfig({}), logger: pino({ level: 'silent' }), registry: testRegistry() });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const addr = app.server.address();
      urls.push(`http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`);
      servers.push(app);
    }
    await createUser(dbs[0]!, { username: 'shared', password: PASSWORD, roles: ['technician'], teamId: null }, testConfig({}).argon2MemoryKib);
  });
  afterAll(async () => {
    for (const app of servers) await app.close();
    for (const db of dbs) await db.close();
    await dropDb?.();
  });

  it('attempts on one process count on the other', async () => {
    const [a, b] = urls as [string, string];
    for (let i = 0; i < 3; i++) expect((await login(a, 'shared', `wrong-${i}`)).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await login(b, 'shared', `wrong-b${i}`)).status).toBe(401);
    expect((await login(b, 'shared', PASSWORD)).status).toBe(429);
    expect((await login(a, 'shared', PASSWORD)).status).toBe(429);
  });
});

describe('hash gate', () => {
  it('runs at most N hashes at once, queues a few, refuses the rest with 503 + Retry-After', async () => {
    const gate = new HashGate(2, 3);
    let running = 0;
    let peak = 0;
    const task = async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 30));
      running--;
      return true;
    };
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => gate.run(task)));
    expect(peak).toBe(2);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(5);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as { status: number; code: string; headers: Record<string, string> });
    // OVERLOADED: the sign-in did not run, so the client sends it again after Retry-After.
    expect(refused.map((e) => [e.status, e.code, e.headers['retry-after']])).toEqual([
      [503, 'OVERLOADED', '1'],
      [503, 'OVERLOADED', '1'],
      [503, 'OVERLOADED', '1'],
    ]);
    // Slots are released: the gate works again afterwards.
    expect(await gate.run(task)).toBe(true);
  });

  it('tells each shed request its own turn, so a storm of sign-ins comes back spread out', async () => {
    const gate = new HashGate(2, 2);
    let release = () => {};
    const held = new Promise<boolean>((r) => (release = () => r(true)));
    const admitted = Array.from({ length: 4 }, () => gate.run(() => held));
    const refused = await Promise.allSettled(Array.from({ length: 30 }, () => gate.run(() => held)));
    const after = refused.map((r) => Number(((r as PromiseRejectedResult).reason as { headers: Record<string, string> }).headers['retry-after']));
    // 200 ms a hash before any is measured, 2 at once: 4 admitted, then 100 ms per turn handed out.
    expect(after[0]).toBe(1);
    expect(after.at(-1)).toBe(4);
    expect(after).toEqual([...after].sort((a, b) => a - b));
    release();
    expect(await Promise.all(admitted)).toEqual([true, true, true, true]);
  });
});
