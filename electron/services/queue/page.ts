/**
 * One page of a queue, pushed again after every change to tickets, their timelines or the
 * SLA policies, and every half minute (SLA states move with the clock). Search hits come
 * from the store's full-text index and asset codes; filters, sorts and counts are SQL over
 * the tickets' projection table (read.ts), so only the page's documents are ever loaded.
 */
import { auditTime, combineLatest, interval, map, merge, of, type Observable, type Subscription } from 'rxjs';
import type { QueueClock, QueuePage, QueuePageParams, QueueRow, QueueSort, TeamLoad } from '../../../shared/api/queue';
import type { Asset, Policy, Ticket, TicketEvent } from '../../../shared/schema';
import type { ReportDrill } from '../../../shared/domain/drill';
import { slaContextFrom, groupEventsByTicket } from '../../../shared/domain/context';
import { slaState } from '../../../shared/domain/sla';
import { queueSlaState, runningClocks } from '../../../shared/domain/queueSla';
import { WARNING_RATIO } from '../../../shared/domain/defaults';
import { readOnlyQueries, searchTerms } from '../../db/sqlite-storage';
import type { SearchIndex } from '../../db/search-index';
import type { CimsDatabase } from '../../db/open';
import { liveFrom, type Emit, type OnError } from '../../core/live';
import { toSummary } from '../tickets/summary';
import type { TimelineReader } from '../tickets/timelines';
import { OPEN_STATUSES, type QueueIdentity } from './filters';
import { readPage, teamLoad, searchScope, ticketsOfAssets } from './read';
import { queueWhere } from './sql';

/** Most hits a search answers; ranked, so the best are kept. */
export const SEARCH_LIMIT = 2000;
const TICK_MS = 30_000;

const DEFAULT_SORT: QueueSort = { field: 'slaDueAt', direction: 'asc' };

type Policies = { policyOf: ReturnType<typeof slaContextFrom>; ratio: (t: Ticket) => number };

export interface QueuePagesOptions {
  db: CimsDatabase;
  search: SearchIndex;
  /** The events of tickets (tickets/timelines.ts). */
  timelines: TimelineReader;
  identity$: Observable<QueueIdentity>;
  /** The tickets behind a report figure (a queue opened from a report), by the report's rules. */
  ticketsBehind?: (drill: ReportDrill, now: number) => Promise<string[]>;
  now?: () => number;
}

export const createQueuePages = ({ db, search, timelines, identity$, ticketsBehind, now = Date.now }: QueuePagesOptions) => {
  const readAssets = readOnlyQueries<Asset>('assets', db.assets.schema.jsonSchema);
  const readPolicies = readOnlyQueries<Policy>('policies', db.policies.schema.jsonSchema);
  // Read once and again only after a policy changed: every page needs them, they rarely change.
  let policies: Promise<Policies> | undefined;
  let policiesSeen: Subscription | undefined;
  const loadPolicies = (): Promise<Policies> => {
    policiesSeen ??= db.policies.$.subscribe(() => (policies = undefined));
    // All policies (a few dozen) on the read connection: at start the store's worker is busy
    // with every screen's first queries, and the queue need not wait behind them.
    const query = db.policies.find();
    policies ??= Promise.resolve()
      .then(async () => search.read((conn) => readPolicies(conn, query.getPreparedQuery())) ?? (await query.exec()).map((d) => d.toJSON() as Policy))
      .then((docs) => {
        const policyOf = slaContextFrom({ customers: [], policies: docs.filter((p) => p.kind === 'sla' || p.kind === 'calendar') });
        return { policyOf, ratio: (t: Ticket) => policyOf(t).policy?.warningRatio ?? WARNING_RATIO };
      });
    policies.catch(() => (policies = undefined));
    return policies;
  };

  /** Tickets whose asset code starts with the search (codes are typed or scanned whole). */
  const assetTicketIds = async (text: string): Promise<string[]> => {
    const code = text.trim().toUpperCase();
    if (code.length < 2 || /\s/.test(code)) return [];
    const query = db.assets.find({ selector: { assetCode: { $gte: code, $lt: `${code}\uffff` } }, limit: 50 });
    // On the read connection, as the tickets: no round trip to the store's worker per keystroke.
    const found = search.read((conn) => readAssets(conn, query.getPreparedQuery()));
    const assetIds = found ? found.map((a) => a.id) : (await query.exec()).map((a) => a.primary);
    if (assetIds.length === 0) return [];
    return search.read((conn) => ticketsOfAssets(conn, assetIds, SEARCH_LIMIT));
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
    const events = groupEventsByTicket(await timelines(open));
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
    const where = queueWhere(params.filter, me, at);
    const terms = params.filter.search ? searchTerms(params.filter.search) : [];
    let hits: string[] | undefined;
    let searchCapped = false;
    if (terms.length > 0) {
      const text = params.filter.search!;
      // Ranked among this queue's tickets: the newest matches of the whole store may all be
      // tickets the queue does not show (at 100,000 tickets, 告警 in the open queue found none
      // of the 906 open tickets it matches).
      const within = search.read((conn) => searchScope(conn, where));
      const found = search.tickets(text, SEARCH_LIMIT, within ?? undefined);
      hits = found.hits.map((h) => h.group);
      searchCapped = found.capped || hits.length >= SEARCH_LIMIT;
      const seen = new Set(hits);
      for (const id of await assetTicketIds(text)) if (!seen.has(id)) hits.push(id);
    }
    const searched = hits !== undefined;
    if (params.filter.drill && ticketsBehind) {
      const behind = await ticketsBehind(params.filter.drill, at);
      const keep = new Set(behind);
      hits = hits ? hits.filter((id) => keep.has(id)) : behind;
    }
    // Relevance needs a search to rank by; without one the queue keeps its default order.
    const asked = params.sort?.field === 'relevance' && !searched ? undefined : params.sort;
    const sort = asked ?? (searched ? { field: 'relevance', direction: 'asc' } : DEFAULT_SORT);
    const slaState = (t: Ticket) => queueSlaState(t, policies.policyOf(t).policy, at);
    const { tickets, total } = search.read((conn) => readPage(conn, { where, hits, sort, offset: params.offset, limit: params.limit, slaState }));
    return { rows: await toRows(tickets, policies, at), total, terms, searchCapped };
  };

  /** Open tickets of the user's team per assignee; "due today" is due by the end of the local day. */
  const computeLoad = (me: QueueIdentity): TeamLoad => {
    if (!me.teamId) return { teamId: null, rows: [] };
    const endOfDay = new Date(now());
    endOfDay.setHours(23, 59, 59, 999);
    const rows = search.read((conn) => teamLoad(conn, me.teamId!, OPEN_STATUSES, endOfDay.toISOString()));
    return { teamId: me.teamId, rows: rows.map(({ due, ...r }) => ({ ...r, dueToday: due })) };
  };

  return {
    watchTeamLoad(emit: Emit<TeamLoad>, onError: OnError) {
      const changes = merge(db.tickets.$, interval(TICK_MS)).pipe(auditTime(50));
      const source = combineLatest([identity$, merge(of(null), changes)]).pipe(map(([me]) => me));
      return liveFrom(source, (me) => computeLoad(me), emit, onError);
    },
    watch(params: QueuePageParams, emit: Emit<QueuePage>, onError: OnError) {
      const changes = merge(db.tickets.$, db.ticketEvents.$, db.policies.$, interval(TICK_MS)).pipe(auditTime(50));
      const source = combineLatest([identity$, merge(of(null), changes)]).pipe(map(([me]) => me));
      return liveFrom(source, (me) => compute(params, me), emit, onError);
    },
  };
};

