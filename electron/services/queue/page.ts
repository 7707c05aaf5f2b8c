/**
 * One page of a queue, pushed again after every change to tickets, their timelines or the
 * SLA policies, and every half minute (SLA states move with the clock). Search hits come
 * from the store's full-text index and asset codes; filters from the store's indexes.
 */
import type { MangoQuerySelector, MangoQuerySortPart } from 'rxdb';
import { auditTime, combineLatest, interval, map, merge, of, type Observable } from 'rxjs';
import type { QueueClock, QueuePage, QueuePageParams, QueueRow, QueueSort } from '../../../shared/api/queue';
import type { Policy, Ticket, TicketEvent } from '../../../shared/schema';
import { slaContextFrom, groupEventsByTicket } from '../../../shared/domain/context';
import { slaState } from '../../../shared/domain/sla';
import { runningClocks } from '../../../shared/domain/queueSla';
import { WARNING_RATIO } from '../../../shared/domain/defaults';
import { searchTerms } from '../../db/sqlite-storage';
import type { SearchIndex } from '../../db/search-index';
import type { CimsDatabase } from '../../db/open';
import { liveFrom, type Emit, type OnError } from '../../core/live';
import { toSummary } from '../tickets/summary';
import { queueCriteria, type QueueIdentity } from './filters';

/** Most hits a search answers; ranked, so the best are kept. */
export const SEARCH_LIMIT = 2000;
const TICK_MS = 30_000;

const DEFAULT_SORT: QueueSort = { field: 'slaDueAt', direction: 'asc' };

type Policies = { policyOf: ReturnType<typeof slaContextFrom>; ratio: (t: Ticket) => number };

export interface QueuePagesOptions {
  db: CimsDatabase;
  search: SearchIndex;
  identity$: Observable<QueueIdentity>;
  now?: () => number;
}

export const createQueuePages = ({ db, search, identity$, now = Date.now }: QueuePagesOptions) => {
  const loadPolicies = async (): Promise<Policies> => {
    const docs = await db.policies.find({ selector: { kind: { $in: ['sla', 'calendar'] } } }).exec();
    const policyOf = slaContextFrom({ customers: [], policies: docs.map((d) => d.toJSON() as Policy) });
    return { policyOf, ratio: (t) => policyOf(t).policy?.warningRatio ?? WARNING_RATIO };
  };

  /** Tickets whose asset code starts with the search (codes are typed or scanned whole). */
  const assetTicketIds = async (text: string): Promise<string[]> => {
    const code = text.trim().toUpperCase();
    if (code.length < 2 || /\s/.test(code)) return [];
    const assets = await db.assets.find({ selector: { assetCode: { $gte: code, $lt: `${code}\uffff` } }, limit: 50 }).exec();
    if (assets.length === 0) return [];
    const tickets = await db.tickets.find({ selector: { assetId: { $in: assets.map((a) => a.primary) } }, limit: SEARCH_LIMIT }).exec();
    return tickets.map((t) => t.primary);
  };

  const clocksOf = (ticket: Ticket, events: TicketEvent[], policies: Policies, at: number): QueueClock[] => {
    const context = policies.policyOf(ticket);
    const state = slaState({ ticket, events, ...context, tier: ticket.customerTier, now: at });
    return runningClocks(state, policies.ratio(ticket)).map((c) => ({
      clock: c.clock,
      dueAt: new Date(c.dueAt).toISOString(),
      warnAt: new Date(c.warnAt).toISOString(),
      paused: c.paused,
    }));
  };

  const toRows = async (tickets: Ticket[], policies: Policies, at: number): Promise<QueueRow[]> => {
    const open = tickets.filter((t) => t.resolvedAt === null && t.closedAt === null).map((t) => t.id);
    // One query per ticket: each is a tight range of the (ticketId, at) index, where one
    // `$in` over 50 ids would scan the index from the smallest id to the largest.
    const timelines = await Promise.all(open.map((id) => db.ticketEvents.find({ selector: { ticketId: id } }).exec()));
    const events = groupEventsByTicket(timelines.flat().map((d) => d.toJSON() as TicketEvent));
    return tickets.map((t) => ({
      ...toSummary(t, t.customerName),
      customerTier: t.customerTier,
      region: t.region,
      productLine: t.productLine,
      teamId: t.teamId,
      assigneeId: t.assigneeId,
      pendingReason: t.pendingReason,
      clocks: t.resolvedAt === null && t.closedAt === null ? clocksOf(t, events.get(t.id) ?? [], policies, at) : [],
    }));
  };

  const compute = async (params: QueuePageParams, me: QueueIdentity): Promise<QueuePage> => {
    const at = now();
    const policies = await loadPolicies();
    const criteria = queueCriteria(params.filter, me, at, (t) => policies.policyOf(t).policy);
    let selector = criteria.selector;
    const terms = params.filter.search ? searchTerms(params.filter.search) : [];
    let rank: Map<string, number> | undefined;
    if (terms.length > 0) {
      const text = params.filter.search!;
      const ids = search.tickets(text, SEARCH_LIMIT).map((h) => h.group);
      for (const id of await assetTicketIds(text)) if (!ids.includes(id)) ids.push(id);
      rank = new Map(ids.map((id, i) => [id, i]));
      selector = { ...selector, id: { $in: ids } } as MangoQuerySelector<Ticket>;
    }
    const sort = params.sort ?? (rank ? { field: 'relevance', direction: 'asc' } : DEFAULT_SORT);
    const { offset, limit } = params;

    if (!criteria.predicate && sort.field !== 'relevance') {
      const mangoSort = [{ [sort.field]: sort.direction }, { id: sort.direction }] as MangoQuerySortPart<Ticket>[];
      const [docs, total] = await Promise.all([
        db.tickets.find({ selector, sort: mangoSort, skip: offset, limit }).exec(),
        db.tickets.count({ selector }).exec(),
      ]);
      return { rows: await toRows(docs.map((d) => d.toJSON() as Ticket), policies, at), total, terms };
    }
    // The clock, the policy or the search rank decides: order and filter the candidates here.
    let tickets = (await db.tickets.find({ selector }).exec()).map((d) => d.toJSON() as Ticket);
    if (criteria.predicate) tickets = tickets.filter(criteria.predicate);
    tickets.sort(comparator(sort, rank));
    return { rows: await toRows(tickets.slice(offset, offset + limit), policies, at), total: tickets.length, terms };
  };

  return {
    watch(params: QueuePageParams, emit: Emit<QueuePage>, onError: OnError) {
      const changes = merge(db.tickets.$, db.ticketEvents.$, db.policies.$, interval(TICK_MS)).pipe(auditTime(50));
      const source = combineLatest([identity$, merge(of(null), changes)]).pipe(map(([me]) => me));
      return liveFrom(source, (me) => compute(params, me), emit, onError);
    },
  };
};

const comparator = (sort: QueueSort, rank: Map<string, number> | undefined) => {
  const dir = sort.direction === 'asc' ? 1 : -1;
  const key = (t: Ticket): string | number => {
    // Severity names sort in their order (critical < major < minor), as in the index.
    return sort.field === 'relevance' ? (rank?.get(t.id) ?? Number.MAX_SAFE_INTEGER) : t[sort.field];
  };
  return (a: Ticket, b: Ticket): number => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return (ka < kb ? -1 : 1) * dir;
    return (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * dir;
  };
};
