import { z } from 'zod';
import { liveQuery, slice } from './define';

export type SyncState =
  | 'local-only'
  | 'signed-out'
  | 'connecting'
  | 'syncing'
  | 'online'
  | 'offline'
  | 'error'
  | 'update-required'
  | 'session-ended';

export interface SyncStatusView {
  state: SyncState;
  pendingLocalChanges: number;
  lastSuccessAt: string | null;
  lastError: { code: string; message: string } | null;
  /** Progress of the first full download, null once every collection has it. */
  initialSync: { collection: string; done: number; total?: number } | null;
}

/** Where the user's changes are: only here, waiting, or on the server. */
export const syncApi = slice({
  commands: {},
  liveQueries: {
    'sync.status': liveQuery<SyncStatusView>()(z.object({}).strict()),
  },
});
