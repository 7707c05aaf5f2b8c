import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { localDate } from '../../shared/domain/calendar';
import { DEFAULT_ASSESSMENT_TEMPLATE, DEFAULT_CALENDAR, DEFAULT_ESCALATION_RULES, DEFAULT_PRIORITY, DEFAULT_SLA_TARGETS } from '../../shared/domain/defaults';
import type { LoginResponse } from '../../shared/sync/protocol';
import { routePath, routes, type RouteName } from '../../shared/sync/routes';
import { activateDuePolicies } from '../adminPolicies';
import { bearer, call, errorCode, startTestServer, type TestServer } from '../testing/harness';
import { dbKinds } from '../testing/test-db';

const today = () => localDate(Date.now(), 'Asia/Shanghai');
const sla = (firstResponseMinutes: number) => ({
  kind: 'sla',
  name: 'Default SLA',
  sla: { customerId: null, warningRatio: 0.75, targets: DEFAULT_SLA_TARGETS.map((t) => (t.severity === 'critical' && t.tier === 'general' ? { ...t, firstResponseMinutes } : t)) },
});

describe.each(dbKinds)('policy admin routes on %s', (kind) => {
  let s: TestServer;
  let root: LoginResponse;
  beforeAll(async () => {
    s = await startTestServer(kind);
    root = await s.userSession('root', ['admin']);
  });
  afterAll(async () => s.close());

  const admin = (name: RouteName, body?: unknown, params: Record<string, string> = {}, token: LoginResponse = root) =>
    call(s.url, routes[name].method, (routePath as (n: RouteName, p?: Record<string, string>) => string)(name, params), body, bearer(token));
  const policies = async (k: string) =>
    (await s.db.query<{ doc: { id: string; active: boolean; sla?: { targets: { firstResponseMinutes: number }[] } } }>(`select doc from sync_docs where collection = 'policies' and doc->>'kind' = $1 order by doc->>'createdAt', id`, [k])).rows.map((r) => r.doc);
  const idOf = (r: { body: unknown }) => (r.body as { policy: { id: string } }).policy.id;

  it('saves SLA versions as new documents, retires the previous one, audits the effective date, and rolls back', async () => {
    const first = await admin('savePolicy', { replaces: null, effectiveFrom: today(), draft: sla(20) });
    expect(first.status).toBe(201);
    const second = await admin('savePolicy', { replaces: idOf(first), effectiveFrom: today(), draft: sla(10) });
    expect(second.status).toBe(201);
    const versions = await policies('sla');
    expect(versions.map((p) => [p.id, p.active])).toEqual([
      [idOf(first), false],
      [idOf(second), true],
    ]);
    const log = await s.db.query<{ detail: { effectiveFrom: string; retired: string[] } }>(`select detail from audit_log where action = 'policy.save' order by id`);
    expect(log.rows[1]!.detail).toMatchObject({ effectiveFrom: today(), retired: [idOf(first)] });

    const back = await admin('rollbackPolicy', {}, { id: idOf(first) });
    expect(back.status).toBe(200);
    expect((await policies('sla')).map((p) => p.active)).toEqual([true, false]);
    expect((await s.db.query(`select 1 from audit_log where action = 'policy.rollback' and target = $1`, [`policies/${idOf(first)}`])).rows).toHaveLength(1);
    const again = await admin('rollbackPolicy', {}, { id: idOf(first) });
    expect([again.status, errorCode(again)]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('asks to confirm re-evaluating running tickets when the effective date is in the past', async () => {
    const insert = `insert into sync_docs (collection, id, seq, doc) values ('tickets', $1, $2, $3)`;
    await s.db.query(insert, [uuidv7(), 910001, JSON.stringify({ region: 'CN-East', status: 'in_progress', customerId: 'c1' })]);
    const cal = { kind: 'calendar', name: 'East', calendar: { ...DEFAULT_CALENDAR, region: 'CN-East' } };
    const refused = await admin('savePolicy', { replaces: null, effectiveFrom: '2020-01-01', draft: cal });
    expect([refused.status, (refused.body as { error: { field: string } }).error.field]).toEqual([409, 'confirmReevaluation']);
    expect(await policies('calendar')).toEqual([]);
    const confirmed = await admin('savePolicy', { replaces: null, effectiveFrom: '2020-01-01', confirmReevaluation: true, draft: cal });
    expect(confirmed.status).toBe(201);
    const log = await s.db.query<{ detail: { reevaluated: number } }>(`select detail from audit_log where action = 'policy.save' and target = $1`, [`policies/${idOf(confirmed)}`]);
    expect(log.rows[0]!.detail.reevaluated).toBe(1);
  });

  it('schedules a version for a later day: stored inactive, put in force once at the start of that day in Shanghai, cancellable until then', async () => {
    // A calendar of its own region, so the versions of the other tests stay as they are.
    const region = (p: { calendar?: { region: string } }) => p.calendar?.region === 'CN-Sched';
    const draft = (name: string) => ({ kind: 'calendar', name, calendar: { ...DEFAULT_CALENDAR, region: 'CN-Sched' } });
    const now0 = await admin('savePolicy', { replaces: null, effectiveFrom: today(), draft: draft('Today') });
    const inForce = { id: idOf(now0) };
    const later = await admin('savePolicy', { replaces: inForce.id, effectiveFrom: '2099-01-01', draft: draft('From 2099') });
    expect(later.status).toBe(201);
    expect((later.body as { policy: { active: boolean } }).policy.active).toBe(false);
    const cancelled = await admin('savePolicy', { replaces: null, effectiveFrom: '2099-06-01', draft: draft('Cancelled') });
    const listed = await admin('policySchedule');
    expect(listed.status).toBe(200);
    expect((listed.body as { scheduled: unknown[] }).scheduled).toEqual([
      // Midnight in Shanghai is 16:00 UTC the day before.
      { policyId: idOf(later), kind: 'calendar', effectiveFrom: '2099-01-01', zone: 'Asia/Shanghai', activateAt: '2098-12-31T16:00:00.000Z', replaces: inForce.id, scheduledBy: 'root' },
      expect.objectContaining({ policyId: idOf(cancelled), effectiveFrom: '2099-06-01' }),
    ]);
    expect([(await admin('cancelPolicySchedule', {}, { id: idOf(cancelled) })).status, (await admin('cancelPolicySchedule', {}, { id: idOf(cancelled) })).status]).toEqual([200, 404]);

    // Nothing changes before the day begins; at 16:00 UTC on 31 December it is in force, once,
    // even with two schedulers (server processes) running at the same moment.
    expect(await activateDuePolicies(s.db, s.app.deps.registry, Date.parse('2098-12-31T15:59:59Z'))).toEqual([]);
    const at = Date.parse('2098-12-31T16:00:00Z');
    const runs = await Promise.all([activateDuePolicies(s.db, s.app.deps.registry, at), activateDuePolicies(s.db, s.app.deps.registry, at)]);
    expect(runs.flat()).toEqual([idOf(later)]);
    const calendars = () => policies('calendar').then((list) => list.filter((p) => region(p as { calendar?: { region: string } })));
    expect((await calendars()).filter((p) => p.active).map((p) => p.id)).toEqual([idOf(later)]);
    expect((await s.db.query(`select 1 from audit_log where action in ('policy.schedule', 'policy.activate', 'policy.unschedule')`)).rows).toHaveLength(4);
    expect((await admin('policySchedule')).body).toEqual({ scheduled: [] });
    // The cancelled version stays stored, inactive, and never comes into force.
    expect(await activateDuePolicies(s.db, s.app.deps.registry, Date.parse('2099-07-01T00:00:00Z'))).toEqual([]);
    expect((await calendars()).find((p) => p.id === idOf(cancelled))?.active).toBe(false);
  });

  it('refuses a calendar with no working hours and overlapping hours, naming the field', async () => {
    const noHours = { ...DEFAULT_CALENDAR, region: 'CN-South', hours: [{ start: '09:00', end: '09:00' }] };
    const bad = await admin('savePolicy', { replaces: null, effectiveFrom: today(), draft: { kind: 'calendar', name: 'South', calendar: noHours } });
    expect([bad.status, errorCode(bad), (bad.body as { error: { field?: string } }).error.field]).toEqual([400, 'BAD_REQUEST', 'draft.calendar.hours.0.end']);
    const overlap = { ...DEFAULT_CALENDAR, region: 'CN-South', hours: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '18:00' }] };
    const bad2 = await admin('savePolicy', { replaces: null, effectiveFrom: today(), draft: { kind: 'calendar', name: 'South', calendar: overlap } });
    expect(bad2.status).toBe(400);
    expect((await policies('calendar')).filter((p) => (p as { calendar?: { region: string } }).calendar?.region === 'CN-South')).toEqual([]);
  });

  it('saves a priority matrix version and refuses one missing a severity and tier', async () => {
    const matrix = DEFAULT_PRIORITY.matrix.map((c) => (c.severity === 'minor' && c.tier === 'key' ? { ...c, priority: 'P3' } : c));
    const first = await admin('savePolicy', { replaces: null, effectiveFrom: today(), draft: { kind: 'priority', name: 'Matrix', priority: { ...DEFAULT_PRIORITY, matrix } } });
    const second = await admin('savePolicy', { replaces: idOf(first), effectiveFrom: today(), draft: { kind: 'priority', name: 'Matrix', priority: DEFAULT_PRIORITY } });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect((await policies('priority')).map((p) => p.active)).toEqual([false, true]);
    const holes = await admin('savePolicy', { replaces: null, effectiveFrom: today(), draft: { kind: 'priority', name: 'Matrix', priority: { ...DEFAULT_PRIORITY, matrix: matrix.slice(1) } } });
    expect([holes.status, (holes.body as { error: { field: string } }).error.field]).toEqual([400, 'draft.priority.matrix']);
  });

  it('saves escalation rule versions, audited with before and after, rolls back, and refuses an action on the wrong axis', async () => {
    const stricter = DEFAULT_ESCALATION_RULES.map((r) => (r.id === 'response-breach' ? { ...r, atPercent: 75 } : r));
    const first = await admin('savePolicy', { replaces: null, effectiveFrom: today(), draft: { kind: 'escalation', name: 'Escalation', escalation: { rules: DEFAULT_ESCALATION_RULES } } });
    const second = await admin('savePolicy', { replaces: idOf(first), effectiveFrom: today(), draft: { kind: 'escalation', name: 'Escalation', escalation: { rules: stricter } } });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect((await policies('escalation')).map((p) => [p.id, p.active])).toEqual([
      [idOf(first), false],
      [idOf(second), true],
    ]);
    const log = await s.db.query<{ actor: string; detail: { kind: string; retired: string[]; after: { escalation: { rules: { atPercent: number }[] } } } }>(`select actor, detail from audit_log where action = 'policy.save' and target = $1`, [`policies/${idOf(second)}`]);
    expect(log.rows[0]!.actor).toBe('root');
    expect(log.rows[0]!.detail).toMatchObject({ kind: 'escalation', retired: [idOf(first)] });
    expect(log.rows[0]!.detail.after.escalation.rules[0]!.atPercent).toBe(75);

    const back = await admin('rollbackPolicy', {}, { id: idOf(first) });
    expect(back.status).toBe(200);
    expect((await policies('escalation')).map((p) => p.active)).toEqual([true, false]);

    const wrongAxis = [{ ...DEFAULT_ESCALATION_RULES[0]!, actions: [{ axis: 'hierarchical', to: 'L3' }] }];
    const bad = await admin('savePolicy', { replaces: null, effectiveFrom: today(), draft: { kind: 'escalation', name: 'Escalation', escalation: { rules: wrongAxis } } });
    expect([bad.status, (bad.body as { error: { field: string } }).error.field]).toEqual([400, 'draft.escalation.rules.0.actions.0.to']);
    expect(await policies('escalation')).toHaveLength(2);
  });

  it('saves assessment template versions, leaving the version a running cycle names as it was, and refuses weights not totalling 100 %', async () => {
    const template = (weights: number[]) => ({ kind: 'assessmentTemplate', name: 'Quarterly', assessmentTemplate: { ...DEFAULT_ASSESSMENT_TEMPLATE, criteria: DEFAULT_ASSESSMENT_TEMPLATE.criteria.map((c, i) => ({ ...c, weight: weights[i] })) } });
    const first = await admin('savePolicy', { replaces: null, effectiveFrom: today(), draft: template([0.25, 0.25, 0.25, 0.25]) });
    // A past date asks nothing: templates apply to cycles opened later, never to running ones.
    const second = await admin('savePolicy', { replaces: idOf(first), effectiveFrom: '2020-01-01', draft: template([0.4, 0.2, 0.2, 0.2]) });
    expect([first.status, second.status]).toEqual([201, 201]);
    const versions = (await policies('assessmentTemplate')) as unknown as { id: string; active: boolean; assessmentTemplate: { criteria: { weight: number }[] } }[];
    expect(versions.map((p) => [p.id, p.active, p.assessmentTemplate.criteria[0]!.weight])).toEqual([
      [idOf(first), false, 0.25],
      [idOf(second), true, 0.4],
    ]);
    const bad = await admin('savePolicy', { replaces: idOf(second), effectiveFrom: today(), draft: template([0.3, 0.3, 0.3, 0.3]) });
    expect([bad.status, (bad.body as { error: { field: string } }).error.field]).toEqual([400, 'draft.assessmentTemplate.criteria']);
    expect(await policies('assessmentTemplate')).toHaveLength(2);
  });

  it('refuses the policy routes to a non-admin, and audits each refusal', async () => {
    const manager = await s.userSession('mona', ['manager']);
    const save = await admin('savePolicy', { replaces: null, effectiveFrom: today(), draft: sla(5) }, {}, manager);
    const back = await admin('rollbackPolicy', {}, { id: uuidv7() }, manager);
    const escalation = await admin('savePolicy', { replaces: null, effectiveFrom: today(), draft: { kind: 'escalation', name: 'Mine', escalation: { rules: [] } } }, {}, manager);
    expect([save.status, errorCode(save), back.status, errorCode(back), escalation.status, errorCode(escalation)]).toEqual([403, 'FORBIDDEN', 403, 'FORBIDDEN', 403, 'FORBIDDEN']);
    expect((await s.db.query(`select 1 from audit_log where action = 'admin' and outcome = 'refused' and actor = 'mona'`)).rows).toHaveLength(3);
    expect((await policies('escalation')).some((p) => (p as { name?: string }).name === 'Mine')).toBe(false);
  });
});
