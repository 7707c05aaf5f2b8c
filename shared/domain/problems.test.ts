import { describe, expect, it } from 'vitest';
import type { ProblemAction } from '../schema';
import { aProblem, newId } from './testing/builders';
import {
  actionIssues,
  candidateTickets,
  earliestDateAt,
  effectiveness,
  effectivenessPivot,
  faultCategoryOf,
  kindOf,
  overdueByOwner,
  problemIssues,
  problemWriteIssues,
  resolveIssues,
  type TicketFacts,
} from './problems';

const NOW = Date.parse('2026-06-01T00:00:00.000Z');
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();

let n = 0;
const facts = (over: Partial<TicketFacts> = {}): TicketFacts => ({ id: `t${++n}`, status: 'in_progress', createdAt: daysAgo(5), productLine: 'OTN', assetModel: 'OSN-9800', cause: null, ...over });
const anAction = (over: Partial<ProblemAction> = {}): ProblemAction => ({ id: newId(), kind: 'corrective', description: 'Patch', ownerId: newId(), dueDate: '2026-06-10', status: 'open', effective: null, checkedAt: null, ...over });

describe('candidate tickets', () => {
  const seed = [facts({ id: 'seed', cause: 'software' })];
  const kind = kindOf(seed, { productLine: 'OTN', causeCategory: 'unknown' });

  it('takes the kind from the tickets: product lines, models and known causes', () => {
    expect(kind).toEqual({ productLines: ['OTN'], assetModels: ['OSN-9800'], causes: ['software'] });
    expect(kindOf([facts({ productLine: '', assetModel: null })], { causeCategory: 'unknown' })).toEqual({ productLines: [], assetModels: [], causes: [] });
  });

  it('proposes open tickets of the last 90 days sharing a trait, most shared traits first, newest next', () => {
    const all = facts({ id: 'all', createdAt: daysAgo(30), cause: 'software' });
    const modelOld = facts({ id: 'model-old', productLine: 'PTN', createdAt: daysAgo(60) });
    const modelNew = facts({ id: 'model-new', productLine: 'PTN', createdAt: daysAgo(2) });
    const lineOnly = facts({ id: 'line', assetModel: 'Other' });
    const causeOnly = facts({ id: 'cause', productLine: 'RAN', assetModel: null, cause: 'software' });
    const tooOld = facts({ id: 'old', createdAt: daysAgo(91) });
    const resolved = facts({ id: 'resolved', status: 'resolved' });
    const closed = facts({ id: 'closed', status: 'closed' });
    const unrelated = facts({ id: 'unrelated', productLine: 'RAN', assetModel: 'X', cause: 'hardware' });
    const found = candidateTickets(kind, [lineOnly, causeOnly, modelOld, all, modelNew, tooOld, resolved, closed, unrelated, seed[0]!], { now: NOW, exclude: new Set(['seed']) });
    expect(found.map((c) => c.ticketId)).toEqual(['all', 'model-new', 'cause', 'line', 'model-old']);
    expect(found[0]!.reasons).toEqual(['productLine', 'assetModel', 'cause']);
    expect(found.find((c) => c.ticketId === 'cause')!.reasons).toEqual(['cause']);
  });

  it('keeps to the limit and to the window', () => {
    const many = Array.from({ length: 80 }, () => facts());
    expect(candidateTickets(kind, many, { now: NOW })).toHaveLength(50);
    expect(candidateTickets(kind, [facts({ createdAt: daysAgo(10) })], { now: NOW, windowDays: 7 })).toEqual([]);
    // A ticket stamped in the future (a fast device clock) is not "of the last 90 days" yet.
    expect(candidateTickets(kind, [facts({ createdAt: new Date(NOW + 3600_000).toISOString() })], { now: NOW })).toEqual([]);
  });

  it('reads the fault category from the cause tag', () => {
    expect(faultCategoryOf(['x', 'cause:hardware'])).toBe('hardware');
    expect(faultCategoryOf(['cause:bogus'])).toBeNull();
    expect(faultCategoryOf([])).toBeNull();
  });
});

describe('effectiveness before / after', () => {
  const kind = { productLines: ['OTN'], assetModels: ['OSN-9800'], causes: [] };
  const at = (iso: string, over: Partial<TicketFacts> = {}) => facts({ createdAt: iso, ...over });

  it('pivots on the latest due date of the done actions', () => {
    expect(effectivenessPivot([anAction({ status: 'done', dueDate: '2026-03-01' }), anAction({ status: 'done', dueDate: '2026-03-20' }), anAction({ status: 'open', dueDate: '2026-04-30' })])).toBe('2026-03-20');
    expect(effectivenessPivot([anAction({ status: 'in_progress' })])).toBeNull();
  });

  it('counts tickets of the kind in the period before and after, weekly, and says they dropped', () => {
    const tickets = [
      at('2026-02-01T10:00:00.000Z'), // before
      at('2026-02-20T10:00:00.000Z'), // before
      at('2026-02-28T23:59:59.000Z'), // before, last instant of the last week
      at('2026-03-01T00:00:00.000Z'), // after: the pivot day counts after
      at('2026-02-10T10:00:00.000Z', { productLine: 'PTN' }), // another line
      at('2026-02-11T10:00:00.000Z', { assetModel: 'Other' }), // another model
      at('2026-02-12T10:00:00.000Z', { assetModel: null }), // no asset: not of a model-bound kind
      at('2025-12-01T10:00:00.000Z'), // before the period
      at('2026-05-30T10:00:00.000Z'), // after the period
    ];
    const r = effectiveness({ kind, tickets, pivot: '2026-03-01', periodDays: 30, now: NOW });
    expect(r).toMatchObject({ pivot: '2026-03-01', before: 3, after: 1, verdict: 'dropped', checkDueOn: '2026-03-31' });
    expect(r.change).toBeCloseTo(-2 / 3);
    expect(r.buckets).toHaveLength(10);
    expect(r.buckets.filter((b) => b.side === 'before').map((b) => b.count)).toEqual([1, 0, 0, 1, 1]);
    expect(r.buckets.filter((b) => b.side === 'after').map((b) => b.count)).toEqual([1, 0, 0, 0, 0]);
    expect(r.buckets[0]!.start).toBe('2026-01-30');
    expect(r.buckets[5]!.start).toBe('2026-03-01');
    expect(r.buckets.every((b) => b.complete)).toBe(true);
  });

  it('waits for the period to pass, and says when nothing dropped or nothing was there', () => {
    const early = effectiveness({ kind, tickets: [at('2026-05-20T00:00:00.000Z')], pivot: '2026-05-15', periodDays: 30, now: NOW });
    expect(early).toMatchObject({ verdict: 'pending', after: 1, checkDueOn: '2026-06-14' });
    expect(early.buckets.at(-1)!.complete).toBe(false);
    const same = effectiveness({ kind, tickets: [at('2026-02-20T00:00:00.000Z'), at('2026-03-10T00:00:00.000Z')], pivot: '2026-03-01', periodDays: 30, now: NOW });
    expect(same).toMatchObject({ before: 1, after: 1, change: 0, verdict: 'not_dropped' });
    expect(effectiveness({ kind, tickets: [], pivot: '2026-03-01', periodDays: 30, now: NOW })).toMatchObject({ verdict: 'no_tickets', change: null });
    // A kind with no product line and no model says nothing: no ticket is of it.
    expect(effectiveness({ kind: { productLines: [], assetModels: [], causes: [] }, tickets: [at('2026-02-20T00:00:00.000Z')], pivot: '2026-03-01', periodDays: 30, now: NOW }).before).toBe(0);
  });
});

describe('what a problem and its actions must satisfy', () => {
  const created = '2026-03-02T01:00:00.000Z';

  it('refuses an action due before the day it was created, and a verdict on an action not done', () => {
    expect(actionIssues(anAction({ dueDate: '2026-03-01' }), '2026-03-02')).toEqual([{ path: 'dueDate', code: 'due_before_created' }]);
    expect(actionIssues(anAction({ dueDate: '2026-03-02' }), '2026-03-02')).toEqual([]);
    // An existing action keeps its date: nothing is judged when createdOn is null.
    expect(actionIssues(anAction({ dueDate: '2020-01-01' }), null)).toEqual([]);
    expect(actionIssues(anAction({ status: 'in_progress', effective: true }), null)).toEqual([{ path: 'effective', code: 'done_needed_for_check' }]);
    expect(actionIssues(anAction({ status: 'done', effective: false }), null)).toEqual([]);
  });

  it('refuses a problem with no linked ticket', () => {
    expect(problemWriteIssues(null, aProblem({ ticketIds: [] }))).toEqual([{ path: 'ticketIds', code: 'no_ticket' }]);
    expect(problemWriteIssues(null, aProblem({ ticketIds: [newId()] }))).toEqual([]);
  });

  it('server: refuses a new or re-dated action due before the problem was created, in any zone', () => {
    expect(earliestDateAt(created)).toBe('2026-03-01');
    const p = aProblem({ createdAt: created, ticketIds: [newId()], actions: [anAction({ dueDate: '2026-02-28' })] });
    expect(problemWriteIssues(null, p)).toEqual([{ path: 'actions.0.dueDate', code: 'due_before_problem' }]);
    // The day before in UTC is still "today" in the westmost zones.
    expect(problemWriteIssues(null, { ...p, actions: [anAction({ dueDate: '2026-03-01' })] })).toEqual([]);
    // A stored date is not judged again; moving it is.
    expect(problemWriteIssues(p, { ...p, title: 'x' } as typeof p)).toEqual([]);
    const moved = { ...p, actions: [{ ...p.actions[0]!, dueDate: '2026-02-27' }] };
    expect(problemWriteIssues(p, moved)).toEqual([{ path: 'actions.0.dueDate', code: 'due_before_problem' }]);
  });

  it('main: the author’s local date bounds new actions, and both rules report once per field', () => {
    const old = aProblem({ createdAt: created, ticketIds: [newId()], actions: [anAction({ dueDate: '2026-03-05' })] });
    const next = { ...old, actions: [...old.actions, anAction({ dueDate: '2026-03-09' }), anAction({ dueDate: '2026-02-01' })] };
    expect(problemIssues(old, next, '2026-03-10')).toEqual([
      { path: 'actions.1.dueDate', code: 'due_before_created' },
      { path: 'actions.2.dueDate', code: 'due_before_created' },
    ]);
    expect(problemIssues(null, { ...next, ticketIds: [] }, '2026-03-01')).toEqual([
      { path: 'ticketIds', code: 'no_ticket' },
      { path: 'actions.2.dueDate', code: 'due_before_created' },
    ]);
  });

  it('resolving needs the root cause and its category', () => {
    expect(resolveIssues({ rootCause: ' ', causeCategory: 'unknown' }).map((i) => i.code)).toEqual(['root_cause_required', 'cause_required']);
    expect(resolveIssues({ rootCause: 'Driver leak', causeCategory: 'software' })).toEqual([]);
  });
});

describe('overdue actions per owner', () => {
  it('groups open and in-progress actions past due by owner, most first, oldest first', () => {
    const a = newId();
    const b = newId();
    const p1 = aProblem({ title: 'P1', actions: [anAction({ ownerId: a, dueDate: '2026-05-20' }), anAction({ ownerId: b, dueDate: '2026-05-01', status: 'in_progress' }), anAction({ ownerId: a, dueDate: '2026-06-01' })] });
    const p2 = aProblem({ title: 'P2', status: 'closed', actions: [anAction({ ownerId: a, dueDate: '2026-05-10' }), anAction({ ownerId: b, dueDate: '2026-01-01', status: 'done' }), anAction({ ownerId: b, dueDate: '2026-01-01', status: 'cancelled' })] });
    const r = overdueByOwner([p1, p2], '2026-06-01');
    expect(r.map((o) => [o.ownerId, o.actions.map((x) => x.dueDate)])).toEqual([
      [a, ['2026-05-10', '2026-05-20']],
      [b, ['2026-05-01']],
    ]);
    expect(r[0]!.actions[0]).toMatchObject({ problemTitle: 'P2', daysOverdue: 22 });
    expect(overdueByOwner([p1], '2026-04-01')).toEqual([]);
  });
});
