/**
 * Ticket live queries: the recent list, paged queues for the grids, and one ticket by its
 * number. Each re-emits after every change to tickets or their customers' names.
 */
import type { MangoQuerySelector, MangoQuerySortPart } from 'rxdb';
import { combineLatest, map, merge, of } from 'rxjs';
import type { TicketFilter, TicketListParams, TicketPageParams, TicketSummary, TicketDetail } from '../../../shared/api/tickets';
import type { Page } from '../../../shared/api/paging';
import type { Ticket } from '../../../shared/schema';
import type { CimsDatabase } from '../../db/open';
import { liveFrom, livePage, type Emit, type OnError } from '../../core/live';
import type { CustomerService } from '../customers/customers';
import { serverNumberOf, toDetail, toSummary } from './summary';

const selectorFor = (filter: TicketFilter | undefined): MangoQuerySelector<Ticket> => {
  const selector: MangoQuerySelector<Ticket> = {};
  if (!filter) return selector;
  if (filter.status?.length) selector.status = { $in: filter.status };
  if (filter.severity?.length) selector.severity = { $in: filter.severity };
  if (filter.priority?.length) selector.priority = { $in: filter.priority };
  if (filter.teamId) selector.teamId = filter.teamId;
  if (filter.assigneeId) selector.assigneeId = filter.assigneeId;
  return selector;
};

export const createTicketQueries = (db: CimsDatabase, customers: CustomerService) => {
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
      return livePage(
        db.tickets,
        { selector: selectorFor(params.filter), sort, offset: params.offset, limit: params.limit },
        summaries,
        emit,
        onError,
      );
    },

    /** A ticket by its server number ("T-000123") or its provisional number; null when not here. */
    watchByNumber(params: { number: string }, emit: Emit<TicketDetail | null>, onError: OnError) {
      const serverNumber = serverNumberOf(params.number);
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
