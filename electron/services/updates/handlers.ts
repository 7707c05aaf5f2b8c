import type { updatesApi } from '../../../shared/api/updates';
import type { SliceHandlers } from '../../core/router';
import { DomainError } from '../../core/errors';
import type { UpdateService } from './service';

/** Where the main process keeps its log files, and how the shell opens that folder. */
export interface LogFolderAccess {
  path: string;
  open(): Promise<void>;
}

export const updatesHandlers = (updates: UpdateService, logs: LogFolderAccess | null): SliceHandlers<typeof updatesApi> => ({
  commands: {
    'app.update.install': () => updates.install(),
    'app.logs.folder': async () => ({ path: logs?.path ?? null }),
    'app.logs.open': async () => {
      if (!logs) throw new DomainError('NOT_SUPPORTED', 'This shell writes no log files');
      await logs.open();
      return null;
    },
  },
  liveQueries: {
    'app.update': (_params, emit) => updates.watch(emit),
  },
});
