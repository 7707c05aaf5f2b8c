import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BehaviorSubject } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../../../shared/api/problems';
import { CAUSE_TAG_PREFIX } from '../../../shared/domain/problems';
import { aCustomer, anAsset, aPerson, aTeam, aTicket, ids, newId } from '../../../shared/domain/testing/builders';
import { slaDueAtField, slaState } from '../../../shared/domain/sla';
import { provisionalTicketNumber } from '../../../shared/domain/ticketNumber';
import type { Problem, Ticket, TicketEvent } from '../../../shared/schema';
import type { SessionUser } from '../../../shared/sync/protocol';
import { openDatabase, type CimsDatabase } from '../../db/open';
import { DomainError } from '../../core/errors';
import { openSettings } from '../../core/settings';
import { CAUSE_TAG, createTicketWorkService } from '../ticketWork/work';
import { createProblemCommands, type ProblemCommands } from './commands';
import { createProblemFacts } from './facts';
import { createProblemQueries, type ProblemQueries } from './queries';

// Local noon, so the machine's date and UTC agree whatever the test machine's zone.
const T0 = new Date(2026, 2, 10, 12).getTime();
const DAY = 86_400_000;
const day = (offset: number) => {
  const d = new Date(T0 + offset * DAY);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const south = aTeam({ id: newId(), name: 'South field', region: 'cn-south', managerId: newId() });
const people = {
  tech: aPerson({ id: ids.assignee, username: 'tech', displayName: 'Zhang San', roles: ['technician'] }),
  manager: aPerson({ id: ids.manager, username: 'mgr', displayName: 'Chen Jing', roles: ['manager'], teamId: null, title: 'service_manager', managerId: null }),
  engineer: aPerson({ id: newId(), username: 'eng', displayName: 'Li Si', roles: ['engineer'] }),
};
const asUser = (p: (typeof people)[keyof typeof people]): SessionUser => ({ id: p.id, username: p.username, displayName: p.displayName, roles: p.roles, teamId: p.teamId });
const osn = anAsset({ model: 'OSN-9800', productLine: 'OTN' });
const rtn = anAsset({ assetCode: 'AS-000002', model: 'RTN-950', productLine: 'MW' });

describe('problems on a real store', () => {
  let dir: string;
  let db: CimsDatabase;
  let commands: ProblemCommands;
  let queries: ProblemQueries;
  let user: SessionUser | null = asUser(people.manager);
  const now = T0;
  const identity$ = new BehaviorSubject<unknown>(null);

  let counter = 0;
  const put = async (over: Partial<Ticket> = {}): Promise<Ticket> => {
    const created = new Date(T0 - 2 * DAY).toISOString();
    const t = aTicket({ provisionalNumber: provisionalTicketNumber('PRB', ++counter), createdAt: created, updatedAt: created, productLine: 'OTN', assetId: osn.id, status: 'in_progress', respondedAt: created, ...over });
    t.slaDueAt = slaDueAtField(slaState({ ticket: t, events: [], tier: 'general', policy: null, calendar: null, now: T0 }));
    await db.tickets.insert(t);
    return t;
  };
  const ticket = async (id: string) => (await db.tickets.findOne(id).exec())!.toJSON() as Ticket;
  const problem = async (id: string) => (await db.problems.findOne(id).exec())!.toJSON() as Problem;
  const eventsOf = async (id: string) => (await db.ticketEvents.find({ selector: { ticketId: id } }).exec()).map((d) => d.toJSON() as TicketEvent);
  const failure = async (p: Promise<unknown>): Promise<DomainError> => {
    const error = await p.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  };
  const action = (over: Partial<api.ActionInput> = {}): api.ActionInput => ({ kind: 'corrective', description: 'Install hot patch', ownerId: people.engineer.id, dueDate: day(7), status: 'open', ...over });
  const raw = (ticketIds: string[]) => ({ title: 'Repeated LOS on OSN boards', description: '', causeCategory: 'unknown', productLine: 'OTN', ownerId: people.engineer.id, ticketIds, whys: [] as string[], rootCause: '', actions: [] as api.ActionInput[] });
  const base = (ticketIds: string[]) => api.createProblemInput.parse(raw(ticketIds));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-problems-'));
    db = await openDatabase({ directory: dir });
    const settings = await openSettings(dir);
    await db.customers.insert(aCustomer());
    await db.teams.bulkInsert([aTeam(), south]);
    await db.people.bulkInsert(Object.values(people));
    await db.assets.bulkInsert([osn, rtn]);
    const clock = () => new Date(now);
    const work = createTicketWorkService(db, settings, () => user, clock);
    const facts = createProblemFacts(db, settings, () => user);
    commands = createProblemCommands(db, facts, work, clock);
    queries = createProblemQueries(db, facts, identity$, clock);
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the fault category from the tag the ticket work service writes', () => {
    expect(CAUSE_TAG_PREFIX).toBe(CAUSE_TAG);
  });

  it('proposes open tickets of the last 90 days with the same product line, asset model or fault category', async () => {
    const seed = await put({ title: 'seed', tags: [`${CAUSE_TAG}software`] });
    const sameModel = await put({ title: 'same model', productLine: 'PTN' });
    const sameCause = await put({ title: 'same cause', productLine: 'MW', assetId: rtn.id, tags: [`${CAUSE_TAG}software`] });
    await put({ title: 'other', productLine: 'MW', assetId: rtn.id });
    await put({ title: 'resolved', status: 'resolved', resolvedAt: new Date(T0 - DAY).toISOString() });
    await put({ title: 'too old', createdAt: new Date(T0 - 100 * DAY).toISOString(), updatedAt: new Date(T0 - 100 * DAY).toISOString() });
    await put({ title: 'out of sight', region: 'cn-south', teamId: south.id, assigneeId: '' });
    const found = await queries.candidates(api.candidatesParams.parse({ ticketIds: [seed.id] }));
    expect(found.selected.map((t) => t.title)).toEqual(['seed']);
    expect(found.candidates.map((c) => [c.title, c.reasons])).toEqual([
      ['same model', ['assetModel']],
      ['same cause', ['cause']],
    ]);
    expect(found.candidates[0]).toMatchObject({ id: sameModel.id, assetModel: 'OSN-9800', visible: true });
    expect(sameCause.id).toBeTruthy();
  });

  it('creates a problem from tickets with whys and actions, and marks the tickets', async () => {
    const a = await put({ title: 'A' });
    const b = await put({ title: 'B', status: 'new', respondedAt: null });
    const c = await put({ title: 'C' });
    const input = { ...base([a.id, b.id, c.id]), whys: ['Service dropped', 'Board reset', '', 'Driver leak'], actions: [action(), action({ kind: 'preventive', dueDate: day(30), ownerId: people.manager.id })] };
    const { id } = await commands.create(api.createProblemInput.parse(input));
    const p = await problem(id);
    expect(p).toMatchObject({ status: 'open', ticketIds: [a.id, b.id, c.id], assetIds: [osn.id], whys: ['Service dropped', 'Board reset', 'Driver leak'] });
    expect(p.actions.map((x) => [x.kind, x.dueDate, x.effective])).toEqual([
      ['corrective', day(7), null],
      ['preventive', day(30), null],
    ]);
    for (const t of [a, b, c]) {
      expect((await ticket(t.id)).problemId).toBe(id);
      expect((await eventsOf(t.id)).map((e) => e.kind)).toEqual(['problem_link']);
    }
    expect(await queries.forTicket(a.id)).toEqual([{ id, title: 'Repeated LOS on OSN boards', status: 'open' }]);
    const detail = (await queries.detail(id))!;
    expect(detail.tickets.map((t) => [t.title, t.visible])).toEqual([['A', true], ['B', true], ['C', true]]);
    expect(detail.actions.map((x) => x.ownerName)).toEqual(['Li Si', 'Chen Jing']);
    expect(detail.mayEdit).toBe(true);
  });

  it('refuses an action due before the day it is created, a problem with no ticket, and a ticket out of sight', async () => {
    const t = await put();
    const early = await failure(commands.create(api.createProblemInput.parse({ ...base([t.id]), actions: [action(), action({ dueDate: day(-1) })] })));
    expect(early.fields).toEqual([{ path: 'actions.1.dueDate', code: 'due_before_created', message: 'validation.dueBeforeCreated' }]);
    expect(api.createProblemInput.safeParse(raw([])).error?.issues[0]?.message).toBe('validation.ticketsRequired');
    const hidden = await put({ region: 'cn-south', teamId: south.id, assigneeId: '' });
    expect((await failure(commands.create(api.createProblemInput.parse(base([t.id, hidden.id]))))).fields?.[0]?.code).toBe('ticket_not_found');
    // Unlinking the last ticket is refused as well.
    const { id } = await commands.create(api.createProblemInput.parse(base([t.id])));
    expect((await failure(commands.unlink({ id, ticketId: t.id }))).fields?.[0]?.code).toBe('no_ticket');
    // Technicians read problems, never write them.
    user = asUser(people.tech);
    expect((await failure(commands.create(api.createProblemInput.parse(base([t.id]))))).code).toBe('FORBIDDEN');
    user = asUser(people.manager);
  });

  it('keeps an existing action’s date and check on update, and checks a new one', async () => {
    const t = await put();
    const { id } = await commands.create(api.createProblemInput.parse({ ...base([t.id]), actions: [action({ status: 'done' })] }));
    await commands.recordCheck({ id, effective: true });
    const first = (await problem(id)).actions[0]!;
    expect(first).toMatchObject({ effective: true, checkedAt: new Date(now).toISOString() });
    const keep = { id: first.id, kind: first.kind, description: first.description, ownerId: first.ownerId, dueDate: first.dueDate, status: first.status };
    await commands.update(api.updateProblemInput.parse({ id, changes: { rootCause: 'Driver leak', actions: [keep, action({ kind: 'preventive', dueDate: day(0) })] } }));
    const after = await problem(id);
    expect(after.actions[0]).toEqual(first);
    expect(after.actions[1]).toMatchObject({ kind: 'preventive', dueDate: day(0), effective: null });
    const bad = await failure(commands.update(api.updateProblemInput.parse({ id, changes: { actions: [keep, action({ dueDate: day(-2) })] } })));
    expect(bad.fields?.map((f) => f.path)).toEqual(['actions.1.dueDate']);
  });

  it('resolves the problem and its linked tickets with one reply, reporting each ticket', async () => {
    const inWork = await put({ title: 'in work' });
    const fresh = await put({ title: 'fresh', status: 'new', respondedAt: null });
    const done = await put({ title: 'done', status: 'resolved', resolvedAt: new Date(T0 - DAY).toISOString() });
    const elsewhere = await put({ title: 'elsewhere', region: 'cn-south', teamId: south.id, assigneeId: '' });
    // A manager of the south links its ticket too; the engineer resolving it does not see it.
    const { id } = await commands.create(api.createProblemInput.parse({ ...base([inWork.id, fresh.id, done.id]), whys: ['Why 1'], actions: [action()] }));
    await db.problems.findOne(id).exec().then((d) => d!.incrementalPatch({ ticketIds: [inWork.id, fresh.id, done.id, elsewhere.id] }));

    user = asUser(people.engineer);
    const input = api.resolveProblemInput.parse({ id, status: 'verifying', resolveTickets: true, reply: 'The cause was found and fixed by patch SPH210.' });
    const missing = await failure(commands.resolve(input));
    expect(missing.fields?.map((f) => f.code)).toEqual(['root_cause_required', 'cause_required']);
    expect((await problem(id)).status).toBe('open');

    // Closing through a plain status change needs the root cause too.
    expect((await failure(commands.update(api.updateProblemInput.parse({ id, changes: { status: 'closed' } })))).fields?.map((f) => f.code)).toEqual(['root_cause_required', 'cause_required']);
    await commands.update(api.updateProblemInput.parse({ id, changes: { rootCause: 'Driver memory leak under alarm storms', causeCategory: 'software' } }));
    const result = await commands.resolve(input);
    expect(result.status).toBe('verifying');
    expect(result.tickets.map((t) => [t.ticketId, t.outcome])).toEqual([
      [inWork.id, 'resolved'],
      [fresh.id, 'resolved'],
      [done.id, 'already_resolved'],
      [elsewhere.id, 'refused'],
    ]);
    expect(result.tickets[3]).toMatchObject({ number: '', code: 'ticket_not_found' });
    for (const t of [inWork, fresh]) {
      const after = await ticket(t.id);
      expect(after.status).toBe('resolved');
      expect(after.tags).toContain(`${CAUSE_TAG}software`);
      const replies = (await eventsOf(t.id)).filter((e) => e.kind === 'reply');
      expect(replies.map((e) => (e as { body: string }).body)).toEqual(['The cause was found and fixed by patch SPH210.']);
    }
    expect((await ticket(elsewhere.id)).status).toBe('in_progress');
    expect((await problem(id)).status).toBe('verifying');
    user = asUser(people.manager);
  });

  it('lists with filters and counts overdue actions per owner', async () => {
    const t = await put();
    const { id } = await commands.create(api.createProblemInput.parse({ ...base([t.id]), title: 'Fan failures on MW radios', productLine: 'MW', actions: [action({ dueDate: day(0) })] }));
    // Time passes: the action is now 3 days overdue.
    await db.problems.findOne(id).exec().then((d) => d!.incrementalPatch({ actions: (d!.toJSON() as Problem).actions.map((a) => ({ ...a, dueDate: day(-3) })) }));
    const list = await queries.list(api.listParams.parse({ productLine: 'MW' }));
    expect(list.rows.map((r) => [r.title, r.overdueActions, r.ownerName])).toEqual([['Fan failures on MW radios', 1, 'Li Si']]);
    expect(list.options.productLines).toEqual(['MW', 'OTN']);
    expect((await queries.list(api.listParams.parse({ text: 'fan' }))).total).toBe(1);
    expect((await queries.list(api.listParams.parse({ status: ['closed'] }))).total).toBe(0);
    const overdueOnly = await queries.list(api.listParams.parse({ overdueOnly: true }));
    expect(overdueOnly.rows.map((r) => r.id)).toEqual([id]);
    const overdue = await queries.overdue();
    expect(overdue).toEqual([expect.objectContaining({ ownerId: people.engineer.id, ownerName: 'Li Si', ownerNameZh: '张三', actions: [expect.objectContaining({ problemId: id, dueDate: day(-3), daysOverdue: 3 })] })]);
  });

  it('compares tickets of the kind before and after the actions, from the ticket data', async () => {
    const pivot = day(-40);
    const at = (offset: number) => new Date(T0 - 40 * DAY + offset * DAY).toISOString();
    const before = [await put({ createdAt: at(-20), updatedAt: at(-20) }), await put({ createdAt: at(-10), updatedAt: at(-10) }), await put({ createdAt: at(-3), updatedAt: at(-3) })];
    await put({ createdAt: at(5), updatedAt: at(5) });
    await put({ productLine: 'MW', assetId: rtn.id, createdAt: at(6), updatedAt: at(6) });
    const { id } = await commands.create(api.createProblemInput.parse({ ...base(before.map((t) => t.id)), actions: [action({ status: 'done', dueDate: day(0) })] }));
    await db.problems.findOne(id).exec().then((d) => d!.incrementalPatch({ actions: (d!.toJSON() as Problem).actions.map((a) => ({ ...a, dueDate: pivot })) }));
    const r = (await queries.check(api.effectivenessParams.parse({ id, periodDays: 30 })))!;
    expect(r).toMatchObject({ pivot, defaultPivot: pivot, before: 3, after: 1, verdict: 'dropped' });
    // The tickets of earlier tests (created two days ago) fall after a pivot 40 days back only in a 90-day period.
    const wide = (await queries.check(api.effectivenessParams.parse({ id, periodDays: 90 })))!;
    expect(wide).toMatchObject({ verdict: 'pending' });
    expect(await queries.check(api.effectivenessParams.parse({ id: newId() }))).toBeNull();
  });
});
