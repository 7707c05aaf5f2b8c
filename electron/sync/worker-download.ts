/**
 * Downloads in the store's worker: the pull handler of a collection whose store runs in a
 * worker thread (../db/worker-storage.ts). When RxDB starts a pull from its stored checkpoint
 * (the first sync, a catch-up after a restart or a reconnection, a RESYNC of the stream), this
 * handler fetches the server's pages and hands each answer's bytes to the worker, transferred,
 * never parsed here. The worker parses the page and writes, in one transaction, the
 * documents, RxDB's replication meta rows and the downstream checkpoint row as RxDB's
 * downstream would have written them (../db/download-page.ts); then RxDB is told the pull is
 * over (no documents), and it goes on from the stored checkpoint as if it had pulled those
 * pages itself. The main thread parses no document and copies none to the worker, and RxDB's
 * per-document bookkeeping of the pull does not run.
 *
 * The next page is fetched while the worker writes one: the worker answers with the page's
 * checkpoint as soon as it has parsed it, before it writes.
 *
 * A page that holds a document a push is carrying is written only once no push of this
 * replication is on its way (RxDB holds the stream's changes the same way). A push the server
 * took before it answered the page, but whose answer came after the page, would otherwise
 * still look like a local change when the page is written: the page's state, newer than the
 * push, is left for the upstream, and RxDB's meta write then marks the pushed state as the
 * server's. The device kept its own older state for good (the S11 model test found it under
 * load). Once the push is answered, the page knows the sequence the push lies under
 * (download-page.ts). Other pages do not wait: a push held for long (a slow link, a long
 * backlog) does not hold the download.
 */
import { combineLatest, filter, firstValueFrom } from 'rxjs';
import { now, type RxCollection } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { Checkpoint } from '../../shared/sync/protocol';
import type { DownloadPageParams, WorkerDownloadStorage } from '../db/worker-storage';
import { SyncHttpError } from './replies';
import type { PullHandler } from './paced-pull';
import type { Acknowledged } from './push';

export interface WorkerDownloadOptions {
  storage: WorkerDownloadStorage;
  collection: RxCollection;
  replication(): RxReplicationState<unknown, Checkpoint> | undefined;
  /** A plain request for a page's bytes (fetching ahead; its failure is retried by `call`). */
  fetchRaw(checkpoint: Checkpoint | null, batchSize: number): Promise<ArrayBuffer>;
  /** Runs a request under the replication's error and offline handling. */
  call<T>(fn: () => Promise<T>): Promise<T>;
  isStopped(): boolean;
  /** Documents whose push the server took at or after a time (push.ts): a page decides on them by sequence. */
  acknowledgedSince?(time: number): Acknowledged[];
  /** Documents a push is carrying now, unanswered (push.ts): a page that holds one waits for the answer. */
  inFlight?(): string[];
  /** Told the number of documents of every page written (the status's progress). */
  onPage?(count: number): void;
}

const seqOf = (checkpoint: unknown): number => {
  const seq = (checkpoint as { seq?: unknown } | null | undefined)?.seq;
  return typeof seq === 'number' ? seq : -1;
};

type InternalState = NonNullable<RxReplicationState<unknown, Checkpoint>['internalReplicationState']>;

/** Until no push of the replication is on its way, or it is canceled. */
const upstreamIdle = (internal: InternalState): Promise<unknown> =>
  firstValueFrom(combineLatest([internal.events.active.up, internal.events.canceled]).pipe(filter(([active, canceled]) => !active || canceled)));

/** The worker's failure as the replication's error: a page that is no pull answer is PROTOCOL_ERROR. */
const pageError = (error: { code: string; message: string }): Error =>
  error.code === 'PROTOCOL_ERROR' ? new SyncHttpError('PROTOCOL_ERROR', error.message, 200) : Object.assign(new Error(`Writing a downloaded page failed: ${error.message}`), { code: error.code });

/**
 * RxDB's pull handler downloading through the worker; `fallback` (the paced pull) serves any
 * call that does not start at the stored checkpoint.
 */
export function createWorkerDownloadHandler(o: WorkerDownloadOptions, fallback: PullHandler): PullHandler {
  let paramsOf: Promise<DownloadPageParams> | undefined;

  const params = async (state: RxReplicationState<unknown, Checkpoint>): Promise<DownloadPageParams> => {
    const internal = state.internalReplicationState!;
    const { collection } = o;
    return {
      databaseName: collection.database.name,
      collectionName: collection.storageInstance.collectionName,
      schemaVersion: collection.schema.version,
      metaCollectionName: state.metaInstance!.collectionName,
      context: await internal.downstreamBulkWriteFlag,
      checkpointKey: await internal.checkpointKey,
      identifierHash: await collection.database.hashFunction(internal.input.identifier),
      databaseToken: collection.database.token,
      skipStoringPullMeta: !!internal.skipStoringPullMeta,
    };
  };

  return async (checkpoint, batchSize) => {
    const state = o.replication();
    const internal = state?.internalReplicationState;
    // Only from the checkpoint RxDB has stored: nothing of RxDB's own pull is on its way then.
    // A stored checkpoint ahead of RxDB's is a download's (RxDB retrying after a failed page).
    const stored = internal?.lastCheckpointDoc.down?.checkpointData as Checkpoint | undefined;
    if (!state || !internal || !state.metaInstance || o.isStopped() || seqOf(stored) < seqOf(checkpoint)) {
      return fallback(checkpoint, batchSize);
    }
    paramsOf ??= params(state);
    const page = await paramsOf;
    let from: Checkpoint | null = stored ?? null;
    // When each page was asked for (download-page.ts: later pushes of this device win).
    let requestedAt = now();
    let bytes = await o.call(() => ((requestedAt = now()), o.fetchRaw(from, batchSize)));
    for (;;) {
      const acknowledged = () => o.acknowledgedSince?.(requestedAt) ?? [];
      const answer = o.storage.downloadPage({ ...page, acknowledged: acknowledged(), inFlight: o.inFlight?.() ?? [] }, bytes, now);
      const parsed = await answer.parsed;
      if (parsed.waiting) {
        // The page holds a document a push is carrying: written once the push is answered.
        await upstreamIdle(internal);
        answer.write(acknowledged());
      }
      const more = parsed.count >= batchSize && parsed.checkpoint !== null && !o.isStopped();
      const aheadAt = now();
      const ahead = more ? o.fetchRaw(parsed.checkpoint, batchSize).then((b) => b, () => null) : null;
      const done = await o.call(async () => {
        const d = await answer.done;
        if (d.error) throw pageError(d.error);
        return d;
      });
      // RxDB's copy of the stored checkpoint row: its next checkpoint write builds on it.
      if (done.checkpointDoc && !internal.events.canceled.getValue()) internal.lastCheckpointDoc.down = done.checkpointDoc as never;
      o.onPage?.(parsed.count);
      if (!more || !ahead) {
        // Nothing more, or the replication stops: RxDB ends this pull (no documents).
        void ahead;
        return { documents: [], checkpoint: parsed.checkpoint ?? checkpoint };
      }
      from = parsed.checkpoint;
      requestedAt = aheadAt;
      bytes = (await ahead) ?? (await o.call(() => ((requestedAt = now()), o.fetchRaw(from, batchSize))));
    }
  };
}
