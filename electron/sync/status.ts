/**
 * The sync status the renderer shows in place of "local only". A tiny
 * observable store: `get()` for a snapshot, `subscribe(fn)` for changes; the API contract
 * exposes it as a live query. Only the sync session and the replication write to it.
 */
import type { SyncState } from '../../shared/api/sync';
import { jsonEqual } from '../../shared/sync/merge';

export type { SyncState };

export interface SyncStatusSnapshot {
  state: SyncState;
  /** Documents written locally that the server has not acknowledged yet. */
  pendingLocalChanges: number;
  /** Epoch ms of the last successful exchange with the server. */
  lastSuccessAt: number | null;
  lastError: { code: string; message: string } | null;
  /** Progress of the first full download, null once every collection has it. */
  initialSync: { collection: string; done: number; total?: number } | null;
}

export interface SyncStatus {
  get(): SyncStatusSnapshot;
  /** Calls `fn` with every new snapshot (not with the current one); returns unsubscribe. */
  subscribe(fn: (s: SyncStatusSnapshot) => void): () => void;
}

export interface SyncStatusController extends SyncStatus {
  update(patch: Partial<SyncStatusSnapshot>): void;
}

export function createSyncStatus(initial: Partial<SyncStatusSnapshot> = {}): SyncStatusController {
  let current: SyncStatusSnapshot = {
    state: 'local-only',
    pendingLocalChanges: 0,
    lastSuccessAt: null,
    lastError: null,
    initialSync: null,
    ...initial,
  };
  const listeners = new Set<(s: SyncStatusSnapshot) => void>();
  return {
    get: () => current,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    update(patch) {
      const next = { ...current, ...patch };
      if (jsonEqual(next, current)) return;
      current = Object.freeze(next);
      for (const fn of [...listeners]) {
        try {
          fn(current);
        } catch {
          // A failing listener must not stop the others nor the replication.
        }
      }
    },
  };
}
