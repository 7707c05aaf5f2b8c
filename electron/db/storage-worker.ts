/**
 * Worker side of the local store: our SQLite RxStorage runs here, exposed to the main
 * thread through RxDB's remote storage plugin, so SQLite's synchronous bulk writes no longer
 * block the main process's event loop. Started by worker-storage.ts, one per data folder.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { NEVER, Subject } from 'rxjs';
import { META_INSTANCE_SCHEMA_TITLE, type RxStorage, type RxStorageInstance } from 'rxdb';
import { exposeRxStorageRemote, type MessageToRemote } from 'rxdb/plugins/storage-remote';
import { getRxStorageSQLite, RxStorageInstanceSQLite, StorageError } from './sqlite-storage';
import { countPendingIn, DownloadError, isDownloadRequest, parsePage, writePage, type DownloadInstances, type DownloadMessageFromWorker, type DownloadPageRequest, type DownloadRequest } from './download-page';
import { mappingErrors } from './worker-storage';
import { cimsFullText } from './search-spec';
import { cimsProjections } from './ticket-projection';

export interface StorageWorkerData {
  directory: string;
}

/** Sent by the main side (worker-storage.ts) once every storage instance is closed. */
const SHUTDOWN = 'cims-storage-worker-shutdown';

/**
 * RxDB turns a thrown error into plain JSON with `code` but without our `path`; RxError's
 * `parameters` survive, so the path travels there and the main side rebuilds the StorageError.
 */
const withPath = (error: unknown): unknown => {
  if (error instanceof StorageError) Object.assign(error, { parameters: { path: error.path } });
  return error;
};

/** The open instances by database, collection and schema version (downloads write to them). */
const instances = new Map<string, RxStorageInstanceSQLite<unknown>>();
const instanceKey = (databaseName: string, collectionName: string, version: number): string => `${databaseName}|${collectionName}|${version}`;

/**
 * RxDB's replication meta instances: nothing in the main thread subscribes to their change
 * stream, but the remote storage plugin sends every event bulk there, a copy of a full
 * document per meta row. Their stream stays empty instead.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any document type
const withoutChangeStream = <I extends RxStorageInstance<any, unknown, unknown>>(instance: I): I =>
  new Proxy(instance, {
    get: (obj, key) => {
      if (key === 'changeStream') return () => NEVER;
      const value: unknown = Reflect.get(obj, key);
      // Methods run on the instance itself, not through this proxy.
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(obj) : value;
    },
  });

/** Pages parsed and waiting for the push of one of their documents to be answered. */
const waitingPages = new Map<number, { instances: DownloadInstances; params: Omit<DownloadPageRequest, 'bytes' | 'inFlight'>; page: ReturnType<typeof parsePage> }>();

const downloadPage = (req: DownloadRequest, post: (msg: DownloadMessageFromWorker) => void): void => {
  try {
    if (req.cimsDownload === 'write') {
      const waiting = waitingPages.get(req.requestId);
      waitingPages.delete(req.requestId);
      if (!waiting) throw new DownloadError('NOT_WAITING', `download: no page ${req.requestId} is waiting to be written`);
      const { instances, params, page } = waiting;
      const done = writePage(instances, { ...params, lwt: req.lwt, acknowledged: req.acknowledged }, page.documents, page.checkpoint);
      post({ cimsDownload: 'done', requestId: req.requestId, ...done });
      return;
    }
    if (req.cimsDownload === 'heap') {
      // `gc` exists only where the process runs with --expose-gc (V8's flags are the process's).
      (globalThis as { gc?: () => void }).gc?.();
      post({ cimsDownload: 'done', requestId: req.requestId, heapUsed: getHeapStatistics().used_heap_size });
      return;
    }
    if (req.cimsDownload === 'pending') {
      const fork = instances.get(instanceKey(req.databaseName, req.collectionName, req.schemaVersion));
      if (!fork || fork.closed) throw new DownloadError('NOT_OPEN', `pending count: ${req.collectionName} is not open in the store`);
      const meta = instances.get(instanceKey(req.databaseName, req.metaCollectionName, req.schemaVersion));
      post({ cimsDownload: 'done', requestId: req.requestId, pending: countPendingIn(fork as never, meta as never, req.checkpoint) });
      return;
    }
    const fork = instances.get(instanceKey(req.databaseName, req.collectionName, req.schemaVersion));
    const meta = instances.get(instanceKey(req.databaseName, req.metaCollectionName, req.schemaVersion));
    if (!fork || !meta || fork.closed || meta.closed) throw new DownloadError('NOT_OPEN', `download: ${req.collectionName} or its replication bookkeeping is not open in the store`);
    const page = parsePage(req.bytes);
    const { bytes, inFlight, ...params } = req;
    void bytes;
    const pushing = new Set(inFlight ?? []);
    if (pushing.size > 0 && page.documents.some((d) => pushing.has(d.id))) {
      waitingPages.set(req.requestId, { instances: { fork, meta } as unknown as DownloadInstances, params, page });
      post({ cimsDownload: 'parsed', requestId: req.requestId, count: page.documents.length, checkpoint: page.checkpoint, waiting: true });
      return;
    }
    post({ cimsDownload: 'parsed', requestId: req.requestId, count: page.documents.length, checkpoint: page.checkpoint });
    const done = writePage({ fork, meta } as unknown as DownloadInstances, params, page.documents, page.checkpoint);
    post({ cimsDownload: 'done', requestId: req.requestId, ...done });
  } catch (err) {
    const code = err instanceof DownloadError || err instanceof StorageError ? err.code : (err as { code?: unknown }).code;
    post({
      cimsDownload: 'done',
      requestId: req.requestId,
      error: { code: typeof code === 'string' ? code : 'INTERNAL', message: err instanceof Error ? err.message : String(err) },
    });
  }
};

const start = (): void => {
  const port = parentPort;
  if (!port) throw new Error('storage-worker must run in a worker thread');
  const { directory } = workerData as StorageWorkerData;
  const sqlite = getRxStorageSQLite({ directory, fullText: cimsFullText, projections: cimsProjections }) as RxStorage<unknown, unknown>;
  const storage: RxStorage<unknown, unknown> = {
    ...sqlite,
    createStorageInstance: async (params) => {
      const instance = await mappingErrors(sqlite, withPath).createStorageInstance(params);
      if (instance instanceof RxStorageInstanceSQLite) instances.set(instanceKey(params.databaseName, params.collectionName, params.schema.version), instance as RxStorageInstanceSQLite<unknown>);
      const exposed = params.schema.title === META_INSTANCE_SCHEMA_TITLE ? withoutChangeStream(instance) : instance;
      return mappingErrors(exposed, withPath);
    },
  };
  const messages$ = new Subject<MessageToRemote>();
  port.on('message', (msg: MessageToRemote | DownloadRequest | typeof SHUTDOWN) => {
    // Every instance was closed by RxDB before this arrives; closing the port lets the
    // thread end on its own once nothing is pending.
    if (msg === SHUTDOWN) port.close();
    else if (isDownloadRequest(msg)) downloadPage(msg, (answer) => port.postMessage(answer));
    else messages$.next(msg);
  });
  exposeRxStorageRemote({ storage, messages$: messages$.asObservable(), send: (msg) => port.postMessage(msg) });
};

start();
