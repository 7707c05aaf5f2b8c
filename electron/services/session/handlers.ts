import type { sessionApi } from '../../../shared/api/session';
import type { SliceHandlers } from '../../core/router';
import type { SessionService } from './session';

export const sessionHandlers = (session: SessionService): SliceHandlers<typeof sessionApi> => ({
  commands: {
    'session.signIn': (input) => session.signIn(input),
    'session.signOut': () => session.signOut(),
    'session.exportUnsynced': () => session.exportUnsynced(),
  },
  liveQueries: {
    'session.current': (_params, emit) => session.watchSession(emit),
  },
});
