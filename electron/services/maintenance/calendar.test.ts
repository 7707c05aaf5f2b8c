import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BehaviorSubject } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MaintenanceCalendar } from '../../../shared/api/maintenanceCalendar';
import { dueRounds, roundDraft } from '../../../shared/domain/maintenance';
import { aCustomer, aPerson, aTeam, newId } from '../../../shared/domain/testing/builders';
import { aChecklistTemplate, aMaintenancePlan } from '../../../shared/domain/testing/maintenance';
import type { MaintenancePlanRecord, MaintenanceRoundRecord } from '../../../shared/schema/records';
import { DomainError } from '../../core/errors';
import { openDatabase, type CimsDatabase } from '../../db/open';
import { createAssignCommand } from './assign';
import { createCalendarQueries, mondayOf } from './calendar';
import { createMaintenanceQueries } from './queries';
import { createMaintenanceStore, type MaintenanceViewer } from './store';
import { addDays } from './views';

/**
 * The calendar of coming rounds and assigning a round, in main on a real SQLite store: a week
 * of one team's rounds in a team row and one row per technician, assignment by a manager only
 * and only to a technician of the round's team, written offline, and a round arriving by sync
 * showing in the open calendar at once.
 */
const site = newId();
const east = aTeam({ id: newId(), name: 'East field', region: 'cn-east', managerId: null, leadId: null });
const south = aTeam({ id: newId(), name: 'South field', region: 'cn-south', managerId: null, leadId: null });
const customer = aCustomer({ id: newId(), name: 'Zhejiang Mobile', sites: [{ id: site, name: 'Hangzhou 机房 1', region: 'cn-east', timeZone: 'Asia/Shanghai', address: 'Hangzhou' }] });
const manager = aPerson({ id: newId(), username: 'mgr', displayName: 'Manager Li', roles: ['manager'], region: 'cn-east', teamId: east.id });
const zhang = aPerson({ id: newId(), username: 'zhang', displayName: 'Tech Zhang', roles: ['technician'], region: 'cn-east', teamId: east.id });
const wang = aPerson({ id: newId(), username: 'wang', displayName: 'Tech Wang', roles: ['technician'], region: 'cn-east', teamId: east.id });
const south1 = aPerson({ id: newId(), username: 'chen', displayName: 'Tech Chen', roles: ['technician'], region: 'cn-south', teamId: south.id });
const as = (p: typeof zhang): MaintenanceViewer => ({ id: p.id, displayName: p.displayName, roles: p.roles, teamId: p.teamId, managedTeams: [] });

const template = aChecklistTemplate();
const plan = (teamId: string, startDate: string, unit: 'week' | 'month'): MaintenancePlanRecord =>
  aMaintenancePlan({ ref: template.id, ref2: teamId, body: { name: `${unit} from ${startDate}`, customerId: customer.id, siteId: site, startDate, frequency: { every: 1, unit } } });
// Monday 2 March 2026 starts the week shown; Tuesday, Thursday and Friday rounds of team East.
const tuesdays = plan(east.id, '2026-03-03', 'week');
const thursdays = plan(east.id, '2026-03-05', 'week');
const monthly = plan(east.id, '2026-03-06', 'month');
const southern = plan(south.id, '2026-03-04', 'week');
const draftsOf = (p: MaintenancePlanRecord, from: string, to: string): MaintenanceRoundRecord[] => dueRounds(p.body, from, to).map((d) => roundDraft(p, d, '2026-02-20T00:00:00.000Z'));

describe('the calendar of rounds and assigning them, in main', () => {
  let dir: string;
  let db: CimsDatabase;
  const viewer = new BehaviorSubject<MaintenanceViewer | null>(as(manager));
  const clock = () => new Date('2026-03-04T02:00:00.000Z');
  let calendar: ReturnType<typeof createCalendarQueries>;
  let assign: ReturnType<typeof createAssignCommand>;
  let home: ReturnType<typeof createMaintenanceQueries>['home'];
  const idOf = (p: MaintenancePlanRecord, week = '2026-03-02') => draftsOf(p, mondayOf(week), addDays(mondayOf(week), 6))[0]!.id;
  const refused = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
    } catch (e) {
      if (e instanceof DomainError) return e.fields?.[0]?.code ?? e.code;
      throw e;
    }
    return 'accepted';
  };
  const rowsOf = (c: MaintenanceCalendar) => c.rows.map((r) => [r.person?.name ?? 'team', r.rounds.map((x) => x.planName)]);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-calendar-'));
    db = await openDatabase({ directory: dir });
    const store = createMaintenanceStore(db);
    calendar = createCalendarQueries(db, store, viewer, clock);
    assign = createAssignCommand({ db, store, viewer: async () => viewer.value, clock });
    home = createMaintenanceQueries(db, store, viewer, clock).home;
    await db.customers.insert(customer);
    await db.teams.bulkInsert([east, south]);
    await db.people.bulkInsert([manager, zhang, wang, south1]);
    await db.records.bulkInsert([template, tuesdays, thursdays, monthly, southern]);
    // As the server generates them, six weeks ahead.
    await db.records.bulkInsert([tuesdays, thursdays, monthly, southern].flatMap((p) => draftsOf(p, '2026-03-01', '2026-04-12')));
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a manager assigns rounds to technicians of the team; the week shows them in their rows, Monday first', async () => {
    viewer.next(as(manager));
    expect(await assign({ roundId: idOf(tuesdays), assigneeId: zhang.id })).toMatchObject({ assigneeId: zhang.id, planName: 'week from 2026-03-03' });
    await assign({ roundId: idOf(thursdays), assigneeId: wang.id });
    const c = await calendar.calendar(viewer.value, '2026-03-04', null);
    expect(c.weekStart).toBe('2026-03-02');
    expect(c.days).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    expect(c.today).toBe('2026-03-04');
    expect(c.team?.name).toBe('East field');
    // The manager of cn-east may show East and no other region's team.
    expect(c.teams.map((t) => t.name)).toEqual(['East field']);
    expect(rowsOf(c)).toEqual([
      ['team', ['month from 2026-03-06']],
      ['Tech Wang', ['week from 2026-03-05']],
      ['Tech Zhang', ['week from 2026-03-03']],
    ]);
    expect(c.rows[2]!.rounds[0]).toMatchObject({ dueDate: '2026-03-03', status: 'planned', timing: 'due', customerName: 'Zhejiang Mobile', assets: 2 });
    expect(c.can.assign).toBe(true);
    // The next week holds only that week's rounds, still unassigned.
    const next = await calendar.calendar(viewer.value, '2026-03-09', null);
    expect(rowsOf(next)).toEqual([
      ['team', ['week from 2026-03-03', 'week from 2026-03-05']],
      ['Tech Wang', []],
      ['Tech Zhang', []],
    ]);
  });

  it('refuses, with a code and writing nothing: a technician assigning, a person outside the team, a signed round', async () => {
    const roundId = idOf(thursdays);
    const before = (await db.records.findOne(roundId).exec())!.toJSON() as MaintenanceRoundRecord;
    viewer.next(as(zhang));
    expect(await refused(assign({ roundId, assigneeId: zhang.id }))).toBe('assign_forbidden');
    viewer.next(as(manager));
    expect(await refused(assign({ roundId, assigneeId: south1.id }))).toBe('round_assignee_not_in_team');
    expect(await refused(assign({ roundId, assigneeId: manager.id }))).toBe('round_assignee_not_in_team');
    expect(await refused(assign({ roundId, assigneeId: newId() }))).toBe('round_assignee_not_in_team');
    expect(await refused(assign({ roundId: newId(), assigneeId: null }))).toBe('not_found');
    expect((await db.records.findOne(roundId).exec())!.toJSON()).toEqual(before);
    const signed = newId();
    await db.records.insert({ ...before, id: signed, status: 'done' });
    expect(await refused(assign({ roundId: signed, assigneeId: zhang.id }))).toBe('round_done');
    // Back to the team: allowed.
    expect(await assign({ roundId, assigneeId: null })).toMatchObject({ assigneeId: null });
    expect(((await db.records.findOne(roundId).exec())!.toJSON() as MaintenanceRoundRecord).body.assigneeId).toBeNull();
  });

  it('a technician sees their own team’s week whatever team they ask for, and their own rounds first on the home screen', async () => {
    viewer.next(as(zhang));
    const c = await calendar.calendar(viewer.value, '2026-03-02', south.id);
    expect([c.team?.name, c.teams.map((t) => t.name), c.can.assign]).toEqual(['East field', ['East field'], false]);
    const h = await home(viewer.value);
    expect(h.viewerId).toBe(zhang.id);
    // Assigned to Zhang by name: first, before the team's rounds due earlier or the same day.
    expect(h.today[0]).toMatchObject({ id: idOf(tuesdays), assigneeId: zhang.id });
    expect(h.today.slice(1).every((r) => r.assigneeId === null)).toBe(true);
    expect(h.today.length).toBeGreaterThan(1);
  });

  it('updates the open calendar when a round arrives by sync, and lists whom a round may go to', async () => {
    viewer.next(as(manager));
    const seen: MaintenanceCalendar[] = [];
    const stop = calendar.watchCalendar({ week: '2026-03-02', teamId: east.id }, (c) => seen.push(c), (e) => { throw e; });
    await expect.poll(() => seen.length, { timeout: 5000 }).toBeGreaterThan(0);
    const extra = plan(east.id, '2026-03-07', 'month');
    await db.records.insert(extra);
    await db.records.insert({ ...draftsOf(extra, '2026-03-01', '2026-03-31')[0]!, body: { ...draftsOf(extra, '2026-03-01', '2026-03-31')[0]!.body, assigneeId: wang.id } });
    await expect.poll(() => rowsOf(seen.at(-1)!)[1], { timeout: 5000 }).toEqual(['Tech Wang', ['month from 2026-03-07']]);
    stop();
    const who = await calendar.assignees(viewer.value, idOf(tuesdays));
    expect(who).toMatchObject({ assigneeId: zhang.id, team: { name: 'East field' }, can: { assign: true } });
    expect(who!.people.map((p) => p.name)).toEqual(['Tech Wang', 'Tech Zhang']);
  });
});
