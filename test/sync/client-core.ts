/**
 * A headless client core in its own process (RxDB allows 13 open collections per process; a
 * CIMS database has 10): the production database, sync session and token store, driven by
 * the parent test over IPC. Started by `startClientCore()` in cores.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import type { IntervalHistogram } from 'node:perf_hooks';
import type { Subscription } from 'rxjs';
import type { RxCollection, RxDatabase } from 'rxdb';
import { createCore, type Core } from '../../electron/core/core';
import { openDatabase } from '../../electron/db/open';
import { canDownloadInWorker } from '../../electron/db/worker-storage';
import { PULL_WRITE_CONTEXT } from '../../electron/db/pulled-mark';
import type { CimsDatabase } from '../../electron/db/open';
import { createSyncSession } from '../../electron/sync/session';
import type { SyncSession } from '../../electron/sync/session';
import { createFileTokenStore } from '../../electron/sync/tokens';
import { collections } from '../../shared/schema';
import { SYNC_VERSION_HEADER } from '../../shared/sync/protocol';

// S5: a test may run this core with its clock off (RxDB's write times, token expiry checks).
const skew = Number(process.env.CIMS_TEST_CLOCK_SKEW_MS ?? 0);
if (skew) {
  const realNow = Date.now.bind(Date);
  Date.now = () => realNow() + skew;
}

// S10: a test may run this core as an older client, sending another protocol version.
const versionOverride = process.env.CIMS_TEST_SYNC_VERSION;
const clientFetch: typeof fetch | undefined = versionOverride
  ? (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), [SYNC_VERSION_HEADER]: versionOverride } })
  : undefined;
const pullBatchSize = process.env.CIMS_TEST_PULL_BATCH ? Number(process.env.CIMS_TEST_PULL_BATCH) : undefined;

/**
 * Benchmarks (CIMS_TEST_SYNC_TIMING=1): every push and pull request timed as this client sees
 * it, from the call to the end of the reply's body, and every reply's status counted. Without
 * the variable no wrapper is installed. The body is read here, so a push or pull times out
 * and fails as it would in the client; the client then reads the same bytes.
 */
export interface RequestLog {
  push: number[];
  pull: number[];
  statuses: Record<string, number>;
  /** Requests that got no reply (refused, reset, timed out, or given up by the client). */
  failures: number;
  /** The same, by request kind and error name ("push TimeoutError", "other AbortError"). */
  failuresBy: Record<string, number>;
}
const newRequestLog = (): RequestLog => ({ push: [], pull: [], statuses: {}, failures: 0, failuresBy: {} });
let requestLog = newRequestLog();
function timedFetch(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const kind = /\/sync\/[^/]+\/(push|pull)$/.exec(new URL(url).pathname)?.[1] as 'push' | 'pull' | undefined;
    const t0 = performance.now();
    try {
      const res = await inner(input, init);
      requestLog.statuses[res.status] = (requestLog.statuses[res.status] ?? 0) + 1;
      if (!kind) return res;
      const body = await res.arrayBuffer();
      requestLog[kind].push(performance.now() - t0);
      return new Response(res.status === 204 || res.status === 304 ? null : body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } catch (err) {
      const key = `${kind ?? 'other'} ${(err as Error).name}`;
      requestLog.failures += 1;
      requestLog.failuresBy[key] = (requestLog.failuresBy[key] ?? 0) + 1;
      throw err;
    }
  };
}
const syncFetch: typeof fetch | undefined =
  process.env.CIMS_TEST_SYNC_TIMING === '1' ? timedFetch(clientFetch ?? ((input, init) => fetch(input, init))) : clientFetch;

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
const wallNow = () => performance.timeOrigin + performance.now();

interface Request {
  id: number;
  cmd: string;
  args: unknown[];
}

let db: CimsDatabase | null = null;
let session: SyncSession | null = null;
/** In core mode (`openCore`): the whole main-process core, driven through its command router. */
let core: Core | null = null;
let lag: IntervalHistogram | null = null;
const watches = new Map<number, { seen: Promise<number>; sub: Subscription }>();
let watchSeq = 0;

// Typed as a plain collection on purpose: a union of the ten concrete collection types
// makes every call below check against each member, which the compiler cannot afford.
function coll(name: string): RxCollection {
  const c = (db?.collections as unknown as Record<string, RxCollection> | undefined)?.[name];
  if (!c) throw new Error(`no collection ${name}`);
  return c;
}

function plain(doc: { toJSON(): unknown } | null): unknown {
  return doc ? doc.toJSON() : null;
}

const commands: Record<string, (...args: never[]) => Promise<unknown>> = {
  async open(dir: string) {
    db = await openDatabase({ directory: dir });
    session = createSyncSession({
      db: db as unknown as RxDatabase,
      collections,
      tokenStore: createFileTokenStore(join(dir, 'session.json')),
      retryTimeMs: 200,
      maxRetryTimeMs: 1000,
      timeoutMs: Number(process.env.CIMS_TEST_TIMEOUT_MS ?? 5000),
      ...(syncFetch ? { fetch: syncFetch } : {}),
      ...(pullBatchSize ? { pullBatchSize } : {}),
    });
    return true;
  },
  /** The production core on `dir` (settings, store, services, router), as the app runs it. */
  async openCore(dir: string) {
    core = await createCore({ dataDir: dir, shell: 'harness', version: '0.0.0-test' });
    db = core.db;
    return true;
  },
  /** A contract command through the core's router: its Result, as the renderer gets it. */
  dispatch: (name: string, input: unknown) => core!.router.dispatch(name, input),
  async coreSignIn(url: string, username: string, password: string) {
    return core!.session.signIn({ serverUrl: url, username, password });
  },
  async coreAwaitInSync() {
    const r = core!.session.replication();
    if (!r) throw new Error('not replicating');
    await r.awaitInSync();
    return r.status.get();
  },
  coreSignInAs: (url: string, username: string, password: string, discardUnsynced?: boolean) => core!.session.signIn({ serverUrl: url, username, password, discardUnsynced }),
  coreSignOut: () => core!.session.signOut(),
  coreStatusView: async () => core!.session.statusView(),
  coreExportUnsynced: () => core!.session.exportUnsynced(),
  coreStoreOwner: async () => core!.session.user() ?? null,
  async coreStatus() {
    return core!.session.replication()?.status.get() ?? null;
  },
  /** The collections whose replication is still running a cycle (to explain a stuck status). */
  async coreActiveCollections() {
    const states = core!.session.replication()?.states ?? new Map();
    return [...states].filter(([, s]) => s.subjects.active.getValue()).map(([name]) => name);
  },
  signIn: (url: string, username: string, password: string) => session!.signIn(url, username, password),
  resume: () => session!.resume(),
  /** Goes offline: stops replicating, keeps the tokens. */
  disconnect: () => session!.close(),
  signOut: () => session!.signOut(),
  async awaitInSync() {
    await session!.replication()!.awaitInSync();
    return session!.status.get();
  },
  async waitForState(state: string, timeoutMs = 10_000) {
    const end = Date.now() + timeoutMs;
    while (session!.status.get().state !== state) {
      if (Date.now() > end) throw new Error(`state stayed ${session!.status.get().state}, wanted ${state}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return session!.status.get();
  },
  status: async () => session!.status.get(),
  /** RxDB's counters of a collection's upstream (how many push jobs it queued, ...). */
  async upstreamStats(collection: string) {
    const state = session!.replication()?.states.get(collection) as { internalReplicationState?: { stats: { up: Record<string, number> } } } | undefined;
    return state?.internalReplicationState?.stats.up ?? null;
  },
  exportUnsynced: () => session!.exportUnsynced(),
  async insert(collection: string, doc: Record<string, unknown>) {
    return plain(await coll(collection).insert(doc));
  },
  async insertMany(collection: string, docs: Record<string, unknown>[]) {
    const r = await coll(collection).bulkInsert(docs);
    if (r.error.length) throw new Error(`bulkInsert: ${r.error.length} errors`);
    return r.success.length;
  },
  /**
   * Stores documents as the replication's pull writes them (its context, through the
   * collection's storage), without the replication-meta rows RxDB writes next: the state a
   * process killed between the pull's two writes leaves (RELIABILITY D2).
   */
  async writeAsPulled(collection: string, docs: Record<string, unknown>[]) {
    const rows = docs.map((d) => ({ document: { ...d, _deleted: false, _attachments: {}, _meta: { lwt: Date.now() }, _rev: '' } }));
    const r = await coll(collection).storageInstance.bulkWrite(rows as never, `${PULL_WRITE_CONTEXT}d2`);
    if (r.error.length) throw new Error(`pull write: ${r.error.length} errors`);
    return docs.length;
  },
  async count(collection: string) {
    return coll(collection).count().exec();
  },
  async patch(collection: string, id: string, patch: Record<string, unknown>) {
    const doc = await coll(collection).findOne(id).exec(true);
    return plain(await doc.incrementalPatch(patch));
  },
  async remove(collection: string, id: string) {
    const doc = await coll(collection).findOne(id).exec(true);
    await doc.remove();
    return true;
  },
  async get(collection: string, id: string) {
    return plain(await coll(collection).findOne(id).exec());
  },
  async find(collection: string, selector: Record<string, unknown> = {}) {
    return (await coll(collection).find({ selector }).exec()).map((d) => d.toJSON());
  },
  /** The same patch on many documents in one bulk write (many offline edits at once). */
  async patchMany(collection: string, ids: string[], patch: Record<string, unknown>) {
    const c = coll(collection);
    const found = await c.findByIds(ids).exec();
    const docs = [...found.values()].map((d) => ({ ...(d.toMutableJSON(true) as Record<string, unknown>), ...patch }));
    const r = await c.bulkUpsert(docs);
    if (r.error.length) throw new Error(`bulkUpsert: ${r.error.length} errors`);
    return r.success.length;
  },
  /** Ids of up to `limit` documents (benchmarks pick what to edit). */
  async ids(collection: string, limit: number) {
    return (await coll(collection).find({ limit }).exec()).map((d) => d.primary);
  },
  /** Event-loop delay of this process (benchmarks): start, then stop -> percentiles in ms. */
  async lagStart() {
    // Node's figures include the sampling interval: 1 ms keeps them close to the real delay.
    lag = monitorEventLoopDelay({ resolution: 1 });
    lag.enable();
    return true;
  },
  async cpuMs() {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  },
  /**
   * CPU time of each thread of this process so far, in ms (Linux: /proc; elsewhere none): the
   * main thread is the one whose id is the process's.
   */
  async threadCpuMs() {
    const ticksMs = 10; // USER_HZ is 100 on Linux
    try {
      return readdirSync('/proc/self/task').flatMap((tid) => {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return [{ tid: Number(tid), main: Number(tid) === process.pid, ms: (Number(fields[11]) + Number(fields[12])) * ticksMs }];
      });
    } catch {
      return [];
    }
  },
  /** The push and pull timings and reply statuses since the last call (CIMS_TEST_SYNC_TIMING=1). */
  async syncTimings() {
    const log = requestLog;
    requestLog = newRequestLog();
    return log;
  },
  /** Resident memory of this process (the storage worker thread included), in MiB. */
  async rssMb() {
    return process.memoryUsage().rss / 2 ** 20;
  },
  /**
   * The V8 heap in use of this thread and of the store's worker thread, in MiB, each after a
   * full collection (the core runs with --expose-gc): what the core holds, without the garbage
   * V8 has not collected yet.
   */
  async heapMb() {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('heapMb needs the core started with --expose-gc');
    const storage: unknown = db?.storage;
    if (!canDownloadInWorker(storage)) throw new Error('heapMb needs the store in its worker');
    // Twice: RxDB's document cache drops an entry in a finalization callback, which runs after
    // the collection that found its document unreachable.
    gc();
    await new Promise((r) => setTimeout(r, 100));
    gc();
    return { main: getHeapStatistics().used_heap_size / 2 ** 20, worker: (await storage.workerHeapUsed()) / 2 ** 20 };
  },
  async lagStop() {
    const h = lag!;
    h.disable();
    lag = null;
    return { p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6, samples: h.count };
  },
  /** Starts watching for `field === value` on one document; `watchWait` gives the wall time it was seen. */
  async watchStart(collection: string, id: string, field: string, value: unknown) {
    const c = coll(collection);
    let sub!: Subscription;
    const seen = new Promise<number>((resolve) => {
      sub = c.$.subscribe((ev) => {
        if (ev.documentId === id && (ev.documentData as Record<string, unknown> | undefined)?.[field] === value) resolve(wallNow());
      });
    });
    const key = ++watchSeq;
    watches.set(key, { seen, sub });
    return key;
  },
  /**
   * As watchStart, on what the live stream hands RxDB (after the stream's own filter), not on
   * the store: answers when the stream brought `field === value` of the document.
   */
  async streamWatchStart(collection: string, id: string, field: string, value: unknown) {
    const state = session!.replication()!.states.get(collection)!;
    let sub!: Subscription;
    const seen = new Promise<number>((resolve) => {
      sub = state.remoteEvents$.subscribe((ev) => {
        if (ev === 'RESYNC') return;
        if (ev.documents.some((d) => (d as Record<string, unknown>).id === id && (d as Record<string, unknown>)[field] === value)) resolve(wallNow());
      });
    });
    const key = ++watchSeq;
    watches.set(key, { seen, sub });
    return key;
  },
  async watchWait(key: number, timeoutMs = 10_000) {
    const w = watches.get(key)!;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([w.seen, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('change not seen')), timeoutMs)))]);
    } finally {
      clearTimeout(timer);
      w.sub.unsubscribe();
      watches.delete(key);
    }
  },
  /** Patches one document; answers the wall time just before the write. */
  async timedPatch(collection: string, id: string, patch: Record<string, unknown>) {
    const doc = await coll(collection).findOne(id).exec(true);
    const at = wallNow();
    await doc.incrementalPatch(patch);
    return at;
  },
  async shutdown() {
    if (core) await core.close();
    else {
      await session?.close();
      await db?.close();
    }
    setImmediate(() => process.exit(0));
    return true;
  },
};

process.on('message', (msg: Request) => {
  const fn = commands[msg.cmd];
  const run = fn ? (fn as (...a: unknown[]) => Promise<unknown>)(...msg.args) : Promise.reject(new Error(`unknown ${msg.cmd}`));
  run.then(
    (value) => process.send!({ id: msg.id, ok: true, value }),
    (err: unknown) => {
      const e = err as { code?: string; message?: string };
      process.send!({ id: msg.id, ok: false, error: { code: e.code ?? 'ERROR', message: e.message ?? String(err) } });
    },
  );
});
process.send!({ ready: true });
