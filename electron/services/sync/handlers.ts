import type { syncApi } from '../../../shared/api/sync';
import type { SliceHandlers } from '../../core/router';
import type { SessionService } from '../session/session';

export const syncHandlers = (session: SessionService): SliceHandlers<typeof syncApi> => ({
  commands: {},
  liveQueries: {
    'sync.status': (_params, emit) => session.watchStatus(emit),
  },
});
