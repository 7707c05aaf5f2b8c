import type { CauseCategory, Problem, ProblemAction, TicketStatus } from '../schema';
import { CAUSE_CATEGORIES } from '../schema/enums';
import { OPEN_STATUSES } from './lifecycle';

// Problems (root cause and corrective action, DOMAIN.md): which tickets look like the same
// problem, whether tickets of that kind dropped after the actions, and what a problem and its
// actions must satisfy. Pure: main checks these before it writes, the server on every push.

const DAY = 86_400_000;

/** Candidates are open tickets created this many days back at most. */
export const CANDIDATE_WINDOW_DAYS = 90;
/** Candidates proposed at once: the best matches first. */
export const CANDIDATE_LIMIT = 50;
/** Periods the effectiveness check may compare (days before and after the actions). */
export const EFFECTIVENESS_PERIODS = [30, 60, 90] as const;
export const DEFAULT_EFFECTIVENESS_PERIOD = 90;

/**
 * The fault category of a ticket is recorded as a tag when it is resolved (the ticket work
 * service's CAUSE_TAG, until the ticket schema has a field for it).
 */
export const CAUSE_TAG_PREFIX = 'cause:';
export const faultCategoryOf = (tags: readonly string[]): CauseCategory | null => {
  const value = tags.find((t) => t.startsWith(CAUSE_TAG_PREFIX))?.slice(CAUSE_TAG_PREFIX.length);
  return value && (CAUSE_CATEGORIES as readonly string[]).includes(value) ? (value as CauseCategory) : null;
};

/** What matching and counting know of a ticket (its asset's model looked up by the caller). */
export interface TicketFacts {
  id: string;
  status: TicketStatus;
  createdAt: string;
  productLine: string;
  assetModel: string | null;
  cause: CauseCategory | null;
}

export type MatchReason = 'productLine' | 'assetModel' | 'cause';
export interface Candidate {
  ticketId: string;
  reasons: MatchReason[];
}

/** The kind of fault a problem is about: what its tickets have in common. */
export interface ProblemKind {
  productLines: string[];
  assetModels: string[];
  /** Known causes only: "unknown" says nothing about likeness. */
  causes: CauseCategory[];
}

const distinct = <T>(values: readonly (T | null | undefined | '')[]): T[] => [...new Set(values.filter((v): v is T => v !== null && v !== undefined && v !== ''))].sort();

/** The kind of the given tickets, widened by the problem's own product line and cause. */
export function kindOf(tickets: readonly TicketFacts[], problem: { productLine?: string; causeCategory?: CauseCategory } = {}): ProblemKind {
  return {
    productLines: distinct([...tickets.map((t) => t.productLine), problem.productLine]),
    assetModels: distinct(tickets.map((t) => t.assetModel)),
    causes: distinct([...tickets.map((t) => t.cause), problem.causeCategory]).filter((c) => c !== 'unknown'),
  };
}

export function matchReasons(kind: ProblemKind, t: TicketFacts): MatchReason[] {
  const reasons: MatchReason[] = [];
  if (t.productLine && kind.productLines.includes(t.productLine)) reasons.push('productLine');
  if (t.assetModel && kind.assetModels.includes(t.assetModel)) reasons.push('assetModel');
  if (t.cause && kind.causes.includes(t.cause)) reasons.push('cause');
  return reasons;
}

/**
 * Open tickets of the last 90 days that share the product line, asset model or fault category
 * of the problem's tickets: most shared traits first, then the newest. Tickets already linked
 * (`exclude`) are not proposed again.
 */
export function candidateTickets(
  kind: ProblemKind,
  tickets: readonly TicketFacts[],
  opts: { now: number; exclude?: ReadonlySet<string>; windowDays?: number; limit?: number },
): Candidate[] {
  const since = opts.now - (opts.windowDays ?? CANDIDATE_WINDOW_DAYS) * DAY;
  const found: (Candidate & { createdAt: string })[] = [];
  for (const t of tickets) {
    if (opts.exclude?.has(t.id) || !OPEN_STATUSES.includes(t.status)) continue;
    const created = Date.parse(t.createdAt);
    if (!(created >= since && created <= opts.now)) continue;
    const reasons = matchReasons(kind, t);
    if (reasons.length > 0) found.push({ ticketId: t.id, reasons, createdAt: t.createdAt });
  }
  found.sort((a, b) => b.reasons.length - a.reasons.length || b.createdAt.localeCompare(a.createdAt) || a.ticketId.localeCompare(b.ticketId));
  return found.slice(0, opts.limit ?? CANDIDATE_LIMIT).map(({ ticketId, reasons }) => ({ ticketId, reasons }));
}

// ---- effectiveness: did tickets of that kind drop after the actions? -----------------------

/**
 * Tickets "of that kind" for the before / after count: the problem's product line, and where
 * its tickets name asset models, one of those models. The fault category is not used: a new
 * ticket carries none until it is resolved.
 */
export function isOfKind(kind: ProblemKind, t: Pick<TicketFacts, 'productLine' | 'assetModel'>): boolean {
  if (kind.productLines.length > 0 && !kind.productLines.includes(t.productLine)) return false;
  if (kind.assetModels.length > 0 && (t.assetModel === null || !kind.assetModels.includes(t.assetModel))) return false;
  return kind.productLines.length > 0 || kind.assetModels.length > 0;
}

/**
 * Where the comparison pivots: the latest due date of the actions done (when they were meant
 * to take effect; the schema keeps no completion time). Null while no action is done.
 */
export function effectivenessPivot(actions: readonly Pick<ProblemAction, 'status' | 'dueDate'>[]): string | null {
  const done = actions.filter((a) => a.status === 'done').map((a) => a.dueDate).sort();
  return done.at(-1) ?? null;
}

export type EffectivenessVerdict = 'dropped' | 'not_dropped' | 'no_tickets' | 'pending';
export interface EffectivenessBucket {
  /** First day of the bucket (a week). */
  start: string;
  side: 'before' | 'after';
  count: number;
  /** False while the bucket lies (partly) in the future. */
  complete: boolean;
}
export interface Effectiveness {
  pivot: string;
  periodDays: number;
  before: number;
  after: number;
  /** (after - before) / before; null when nothing came before. */
  change: number | null;
  verdict: EffectivenessVerdict;
  /** The day the period after the pivot is over and the verdict is final. */
  checkDueOn: string;
  buckets: EffectivenessBucket[];
}

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Tickets of the kind created in the `periodDays` before the pivot against those in the
 * `periodDays` from it, in weekly buckets for the chart. The verdict waits until the period
 * after the pivot is over ("pending"); then fewer tickets after than before is "dropped".
 */
export function effectiveness(input: {
  kind: ProblemKind;
  tickets: readonly Pick<TicketFacts, 'createdAt' | 'productLine' | 'assetModel'>[];
  pivot: string;
  periodDays: number;
  now: number;
}): Effectiveness {
  const pivot = Date.parse(`${input.pivot.slice(0, 10)}T00:00:00.000Z`);
  const span = input.periodDays * DAY;
  const start = pivot - span;
  const end = pivot + span;
  const weeks = Math.ceil(input.periodDays / 7);
  const buckets: EffectivenessBucket[] = [];
  for (const side of ['before', 'after'] as const) {
    const from = side === 'before' ? start : pivot;
    for (let i = 0; i < weeks; i++) {
      const s = from + i * 7 * DAY;
      const e = Math.min(s + 7 * DAY, side === 'before' ? pivot : end);
      buckets.push({ start: dateOf(s), side, count: 0, complete: e <= input.now });
    }
  }
  let before = 0;
  let after = 0;
  for (const t of input.tickets) {
    if (!isOfKind(input.kind, t)) continue;
    const at = Date.parse(t.createdAt);
    if (at < start || at >= end || at > input.now) continue;
    const side = at < pivot ? 'before' : 'after';
    const index = Math.floor((at - (side === 'before' ? start : pivot)) / (7 * DAY));
    const bucket = buckets[(side === 'before' ? 0 : weeks) + Math.min(index, weeks - 1)]!;
    bucket.count++;
    if (side === 'before') before++;
    else after++;
  }
  const verdict: EffectivenessVerdict = input.now < end ? 'pending' : before === 0 && after === 0 ? 'no_tickets' : after < before ? 'dropped' : 'not_dropped';
  return { pivot: dateOf(pivot), periodDays: input.periodDays, before, after, change: before > 0 ? (after - before) / before : null, verdict, checkDueOn: dateOf(end), buckets };
}

// ---- what a problem and its actions must satisfy ---------------------------------------

export interface ProblemIssue {
  /** The field at fault: `ticketIds`, `rootCause`, `causeCategory`, `actions.<i>.dueDate`, ... */
  path: string;
  code: 'no_ticket' | 'due_before_created' | 'due_before_problem' | 'done_needed_for_check' | 'root_cause_required' | 'cause_required';
}

/**
 * The earliest calendar date anywhere at an instant (UTC-12, the westmost zone): a due date
 * before it lies before that instant in every zone, whatever the author's zone was.
 */
export const earliestDateAt = (iso: string): string => dateOf(Date.parse(iso) - 12 * 3600_000);

/**
 * One action as it is saved. `createdOn` is the author's local date when the action is new:
 * an action is never due before the day it was created. An effectiveness verdict needs the
 * action done.
 */
export function actionIssues(action: Pick<ProblemAction, 'dueDate' | 'status' | 'effective'>, createdOn: string | null, path = ''): ProblemIssue[] {
  const issues: ProblemIssue[] = [];
  if (createdOn !== null && action.dueDate < createdOn) issues.push({ path: `${path}dueDate`, code: 'due_before_created' });
  if (action.effective !== null && action.status !== 'done') issues.push({ path: `${path}effective`, code: 'done_needed_for_check' });
  return issues;
}

type ProblemShape = Pick<Problem, 'createdAt' | 'ticketIds' | 'actions'>;

/** Actions that are new in `next` or whose due date changed: the ones whose dates are judged. */
const changedDueDates = (old: ProblemShape | null, next: ProblemShape): Set<string> => {
  const before = new Map((old?.actions ?? []).map((a) => [a.id, a.dueDate]));
  return new Set(next.actions.filter((a) => before.get(a.id) !== a.dueDate).map((a) => a.id));
};

/**
 * The rules the server enforces on every push, whatever the client: a problem links at least
 * one ticket, and no action (new, or with a changed due date) is due before the problem was
 * created. Dates already stored are not judged again, so an old document stays editable.
 */
export function problemWriteIssues(old: ProblemShape | null, next: ProblemShape): ProblemIssue[] {
  const issues: ProblemIssue[] = [];
  if (!Array.isArray(next.ticketIds) || next.ticketIds.length === 0) issues.push({ path: 'ticketIds', code: 'no_ticket' });
  if (!Array.isArray(next.actions)) return issues;
  const judged = changedDueDates(old && Array.isArray(old.actions) ? old : null, next);
  const earliest = earliestDateAt(next.createdAt);
  next.actions.forEach((a, i) => {
    if (a && typeof a.dueDate === 'string' && judged.has(a.id) && a.dueDate < earliest) issues.push({ path: `actions.${i}.dueDate`, code: 'due_before_problem' });
  });
  return issues;
}

/**
 * What main checks before it saves: the server's rules, and each new or re-dated action not
 * due before the author's local date today (`today`).
 */
export function problemIssues(old: ProblemShape | null, next: ProblemShape, today: string): ProblemIssue[] {
  const judged = changedDueDates(old, next);
  const own = next.actions.flatMap((a, i) => actionIssues(a, judged.has(a.id) ? today : null, `actions.${i}.`));
  const server = problemWriteIssues(old, next).filter((s) => !own.some((o) => o.path === s.path));
  return [...server, ...own];
}

/** A problem is resolved once its root cause is known: the text and a category other than unknown. */
export function resolveIssues(p: Pick<Problem, 'rootCause' | 'causeCategory'>): ProblemIssue[] {
  const issues: ProblemIssue[] = [];
  if (p.rootCause.trim() === '') issues.push({ path: 'rootCause', code: 'root_cause_required' });
  if (p.causeCategory === 'unknown') issues.push({ path: 'causeCategory', code: 'cause_required' });
  return issues;
}

// ---- overdue actions per owner ---------------------------------------------------------

export interface OverdueAction {
  problemId: string;
  problemTitle: string;
  actionId: string;
  kind: ProblemAction['kind'];
  description: string;
  dueDate: string;
  /** Whole days past the due date. */
  daysOverdue: number;
}
export interface OverdueByOwner {
  ownerId: string;
  actions: OverdueAction[];
}

/**
 * Open or in-progress actions due before `today` (the viewer's local date), grouped by their
 * owner: owners with the most overdue actions first, each owner's oldest first. Closed
 * problems still count: an action left open is overdue wherever it lives.
 */
export function overdueByOwner(problems: readonly Pick<Problem, 'id' | 'title' | 'actions'>[], today: string): OverdueByOwner[] {
  const owners = new Map<string, OverdueAction[]>();
  const todayMs = Date.parse(`${today}T00:00:00.000Z`);
  for (const p of problems) {
    for (const a of p.actions) {
      if ((a.status !== 'open' && a.status !== 'in_progress') || a.dueDate >= today) continue;
      const list = owners.get(a.ownerId) ?? [];
      list.push({ problemId: p.id, problemTitle: p.title, actionId: a.id, kind: a.kind, description: a.description, dueDate: a.dueDate, daysOverdue: Math.round((todayMs - Date.parse(`${a.dueDate}T00:00:00.000Z`)) / DAY) });
      owners.set(a.ownerId, list);
    }
  }
  return [...owners.entries()]
    .map(([ownerId, actions]) => ({ ownerId, actions: actions.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.actionId.localeCompare(b.actionId)) }))
    .sort((a, b) => b.actions.length - a.actions.length || a.ownerId.localeCompare(b.ownerId));
}
