import type { ticketsApi } from '../../../shared/api/tickets';
import type { SliceHandlers } from '../../core/router';
import type { createTicketQueries } from './queries';
import type { TicketService } from './tickets';

export const ticketsHandlers = (
  tickets: TicketService,
  queries: ReturnType<typeof createTicketQueries>,
): SliceHandlers<typeof ticketsApi> => ({
  commands: {
    'tickets.create': (input) => tickets.create(input),
  },
  liveQueries: {
    'tickets.list': (params, emit, onError) => queries.watchList(params, emit, onError),
    'tickets.page': (params, emit, onError) => queries.watchPage(params, emit, onError),
    'tickets.byNumber': (params, emit, onError) => queries.watchByNumber(params, emit, onError),
  },
});
