import { z } from 'zod';
import { command, liveQuery, slice } from './define';

export type UpdateState = 'idle' | 'checking' | 'downloading' | 'ready' | 'error';

/** The desktop app's own updates, fetched in the background from the central server's feed. */
export interface UpdateView {
  /** False where the app cannot update itself (the browser harness, a development build). */
  supported: boolean;
  state: UpdateState;
  /** The version being downloaded or ready to install. */
  version: string | null;
  /** Download progress in percent while downloading. */
  progress: number | null;
  /** Why "restart to install" must wait now (a push to the server is in flight). */
  installBlockedBy: 'PUSH_IN_FLIGHT' | null;
  lastCheckedAt: string | null;
}

/** Where the main process writes its log files (null: it logs to the terminal only). */
export interface LogFolder {
  path: string | null;
}

export const updatesApi = slice({
  commands: {
    /** Restarts into the downloaded version; refused while a push is in flight. */
    'app.update.install': command<null>()(z.object({}).strict()),
    'app.logs.folder': command<LogFolder>()(z.object({}).strict()),
    'app.logs.open': command<null>()(z.object({}).strict()),
  },
  liveQueries: {
    'app.update': liveQuery<UpdateView>()(z.object({}).strict()),
  },
});
