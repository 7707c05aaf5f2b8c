/**
 * The decisions behind the desktop app's own updates, as pure functions: where the feed is,
 * when to look, what the state becomes on each updater event, and when "restart to install"
 * must wait. The service (service.ts) applies them with a clock and an updater passed in.
 */
import { isSecureServerUrl } from '../../../shared/api/session';
import type { SyncStatusView } from '../../../shared/api/sync';
import type { UpdateState } from '../../../shared/api/updates';

/** Checked at start and then every four hours, so a desk left open all week still updates. */
export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

/**
 * electron-updater's generic provider reads `<feed>/latest.yml` and the installers beside it;
 * the central server publishes them under `/updates/` (server/ops/updates.ts). Only a server
 * the sign-in accepts (https, or plain http to this machine) may hand this app new code.
 */
export const feedUrlOf = (serverUrl: string | null): string | null => {
  if (!serverUrl || !isSecureServerUrl(serverUrl)) return null;
  return `${serverUrl.trim().replace(/\/+$/, '')}/updates/`;
};

/** What the platform's updater reports (electron/platform/updater.ts maps electron-updater's events). */
export type UpdaterEvent =
  | { type: 'checking' }
  | { type: 'available'; version: string }
  | { type: 'not-available' }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; message: string };

export interface UpdateStatus {
  state: UpdateState;
  version: string | null;
  progress: number | null;
}

export const initialUpdateStatus: UpdateStatus = { state: 'idle', version: null, progress: null };

/**
 * The next state after an updater event. A downloaded update stays ready whatever later checks
 * say: it installs at the next restart anyway, and the offer must not vanish because a
 * periodic check failed offline.
 */
export const nextUpdateStatus = (current: UpdateStatus, event: UpdaterEvent): UpdateStatus => {
  if (current.state === 'ready') return event.type === 'downloaded' ? { state: 'ready', version: event.version, progress: null } : current;
  switch (event.type) {
    case 'checking':
      return current.state === 'downloading' ? current : { state: 'checking', version: null, progress: null };
    case 'available':
      return { state: 'downloading', version: event.version, progress: 0 };
    case 'not-available':
      return initialUpdateStatus;
    case 'progress':
      return current.state === 'downloading' ? { ...current, progress: Math.max(0, Math.min(100, Math.round(event.percent))) } : current;
    case 'downloaded':
      return { state: 'ready', version: event.version, progress: null };
    case 'error':
      return { state: 'error', version: current.version, progress: null };
  }
};

/**
 * Restarting while a push is on the wire would leave the user unsure whether their last change
 * reached the server (the retry after the restart is safe, pushes are idempotent, but the
 * indicator would lie meanwhile). The sync status has no separate push flag: the replication
 * is active ('syncing', or 'connecting' before its first exchange) while changes are waiting,
 * and that is when a push is in flight or about to be.
 */
export const installBlock = (sync: Pick<SyncStatusView, 'state' | 'pendingLocalChanges'>): 'PUSH_IN_FLIGHT' | null =>
  (sync.state === 'syncing' || sync.state === 'connecting') && sync.pendingLocalChanges > 0 ? 'PUSH_IN_FLIGHT' : null;
