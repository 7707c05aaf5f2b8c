/**
 * A queue's filters as an RxDB selector (what the store's indexes can answer) plus, where a
 * filter needs the clock or the SLA policy, a predicate run on the candidates.
 */
import type { MangoQuerySelector } from 'rxdb';
import type { BuiltInView, QueueFilter } from '../../../shared/api/queue';
import { NONE, NO_DUE, type SlaPolicyBody, type Ticket } from '../../../shared/schema';
import { queueSlaState } from '../../../shared/domain/queueSla';

export const OPEN_STATUSES = ['new', 'acknowledged', 'in_progress', 'pending', 'restored'] as const;
/** "Recently resolved": resolved or closed within this many days. */
export const RECENT_DAYS = 7;
const DAY = 86_400_000;
const NO_TEAM = '\u0000no-team';

export interface QueueIdentity {
  personId: string;
  teamId: string | null;
}

export interface QueueCriteria {
  selector: MangoQuerySelector<Ticket>;
  /** Runs on the documents the selector found; undefined when the selector says everything. */
  predicate?: (ticket: Ticket) => boolean;
}

type Condition = MangoQuerySelector<Ticket>;

const viewConditions = (view: BuiltInView, me: QueueIdentity, now: number): Condition[] => {
  const open: Condition = { status: { $in: [...OPEN_STATUSES] } };
  const myTeam = me.teamId ?? NO_TEAM;
  switch (view) {
    case 'mine':
      return [{ assigneeId: me.personId }, open];
    case 'team':
      // A person without a team has no team queue: match nothing rather than everything.
      return [{ teamId: myTeam }, open];
    case 'unassigned':
      return [{ assigneeId: NONE }, open];
    case 'breaching':
      return [open, { slaDueAt: { $lt: NO_DUE } }];
    case 'escalated':
      // Moved up either axis and now with me or my team.
      return [
        open,
        { $or: [{ assigneeId: me.personId }, { teamId: myTeam }] },
        { $or: [{ functionalLevel: { $ne: 'L1' } }, { managementLevel: { $ne: 'assignee' } }] },
      ];
    case 'pending':
      return [{ status: 'pending' }];
    case 'resolved':
      return [{ status: { $in: ['resolved', 'closed'] } }, { resolvedAt: { $gte: new Date(now - RECENT_DAYS * DAY).toISOString() } }];
    case 'open':
      return [open];
    case 'all':
      return [];
  }
};

const dayStart = (day: string): string => `${day}T00:00:00.000Z`;
const nextDayStart = (day: string): string => new Date(Date.parse(dayStart(day)) + DAY).toISOString();

const range = (field: 'createdAt' | 'slaDueAt', from: string | undefined, to: string | undefined): Condition[] => {
  const bounds: Record<string, string> = {};
  if (from) bounds.$gte = dayStart(from);
  if (to) bounds.$lt = nextDayStart(to);
  return Object.keys(bounds).length ? [{ [field]: bounds } as Condition] : [];
};

const anyOf = (field: keyof Ticket, values: readonly string[] | undefined): Condition[] =>
  values?.length ? [{ [field]: values.length === 1 ? values[0] : { $in: [...values] } } as Condition] : [];

/**
 * Conditions on distinct fields merge into one object (the query planner picks an index from
 * its top-level fields); a field named twice goes to `$and`.
 */
const merge = (conditions: Condition[]): Condition => {
  const merged: Record<string, unknown> = {};
  const and: Condition[] = [];
  for (const c of conditions) {
    for (const [key, value] of Object.entries(c)) {
      if (key in merged || key === '$or') and.push({ [key]: value } as Condition);
      else merged[key] = value;
    }
  }
  if (and.length) merged.$and = and;
  return merged as Condition;
};

export const queueCriteria = (
  filter: QueueFilter,
  me: QueueIdentity,
  now: number,
  policyOf: (ticket: Ticket) => SlaPolicyBody | null,
): QueueCriteria => {
  const selector = merge([
    ...viewConditions(filter.view, me, now),
    ...anyOf('status', filter.status),
    ...anyOf('severity', filter.severity),
    ...anyOf('priority', filter.priority),
    ...anyOf('type', filter.type),
    ...anyOf('customerTier', filter.tier),
    ...anyOf('pendingReason', filter.pendingReason),
    ...anyOf('teamId', filter.teamId),
    ...anyOf('assigneeId', filter.assigneeId),
    ...anyOf('customerId', filter.customerId),
    ...anyOf('productLine', filter.productLine),
    ...anyOf('region', filter.region),
    ...range('createdAt', filter.createdFrom, filter.createdTo),
    ...range('slaDueAt', filter.dueFrom, filter.dueTo),
  ]);
  const states = new Set<string>(filter.sla ?? []);
  if (filter.view === 'breaching') {
    // Breaching soon: in warning or already breached (intersected with an SLA filter).
    const soon = ['warning', 'breached'].filter((s) => states.size === 0 || states.has(s));
    states.clear();
    for (const s of soon.length ? soon : ['-']) states.add(s);
  }
  if (states.size === 0) return { selector };
  return { selector, predicate: (ticket) => states.has(queueSlaState(ticket, policyOf(ticket), now)) };
};
