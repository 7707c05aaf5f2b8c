import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse, PullResponse } from '../shared/sync/protocol';
import { DEMO_PASSWORD, loadDemo } from './demo';
import { bearer, call, startTestServer, type TestServer } from './testing/harness';

describe('demo organisation', () => {
  let s: TestServer;
  let printed = '';
  beforeAll(async () => {
    s = await startTestServer('pglite');
    printed = await loadDemo(s.db, s.app.deps.registry, s.config);
  });
  afterAll(async () => s.close());

  const login = async (username: string) => {
    const r = await call(s.url, 'POST', '/auth/login', { username, password: DEMO_PASSWORD });
    expect(r.status).toBe(200);
    return r.body as LoginResponse;
  };
  const pull = async (who: LoginResponse, collection: string) =>
    ((await call(s.url, 'POST', `/sync/${collection}/pull`, { checkpoint: null, batchSize: 100 }, bearer(who))).body as PullResponse).documents;

  it('prints a login for each role, all with the documented password', async () => {
    for (const role of ['technician', 'engineer', 'expert', 'manager', 'assessor', 'admin']) expect(printed).toContain(role);
    expect(printed).toContain(DEMO_PASSWORD);
    for (const u of ['technician', 'engineer', 'expert', 'manager', 'assessor', 'admin']) await login(u);
  });

  it('gives each role its view: the technician their team’s numbered tickets, the assessor the assessments', async () => {
    const tech = await pull(await login('technician'), 'tickets');
    expect(tech.length).toBe(2);
    expect(tech.every((t) => typeof t.number === 'number')).toBe(true);
    expect((await pull(await login('admin'), 'tickets')).length).toBe(4);
    expect((await pull(await login('assessor'), 'assessments')).length).toBe(2);
    expect((await pull(await login('admin'), 'assessments')).length).toBe(0);
  });

  it('loads once: a second run adds nothing', async () => {
    const before = (await s.db.query<{ n: number }>('select count(*)::int as n from sync_docs')).rows[0]!.n;
    await loadDemo(s.db, s.app.deps.registry, s.config);
    expect((await s.db.query<{ n: number }>('select count(*)::int as n from sync_docs')).rows[0]!.n).toBe(before);
  });
});
