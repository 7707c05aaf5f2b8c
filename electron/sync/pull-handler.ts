/**
 * The choice of one collection's pull handler. Where the store runs in its worker and the
 * worker can decide each document as RxDB would, pages go to the worker as bytes and are
 * written there (worker-download.ts): the main thread parses and copies no document. Anywhere
 * else RxDB pulls itself, paced so every batch is one write (paced-pull.ts); the paced pull
 * also serves the worker path's calls that do not start at the stored checkpoint.
 */
import type { RxCollection, WithDeleted } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { Checkpoint, WireDocument } from '../../shared/sync/protocol';
import { canDownloadInWorker, type WorkerDownloadStorage } from '../db/worker-storage';
import type { SyncHttpClient } from './http';
import { createPacedPullHandler, type PullHandler } from './paced-pull';
import { createWorkerDownloadHandler } from './worker-download';
import type { Acknowledged } from './push';

export interface CollectionPullOptions {
  name: string;
  collection: RxCollection;
  client: SyncHttpClient;
  /** Whether the collection has our conflict handler (the worker decides with its equality). */
  ownConflictHandler: boolean;
  /** The pull modifier, if any. */
  fromWire?: (doc: WireDocument) => WithDeleted<unknown>;
  replication(): RxReplicationState<unknown, Checkpoint> | undefined;
  /** Runs a request under the replication's error and offline handling. */
  call<T>(fn: () => Promise<T>): Promise<T>;
  isStopped(): boolean;
  /** Documents whose push the server took at or after a time (push.ts). */
  acknowledgedSince(time: number): Acknowledged[];
  /** Documents a push is carrying now (push.ts). */
  inFlight(): string[];
  /** Told the number of documents of every page the worker wrote. */
  onPage(count: number): void;
}

export interface CollectionPull {
  handler: PullHandler;
  /** The store's worker when pages are written there; the pending count runs there as well. */
  worker?: WorkerDownloadStorage;
}

/** RxDB's pull handler of one collection: the worker download where it applies, the paced pull otherwise. */
export function createCollectionPull(o: CollectionPullOptions): CollectionPull {
  const { name, collection, client } = o;
  const paced = createPacedPullHandler({
    fetch: (checkpoint, batchSize) => client.pull(name, checkpoint, batchSize),
    call: (fn) => o.call(fn),
    persistedCheckpoint: () => o.replication()?.internalReplicationState?.lastCheckpointDoc.down?.checkpointData,
    isStopped: () => o.isStopped(),
  });
  // Pages written by the store's worker (worker-download.ts), where the worker decides each
  // document as RxDB would with our conflict handler's equality; not with another handler,
  // a pull modifier or a store outside a worker.
  const storage: unknown = (collection.database as { storage?: unknown }).storage;
  const pullRaw = client.pullRaw?.bind(client);
  const downloads = canDownloadInWorker(storage) && pullRaw && o.ownConflictHandler && !o.fromWire && typeof collection.schema.jsonSchema.primaryKey === 'string' && !collection.schema.jsonSchema.attachments;
  if (!downloads) return { handler: paced };
  const handler = createWorkerDownloadHandler(
    {
      storage,
      collection,
      replication: () => o.replication(),
      fetchRaw: (checkpoint, batchSize) => pullRaw(name, checkpoint, batchSize),
      acknowledgedSince: (time) => o.acknowledgedSince(time),
      inFlight: () => o.inFlight(),
      call: (fn) => o.call(fn),
      isStopped: () => o.isStopped(),
      onPage: (count) => o.onPage(count),
    },
    paced,
  );
  return { handler, worker: storage };
}
