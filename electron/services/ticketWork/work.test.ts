import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BehaviorSubject } from 'rxjs';
import * as api from '../../../shared/api/ticketWork';
import type { AssigneeOption, TicketWorkDetail, TimelineEntry } from '../../../shared/api/ticketWork';
import type { Page } from '../../../shared/api/paging';
import { aCustomer, aPerson, aTeam, aTicket, ids, newId } from '../../../shared/domain/testing/builders';
import { slaDueAtField, slaState } from '../../../shared/domain/sla';
import { provisionalTicketNumber } from '../../../shared/domain/ticketNumber';
import type { Ticket, TicketEvent } from '../../../shared/schema';
import type { SessionUser } from '../../../shared/sync/protocol';
import { openDatabase, type CimsDatabase } from '../../db/open';
import { DomainError } from '../../core/errors';
import { openSettings } from '../../core/settings';
import { createTicketWorkQueries } from './queries';
import { createTicketWorkService, type TicketWorkService } from './work';

const T0 = Date.parse('2026-03-02T02:00:00.000Z');
const DAY = 86_400_000;

const people = {
  tech: aPerson({ id: ids.assignee, username: 'tech', displayName: 'Zhang San', roles: ['technician'] }),
  peer: aPerson({ id: newId(), username: 'peer', displayName: 'Wang Wu', roles: ['technician'] }),
  engineer: aPerson({ id: newId(), username: 'eng', displayName: 'Li Si', roles: ['engineer'], teamId: null }),
  manager: aPerson({ id: ids.manager, username: 'mgr', displayName: 'Chen Jing', roles: ['manager'], teamId: null, title: 'service_manager', managerId: null }),
  outsider: aPerson({ id: newId(), username: 'out', displayName: 'Zhao Liu', roles: ['technician'], region: 'cn-south' }),
};
const l2 = aTeam({ id: newId(), name: 'East L2 support', nameZh: '华东二线', level: 'L2', function: 'technical_support', leadId: null });
people.engineer.teamId = l2.id;
const otherTeam = aTeam({ id: newId(), name: 'South field', nameZh: '华南现场', region: 'cn-south' });
people.outsider.teamId = otherTeam.id;

const asUser = (p: (typeof people)[keyof typeof people]): SessionUser => ({ id: p.id, username: p.username, displayName: p.displayName, roles: p.roles, teamId: p.teamId });

describe('ticket work on a real store', () => {
  let dir: string;
  let db: CimsDatabase;
  let work: TicketWorkService;
  let queries: ReturnType<typeof createTicketWorkQueries>;
  let user: SessionUser | null = asUser(people.tech);
  let now = T0;
  const identity$ = new BehaviorSubject<unknown>(null);
  const signIn = (p: (typeof people)[keyof typeof people]) => {
    user = asUser(p);
    identity$.next(p.id);
  };

  let counter = 0;
  const put = async (over: Partial<Ticket> = {}): Promise<Ticket> => {
    const t = aTicket({ provisionalNumber: provisionalTicketNumber('TEST', ++counter), createdAt: new Date(T0 - 3600_000).toISOString(), updatedAt: new Date(T0 - 3600_000).toISOString(), assigneeId: people.tech.id, ...over });
    t.slaDueAt = slaDueAtField(slaState({ ticket: t, events: [], tier: 'general', policy: null, calendar: null, now: T0 }));
    await db.tickets.insert(t);
    return t;
  };
  const ticket = async (id: string) => (await db.tickets.findOne(id).exec())!.toJSON() as Ticket;
  const events = async (id: string) => (await db.ticketEvents.find({ selector: { ticketId: id }, sort: [{ at: 'asc' }, { id: 'asc' }] }).exec()).map((d) => d.toJSON() as TicketEvent);
  const refused = async (p: Promise<unknown>, code: string, fieldCode?: string) => {
    const error = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    if (fieldCode) expect((error as DomainError).fields?.map((f) => f.code)).toContain(fieldCode);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-ticket-work-'));
    db = await openDatabase({ directory: dir });
    const settings = await openSettings(dir);
    await db.customers.insert(aCustomer());
    await db.teams.bulkInsert([aTeam(), l2, otherTeam]);
    await db.people.bulkInsert(Object.values(people));
    work = createTicketWorkService(db, settings, () => user, () => new Date(now));
    queries = createTicketWorkQueries(db, settings, () => user, identity$, () => new Date(now));
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a note, a public reply (the first response) and pends for parts then resumes, with the SLA pause events', async () => {
    signIn(people.tech);
    const t = await put();
    const note = await work.note(api.replyInput.parse({ ticketId: t.id, body: '  checked the fibre  ' }));
    expect(note).toMatchObject({ ticketId: t.id, before: {}, after: {} });
    now = T0 + 60_000;
    const reply = await work.reply(api.replyInput.parse({ ticketId: t.id, body: 'We are on our way.' }));
    expect(reply.after.respondedAt).toBe(new Date(now).toISOString());
    expect(reply.before.respondedAt).toBeNull();
    now = T0 + 90_000;
    await work.transition(api.transitionInput.parse({ ticketId: t.id, to: 'in_progress' }));
    // The input schema refuses it first; the service refuses it too.
    await refused(work.transition({ ticketId: t.id, to: 'pending' }), 'VALIDATION_FAILED', 'pending_reason_required');
    now = T0 + 120_000;
    const pend = await work.transition(api.transitionInput.parse({ ticketId: t.id, to: 'pending', pendingReason: 'parts' }));
    expect(pend.before).toMatchObject({ status: 'in_progress', pendingReason: null });
    expect(pend.after).toMatchObject({ status: 'pending', pendingReason: 'parts' });
    now = T0 + 600_000;
    await work.transition(api.transitionInput.parse({ ticketId: t.id, to: 'in_progress' }));
    expect((await events(t.id)).map((e) => e.kind)).toEqual(['note', 'reply', 'status_change', 'status_change', 'sla_pause', 'sla_resume', 'status_change']);
    const stored = await ticket(t.id);
    expect(stored).toMatchObject({ status: 'in_progress', pendingReason: null, respondedAt: new Date(T0 + 60_000).toISOString() });
    const note0 = (await events(t.id))[0]!;
    expect(note0).toMatchObject({ kind: 'note', body: 'checked the fibre', authorId: people.tech.id });
    // The server lets only managers move the SLA due time: a technician's change keeps it.
    expect(stored.slaDueAt).toBe(t.slaDueAt);
  });

  it('keeps the SLA due time in step for a manager and returns what changed for an undo', async () => {
    signIn(people.manager);
    const t = await put({ severity: 'critical', priority: 'P1' });
    now = T0;
    const change = await work.transition(api.transitionInput.parse({ ticketId: t.id, to: 'acknowledged' }));
    const stored = await ticket(t.id);
    expect(stored.slaDueAt).not.toBe(t.slaDueAt);
    expect(change.before).toMatchObject({ status: 'new', respondedAt: null, slaDueAt: t.slaDueAt });
    expect(change.after).toMatchObject({ status: 'acknowledged', slaDueAt: stored.slaDueAt });
    expect(change.eventIds).toHaveLength(1);
  });

  it('refuses unknown, out-of-sight and impossible changes with a code and writes nothing', async () => {
    signIn(people.tech);
    const mine = await put();
    const elsewhere = await put({ teamId: otherTeam.id, assigneeId: people.outsider.id, region: 'cn-south' });
    const before = await db.ticketEvents.count().exec();
    await refused(work.note(api.replyInput.parse({ ticketId: newId(), body: 'x' })), 'NOT_FOUND', 'ticket_not_found');
    await refused(work.note(api.replyInput.parse({ ticketId: elsewhere.id, body: 'x' })), 'NOT_FOUND', 'ticket_not_found');
    await refused(work.transition(api.transitionInput.parse({ ticketId: mine.id, to: 'resolved' })), 'CONFLICT', 'invalid_transition');
    // Closing is an engineer's or manager's call.
    await work.transition(api.transitionInput.parse({ ticketId: mine.id, to: 'in_progress' }));
    await work.transition(api.transitionInput.parse({ ticketId: mine.id, to: 'resolved' }));
    const count = await db.ticketEvents.count().exec();
    await refused(work.transition(api.transitionInput.parse({ ticketId: mine.id, to: 'closed' })), 'FORBIDDEN', 'role_forbidden');
    // Severity is not a technician's field (the server would refuse the push).
    const other = await put();
    await refused(work.edit(api.editTicketInput.parse({ ticketId: other.id, changes: { severity: 'critical' }, reason: 'outage' })), 'FORBIDDEN', 'role_forbidden');
    expect(await db.ticketEvents.count().exec()).toBe(count);
    expect((await ticket(other.id)).severity).toBe('major');
    expect(count - before).toBe(2);
    // A deleted ticket reads as unknown.
    await (await db.tickets.findOne(other.id).exec())!.remove();
    await refused(work.note(api.replyInput.parse({ ticketId: other.id, body: 'x' })), 'NOT_FOUND', 'ticket_not_found');
  });

  it('refuses whitespace reasons and a pending without its reason before the service runs', () => {
    const ticketId = newId();
    const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
      r.error?.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    expect(issues(api.escalateInput.safeParse({ ticketId, axis: 'functional', to: 'L2', reason: '   ' }))).toEqual(['reason:validation.escalationReasonRequired']);
    expect(issues(api.transitionInput.safeParse({ ticketId, to: 'pending' }))).toEqual(['pendingReason:validation.pendingReasonRequired']);
    expect(issues(api.reopenInput.safeParse({ ticketId, reason: '\n\t ' }))).toEqual(['reason:validation.reopenReasonRequired']);
    expect(issues(api.resolveInput.safeParse({ ticketId, outcome: 'fixed', cause: 'hardware', summary: ' ' }))).toEqual(['summary:validation.summaryRequired']);
    expect(issues(api.replyInput.safeParse({ ticketId, body: '   ' }))).toEqual(['body:validation.bodyRequired']);
    expect(issues(api.editTicketInput.safeParse({ ticketId, changes: { severity: 'critical' }, reason: '  ' }))).toEqual(['reason:validation.severityReasonRequired']);
  });

  it('lets an engineer reclassify with a reason: severity and the priority it implies, as events', async () => {
    signIn(people.engineer);
    const t = await put({ teamId: l2.id, assigneeId: people.engineer.id });
    const change = await work.edit(api.editTicketInput.parse({ ticketId: t.id, changes: { severity: 'critical', title: 'Ring down 环网中断' }, reason: 'whole ring is down' }));
    expect(change.after).toMatchObject({ severity: 'critical', priority: 'P1', title: 'Ring down 环网中断' });
    expect((await events(t.id)).map((e) => e.kind)).toEqual(['severity_change', 'priority_change']);
  });

  it('assigns to a team and person with workload counts, and refuses a technician taking someone else’s ticket', async () => {
    signIn(people.manager);
    const t = await put({ assigneeId: '' });
    const change = await work.assign(api.assignInput.parse({ ticketId: t.id, teamId: l2.id, assigneeId: people.engineer.id }));
    expect(change.before).toMatchObject({ teamId: ids.team, assigneeId: '' });
    expect(change.after).toMatchObject({ teamId: l2.id, assigneeId: people.engineer.id });
    expect((await events(t.id)).at(-1)).toMatchObject({ kind: 'assignment', fromTeamId: ids.team, toTeamId: l2.id, toAssigneeId: people.engineer.id });
    await refused(work.assign(api.assignInput.parse({ ticketId: t.id, teamId: l2.id, assigneeId: people.tech.id })), 'VALIDATION_FAILED', 'not_in_team');

    signIn(people.tech);
    const peers = await put({ assigneeId: people.peer.id });
    await refused(work.assign(api.assignInput.parse({ ticketId: peers.id, teamId: ids.team, assigneeId: people.tech.id })), 'FORBIDDEN', 'role_forbidden');
    const free = await put({ assigneeId: '' });
    await work.assign(api.assignInput.parse({ ticketId: free.id, teamId: ids.team, assigneeId: people.tech.id }));
    expect((await ticket(free.id)).assigneeId).toBe(people.tech.id);

    signIn(people.manager);
    const seen: AssigneeOption[][] = [];
    const stop = queries.watchAssignees({ query: '' }, (v) => seen.push(v), (e) => {
      throw e;
    });
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    const options = seen.at(-1)!;
    const openOf = async (selector: Record<string, unknown>) => db.tickets.count({ selector: { ...selector, status: { $in: ['new', 'acknowledged', 'in_progress', 'pending', 'restored'] } } }).exec();
    expect(options.find((o) => o.id === people.engineer.id)).toMatchObject({ kind: 'person', openTickets: await openOf({ assigneeId: people.engineer.id }) });
    expect(options.find((o) => o.kind === 'team' && o.id === l2.id)?.openTickets).toBe(await openOf({ teamId: l2.id }));
    expect(options.find((o) => o.id === people.engineer.id)?.openTickets).toBeGreaterThan(0);
    stop();
  });

  it('escalates with a reason to the default receiver, which alone acknowledges it', async () => {
    signIn(people.tech);
    const t = await put();
    // A technician records the escalation; the level fields are a specialist's (server rule).
    const up = await work.escalate(api.escalateInput.parse({ ticketId: t.id, axis: 'functional', to: 'L2', reason: 'needs remote analysis' }));
    expect(up.after).toEqual({});
    const [escalation] = await events(t.id);
    expect(escalation).toMatchObject({ kind: 'escalation', fromLevel: 'L1', toLevel: 'L2', direction: 'up', toTeamId: l2.id });
    await refused(work.escalate(api.escalateInput.parse({ ticketId: t.id, axis: 'functional', to: 'L2', reason: 'again' })), 'VALIDATION_FAILED', 'same_level');
    await refused(work.acknowledge(api.acknowledgeInput.parse({ ticketId: t.id, escalationEventId: escalation!.id })), 'FORBIDDEN', 'not_receiver');

    signIn(people.manager);
    const mgr = await work.escalate(api.escalateInput.parse({ ticketId: t.id, axis: 'hierarchical', to: 'service_manager', reason: 'customer complained' }));
    expect(mgr.after).toMatchObject({ managementLevel: 'service_manager' });
    const hier = (await events(t.id)).at(-1)!;
    expect(hier).toMatchObject({ toPersonId: people.manager.id });
    await work.acknowledge(api.acknowledgeInput.parse({ ticketId: t.id, escalationEventId: hier.id, body: 'on it' }));
    await refused(work.acknowledge(api.acknowledgeInput.parse({ ticketId: t.id, escalationEventId: hier.id })), 'CONFLICT', 'not_open');

    signIn(people.engineer);
    // The engineer sees the ticket only once it reaches their team: the tech's escalation did not move it.
    await refused(work.acknowledge(api.acknowledgeInput.parse({ ticketId: t.id, escalationEventId: escalation!.id })), 'NOT_FOUND');
    signIn(people.manager);
    await work.assign(api.assignInput.parse({ ticketId: t.id, teamId: l2.id }));
    signIn(people.engineer);
    const ack = await work.acknowledge(api.acknowledgeInput.parse({ ticketId: t.id, escalationEventId: escalation!.id }));
    expect(ack.eventIds).toHaveLength(1);
    expect((await events(t.id)).filter((e) => e.kind === 'escalation_ack')).toHaveLength(2);
  });

  it('resolves with the outcome and cause, and reopens only within the window', async () => {
    signIn(people.tech);
    const t = await put({ status: 'in_progress', respondedAt: new Date(T0 - 1000).toISOString() });
    now = T0;
    const fixed = await work.resolve(api.resolveInput.parse({ ticketId: t.id, outcome: 'fixed', cause: 'hardware', summary: 'replaced the board' }));
    expect(fixed.after).toMatchObject({ status: 'resolved', tags: ['cause:hardware'] });
    expect((await events(t.id)).at(-1)).toMatchObject({ kind: 'status_change', to: 'resolved', reason: 'replaced the board' });
    now = T0 + 15 * DAY;
    await refused(work.reopen(api.reopenInput.parse({ ticketId: t.id, reason: 'came back' })), 'CONFLICT', 'reopen_window_expired');
    now = T0 + 2 * DAY;
    const reopened = await work.reopen(api.reopenInput.parse({ ticketId: t.id, reason: 'came back' }));
    expect(reopened.after).toMatchObject({ status: 'in_progress', resolvedAt: null, reopenCount: 1 });
    const restored = await work.resolve(api.resolveInput.parse({ ticketId: t.id, outcome: 'restored', cause: 'software', summary: 'rebooted' }));
    expect(restored.after).toMatchObject({ status: 'restored', tags: ['cause:software'] });
  });

  it('reads the detail with SLA pause, per-field editability by role, and hides a ticket out of sight', async () => {
    signIn(people.tech);
    now = T0;
    const t = await put({ status: 'in_progress', respondedAt: new Date(T0 - 1000).toISOString() });
    await work.transition(api.transitionInput.parse({ ticketId: t.id, to: 'pending', pendingReason: 'parts' }));
    const seen: (TicketWorkDetail | null)[] = [];
    const stop = queries.watchDetail({ number: t.provisionalNumber }, (v) => seen.push(v), (e) => {
      throw e;
    });
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    const d = seen.at(-1)!;
    expect(d).toMatchObject({ id: t.id, provisional: true, status: 'pending', pendingReason: 'parts', customer: { name: 'East Telecom', tier: 'general' } });
    expect(d.sla.paused).toBe(true);
    expect(d.sla.restore.paused).toBe(true);
    expect(d.fields.title).toEqual({ editable: true });
    expect(d.fields.severity).toEqual({ editable: false, reason: 'role' });
    expect(d.transitions).toEqual(['in_progress', 'restored', 'resolved']);
    expect(d.team).toMatchObject({ id: ids.team, name: 'Shanghai field team' });
    stop();

    signIn(people.outsider);
    const hidden: (TicketWorkDetail | null)[] = [];
    const stop2 = queries.watchDetail({ number: t.provisionalNumber }, (v) => hidden.push(v), (e) => {
      throw e;
    });
    await expect.poll(() => hidden.length).toBeGreaterThan(0);
    expect(hidden.at(-1)).toBeNull();
    stop2();
  });

  it('pages a long timeline newest first with names, and shows nothing of a ticket out of sight', async () => {
    signIn(people.tech);
    const t = await put();
    const base = Date.parse(t.createdAt);
    const many: TicketEvent[] = Array.from({ length: 250 }, (_, i) => {
      const at = new Date(base + i * 60_000).toISOString();
      return { id: newId(), ticketId: t.id, authorId: people.peer.id, createdAt: at, updatedAt: at, at, kind: 'note', body: `note ${i}` };
    });
    await db.ticketEvents.bulkInsert(many);
    const seen: Page<TimelineEntry>[] = [];
    const stop = queries.watchTimeline({ ticketId: t.id, offset: 50, limit: 50 }, (v) => seen.push(v), (e) => {
      throw e;
    });
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    const page = seen.at(-1)!;
    expect(page.total).toBe(250);
    expect(page.rows).toHaveLength(50);
    expect(page.rows[0]).toMatchObject({ body: 'note 199', authorName: 'Wang Wu', mine: false });
    await work.note(api.replyInput.parse({ ticketId: t.id, body: 'latest' }));
    await expect.poll(() => seen.at(-1)!.total).toBe(251);
    stop();

    signIn(people.outsider);
    const hidden: Page<TimelineEntry>[] = [];
    const stop2 = queries.watchTimeline({ ticketId: t.id, offset: 0, limit: 50 }, (v) => hidden.push(v), (e) => {
      throw e;
    });
    await expect.poll(() => hidden.length).toBeGreaterThan(0);
    expect(hidden.at(-1)).toEqual({ rows: [], total: 0 });
    stop2();
  });
});
