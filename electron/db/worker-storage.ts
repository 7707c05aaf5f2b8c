/**
 * Main side of the local store in a worker thread. SQLite writes are synchronous, and during
 * an initial sync they held the main process's event loop for most of its time; here they run
 * in a `node:worker_threads` Worker (storage-worker.ts) and RxDB talks to it through its own
 * remote storage plugin, so no request/answer protocol of ours has to be maintained.
 *
 * One worker per data folder, shared by every storage made for that folder; it is asked to
 * end when the last RxDB storage instance using it is closed. StorageErrors raised in the
 * worker arrive here again as StorageErrors with their `code` and `path`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Subject } from 'rxjs';
import { errorToPlainJson, newRxError, type PlainJsonError, type RxStorage, type RxStorageInstance } from 'rxdb';
import {
  getRxStorageRemote,
  type MessageFromRemote,
  type MessageToRemote,
  type RemoteMessageChannel,
} from 'rxdb/plugins/storage-remote';
import { StorageError, type StorageErrorCode } from './sqlite-storage';
import type { StorageWorkerData } from './storage-worker';
import { isDownloadAnswer, type DownloadPageDone, type DownloadPageParsed, type DownloadPageRequest, type DownloadPageWrite, type HeapRequest, type PendingCountRequest } from './download-page';

export interface WorkerStorageOptions {
  /** Folder holding `<databaseName>.sqlite`; it must exist. */
  directory: string;
  /** The worker script to start; by default the one that belongs to this code (workerEntry). */
  script?: string;
}

/** Must equal the constant of the same name in storage-worker.ts. */
const SHUTDOWN = 'cims-storage-worker-shutdown';
/** A worker that does not end by itself after this long is terminated. */
const SHUTDOWN_GRACE_MS = 5_000;

interface Channel {
  messages$: Subject<MessageFromRemote>;
  /** Requests without an answer yet, answered with an error if the worker dies. */
  pending: Map<string, MessageToRemote>;
}

interface PendingDownload {
  parsed(msg: DownloadPageParsed): void;
  done(msg: DownloadPageDone): void;
}

interface RunningWorker {
  directory: string;
  worker: Worker;
  channels: Set<Channel>;
  /** Download pages sent and not answered yet (download-page.ts). */
  downloads: Map<number, PendingDownload>;
  exited: Promise<void>;
  stopping: boolean;
  failure?: Error;
}

const running = new Map<string, RunningWorker>();

/** Name of the built worker beside main.js (scripts/build-storage-worker.ts writes it). */
const BUILT_WORKER = 'storage-worker.mjs';

/**
 * The built worker for a module of the built main process at `moduleFile` (main.js, or a chunk
 * below it). In the packed app that module lies inside app.asar; the worker is unpacked
 * (electron-builder.yml, asarUnpack) so that it and the native SQLite module it loads are
 * plain files, and it is started from app.asar.unpacked.
 */
export const builtWorkerScript = (moduleFile: string): string | undefined => {
  const unpacked = (p: string): string => p.replace(/\.asar(?=[\\/])/, '.asar.unpacked');
  const dirs = [dirname(moduleFile), join(dirname(moduleFile), '..')];
  return dirs.flatMap((d) => [unpacked(join(d, BUILT_WORKER)), join(d, BUILT_WORKER)]).find((c) => existsSync(c));
};

/**
 * From source (vitest, tsx) the TypeScript file, with tsx's ESM hooks registered inside the
 * worker first (Node 20 does not apply `--import tsx` to worker threads); in the build the
 * bundled worker beside main.js (see builtWorkerScript).
 */
const workerEntry = (): URL => {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const tsxApi = join(dirname(createRequire(import.meta.url).resolve('tsx')), 'esm', 'api', 'index.mjs');
    const script = pathToFileURL(join(dirname(here), 'storage-worker.ts')).href;
    const boot = `const { register } = await import(${JSON.stringify(pathToFileURL(tsxApi).href)}); register(); await import(${JSON.stringify(script)});`;
    return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
  }
  const file = builtWorkerScript(here);
  if (!file) throw new Error(`storage worker script not found next to ${here}`);
  return pathToFileURL(file);
};

const errorAnswer = (msg: MessageToRemote, error: Error): MessageFromRemote => ({
  connectionId: msg.connectionId,
  answerTo: msg.requestId,
  method: msg.method,
  error: errorToPlainJson(error),
});

/** The worker died: every waiting request fails now instead of hanging forever. */
const fail = (w: RunningWorker, error: Error): void => {
  if (w.failure) return;
  w.failure = error;
  if (running.get(w.directory) === w) running.delete(w.directory);
  for (const channel of w.channels) {
    const waiting = [...channel.pending.values()];
    channel.pending.clear();
    for (const msg of waiting) channel.messages$.next(errorAnswer(msg, error));
  }
  const downloads = [...w.downloads.entries()];
  w.downloads.clear();
  for (const [requestId, d] of downloads) d.done({ cimsDownload: 'done', requestId, error: { code: 'WORKER_STOPPED', message: error.message } });
};

const startWorker = (directory: string, script: string | undefined): RunningWorker => {
  const data: StorageWorkerData = { directory };
  const worker = new Worker(script ? pathToFileURL(script) : workerEntry(), { workerData: data });
  const w: RunningWorker = {
    directory,
    worker,
    channels: new Set(),
    downloads: new Map(),
    stopping: false,
    exited: new Promise((done) => worker.once('exit', () => done())),
  };
  worker.on('message', (msg: MessageFromRemote) => {
    if (isDownloadAnswer(msg)) {
      const d = w.downloads.get(msg.requestId);
      if (msg.cimsDownload === 'parsed') d?.parsed(msg);
      else {
        w.downloads.delete(msg.requestId);
        d?.done(msg);
      }
      return;
    }
    for (const channel of w.channels) {
      channel.pending.delete(msg.answerTo);
      channel.messages$.next(msg);
    }
  });
  worker.on('error', (error) => fail(w, error));
  worker.on('exit', (code) => {
    if (!w.stopping) fail(w, new Error(`The local store's worker stopped unexpectedly (exit code ${code})`));
  });
  return w;
};

const stopWorker = async (w: RunningWorker): Promise<void> => {
  w.stopping = true;
  if (running.get(w.directory) === w) running.delete(w.directory);
  if (w.failure) return;
  w.worker.postMessage(SHUTDOWN);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((done) => {
    timer = setTimeout(() => done('late'), SHUTDOWN_GRACE_MS);
  });
  const outcome = await Promise.race([w.exited, late]);
  clearTimeout(timer);
  if (outcome === 'late') await w.worker.terminate();
};

/** RxDB's RemoteMessageChannel over the folder's worker, starting it when needed. */
const openChannel = (directory: string, script: string | undefined): Promise<RemoteMessageChannel> => {
  let w = running.get(directory);
  if (!w) {
    w = startWorker(directory, script);
    running.set(directory, w);
  }
  const owner = w;
  const channel: Channel = { messages$: new Subject(), pending: new Map() };
  owner.channels.add(channel);
  return Promise.resolve({
    messages$: channel.messages$.asObservable(),
    send(msg: MessageToRemote) {
      const failure = owner.failure;
      // RxDB subscribes for the answer before sending; answer asynchronously all the same.
      if (failure) queueMicrotask(() => channel.messages$.next(errorAnswer(msg, failure)));
      else {
        channel.pending.set(msg.requestId, msg);
        owner.worker.postMessage(msg);
      }
    },
    async close() {
      owner.channels.delete(channel);
      channel.messages$.complete();
      if (owner.channels.size === 0) await stopWorker(owner);
    },
  });
};

const isStorageCode = (code: unknown): code is StorageErrorCode => typeof code === 'string' && code.startsWith('STORAGE_');

/**
 * The remote plugin throws `Error('could not ... ' + JSON)` with the worker's error as plain
 * JSON inside (and, for requests, all their parameters). Storage conditions become the
 * StorageError the rest of the app handles; other errors keep only the remote error, so a
 * failed bulk write does not put its documents into a log line.
 */
export const fromRemoteError = (error: unknown): unknown => {
  if (!(error instanceof Error)) return error;
  const start = error.message.indexOf('{');
  if (start < 0) return error;
  let parsed: { error?: PlainJsonError } & Partial<PlainJsonError>;
  try {
    parsed = JSON.parse(error.message.slice(start)) as typeof parsed;
  } catch {
    return error;
  }
  const plain = (parsed.error ?? parsed) as PlainJsonError & { parameters?: { path?: unknown } };
  if (typeof plain.message !== 'string') return error;
  // A closed instance on the worker's side: the same RxDB error as on this side.
  if (plain.code === 'COL21') return newRxError('COL21', (plain as { parameters?: Record<string, unknown> }).parameters ?? {});
  if (isStorageCode(plain.code)) {
    const path = typeof plain.parameters?.path === 'string' ? plain.parameters.path : undefined;
    return new StorageError(plain.code, plain.message, { path, cause: plain });
  }
  const plainError = new Error(plain.message, { cause: plain });
  plainError.name = plain.name;
  return plainError;
};

/**
 * Wraps every method of `target` so that its errors, thrown or rejected, pass through `map`.
 * Used on both sides of the worker boundary.
 */
export const mappingErrors = <T extends object>(target: T, map: (error: unknown) => unknown): T =>
  new Proxy(target, {
    get(obj, key) {
      const value: unknown = Reflect.get(obj, key);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          const result: unknown = value.apply(obj, args);
          return result instanceof Promise ? result.catch((e: unknown) => Promise.reject(map(e))) : result;
        } catch (e) {
          throw map(e);
        }
      };
    },
  });

/**
 * Once close() or remove() was called, the worker's end of the instance stops answering, so a
 * later call would wait forever. Like the SQLite instance itself, calls after that are
 * refused at once with RxDB's error for a closed collection (COL21); close() is shared by
 * concurrent callers and remove() after close() is refused.
 */
export const refusingAfterClose = <I extends Pick<RxStorageInstance<unknown, unknown, unknown>, 'close' | 'remove'>>(instance: I, closedError: () => Error): I => {
  let closing: Promise<void> | undefined;
  return new Proxy(instance, {
    get(obj, key) {
      if (key === 'close') return () => (closing ??= obj.close());
      if (key === 'remove') return () => (closing ? Promise.reject(closedError()) : (closing = obj.remove()));
      const value: unknown = Reflect.get(obj, key);
      if (typeof value !== 'function' || key === 'changeStream') return value;
      return (...args: unknown[]) => (closing ? Promise.reject(closedError()) : (value as (...a: unknown[]) => unknown).apply(obj, args));
    },
  });
};

let downloadIds = 0;

/** A page of a download as the worker answers it: first its checkpoint, then the write. */
export interface DownloadPageAnswer {
  parsed: Promise<DownloadPageParsed>;
  done: Promise<DownloadPageDone>;
  /** Writes a page parsed as `waiting`, with what is known of the pushes now (its write time taken here). */
  write(acknowledged: DownloadPageWrite['acknowledged']): void;
}

/** The page request without the fields the storage fills in. */
export type DownloadPageParams = Omit<DownloadPageRequest, 'cimsDownload' | 'requestId' | 'bytes' | 'lwt'>;

/**
 * What a storage of this module offers the sync client beside RxDB's interface: writing a
 * page of the server's pull answer in the worker (download-page.ts). `lwt` is taken right
 * before the page is posted, so write times follow the order of the writes (see there).
 */
export interface WorkerDownloadStorage {
  downloadPage(params: DownloadPageParams, bytes: ArrayBuffer, lwt: () => number): DownloadPageAnswer;
  /** The pending count of ../sync/pending.ts, counted in the worker (download-page.ts). */
  countPending(params: Omit<PendingCountRequest, 'cimsDownload' | 'requestId'>): Promise<number>;
  /** The worker thread's V8 heap in use, in bytes, after a full collection where the process runs with --expose-gc. */
  workerHeapUsed(): Promise<number>;
}

export const canDownloadInWorker = (storage: unknown): storage is WorkerDownloadStorage =>
  typeof (storage as Partial<WorkerDownloadStorage> | null)?.downloadPage === 'function';

const downloadPage = (directory: string, params: DownloadPageParams, bytes: ArrayBuffer, lwt: () => number): DownloadPageAnswer => {
  const w = running.get(directory);
  const requestId = ++downloadIds;
  let parsed!: (m: DownloadPageParsed) => void;
  let done!: (m: DownloadPageDone) => void;
  const answer: DownloadPageAnswer = {
    parsed: new Promise((resolve) => (parsed = resolve)),
    done: new Promise((resolve) => (done = resolve)),
    write(acknowledged) {
      const write: DownloadPageWrite = { cimsDownload: 'write', requestId, lwt: lwt(), acknowledged };
      const now = running.get(directory);
      if (now && !now.failure && now.downloads.has(requestId)) now.worker.postMessage(write);
    },
  };
  if (!w || w.failure || w.stopping) {
    const message = w?.failure?.message ?? "The local store's worker is not running";
    done({ cimsDownload: 'done', requestId, error: { code: 'WORKER_STOPPED', message } });
    return answer;
  }
  // A failed page never sends `parsed`: its waiter gets the failure as well.
  w.downloads.set(requestId, { parsed, done: (m) => (done(m), parsed({ cimsDownload: 'parsed', requestId, count: 0, checkpoint: null })) });
  const request: DownloadPageRequest = { ...params, cimsDownload: 'page', requestId, lwt: lwt(), bytes };
  w.worker.postMessage(request, [bytes]);
  return answer;
};

/** A request answered by the worker with one number (the pending count, the heap in use). */
const askWorker = (directory: string, request: Omit<PendingCountRequest, 'requestId'> | Omit<HeapRequest, 'requestId'>, answer: (m: DownloadPageDone) => number | undefined): Promise<number> =>
  new Promise((resolve, reject) => {
    const w = running.get(directory);
    if (!w || w.failure || w.stopping) {
      reject(new Error(w?.failure?.message ?? "The local store's worker is not running"));
      return;
    }
    const requestId = ++downloadIds;
    w.downloads.set(requestId, {
      parsed: () => undefined,
      done: (m) => {
        const value = m.error ? undefined : answer(m);
        if (value === undefined) reject(new Error(m.error?.message ?? `${request.cimsDownload}: no answer`));
        else resolve(value);
      },
    });
    w.worker.postMessage({ ...request, requestId });
  });

const countPending = (directory: string, params: Omit<PendingCountRequest, 'cimsDownload' | 'requestId'>): Promise<number> =>
  askWorker(directory, { ...params, cimsDownload: 'pending' }, (m) => m.pending);

/** Our SQLite RxStorage, run in a worker thread for `directory`. */
export const getRxStorageWorker = (options: WorkerStorageOptions): RxStorage<unknown, unknown> & WorkerDownloadStorage => {
  const directory = resolve(options.directory);
  const remote = getRxStorageRemote({
    identifier: `cims-sqlite-worker|${directory}`,
    mode: 'storage',
    messageChannelCreator: () => openChannel(directory, options.script),
  });
  return {
    name: 'cims-sqlite-worker',
    rxdbVersion: remote.rxdbVersion,
    createStorageInstance: async (params) => {
      const instance = await remote.createStorageInstance(params).catch((e: unknown) => Promise.reject(fromRemoteError(e)));
      const closedError = () =>
        newRxError('COL21', { database: params.databaseName, collection: params.collectionName, version: params.schema.version });
      return refusingAfterClose(mappingErrors(instance, fromRemoteError), closedError);
    },
    downloadPage: (params, bytes, lwt) => downloadPage(directory, params, bytes, lwt),
    countPending: (params) => countPending(directory, params),
    workerHeapUsed: () => askWorker(directory, { cimsDownload: 'heap' }, (m) => m.heapUsed),
  };
};

/** Data folders whose worker is running (tests check the shutdown with it). */
export const runningStorageWorkers = (): string[] => [...running.keys()];
