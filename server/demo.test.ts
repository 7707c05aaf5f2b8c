import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../shared/domain/demo';
import type { LoginResponse, PullResponse, WireDocument } from '../shared/sync/protocol';
import { DEMO_PASSWORD, loadDemo } from './demo';
import { bearer, call, startTestServer, type TestServer } from './testing/harness';

const OPTIONS = { tickets: 150 };

describe('demo organisation', () => {
  let s: TestServer;
  let printed = '';
  const data = generateDemoData(OPTIONS);
  beforeAll(async () => {
    s = await startTestServer('pglite');
    printed = await loadDemo(s.db, s.app.deps.registry, s.config, OPTIONS);
  });
  afterAll(async () => s.close());

  const login = async (username: string) => {
    const r = await call(s.url, 'POST', '/auth/login', { username, password: DEMO_PASSWORD });
    expect(r.status).toBe(200);
    return r.body as LoginResponse;
  };
  async function pullAll(who: LoginResponse, collection: string): Promise<WireDocument[]> {
    const out: WireDocument[] = [];
    let checkpoint: PullResponse['checkpoint'] = null;
    for (;;) {
      const r = (await call(s.url, 'POST', `/sync/${collection}/pull`, { checkpoint, batchSize: 1000 }, bearer(who))).body as PullResponse;
      if (r.documents.length === 0) return out;
      out.push(...r.documents);
      checkpoint = r.checkpoint;
    }
  }
  const loginFor = (role: string) => data.logins.find((l) => l.role === role)!.username;

  it('prints a login for each role, and each signs in with the documented password', async () => {
    expect(printed).toContain(DEMO_PASSWORD);
    for (const role of ['technician', 'engineer', 'expert', 'manager', 'assessor', 'admin']) {
      expect(printed).toContain(loginFor(role));
      await login(loginFor(role));
    }
  });

  it('gives each role its own view of the data', async () => {
    const admin = await login(loginFor('admin'));
    const all = await pullAll(admin, 'tickets');
    expect(all.length).toBe(data.tickets.length);
    expect(all.every((t) => typeof t.number === 'number')).toBe(true);
    const tech = await pullAll(await login(loginFor('technician')), 'tickets');
    expect(tech.length).toBeLessThan(all.length);
    expect((await pullAll(await login(loginFor('assessor')), 'assessments')).length).toBe(data.assessments.length);
    expect((await pullAll(admin, 'assessments')).length).toBe(0);
  });

  it('loads once: a second run adds nothing', async () => {
    const before = (await s.db.query<{ n: number }>('select count(*)::int as n from sync_docs')).rows[0]!.n;
    await loadDemo(s.db, s.app.deps.registry, s.config, OPTIONS);
    expect((await s.db.query<{ n: number }>('select count(*)::int as n from sync_docs')).rows[0]!.n).toBe(before);
  });
});
