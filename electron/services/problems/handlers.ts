import type { problemsApi } from '../../../shared/api/problems';
import type { SliceHandlers } from '../../core/router';
import type { ProblemCommands } from './commands';
import type { ProblemQueries } from './queries';

export const problemsHandlers = (commands: ProblemCommands, queries: ProblemQueries): SliceHandlers<typeof problemsApi> => ({
  commands: {
    'problems.create': (input) => commands.create(input),
    'problems.update': (input) => commands.update(input),
    'problems.link': (input) => commands.link(input),
    'problems.unlink': (input) => commands.unlink(input),
    'problems.resolve': (input) => commands.resolve(input),
    'problems.recordCheck': (input) => commands.recordCheck(input),
  },
  liveQueries: {
    'problems.list': (params, emit, onError) => queries.watch.list(params, emit, onError),
    'problems.overdue': (_params, emit, onError) => queries.watch.overdue(emit, onError),
    'problems.detail': (params, emit, onError) => queries.watch.detail(params.id, emit, onError),
    'problems.candidates': (params, emit, onError) => queries.watch.candidates(params, emit, onError),
    'problems.effectiveness': (params, emit, onError) => queries.watch.check(params, emit, onError),
    'problems.forTicket': (params, emit, onError) => queries.watch.forTicket(params.ticketId, emit, onError),
    'problems.people': (_params, emit, onError) => queries.watch.people(emit, onError),
  },
});
