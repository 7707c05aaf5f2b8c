import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportSchemas } from '../../shared/api/reports';
import { backlogReport, csatReport, escalationReport, problemsReport, slaReport, tl9000Report, type ReportData, type ReportFilter } from '../../shared/domain/reports';
import { monthOf } from '../../shared/domain/metrics';
import { reportFixture } from '../../shared/domain/testing/report-fixture';
import type { LoginResponse } from '../../shared/sync/protocol';
import { routePath, type RouteName } from '../../shared/sync/routes';
import { cimsOrg, writeOrg } from '../testing/cims-org';
import { bearer, call, errorCode, startTestServer, type CallResult, type TestServer } from '../testing/harness';
import { seedReportFixture } from '../testing/report-seed';
import { dbKinds } from '../testing/test-db';

// Figures written out by hand from the fixture's story (shared/domain/testing/report-fixture.ts).
const counts = (reports: number, unitMonths: number, fixesDelivered = 0, fixesOnTime = 0, overdue = 0, overdueClosed = 0, overdueAtEnd = 0) => ({
  reports,
  unitMonths,
  fixesDelivered,
  fixesOnTime,
  overdue,
  overdueClosed,
  overdueAtEnd,
});
type Counts = ReturnType<typeof counts>;
const row = (month: string, productLine: string, severity: string, c: Counts, npr: number | null, frtPercent: number | null, ofrPercent: number | null) => ({
  month,
  productLine,
  severity,
  ...c,
  npr,
  frtPercent,
  ofrPercent,
});
const zeros = (month: string, pl: string, units: number) => (['critical', 'major', 'minor'] as const).map((s) => row(month, pl, s, counts(0, units), 0, null, null));

/** The manager of region east (team T1) over January to March 2026. */
const MANAGER_TL9000 = [
  row('2026-01', 'OTN', 'critical', counts(1, 4, 1, 1), 3, 100, null),
  row('2026-01', 'OTN', 'major', counts(0, 4, 0, 0, 2, 0, 2), 0, null, 0),
  row('2026-01', 'OTN', 'minor', counts(0, 4), 0, null, null),
  ...zeros('2026-01', 'RAN', 2),
  row('2026-02', 'OTN', 'critical', counts(1, 5), 2.4, null, null),
  row('2026-02', 'OTN', 'major', counts(0, 5, 1, 0, 2, 1, 1), 0, 0, 50),
  row('2026-02', 'OTN', 'minor', counts(0, 5), 0, null, null),
  ...zeros('2026-02', 'RAN', 2),
  row('2026-03', 'OTN', 'critical', counts(0, 5, 1, 0, 1, 1, 0), 0, 0, 100),
  row('2026-03', 'OTN', 'major', counts(0, 5, 0, 0, 1, 0, 1), 0, null, 0),
  row('2026-03', 'OTN', 'minor', counts(0, 5), 0, null, null),
  row('2026-03', 'RAN', 'critical', counts(1, 2, 1, 1), 6, 100, null),
  row('2026-03', 'RAN', 'major', counts(0, 2), 0, null, null),
  row('2026-03', 'RAN', 'minor', counts(0, 2), 0, null, null),
];
/** Across severities the unit-months are the product line's, not three times them. */
const MANAGER_TOTALS = [
  row('2026-01', 'OTN', 'all', counts(1, 4, 1, 1, 2, 0, 2), 3, 100, 0),
  row('2026-01', 'RAN', 'all', counts(0, 2), 0, null, null),
  row('2026-02', 'OTN', 'all', counts(1, 5, 1, 0, 2, 1, 1), 2.4, 0, 50),
  row('2026-02', 'RAN', 'all', counts(0, 2), 0, null, null),
  row('2026-03', 'OTN', 'all', counts(0, 5, 1, 0, 2, 1, 1), 0, 0, 50),
  row('2026-03', 'RAN', 'all', counts(1, 2, 1, 1), 6, 100, null),
];

const Q1 = { from: '2026-01', to: '2026-03' } satisfies ReportFilter;
const qs = (f: Record<string, string | undefined>) =>
  '?' + Object.entries(f).flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${encodeURIComponent(v)}`])).join('&');
const withoutTime = <T extends { generatedAt?: string }>(r: T) => ({ ...r, generatedAt: 'x' });

describe.each(dbKinds)('quality reports on %s', (kind) => {
  const org = cimsOrg();
  const now = Date.now();
  const fx = reportFixture({ T1: org.id.T1, T2: org.id.T2, east: 'cn-east', south: 'cn-south', now });
  const all: ReportData = { tickets: Object.values(fx.tickets), events: fx.events, assets: fx.assets, customers: fx.customers, policies: fx.policies, problems: fx.problems };
  // What the manager of the east may read: their region and team T1 (everything but G).
  const managerData: ReportData = { ...all, tickets: all.tickets.filter((t) => t.id !== fx.tickets.G.id), events: all.events.filter((e) => e.ticketId !== fx.tickets.G.id) };
  let s: TestServer;
  const session: Record<string, LoginResponse> = {};

  beforeAll(async () => {
    s = await startTestServer(kind);
    await writeOrg(s.db, org);
    await seedReportFixture(s.db, fx);
    for (const key of ['M', 'M2', 'tech', 'admin'] as const) {
      const person = org.people.find((p) => p.id === org.id[key])!;
      session[key] = await s.userSession(person.username, person.roles, { id: person.id, teamId: person.teamId });
    }
  });
  afterAll(async () => s.close());

  const get = (who: string, name: RouteName, f: Record<string, string | undefined> = Q1): Promise<CallResult> =>
    call(s.url, 'GET', (routePath as (n: RouteName) => string)(name) + qs(f), undefined, bearer(session[who]!));
  const ok = async <T>(who: string, name: RouteName, f?: Record<string, string | undefined>): Promise<T> => {
    const r = await get(who, name, f);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as T;
  };

  it('TL 9000: NPR, FRT and OFR per month, product line and severity, with totals that take unit-months once', async () => {
    const r = await ok<{ rows: unknown[]; totals: unknown[]; months: string[]; calendarFallbacks: string[] }>('M', 'reportTl9000');
    expect(reportSchemas.tl9000.safeParse(r).success).toBe(true);
    expect(r.months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(r.rows).toEqual(MANAGER_TL9000);
    expect(r.totals).toEqual(MANAGER_TOTALS);
    // Region east has no calendar of its own: the default one is used, and said.
    expect(r.calendarFallbacks).toEqual(['cn-east']);
  });

  it('TL 9000 for an administrator includes the other region; a product line filter keeps only it', async () => {
    const r = await ok<{ rows: ReturnType<typeof row>[]; calendarFallbacks: string[] }>('admin', 'reportTl9000');
    const cell = (m: string, pl: string, sev: string) => r.rows.find((x) => x.month === m && x.productLine === pl && x.severity === sev);
    expect(cell('2026-02', 'RAN', 'major')).toEqual(row('2026-02', 'RAN', 'major', counts(1, 2), 6, null, null));
    expect(cell('2026-03', 'RAN', 'major')).toEqual(row('2026-03', 'RAN', 'major', counts(0, 2, 0, 0, 1, 0, 1), 0, null, 0));
    expect(r.calendarFallbacks).toEqual(['cn-east', 'cn-south']);
    const ran = await ok<{ rows: ReturnType<typeof row>[] }>('M', 'reportTl9000', { ...Q1, productLine: 'RAN' });
    expect(ran.rows).toEqual(MANAGER_TL9000.filter((x) => x.productLine === 'RAN'));
    const critical = await ok<{ rows: ReturnType<typeof row>[] }>('M', 'reportTl9000', { ...Q1, severity: 'critical' });
    expect(critical.rows).toEqual(MANAGER_TL9000.filter((x) => x.severity === 'critical'));
  });

  it('SLA compliance per month, team, severity, tier and clock', async () => {
    const r = await ok<{ rows: unknown[]; calendarFallbacks: string[] }>('M', 'reportSla');
    const T1 = org.id.T1;
    const sla = (month: string, severity: string, tier: string, clock: string, measured: number, met: number) => ({
      month,
      teamId: T1,
      severity,
      tier,
      clock,
      measured,
      met,
      percent: (met / measured) * 100,
    });
    expect(r.rows).toEqual([
      sla('2026-01', 'critical', 'general', 'firstResponse', 1, 1),
      sla('2026-01', 'critical', 'general', 'fix', 1, 1),
      sla('2026-01', 'critical', 'general', 'restore', 1, 1),
      sla('2026-02', 'critical', 'general', 'firstResponse', 1, 0),
      sla('2026-02', 'major', 'general', 'fix', 1, 0),
      sla('2026-02', 'major', 'general', 'restore', 1, 0),
      sla('2026-03', 'critical', 'general', 'fix', 1, 0),
      sla('2026-03', 'critical', 'general', 'restore', 1, 0),
      sla('2026-03', 'critical', 'key', 'fix', 1, 1),
      sla('2026-03', 'critical', 'key', 'restore', 1, 0),
    ]);
    expect(r.calendarFallbacks).toEqual(['cn-east']);
    const key = await ok<{ rows: { tier: string }[] }>('M', 'reportSla', { ...Q1, tier: 'key' });
    expect(key.rows.map((x) => x.tier)).toEqual(['key', 'key']);
  });

  it('backlog: open tickets by age bucket, severity and status, now', async () => {
    const r = await ok<{ buckets: { label: string; total: number; bySeverity: Record<string, number> }[]; byStatus: Record<string, number>; open: number }>('M', 'reportBacklog');
    expect(r.open).toBe(5);
    expect(r.byStatus).toEqual({ new: 2, acknowledged: 1, in_progress: 1, pending: 1, restored: 0 });
    expect(r.buckets).toEqual([
      { label: '<1d', total: 1, bySeverity: { critical: 1, major: 0, minor: 0 } },
      { label: '1-3d', total: 1, bySeverity: { critical: 0, major: 0, minor: 1 } },
      { label: '3-7d', total: 0, bySeverity: { critical: 0, major: 0, minor: 0 } },
      { label: '7-30d', total: 0, bySeverity: { critical: 0, major: 0, minor: 0 } },
      { label: '>30d', total: 3, bySeverity: { critical: 0, major: 1, minor: 2 } },
    ]);
    const admin = await ok<{ open: number; byStatus: Record<string, number> }>('admin', 'reportBacklog');
    expect(admin.open).toBe(6);
    expect(admin.byStatus.in_progress).toBe(2);
  });

  it('escalations: rate per month, by axis and level, time to acknowledge', async () => {
    const r = await ok<{ rate: { month: string; tickets: number; escalated: number; percent: number | null }[]; byLevel: unknown[]; acknowledge: unknown }>('M', 'reportEscalations');
    expect(r.rate.map((x) => [x.month, x.tickets, x.escalated])).toEqual([
      ['2026-01', 1, 0],
      ['2026-02', 3, 1],
      ['2026-03', 1, 0],
    ]);
    expect(r.rate[1]!.percent).toBeCloseTo(33.333, 2);
    expect(r.byLevel).toEqual([
      { axis: 'functional', toLevel: 'L2', count: 1 },
      { axis: 'hierarchical', toLevel: 'team_lead', count: 1 },
    ]);
    expect(r.acknowledge).toEqual({ raised: 2, acknowledged: 1, averageMinutes: 30, maxMinutes: 30 });
  });

  it('CSAT: the latest answer per ticket, distribution, trend and verbatims', async () => {
    const r = await ok<Record<string, unknown>>('M', 'reportCsat');
    expect(r.responses).toBe(2);
    expect(r.average).toBe(4.5);
    expect(r.distribution).toEqual([0, 0, 0, 1, 1]);
    expect(r.trend).toEqual([
      { month: '2026-01', responses: 0, average: null },
      { month: '2026-02', responses: 1, average: 4 },
      { month: '2026-03', responses: 1, average: 5 },
    ]);
    expect(r.verbatims).toEqual([{ ticketId: fx.tickets.A.id, at: '2026-02-02T00:00:00.000Z', score: 4, reason: 'better' }]);
    const admin = await ok<Record<string, unknown>>('admin', 'reportCsat');
    expect(admin.distribution).toEqual([1, 0, 0, 1, 1]);
    expect((admin.verbatims as { reason: string }[]).map((v) => v.reason)).toEqual(['bad', 'better']);
  });

  it('problems: open by status, overdue actions, effectiveness of actions', async () => {
    const r = await ok<{ byStatus: Record<string, number>; overdueActions: { description: string }[]; effectiveness: unknown }>('M', 'reportProblems');
    expect(r.byStatus).toEqual({ analysing: 1, closed: 1 });
    expect(r.overdueActions.map((a) => a.description)).toEqual(['action a1']);
    expect(r.effectiveness).toEqual({ checked: 3, effective: 2, percent: (2 / 3) * 100 });
    const ran = await ok<{ byStatus: Record<string, number>; effectiveness: unknown }>('M', 'reportProblems', { ...Q1, productLine: 'RAN' });
    expect(ran.byStatus).toEqual({ closed: 1 });
    expect(ran.effectiveness).toEqual({ checked: 1, effective: 1, percent: 100 });
  });

  it('the in-app functions give the same figures over the same data', async () => {
    const pairs: [RouteName, (d: ReportData, f: ReportFilter, now: number) => object][] = [
      ['reportTl9000', tl9000Report],
      ['reportSla', slaReport],
      ['reportEscalations', escalationReport],
      ['reportCsat', csatReport],
      ['reportProblems', problemsReport],
      ['reportBacklog', backlogReport],
    ];
    for (const [name, local] of pairs) {
      const server = await ok<object>('M', name);
      expect(withoutTime(server), name).toEqual(withoutTime(local(managerData, Q1, Date.now())));
    }
  });

  it('scope: another region or team is refused (403); other roles have no reports', async () => {
    expect(errorCode(await get('M', 'reportTl9000', { ...Q1, region: 'cn-south' }))).toBe('FORBIDDEN');
    expect((await get('M', 'reportSla', { ...Q1, teamId: org.id.T2 })).status).toBe(403);
    expect((await get('M', 'reportTl9000', { ...Q1, region: 'cn-east' })).status).toBe(200);
    expect((await get('admin', 'reportTl9000', { ...Q1, region: 'cn-south' })).status).toBe(200);
    expect((await get('tech', 'reportBacklog')).status).toBe(403);
    const south = await ok<{ rows: ReturnType<typeof row>[] }>('M2', 'reportTl9000');
    expect(south.rows.filter((x) => x.reports > 0).map((x) => [x.month, x.productLine, x.severity])).toEqual([['2026-02', 'RAN', 'major']]);
  });

  it('bad input: reversed, too long, future, unknown product line, malformed month: 400 with a code', async () => {
    const next = monthOf(Date.now() + 40 * 86_400_000);
    const cases: [Record<string, string>, string][] = [
      [{ from: '2026-03', to: '2026-01' }, 'RANGE_REVERSED'],
      [{ from: '2020-01', to: '2026-03' }, 'RANGE_TOO_LONG'],
      [{ from: next, to: next }, 'MONTH_IN_FUTURE'],
      [{ ...Q1, productLine: 'NOPE' } as Record<string, string>, 'UNKNOWN_PRODUCT_LINE'],
      [{ from: '2026-13', to: '2026-03' }, 'BAD_REQUEST'],
      [{ from: '2026-01' }, 'BAD_REQUEST'],
    ];
    for (const [f, code] of cases) {
      const r = await get('M', 'reportTl9000', f);
      expect(r.status, code).toBe(400);
      expect(errorCode(r)).toBe(code);
    }
    expect((await call(s.url, 'GET', '/reports/tl9000' + qs(Q1))).status).toBe(401);
  });
});
