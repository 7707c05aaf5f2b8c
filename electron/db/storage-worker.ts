/**
 * Worker side of the local store: our SQLite RxStorage runs here, exposed to the main
 * thread through RxDB's remote storage plugin, so SQLite's synchronous bulk writes no longer
 * block the main process's event loop. Started by worker-storage.ts, one per data folder.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Subject } from 'rxjs';
import type { RxStorage } from 'rxdb';
import { exposeRxStorageRemote, type MessageToRemote } from 'rxdb/plugins/storage-remote';
import { getRxStorageSQLite, StorageError } from './sqlite-storage';
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

const start = (): void => {
  const port = parentPort;
  if (!port) throw new Error('storage-worker must run in a worker thread');
  const { directory } = workerData as StorageWorkerData;
  const sqlite = getRxStorageSQLite({ directory, fullText: cimsFullText, projections: cimsProjections }) as RxStorage<unknown, unknown>;
  const storage: RxStorage<unknown, unknown> = {
    ...sqlite,
    createStorageInstance: async (params) => mappingErrors(await mappingErrors(sqlite, withPath).createStorageInstance(params), withPath),
  };
  const messages$ = new Subject<MessageToRemote>();
  port.on('message', (msg: MessageToRemote | typeof SHUTDOWN) => {
    // Every instance was closed by RxDB before this arrives; closing the port lets the
    // thread end on its own once nothing is pending.
    if (msg === SHUTDOWN) port.close();
    else messages$.next(msg);
  });
  exposeRxStorageRemote({ storage, messages$: messages$.asObservable(), send: (msg) => port.postMessage(msg) });
};

start();
