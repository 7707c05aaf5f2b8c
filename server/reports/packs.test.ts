import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packId, subscriptionId } from '../../shared/domain/reportPacks';
import { reportFixture } from '../../shared/domain/testing/report-fixture';
import type { ReportPackRecord } from '../../shared/schema/records';
import type { LoginResponse } from '../../shared/sync/protocol';
import { routePath, type RouteName } from '../../shared/sync/routes';
import type { Db } from '../db/db';
import { writeServerDocs } from '../sync/engine';
import { cimsOrg, writeOrg } from '../testing/cims-org';
import { bearer, call, startTestServer, type TestServer } from '../testing/harness';
import { seedReportFixture } from '../testing/report-seed';
import type { ReportResults } from '../../shared/api/reports';
import { figuresFrom, generatePacks } from './packs';

// The monthly pack scheduler on PostgreSQL, over the reports' hand-made quarter (January to
// March 2026, shared/domain/testing/report-fixture.ts). The organisation's calendar is the
// default one (Shanghai, weekends off).
describe('monthly report packs (PostgreSQL)', () => {
  const org = cimsOrg();
  const fx = reportFixture({ T1: org.id.T1, T2: org.id.T2, east: 'cn-east', south: 'cn-south', now: Date.now() });
  let s: TestServer;
  const session: Record<string, LoginResponse> = {};
  const at = '2026-01-05T00:00:00.000Z';
  const subscribe = (person: string, locale: 'en' | 'zh-CN' = 'en', status = 'active') => ({
    id: subscriptionId(person),
    createdAt: at,
    updatedAt: at,
    kind: 'reportSubscription',
    ref: person,
    ref2: '',
    status,
    body: { pack: 'monthlyReview', locale, mail: false },
  });

  beforeAll(async () => {
    s = await startTestServer('pg');
    await writeOrg(s.db, org);
    await seedReportFixture(s.db, fx);
    for (const key of ['M', 'M2', 'tech', 'admin'] as const) {
      const person = org.people.find((p) => p.id === org.id[key])!;
      session[key] = await s.userSession(person.username, person.roles, { id: person.id, teamId: person.teamId });
    }
    // A technician's subscription cannot be pushed (records access); one stored anyway (say the
    // person was a manager then) gets no pack. M2's is cancelled.
    const subs = [subscribe(org.id.M), subscribe(org.id.admin, 'zh-CN'), subscribe(org.id.tech), subscribe(org.id.M2, 'en', 'cancelled')];
    await s.db.transaction((tx) => writeServerDocs(tx, s.app.deps.registry.get('records')!, subs.map((doc) => ({ doc }))));
  });
  afterAll(async () => s.close());

  const packs = async (): Promise<ReportPackRecord[]> =>
    (await s.db.query<{ doc: ReportPackRecord }>(`select doc from sync_docs where collection = 'records' and doc->>'kind' = 'reportPack' order by doc->'body'->>'month', doc->>'ref'`)).rows.map((r) => r.doc);
  const run = (db: Db, iso: string) => generatePacks(db, s.app.deps.registry, Date.parse(iso), { mailer: null });
  const reportsOf = async (who: string, month: string): Promise<ReportResults> => {
    const get = async (name: RouteName) => {
      const r = await call(s.url, 'GET', `${(routePath as (n: RouteName) => string)(name)}?from=${month}&to=${month}`, undefined, bearer(session[who]!));
      expect(r.status).toBe(200);
      return r.body;
    };
    return {
      tl9000: await get('reportTl9000'),
      sla: await get('reportSla'),
      backlog: await get('reportBacklog'),
      escalations: await get('reportEscalations'),
      csat: await get('reportCsat'),
      problems: await get('reportProblems'),
    } as ReportResults;
  };

  it("writes March's pack on 1 April with the figures /reports gives each subscriber for March", async () => {
    // Wednesday 1 April 2026, 10:00 in Shanghai.
    const written = await run(s.db, '2026-04-01T02:00:00.000Z');
    expect(written.map((p) => p.ref).sort()).toEqual([org.id.M, org.id.admin].sort());
    const stored = await packs();
    const mine = stored.find((p) => p.ref === org.id.M)!;
    expect(mine.id).toBe(packId(subscriptionId(org.id.M), '2026-03'));
    expect(mine.body).toMatchObject({ month: '2026-03', locale: 'en', scope: { region: 'cn-east', all: false }, mail: { state: 'off' } });
    expect(mine.body.figures).toEqual(figuresFrom(await reportsOf('M', '2026-03'), '2026-03'));
    const admins = stored.find((p) => p.ref === org.id.admin)!;
    expect(admins.body).toMatchObject({ locale: 'zh-CN', scope: { region: null, all: true } });
    expect(admins.body.figures).toEqual(figuresFrom(await reportsOf('admin', '2026-03'), '2026-03'));
    // The manager's scope leaves out region south: its survey answer (score 1) is the admin's only.
    expect(mine.body.figures.csat.responses).toBe(1);
    expect(admins.body.figures.csat.responses).toBe(2);
    expect(mine.body.figures.tl9000.map((r) => [r.productLine, r.reports])).toEqual([
      ['OTN', 0],
      ['RAN', 1],
    ]);
  });

  it('writes nothing before the first working day: 1 August 2026 is a Saturday', async () => {
    const before = (await packs()).length;
    expect(await run(s.db, '2026-08-01T02:00:00.000Z')).toEqual([]);
    expect(await run(s.db, '2026-08-02T12:00:00.000Z')).toEqual([]);
    // Sunday 2 August, 23:00 in Shanghai, is still the weekend there.
    expect(await run(s.db, '2026-08-02T15:00:00.000Z')).toEqual([]);
    expect((await packs()).length).toBe(before);
  });

  it('two processes ticking together on Monday 3 August write one July pack per subscription, and later ticks none', async () => {
    const before = (await packs()).length;
    // The pool runs each tick's transactions on connections of their own, as two processes would.
    const [a, b] = await Promise.all([run(s.db, '2026-08-03T01:00:00.000Z'), run(s.db, '2026-08-03T01:00:00.000Z')]);
    const july = (await packs()).filter((p) => p.body.month === '2026-07');
    expect(july.map((p) => p.ref).sort()).toEqual([org.id.M, org.id.admin].sort());
    // Since March's packs the server has not ticked: May and June are caught up (two months at
    // most), each once, April is not.
    const months = [...a, ...b].map((p) => p.body.month).sort();
    expect(months).toEqual(['2026-05', '2026-05', '2026-06', '2026-06', '2026-07', '2026-07']);
    expect((await packs()).length).toBe(before + 6);
    // A missed day is made up later in the month; a made pack is never made again.
    expect(await run(s.db, '2026-08-20T01:00:00.000Z')).toEqual([]);
    expect(await run(s.db, '2026-08-31T15:00:00.000Z')).toEqual([]);
  });

  it('a pack missed on its day (server down) is made on a later day of the month', async () => {
    expect((await packs()).some((p) => p.body.month === '2026-08')).toBe(false);
    // Tuesday 1 September was the due day; the server comes back on the 9th.
    const written = await run(s.db, '2026-09-09T03:00:00.000Z');
    expect(written.map((p) => p.body.month)).toEqual(['2026-08', '2026-08']);
  });

  it('a month the server was down for entirely: September and October are written in November', async () => {
    // Down from 1 October to 1 November: September's pack (due in October) was never made.
    const written = await run(s.db, '2026-11-02T02:00:00.000Z');
    expect(written.map((p) => `${p.body.month} ${p.ref === org.id.M ? 'M' : 'admin'}`).sort()).toEqual(['2026-09 M', '2026-09 admin', '2026-10 M', '2026-10 admin']);
    const september = (await packs()).find((p) => p.body.month === '2026-09' && p.ref === org.id.M)!;
    expect(september.id).toBe(packId(subscriptionId(org.id.M), '2026-09'));
    expect(september.body.figures).toEqual(figuresFrom(await reportsOf('M', '2026-09'), '2026-09'));
    expect(await run(s.db, '2026-11-03T02:00:00.000Z')).toEqual([]);
  });
});
