import type { ticketWorkApi } from '../../../shared/api/ticketWork';
import type { SliceHandlers } from '../../core/router';
import type { createTicketWorkQueries } from './queries';
import type { TicketWorkService } from './work';

export const ticketWorkHandlers = (work: TicketWorkService, queries: ReturnType<typeof createTicketWorkQueries>): SliceHandlers<typeof ticketWorkApi> => ({
  commands: {
    'ticketWork.edit': (input) => work.edit(input),
    'ticketWork.transition': (input) => work.transition(input),
    'ticketWork.resolve': (input) => work.resolve(input),
    'ticketWork.reopen': (input) => work.reopen(input),
    'ticketWork.reply': (input) => work.reply(input),
    'ticketWork.note': (input) => work.note(input),
    'ticketWork.assign': (input) => work.assign(input),
    'ticketWork.escalate': (input) => work.escalate(input),
    'ticketWork.acknowledge': (input) => work.acknowledge(input),
  },
  liveQueries: {
    'ticketWork.detail': (params, emit, onError) => queries.watchDetail(params, emit, onError),
    'ticketWork.timeline': (params, emit, onError) => queries.watchTimeline(params, emit, onError),
    'ticketWork.assignees': (params, emit, onError) => queries.watchAssignees(params, emit, onError),
  },
});
