import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BehaviorSubject } from 'rxjs';
import { boardParams, bulkInput, undoInput, type BoardView, type BulkResult } from '../../../shared/api/board';
import { aCustomer, aPerson, aTeam, aTicket, ids, newId } from '../../../shared/domain/testing/builders';
import { slaDueAtField, slaState } from '../../../shared/domain/sla';
import { provisionalTicketNumber } from '../../../shared/domain/ticketNumber';
import type { Ticket, TicketEvent } from '../../../shared/schema';
import type { SessionUser } from '../../../shared/sync/protocol';
import { openDatabase, type CimsDatabase } from '../../db/open';
import { openSettings } from '../../core/settings';
import { createTicketWorkService } from '../ticketWork/work';
import { createBulkService, type BulkService } from './bulk';
import { createBoardQueries } from './queries';

const T0 = Date.parse('2026-03-02T02:00:00.000Z');

const manager = aPerson({ id: ids.manager, username: 'mgr', displayName: 'Chen Jing', roles: ['manager'], teamId: null, title: 'service_manager', managerId: null });
const tech = aPerson({ id: ids.assignee, username: 'tech', displayName: 'Zhang San', roles: ['technician'] });
const l2 = aTeam({ id: newId(), name: 'East L2 support', nameZh: '华东二线', level: 'L2', function: 'technical_support', leadId: null, productLines: ['OTN'] });
const south = aTeam({ id: newId(), name: 'South field', nameZh: '华南现场', region: 'cn-south', managerId: newId(), leadId: null });
const asUser = (p: typeof manager): SessionUser => ({ id: p.id, username: p.username, displayName: p.displayName, roles: p.roles, teamId: p.teamId });

describe('escalation board and bulk actions on a real store', () => {
  let dir: string;
  let db: CimsDatabase;
  let bulk: BulkService;
  let board: ReturnType<typeof createBoardQueries>;
  let user: SessionUser | null = asUser(manager);
  let now = T0;
  const identity$ = new BehaviorSubject<unknown>(null);

  let counter = 0;
  const put = async (over: Partial<Ticket> = {}): Promise<Ticket> => {
    const t = aTicket({ provisionalNumber: provisionalTicketNumber('BOARD', ++counter), createdAt: new Date(T0 - 3600_000).toISOString(), updatedAt: new Date(T0 - 3600_000).toISOString(), assigneeId: tech.id, ...over });
    t.slaDueAt = slaDueAtField(slaState({ ticket: t, events: [], tier: 'general', policy: null, calendar: null, now: T0 }));
    await db.tickets.insert(t);
    return t;
  };
  const ticket = async (id: string) => (await db.tickets.findOne(id).exec())!.toJSON() as Ticket;
  const eventsOf = async (id: string) => (await db.ticketEvents.find({ selector: { ticketId: id } }).exec()).map((d) => d.toJSON() as TicketEvent);
  const view = (params: Record<string, unknown>) => board.compute(boardParams.parse(params) as Parameters<typeof board.compute>[0]);
  const column = (v: BoardView, level: string) => v.columns.find((c) => c.level === level)!;
  const titles = (v: BoardView, level: string) => column(v, level).cards.map((c) => c.title);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-board-'));
    db = await openDatabase({ directory: dir });
    const settings = await openSettings(dir);
    await db.customers.insert(aCustomer());
    await db.teams.bulkInsert([aTeam(), l2, south]);
    await db.people.bulkInsert([manager, tech]);
    const work = createTicketWorkService(db, settings, () => user, () => new Date(now));
    bulk = createBulkService(db, settings, work, () => user);
    board = createBoardQueries(db, settings, () => user, identity$, () => new Date(now));
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('groups open tickets by level on the chosen axis, nearest due first, and filters them', async () => {
    const minor = await put({ title: 'minor at L1', severity: 'minor', priority: 'P3', productLine: 'OTN' });
    const critical = await put({ title: 'critical at L1', severity: 'critical', priority: 'P1', productLine: 'OTN' });
    await put({ title: 'major at L2', severity: 'major', priority: 'P2', functionalLevel: 'L2', teamId: l2.id, assigneeId: '', productLine: 'PTN' });
    await put({ title: 'resolved at L1', status: 'resolved', resolvedAt: new Date(T0 - 60_000).toISOString(), respondedAt: new Date(T0 - 120_000).toISOString() });
    await put({ title: 'director', managementLevel: 'regional_director' });
    // Another region: out of this manager's sight.
    await put({ title: 'south L1', region: 'cn-south', teamId: south.id, assigneeId: '' });

    const functional = await view({});
    expect(functional.columns.map((c) => c.level)).toEqual(['L1', 'L2', 'L3', 'spare_parts', 'logistics']);
    expect(titles(functional, 'L1')).toEqual(['critical at L1', 'director', 'minor at L1']);
    expect(column(functional, 'L1').total).toBe(3);
    expect(titles(functional, 'L2')).toEqual(['major at L2']);
    const card = column(functional, 'L1').cards[0]!;
    expect(card).toMatchObject({ id: critical.id, severity: 'critical', customerName: 'East Telecom', tier: 'general', teamName: 'Shanghai field team', assigneeName: 'Zhang San', atLevelSince: critical.createdAt, unacknowledged: [] });
    expect(card.clocks.map((c) => c.kind)).toEqual(['firstResponse', 'restore', 'fix']);
    expect(card.clocks[0]!.state).toBe('breached');

    const hierarchical = await view({ axis: 'hierarchical' });
    expect(hierarchical.columns.map((c) => c.level)).toEqual(['assignee', 'team_lead', 'service_manager', 'regional_director']);
    expect(titles(hierarchical, 'regional_director')).toEqual(['director']);
    expect(column(hierarchical, 'assignee').total).toBe(3);

    expect(titles(await view({ severity: ['critical'] }), 'L1')).toEqual(['critical at L1']);
    expect(titles(await view({ productLine: 'PTN' }), 'L2')).toEqual(['major at L2']);
    expect(column(await view({ productLine: 'PTN' }), 'L1').total).toBe(0);
    expect(titles(await view({ teamId: l2.id }), 'L1')).toEqual([]);
    expect(column(await view({ region: 'cn-south' }), 'L1').total).toBe(0);
    expect(functional.options.teams.map((t) => t.name)).toContain('East L2 support');
    expect(functional.options.regions).toEqual(['cn-east', 'cn-south']);
    expect(functional.options.productLines).toEqual(['OTN']);
    expect(minor.id).not.toBe(critical.id);
  });

  it('is live: an escalation moves the card and names who has not acknowledged it', async () => {
    user = asUser(manager);
    const t = await put({ title: 'live card', severity: 'major', priority: 'P2' });
    const seen: BoardView[] = [];
    const stop = board.watchBoard({ axis: 'functional' }, (v) => seen.push(v), (e) => { throw e; });
    const until = async (ok: (v: BoardView) => boolean) => {
      for (let i = 0; i < 100 && !(seen.at(-1) && ok(seen.at(-1)!)); i++) await new Promise((r) => setTimeout(r, 50));
      expect(ok(seen.at(-1)!)).toBe(true);
    };
    await until((v) => titles(v, 'L1').includes('live card'));
    now = T0 + 60_000;
    const result = await bulk.bulk(bulkInput.parse({ ticketIds: [t.id], action: { kind: 'escalate', axis: 'functional', to: 'L2', reason: 'remote analysis' } }));
    expect(result.changed).toBe(1);
    await until((v) => titles(v, 'L2').includes('live card') && !titles(v, 'L1').includes('live card'));
    const card = column(seen.at(-1)!, 'L2').cards.find((c) => c.id === t.id)!;
    expect(card.atLevelSince).toBe(new Date(now).toISOString());
    expect(card.unacknowledged).toEqual([expect.objectContaining({ receiver: 'East L2 support', toLevel: 'L2' })]);
    stop();
  });

  it('changes every ticket it may, reports a refused one in the middle with its reason, and undoes the rest', async () => {
    user = asUser(manager);
    now = T0 + 120_000;
    const a = await put({ title: 'bulk a' });
    const closed = await put({ title: 'bulk closed', status: 'closed', resolvedAt: new Date(T0 - 60_000).toISOString(), closedAt: new Date(T0 - 30_000).toISOString(), respondedAt: new Date(T0 - 90_000).toISOString() });
    const c = await put({ title: 'bulk c' });
    const unknown = newId();
    const result: BulkResult = await bulk.bulk(
      bulkInput.parse({ ticketIds: [a.id, closed.id, unknown, c.id], action: { kind: 'escalate', axis: 'hierarchical', to: 'service_manager', reason: 'customer complained' } }),
    );
    expect(result).toMatchObject({ changed: 2, refused: 2 });
    expect(result.outcomes.map((o) => [o.ticketId, o.ok])).toEqual([[a.id, true], [closed.id, false], [unknown, false], [c.id, true]]);
    expect(result.outcomes[1]).toMatchObject({ ok: false, code: 'ticket_not_open', number: closed.provisionalNumber });
    // An unknown ticket reads like one out of sight: no number, nothing about it.
    expect(result.outcomes[2]).toMatchObject({ ok: false, code: 'ticket_not_found', number: '' });
    expect((await ticket(a.id)).managementLevel).toBe('service_manager');
    expect((await ticket(closed.id)).managementLevel).toBe('assignee');
    expect(await eventsOf(closed.id)).toEqual([]);

    const changes = result.outcomes.flatMap((o) => (o.ok ? [o.change] : []));
    now = T0 + 130_000;
    // c changed meanwhile: its undo is refused, a's goes through.
    await bulk.bulk(bulkInput.parse({ ticketIds: [c.id], action: { kind: 'transition', to: 'acknowledged' } }));
    const undone = await bulk.undo(undoInput.parse({ kind: 'escalate', changes }));
    expect(undone.outcomes.map((o) => [o.ticketId, o.ok])).toEqual([[a.id, true], [c.id, false]]);
    expect(undone.outcomes[1]).toMatchObject({ code: 'changed_since' });
    expect((await ticket(a.id)).managementLevel).toBe('assignee');
    expect((await eventsOf(a.id)).filter((e) => e.kind === 'escalation').map((e) => (e as TicketEvent & { direction: string }).direction)).toEqual(['up', 'down']);
    expect((await ticket(c.id)).managementLevel).toBe('service_manager');
  });

  it('bulk assigns and changes status, and undoes both where the domain allows it', async () => {
    user = asUser(manager);
    now = T0 + 200_000;
    const x = await put({ title: 'assign x' });
    const y = await put({ title: 'assign y', assigneeId: '' });
    const assigned = await bulk.bulk(bulkInput.parse({ ticketIds: [x.id, y.id], action: { kind: 'assign', teamId: l2.id } }));
    expect(assigned.changed).toBe(2);
    expect(await ticket(x.id)).toMatchObject({ teamId: l2.id, assigneeId: '' });
    now = T0 + 210_000;
    const back = await bulk.undo(undoInput.parse({ kind: 'assign', changes: assigned.outcomes.flatMap((o) => (o.ok ? [o.change] : [])) }));
    expect(back.changed).toBe(2);
    expect(await ticket(x.id)).toMatchObject({ teamId: x.teamId, assigneeId: tech.id });
    expect(await ticket(y.id)).toMatchObject({ teamId: y.teamId, assigneeId: '' });

    now = T0 + 220_000;
    const moved = await bulk.bulk(bulkInput.parse({ ticketIds: [x.id], action: { kind: 'transition', to: 'in_progress' } }));
    expect(moved.changed).toBe(1);
    // Back to "new" is not a move the lifecycle allows: refused with its reason, the ticket stays.
    const notBack = await bulk.undo(undoInput.parse({ kind: 'transition', changes: moved.outcomes.flatMap((o) => (o.ok ? [o.change] : [])) }));
    expect(notBack).toMatchObject({ changed: 0, refused: 1 });
    expect(notBack.outcomes[0]).toMatchObject({ ok: false, code: 'invalid_transition' });
    expect((await ticket(x.id)).status).toBe('in_progress');
  });

  it('refuses an empty, oversized or repeated selection and a whitespace reason before anything runs', () => {
    const issues = (v: unknown) => {
      const r = bulkInput.safeParse(v);
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    expect(issues({ ticketIds: [], action: { kind: 'assign', teamId: 't' } })).toEqual(['validation.selectionRequired']);
    expect(issues({ ticketIds: Array.from({ length: 501 }, (_, i) => `t${i}`), action: { kind: 'assign', teamId: 't' } })).toEqual(['validation.selectionTooLarge']);
    expect(issues({ ticketIds: ['a', 'a'], action: { kind: 'assign', teamId: 't' } })).toEqual(['validation.selectionDuplicate']);
    expect(issues({ ticketIds: ['a'], action: { kind: 'escalate', axis: 'functional', to: 'L2', reason: '   ' } })).toEqual(['validation.escalationReasonRequired']);
  });
});
