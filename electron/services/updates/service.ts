/**
 * The app's own updates: a check at start and every four hours against the feed of the server
 * the user works with, the download in the background, and "restart to install" refused while
 * a push is in flight. The platform's updater (electron-updater in the desktop app) sits behind
 * `Updater`; the browser harness has none, and the state then says `supported: false`.
 * Pending edits survive the restart into a new version: the store is migrated on open and a
 * migration never drops a pending change (test/store/migration.test.ts opens a store of the
 * previous release with unsynced edits through the real migration path).
 */
import type { SyncStatusView } from '../../../shared/api/sync';
import type { UpdateView } from '../../../shared/api/updates';
import { DomainError } from '../../core/errors';
import { feedUrlOf, initialUpdateStatus, installBlock, nextUpdateStatus, UPDATE_CHECK_INTERVAL_MS, type UpdaterEvent, type UpdateStatus } from './policy';

export interface Updater {
  /** Points the updater at a feed (generic provider). */
  setFeedUrl(url: string): void;
  /** Looks for a newer version and, if there is one, downloads it in the background. */
  check(): Promise<void>;
  /** Quits and starts the downloaded version. */
  install(): void;
  /** Reports progress; returns unsubscribe. */
  onEvent(listener: (event: UpdaterEvent) => void): () => void;
}

/** Injected so the tests drive the four-hour period without waiting for it. */
export interface UpdateClock {
  now(): number;
  every(ms: number, run: () => void): () => void;
}

export const systemClock: UpdateClock = {
  now: () => Date.now(),
  every: (ms, run) => {
    const timer = setInterval(run, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

export interface UpdateServiceOptions {
  /** Null where the app cannot update itself. */
  updater: Updater | null;
  /** The server the user works with now (its feed is `<server>/updates/`). */
  serverUrl: () => string | null;
  syncStatus: {
    get(): SyncStatusView;
    watch(emit: (value: SyncStatusView) => void): () => void;
  };
  clock?: UpdateClock;
  log?: (message: string, error?: unknown) => void;
}

export interface UpdateService {
  /** The first check, then one every four hours. */
  start(): void;
  /** Looks for an update now (the periodic timer calls this). */
  check(): Promise<void>;
  view(): UpdateView;
  watch(emit: (value: UpdateView) => void): () => void;
  install(): Promise<null>;
  close(): void;
}

export const createUpdateService = (options: UpdateServiceOptions): UpdateService => {
  const clock = options.clock ?? systemClock;
  let status: UpdateStatus = initialUpdateStatus;
  let lastCheckedAt: number | null = null;
  let checking: Promise<void> | null = null;
  let stopTimer: (() => void) | null = null;
  const listeners = new Set<(value: UpdateView) => void>();

  const view = (): UpdateView => ({
    supported: options.updater !== null,
    ...status,
    installBlockedBy: status.state === 'ready' ? installBlock(options.syncStatus.get()) : null,
    lastCheckedAt: lastCheckedAt === null ? null : new Date(lastCheckedAt).toISOString(),
  });
  let last = JSON.stringify(view());
  const announce = () => {
    const current = view();
    const json = JSON.stringify(current);
    if (json === last) return;
    last = json;
    for (const listener of [...listeners]) listener(current);
  };

  const stopEvents = options.updater?.onEvent((event) => {
    status = nextUpdateStatus(status, event);
    if (event.type === 'error') options.log?.('update check or download failed', event.message);
    announce();
  });
  // Whether "restart to install" is offered follows the sync state.
  const stopSync = options.syncStatus.watch(() => announce());

  const check = (): Promise<void> => {
    const updater = options.updater;
    const feed = feedUrlOf(options.serverUrl());
    // No server yet (first start, local only): nothing to ask.
    if (!updater || !feed || status.state === 'ready') return Promise.resolve();
    checking ??= (async () => {
      try {
        updater.setFeedUrl(feed);
        lastCheckedAt = clock.now();
        await updater.check();
      } catch (error) {
        status = nextUpdateStatus(status, { type: 'error', message: error instanceof Error ? error.message : String(error) });
        options.log?.('update check failed', error);
      }
    })().finally(() => {
      checking = null;
      announce();
    });
    return checking;
  };

  return {
    start() {
      if (stopTimer) return;
      stopTimer = clock.every(UPDATE_CHECK_INTERVAL_MS, () => void check());
      void check();
    },
    check,
    view,
    watch(emit) {
      listeners.add(emit);
      emit(view());
      return () => listeners.delete(emit);
    },
    async install() {
      if (!options.updater || status.state !== 'ready') throw new DomainError('NO_UPDATE_READY', 'No downloaded update to install');
      if (installBlock(options.syncStatus.get())) throw new DomainError('PUSH_IN_FLIGHT', 'Changes are being sent to the server; install when they are through');
      options.updater.install();
      return null;
    },
    close() {
      stopTimer?.();
      stopTimer = null;
      stopEvents?.();
      stopSync();
      listeners.clear();
    },
  };
};
