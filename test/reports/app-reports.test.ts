import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../electron/core/errors';
import { openDatabase, type CimsDatabase } from '../../electron/db/open';
import { reportsHandlers, reviewPackRoute } from '../../electron/services/reports/handlers';
import { createLocalReports } from '../../electron/services/reports/local';
import { createSyncHttpClient, type SyncHttpClient } from '../../electron/sync/http';
import { createMemoryTokenStore } from '../../electron/sync/tokens';
import { cimsOrg, writeOrg } from '../../server/testing/cims-org';
import { startTestServer, type TestServer } from '../../server/testing/harness';
import { seedReportFixture } from '../../server/testing/report-seed';
import { reportNames, type ReportAnswer, type ReportName } from '../../shared/api/reports';
import { reportFixture } from '../../shared/domain/testing/report-fixture';

/**
 * The app's `reports.run`: online it answers the server's figures, offline the same figures
 * from the device's store (a real SQLite file holding what the manager may read), and says
 * which. The server's figures are pinned by hand in server/reports/reports.test.ts.
 */
describe('reports in the app: server when online, local data when offline', () => {
  const org = cimsOrg();
  const fx = reportFixture({ T1: org.id.T1, T2: org.id.T2, east: 'cn-east', south: 'cn-south', now: Date.now() });
  const Q1 = { from: '2026-01', to: '2026-03' };
  let server: TestServer;
  let client: SyncHttpClient;
  let dir: string;
  let db: CimsDatabase;
  let online: ReturnType<typeof reportsHandlers>;
  let offline: ReturnType<typeof reportsHandlers>;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    await writeOrg(server.db, org);
    await seedReportFixture(server.db, fx);
    const m = org.people.find((p) => p.id === org.id.M)!;
    await server.userSession(m.username, m.roles, { id: m.id, teamId: m.teamId, password: 'manager password' });
    client = createSyncHttpClient({ serverUrl: server.url, tokenStore: createMemoryTokenStore(), timeoutMs: 10_000 });
    const login = await client.login(m.username, 'manager password');

    // The manager's device: what the server lets them pull (everything but G).
    dir = await mkdtemp(join(tmpdir(), 'cims-reports-'));
    db = await openDatabase({ directory: dir });
    const mine = Object.values(fx.tickets).filter((t) => t.id !== fx.tickets.G.id);
    await db.customers.bulkInsert(fx.customers);
    await db.policies.bulkInsert(fx.policies);
    await db.assets.bulkInsert(fx.assets);
    await db.tickets.bulkInsert(mine);
    await db.ticketEvents.bulkInsert(fx.events.filter((e) => e.ticketId !== fx.tickets.G.id));
    await db.problems.bulkInsert(fx.problems);

    const local = createLocalReports(db);
    online = reportsHandlers(client, local);
    // A server nobody answers on (closed port): the network fails as it does on a plane.
    const unreachable = createSyncHttpClient({
      serverUrl: 'http://127.0.0.1:9',
      timeoutMs: 2_000,
      tokenStore: createMemoryTokenStore({ serverUrl: 'http://127.0.0.1:9', accessToken: login.accessToken, accessExpiresAt: Date.now() + 600_000, refreshToken: 'r', user: login.user }),
    });
    offline = reportsHandlers(unreachable, local);
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const run = (h: ReturnType<typeof reportsHandlers>, report: ReportName, query: Record<string, string> = Q1) =>
    h.commands['reports.run']({ report, query: query as typeof Q1 }) as Promise<ReportAnswer>;
  const figures = (a: ReportAnswer) => ({ ...a.data, generatedAt: '' });

  it('every report gives the same figures from the server and from the local store, and says which', async () => {
    for (const report of reportNames) {
      const a = await run(online, report);
      const b = await run(offline, report);
      expect([a.source, b.source], report).toEqual(['server', 'local']);
      expect(figures(b), report).toEqual(figures(a));
    }
    const tl = await run(offline, 'tl9000', { ...Q1, productLine: 'OTN', severity: 'major' });
    expect(tl.data).toMatchObject({ rows: [{ month: '2026-01', overdue: 2, overdueAtEnd: 2 }, { month: '2026-02', fixesDelivered: 1, ofrPercent: 50 }, { month: '2026-03', overdue: 1 }] });
  });

  it('bad input is refused with the same codes online and offline; another region is refused by the server', async () => {
    for (const h of [online, offline]) {
      await expect(run(h, 'tl9000', { from: '2026-03', to: '2026-01' })).rejects.toMatchObject({ code: 'RANGE_REVERSED' });
      await expect(run(h, 'sla', { ...Q1, productLine: 'NOPE' })).rejects.toMatchObject({ code: 'UNKNOWN_PRODUCT_LINE' });
    }
    const refused = await run(online, 'tl9000', { ...Q1, region: 'cn-south' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('FORBIDDEN');
  });

  it('the review pack prints its print view of the period, scope and language; a refused query or a shell without a printer prints nothing', async () => {
    const printed: string[] = [];
    const printer = async (route: string) => {
      printed.push(route);
      return new Uint8Array(Buffer.from('%PDF-1.7 pack'));
    };
    const local = createLocalReports(db);
    const h = reportsHandlers(client, local, undefined, { print: printer, organisation: async () => '华东 & Co' });
    const pack = (query: Record<string, string>, locale: 'en' | 'zh-CN' = 'zh-CN') => h.commands['reports.reviewPackPdf']({ query: query as typeof Q1, locale }) as Promise<{ fileName: string; base64: string }>;

    const made = await pack({ ...Q1, productLine: 'OTN' });
    expect(made.fileName).toBe('review-pack-2026-01-2026-03-zh-CN.pdf');
    expect(Buffer.from(made.base64, 'base64').toString('latin1')).toBe('%PDF-1.7 pack');
    expect(printed).toEqual(['/reports/review-pack?from=2026-01&to=2026-03&productLine=OTN&lang=zh-CN&org=%E5%8D%8E%E4%B8%9C+%26+Co&print=1']);
    expect(new URLSearchParams(printed[0]!.split('?')[1]).get('org')).toBe('华东 & Co');

    await expect(pack({ from: '2026-03', to: '2026-01' })).rejects.toMatchObject({ code: 'RANGE_REVERSED' });
    await expect(pack({ ...Q1, productLine: 'NOPE' }, 'en')).rejects.toMatchObject({ code: 'UNKNOWN_PRODUCT_LINE' });
    await expect(pack({ ...Q1, region: 'cn-south' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(printed).toHaveLength(1);
    await expect(reportsHandlers(client, local).commands['reports.reviewPackPdf']({ query: Q1, locale: 'en' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(reviewPackRoute({ query: Q1, locale: 'en' }, '')).toBe('/reports/review-pack?from=2026-01&to=2026-03&lang=en&org=&print=1');
  });
});
