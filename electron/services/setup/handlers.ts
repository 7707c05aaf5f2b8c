import type { setupApi } from '../../../shared/api/setup';
import type { SliceHandlers } from '../../core/router';
import type { SetupService } from './setup';

export const setupHandlers = (setup: SetupService): SliceHandlers<typeof setupApi> => ({
  commands: {
    'setup.chooseServer': ({ serverUrl }) => setup.chooseServer(serverUrl),
    'setup.changeServer': ({ serverUrl }) => setup.changeServer(serverUrl),
  },
  liveQueries: {
    'setup.current': (_params, emit) => setup.watch(emit),
  },
});
