/**
 * Live replication of the local RxDB collections with the central server: one RxDB
 * `replicateRxCollection` per collection with our HTTP handlers and an SSE pull stream.
 *
 * Network failures never reach RxDB as errors: a handler that cannot reach the server marks
 * the replication offline and waits until a health probe (with exponential backoff) finds
 * the server again, then every collection re-syncs at once. Other errors go to RxDB, which
 * retries after `retryTime`; we double that per failure up to a cap. Errors that retrying
 * cannot fix (session ended, protocol version, signed out) stop the replication and keep
 * every local document.
 */
import type { Subscription } from 'rxjs';
import type { RxCollection, WithDeleted } from 'rxdb';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { MAX_PUSH_ROWS, SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import type { Checkpoint, WireDocument } from '../../shared/sync/protocol';
import { createConflictHandler } from './conflict';
import { createPushSide, withoutStaleEchoes } from './push';
import type { ConflictMode, OnFieldCollision } from './conflict';
import { SyncHttpError } from './http';
import type { SyncHttpClient } from './http';
import { countPending, listPending } from './pending';
import { createSyncStatus } from './status';
import { createCollectionPull } from './pull-handler';
import { createConnectivity, StoppedError } from './connectivity';
import type { WorkerDownloadStorage } from '../db/worker-storage';
import { pullStream } from './stream';
import type { SyncStatusController, SyncStatusSnapshot } from './status';

/** Any RxDatabase (its collection map typed loosely, so a typed CIMS database fits). */
export interface SyncDatabase {
  readonly collections: { readonly [name: string]: RxCollection | undefined };
}

export interface ReplicatedCollectionDef {
  conflict: ConflictMode;
  /** Maps a local document to its wire form and back (e.g. a primary key not named `id`). */
  toWire?: (doc: WithDeleted<unknown>) => WireDocument;
  fromWire?: (doc: WireDocument) => WithDeleted<unknown>;
}

export interface StartReplicationOptions {
  db: SyncDatabase;
  /** Registry of replicated collections (shared/schema `collections` fits). */
  collections: Record<string, ReplicatedCollectionDef>;
  client: SyncHttpClient;
  status?: SyncStatusController;
  /** Includes the user: another user on this device starts from an empty checkpoint. */
  identifier?: string;
  onFieldCollision?: OnFieldCollision;
  /** Install our merge conflict handler on each collection (default true). */
  installConflictHandlers?: boolean;
  /** Called once when the replication stopped itself (session ended, update required ...). */
  onFatal?: (error: SyncHttpError) => void;
  /**
   * Called once when the server holds less than this replication has seen (restored from a
   * backup: `CHECKPOINT_AHEAD`). The replication pauses; the caller starts a new one under
   * another identifier, which pulls everything and pushes every local document again.
   */
  onCheckpointAhead?: (error: SyncHttpError) => void;
  live?: boolean;
  retryTimeMs?: number;
  maxRetryTimeMs?: number;
  pullBatchSize?: number;
  log?: (msg: string, err?: unknown) => void;
}

export interface SyncReplication {
  readonly status: SyncStatusController;
  readonly states: ReadonlyMap<string, RxReplicationState<unknown, Checkpoint>>;
  awaitInitialReplication(): Promise<void>;
  awaitInSync(): Promise<void>;
  reSync(): void;
  /** Recounts documents not yet acknowledged by the server and updates the status. */
  refreshPending(): Promise<number>;
  /** The unacknowledged documents per collection (for export when the session ended). */
  pendingDocuments(): Promise<Record<string, WireDocument[]>>;
  stop(): Promise<void>;
}

const FATAL: Partial<Record<string, SyncStatusSnapshot['state']>> = {
  SESSION_ENDED: 'session-ended',
  SYNC_VERSION_MISMATCH: 'update-required',
  SIGNED_OUT: 'signed-out',
};

/**
 * The store writes in its own worker thread, so a batch's SQLite work no longer stalls the
 * main process; the batch size now trades round trips to the worker against memory
 * (bench:sync: 1,000 gives ~5,400-6,000 docs/s at event-loop lag p99 ~30 ms; 200 gave
 * ~4,800 docs/s through the worker).
 */
const DEFAULT_PULL_BATCH = 1000;

export function startReplication(options: StartReplicationOptions): SyncReplication {
  const { db, client } = options;
  const status = options.status ?? createSyncStatus();
  const baseRetry = options.retryTimeMs ?? 2_000;
  const maxRetry = options.maxRetryTimeMs ?? 60_000;
  const identifier = options.identifier ?? `cims-v${SYNC_PROTOCOL_VERSION}-${client.serverUrl}`;
  const log = options.log ?? (() => undefined);
  const states = new Map<string, RxReplicationState<unknown, Checkpoint>>();
  const subs: Subscription[] = [];
  const streamAbort = new AbortController();
  const initialDone = new Map<string, number | true>();
  /** Collections whose pending count runs in the store's worker (they download there, pull-handler.ts). */
  const countsInWorker = new Map<string, WorkerDownloadStorage>();

  let stopped = false;
  /**
   * Held for good by an error retrying cannot fix; bookkeeping stays open (Z4 export). Every
   * request waits, unanswered, until the replication stops (`released`), and RxDB's upstream
   * with it. Not RxDB's pause(): a push paused while it retries is answered as sent, and
   * although RxDB then leaves that push's documents without a base and its checkpoint where it
   * was, the next push job queued behind it finds no documents left and moves the checkpoint
   * past all of them. The documents were then never pushed nor counted as pending: a long
   * offline backlog whose session had ended was lost this way (5,000 tickets in S9's test).
   */
  let halted = false;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let resyncRequested = false;
  let everSucceeded = false;
  let fatal: SyncStatusSnapshot['state'] | null = null;
  let lastError: SyncStatusSnapshot['lastError'] = null;
  let active = new Set<string>();
  let pendingTimer: NodeJS.Timeout | undefined;

  const { isOnline, setOnline, waitOnline, wakeWaiters } = createConnectivity({
    health: () => client.health(),
    baseRetryMs: baseRetry,
    maxRetryMs: maxRetry,
    signal: streamAbort.signal,
    isStopped: () => stopped || halted,
    onSet: publish,
    onBackOnline: () => {
      // Back online: catch up every collection now instead of after the retry timers.
      for (const s of states.values()) s.reSync();
    },
  });

  function publish(): void {
    let initialSync: SyncStatusSnapshot['initialSync'] = null;
    for (const [name, v] of initialDone) {
      if (v !== true) {
        initialSync = { collection: name, done: v };
        break;
      }
    }
    const state: SyncStatusSnapshot['state'] = fatal
      ? fatal
      : !isOnline()
        ? 'offline'
        : lastError
          ? 'error'
          : !everSucceeded
            ? 'connecting'
            : active.size > 0 || initialSync
              ? 'syncing'
              : 'online';
    status.update({ state, lastError, initialSync });
  }

  function markSuccess(): void {
    everSucceeded = true;
    lastError = null;
    status.update({ lastSuccessAt: Date.now() });
    for (const s of states.values()) s.retryTime = baseRetry;
    setOnline(true);
  }

  function handleError(err: unknown, name: string): void {
    if (err instanceof SyncHttpError && err.code === 'CHECKPOINT_AHEAD' && options.onCheckpointAhead) {
      if (resyncRequested || halted || stopped) return;
      resyncRequested = true;
      log(`sync ${name}: the server's data is behind this device's checkpoint; replicating again from the start`);
      const notify = options.onCheckpointAhead;
      // Not awaited: this handler runs in an RxDB queue; its next request waits (halt).
      setImmediate(() => void halt().then(() => notify(err)));
      return;
    }
    if (err instanceof SyncHttpError) {
      const fatalState = FATAL[err.code];
      lastError = { code: err.code, message: err.message };
      if (fatalState && !fatal) {
        fatal = fatalState;
        publish();
        options.onFatal?.(err);
        // Not awaited: this handler runs in an RxDB queue; its next request waits (halt).
        setImmediate(() => void halt());
        return;
      }
    } else {
      lastError = { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
    }
    const s = states.get(name);
    if (s) s.retryTime = Math.min(maxRetry, Math.max(baseRetry, (s.retryTime ?? baseRetry) * 2));
    log(`sync ${name} failed`, err);
    publish();
  }

  /** Once halted, a request waits until the replication stops, then fails. */
  async function refuseStopped(): Promise<never> {
    if (halted && !stopped) await released;
    throw new StoppedError();
  }

  /** Runs a request; waits out network failures, throws the rest for RxDB to retry. */
  async function call<T>(name: string, fn: () => Promise<T>): Promise<T> {
    for (;;) {
      if (stopped || halted) return refuseStopped();
      try {
        const result = await fn();
        markSuccess();
        return result;
      } catch (err) {
        if (stopped || halted) return refuseStopped();
        if (err instanceof SyncHttpError && err.isNetwork) {
          setOnline(false);
          await waitOnline();
          continue;
        }
        handleError(err, name);
        throw err;
      }
    }
  }

  for (const [name, def] of Object.entries(options.collections)) {
    const collection = db.collections[name];
    if (!collection) throw new Error(`Collection ${name} is not open in the database`);
    const pushSide = createPushSide({ collection, conflict: def.conflict, fromWire: def.fromWire, send: (rows) => call(name, () => client.pushAnswer(name, rows)) });
    if (options.installConflictHandlers !== false) {
      collection.conflictHandler = createConflictHandler(name, {
        mode: def.conflict,
        isStoredAnswer: pushSide.isStoredAnswer,
        isPulledCopy: pushSide.isPulledCopy,
        isStaleEcho: pushSide.isStaleEcho,
        onFieldCollision: options.onFieldCollision,
        onError: (err) => log(`recording a conflict of ${name} failed`, err),
      });
    }
    const pushes = def.conflict !== 'server-owned';
    const live = options.live ?? true;
    const pull = createCollectionPull({
      name,
      collection,
      client,
      ownConflictHandler: options.installConflictHandlers !== false,
      fromWire: def.fromWire,
      replication: () => states.get(name),
      call: (fn) => call(name, fn),
      isStopped: () => stopped || halted,
      acknowledgedSince: (time) => pushSide.acknowledgedSince(time),
      inFlight: () => pushSide.inFlight(),
      onPage: (count) => {
        const v = initialDone.get(name);
        if (typeof v === 'number') initialDone.set(name, v + count);
        publish();
      },
    });
    if (pull.worker) countsInWorker.set(name, pull.worker);
    const state = replicateRxCollection<unknown, Checkpoint>({
      replicationIdentifier: `${identifier}-${name}`,
      collection,
      live,
      retryTime: baseRetry,
      waitForLeadership: false,
      toggleOnDocumentVisible: false,
      pull: {
        // Small batches, one SQLite write each (paced-pull.ts): the event loop stays responsive.
        batchSize: options.pullBatchSize ?? DEFAULT_PULL_BATCH,
        handler: pull.handler,
        ...(live
          ? {
              stream$: withoutStaleEchoes(pushSide, pullStream(client, name, {
                waitOnline,
                onError: (err) => {
                  if (err instanceof StoppedError) return;
                  if (err instanceof SyncHttpError && !err.isNetwork) handleError(err, name);
                  else setOnline(false);
                },
                signal: streamAbort.signal,
                baseRetryMs: baseRetry,
                maxRetryMs: maxRetry,
              })),
            }
          : {}),
        ...(def.fromWire ? { modifier: def.fromWire } : {}),
      },
      push: pushes
        ? {
            // One handler call per cycle; the client splits it under the body limit itself.
            batchSize: MAX_PUSH_ROWS * 4,
            ...(def.toWire ? { modifier: def.toWire } : {}),
            handler: pushSide.handler,
          }
        : undefined,
    });
    states.set(name, state);
    initialDone.set(name, 0);
    subs.push(
      state.received$.subscribe(() => {
        const v = initialDone.get(name);
        if (typeof v === 'number') initialDone.set(name, v + 1);
      }),
      state.active$.subscribe((isActive) => {
        const next = new Set(active);
        if (isActive) next.add(name);
        else next.delete(name);
        active = next;
        publish();
        if (!isActive) schedulePending();
      }),
      collection.$.subscribe(() => schedulePending()),
      // Closing the collection cancels its replication; then nothing of ours may keep running.
      state.canceled$.subscribe((c: boolean) => {
        if (c) void stop();
      }),
    );
    void state
      .awaitInitialReplication()
      .then(() => {
        initialDone.set(name, true);
        publish();
      })
      .catch(() => undefined);
  }

  function schedulePending(): void {
    if (pendingTimer || stopped) return;
    pendingTimer = setTimeout(() => {
      pendingTimer = undefined;
      void refreshPending().catch((err: unknown) => log('counting pending changes failed', err));
    }, 250);
  }

  async function refreshPending(): Promise<number> {
    let total = 0;
    for (const [name, s] of states) {
      if (options.collections[name]?.conflict === 'server-owned') continue;
      total += await countPending(s, countsInWorker.get(name));
    }
    status.update({ pendingLocalChanges: total });
    return total;
  }

  /** Holds every collection for good (see `halted`); local writes are still counted as pending. */
  async function halt(): Promise<void> {
    if (halted || stopped) return;
    halted = true;
    streamAbort.abort();
    wakeWaiters();
    await refreshPending().catch(() => undefined);
    publish();
  }

  async function stop(): Promise<void> {
    if (stopped) return;
    // A final count while RxDB's bookkeeping is still open.
    await refreshPending().catch(() => undefined);
    stopped = true;
    clearTimeout(pendingTimer);
    streamAbort.abort();
    wakeWaiters();
    subs.forEach((s) => s.unsubscribe());
    // Canceled before the held requests fail: RxDB then drops what they carried unsent.
    const canceled = Promise.all([...states.values()].map((s) => s.cancel()));
    release();
    await canceled;
    publish();
  }

  status.update({ state: 'connecting', lastError: null });
  publish();
  schedulePending();

  return {
    status,
    states,
    async awaitInitialReplication() {
      await Promise.all([...states.values()].map((s) => s.awaitInitialReplication()));
    },
    async awaitInSync() {
      await Promise.all([...states.values()].map((s) => s.awaitInSync()));
      await refreshPending();
    },
    reSync() {
      for (const s of states.values()) s.reSync();
    },
    refreshPending,
    async pendingDocuments() {
      const out: Record<string, WireDocument[]> = {};
      for (const [name, s] of states) {
        if (options.collections[name]?.conflict === 'server-owned') continue;
        const docs = await listPending(s);
        if (docs.length) out[name] = docs;
      }
      return out;
    },
    stop,
  };
}
