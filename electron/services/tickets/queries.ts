/**
 * Ticket live queries: the recent list, paged queues for the grids, and one ticket by its
 * number. Each re-emits after every change to tickets or their customers' names.
 */
import type { MangoQuerySelector, MangoQuerySortPart } from 'rxdb';
import { combineLatest, map, merge, of, switchMap, type Observable } from 'rxjs';
import type { QueueView, TicketFilter, TicketListParams, TicketPageParams, TicketSummary, TicketDetail } from '../../../shared/api/tickets';
import type { Page } from '../../../shared/api/paging';
import { NONE, type Ticket } from '../../../shared/schema';
import type { CimsDatabase } from '../../db/open';
import { liveFrom, page$, type Emit, type OnError } from '../../core/live';
import type { CustomerService } from '../customers/customers';
import { parseOfficialTicketNumber } from '../../../shared/domain/ticketNumber';
import { toDetail, toSummary } from './summary';

const OPEN_STATUSES = ['new', 'acknowledged', 'in_progress', 'pending', 'restored'] as const;

const NO_TEAM = '\u0000no-team';

export interface QueueIdentity {
  personId: string;
  teamId: string | null;
}

const viewSelector = (view: QueueView | undefined, me: QueueIdentity): MangoQuerySelector<Ticket> => {
  switch (view) {
    case 'mine':
      return { assigneeId: me.personId, status: { $in: [...OPEN_STATUSES] } };
    case 'team':
      // A person without a team has no team queue: match nothing rather than everything.
      return { teamId: me.teamId ?? NO_TEAM, status: { $in: [...OPEN_STATUSES] } };
    case 'unassigned':
      return { assigneeId: NONE, status: { $in: [...OPEN_STATUSES] } };
    case 'open':
      return { status: { $in: [...OPEN_STATUSES] } };
    case 'pending':
      return { status: 'pending' };
    case 'resolved':
      return { status: { $in: ['resolved', 'closed'] } };
    default:
      return {};
  }
};

const selectorFor = (filter: TicketFilter | undefined, me: QueueIdentity): MangoQuerySelector<Ticket> => {
  const selector: MangoQuerySelector<Ticket> = viewSelector(filter?.view, me);
  if (!filter) return selector;
  if (filter.status?.length) selector.status = { $in: filter.status };
  if (filter.severity?.length) selector.severity = { $in: filter.severity };
  if (filter.priority?.length) selector.priority = { $in: filter.priority };
  if (filter.teamId) selector.teamId = filter.teamId;
  if (filter.assigneeId) selector.assigneeId = filter.assigneeId;
  return selector;
};

export const createTicketQueries = (db: CimsDatabase, customers: CustomerService, identity$: Observable<QueueIdentity>) => {
  const summaries = async (tickets: Ticket[]): Promise<TicketSummary[]> => {
    const names = await customers.namesByIds(tickets.map((t) => t.customerId));
    return tickets.map((t) => toSummary(t, names.get(t.customerId) ?? ''));
  };
  // A renamed customer changes the rows' text without touching a ticket.
  const customerChanges = () => merge(of(null), db.customers.$.pipe(map(() => null)));

  return {
    /** Newest first. */
    watchList(params: TicketListParams, emit: Emit<TicketSummary[]>, onError: OnError) {
      const tickets$ = db.tickets.find({ sort: [{ createdAt: 'desc' }, { id: 'desc' }], limit: params.limit }).$;
      return liveFrom(
        combineLatest([tickets$, customerChanges()]),
        ([docs]) => summaries(docs.map((d) => d.toJSON() as Ticket)),
        emit,
        onError,
      );
    },

    /** One page of a queue, with the total, in the requested order (ties by id). */
    watchPage(params: TicketPageParams, emit: Emit<Page<TicketSummary>>, onError: OnError) {
      const direction = params.sort?.direction ?? 'desc';
      const sort = [
        { [params.sort?.field ?? 'createdAt']: direction },
        { id: direction },
      ] as MangoQuerySortPart<Ticket>[];
      // Who "me" is changes with sign-in and sign-out: the page follows.
      const pages = identity$.pipe(
        switchMap((me) =>
          page$(db.tickets, { selector: selectorFor(params.filter, me), sort, offset: params.offset, limit: params.limit }, summaries),
        ),
      );
      return liveFrom(pages, (page) => page, emit, onError);
    },

    /** A ticket by its server number ("T-000123") or its provisional number; null when not here. */
    watchByNumber(params: { number: string }, emit: Emit<TicketDetail | null>, onError: OnError) {
      const serverNumber = parseOfficialTicketNumber(params.number);
      const selector: MangoQuerySelector<Ticket> =
        serverNumber === null ? { provisionalNumber: params.number } : { number: serverNumber };
      return liveFrom(
        combineLatest([db.tickets.findOne({ selector }).$, customerChanges()]),
        async ([doc]) => {
          if (!doc) return null;
          const ticket = doc.toJSON() as Ticket;
          const names = await customers.namesByIds([ticket.customerId]);
          return toDetail(ticket, names.get(ticket.customerId) ?? '');
        },
        emit,
        onError,
      );
    },
  };
};
