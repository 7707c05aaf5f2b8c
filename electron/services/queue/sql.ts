/**
 * A queue's filters as SQL over the tickets' projection table (db/ticket-projection.ts):
 * the same conditions as the RxDB selector of filters.ts (queueCriteria), which stays the
 * reference the tests compare this with. The SLA state needs the clock and the policy, so
 * it stays a predicate (on projected rows, not documents).
 */
import type { QueueFilter, QueueSort } from '../../../shared/api/queue';
import { NONE, NO_DUE } from '../../../shared/schema';
import type { SqlValue } from '../../db/sqlite-storage';
import { OPEN_STATUSES, RECENT_DAYS, type QueueIdentity } from './filters';

const DAY = 86_400_000;
const NO_TEAM = '\u0000no-team';

export interface QueueWhere {
  /** Conditions on the projection, aliased `p`, joined with AND ('1' when none). */
  where: string;
  params: SqlValue[];
  /** SLA states a row must be in (empty: any); checked with queueSlaState on the rows. */
  slaStates: Set<string>;
}

type Cond = [sql: string, params: SqlValue[]];

const inList = (column: string, values: readonly string[]): Cond =>
  values.length === 1 ? [`p.${column} = ?`, [values[0]!]] : [`p.${column} IN (${values.map(() => '?').join(', ')})`, [...values]];

const OPEN: Cond = inList('status', OPEN_STATUSES);

const viewConds = (view: QueueFilter['view'], me: QueueIdentity, now: number): Cond[] => {
  const myTeam = me.teamId ?? NO_TEAM;
  switch (view) {
    case 'mine':
      return [['p.assignee_id = ?', [me.personId]], OPEN];
    case 'team':
      // A person without a team has no team queue: match nothing rather than everything.
      return [['p.team_id = ?', [myTeam]], OPEN];
    case 'unassigned':
      return [['p.assignee_id = ?', [NONE]], OPEN];
    case 'breaching':
      return [OPEN, ['p.sla_due_at < ?', [NO_DUE]]];
    case 'escalated':
      return [OPEN, ['(p.assignee_id = ? OR p.team_id = ?)', [me.personId, myTeam]], ["(p.functional_level <> 'L1' OR p.management_level <> 'assignee')", []]];
    case 'pending':
      return [["p.status = 'pending'", []]];
    case 'resolved':
      return [inList('status', ['resolved', 'closed']), ['p.resolved_at >= ?', [new Date(now - RECENT_DAYS * DAY).toISOString()]]];
    case 'open':
      return [OPEN];
    case 'all':
      return [];
  }
};

const anyOf = (column: string, values: readonly string[] | undefined): Cond[] => (values?.length ? [inList(column, values)] : []);

const dayStart = (day: string): string => `${day}T00:00:00.000Z`;
const nextDayStart = (day: string): string => new Date(Date.parse(dayStart(day)) + DAY).toISOString();

const range = (column: string, from: string | undefined, to: string | undefined): Cond[] => [
  ...(from ? [[`p.${column} >= ?`, [dayStart(from)]] as Cond] : []),
  ...(to ? [[`p.${column} < ?`, [nextDayStart(to)]] as Cond] : []),
];

export const queueWhere = (filter: QueueFilter, me: QueueIdentity, now: number): QueueWhere => {
  const conds: Cond[] = [
    ...viewConds(filter.view, me, now),
    ...anyOf('status', filter.status),
    ...anyOf('severity', filter.severity),
    ...anyOf('priority', filter.priority),
    ...anyOf('type', filter.type),
    ...anyOf('customer_tier', filter.tier),
    ...anyOf('pending_reason', filter.pendingReason),
    ...anyOf('team_id', filter.teamId),
    ...anyOf('assignee_id', filter.assigneeId),
    ...anyOf('customer_id', filter.customerId),
    ...anyOf('product_line', filter.productLine),
    ...anyOf('region', filter.region),
    ...range('created_at', filter.createdFrom, filter.createdTo),
    ...range('sla_due_at', filter.dueFrom, filter.dueTo),
  ];
  const states = new Set<string>(filter.sla ?? []);
  if (filter.view === 'breaching') {
    // Breaching soon: in warning or already breached (intersected with an SLA filter).
    const soon = ['warning', 'breached'].filter((s) => states.size === 0 || states.has(s));
    states.clear();
    for (const s of soon.length ? soon : ['-']) states.add(s);
  }
  // Every SLA state but 'none' has a running clock: narrow in SQL, decide on the rows.
  if (states.size > 0) {
    conds.push(['p.sla_due_at <> ?', [NO_DUE]]);
    // Only breached: due by now, which SQL decides exactly (ISO times sort as they compare).
    if (states.size === 1 && states.has('breached')) conds.push(['p.sla_due_at <= ?', [new Date(now).toISOString()]]);
    if (!states.has('breached')) conds.push(['p.sla_due_at > ?', [new Date(now).toISOString()]]);
  }
  return {
    where: conds.length ? conds.map(([sql]) => sql).join(' AND ') : '1',
    params: conds.flatMap(([, params]) => params),
    slaStates: states.size === 1 && states.has('breached') ? new Set() : states,
  };
};

const COLUMN: Record<Exclude<QueueSort['field'], 'relevance'>, string> = {
  slaDueAt: 'sla_due_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  severity: 'severity',
  priority: 'priority',
  status: 'status',
};

/** ORDER BY of a sort; `relevance` orders by the search hit's rank (alias `h.rank`). */
export const orderBy = (sort: QueueSort): string => {
  const dir = sort.direction === 'asc' ? 'ASC' : 'DESC';
  const key = sort.field === 'relevance' ? 'h.rank' : `p.${COLUMN[sort.field]}`;
  return `${key} ${dir}, p.id ${dir}`;
};
