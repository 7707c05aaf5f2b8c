/**
 * The client side of the L1 load benchmark: technicians' client cores (RxDB on our SQLite
 * storage + the electron/sync session), each in its own process (test/sync/cores.ts), with
 * the cores' request timing on (CIMS_TEST_SYNC_TIMING), through three phases:
 * initial sync of the team's tickets, creating tickets offline-style in small chunks, and
 * random field edits of the team's tickets (teammates edit the same tickets, so the server
 * sees conflicts and the clients merge). Then every replica is compared with what the server
 * lets that user pull, collection by collection.
 */
import { aTicket, newId } from '../../shared/domain/testing/builders';
import { seededRandom } from '../../shared/domain/ids';
import { MAX_PULL_BATCH, type LoginResponse, type PullResponse, type WireDocument } from '../../shared/sync/protocol';
import { COLLECTION_NAMES } from '../../shared/schema';
import type { SyncStatusSnapshot } from '../../electron/sync/status';
import type { Db } from '../../server/db/db';
import { bearer, call } from '../../server/testing/harness';
import { startClientCore, type ClientCore } from '../../test/sync/cores';
import { sameData } from '../../test/sync/wait';
import type { RequestLog } from '../../test/sync/client-core';
import { percentile, round } from './stats';

export interface LoadUser {
  id: string;
  username: string;
  teamId: string;
}

export interface LoadClientOptions {
  db: Db;
  serverUrl: string;
  users: LoadUser[];
  password: string;
  /** Tickets the server holds per team before the clients start (what each client should pull). */
  seededPerTeam: Map<string, number>;
  /** Tickets all clients create together. */
  clientTickets: number;
  /** Random edits per client. */
  updatesPerClient: number;
  /** Tickets a client creates in one local write. */
  createChunk: number;
  /** Mean pause between a client's writes (uniform 0..2x). */
  thinkMs: number;
  /** Cores started and signed in at once (the server queues at most 18 sign-ins, then says 503). */
  startConcurrency: number;
  seed: number;
  log: (msg: string) => void;
}

export interface PhaseFigures {
  ms: number;
  docs: number;
  docsPerSec: number;
  pushRequests: number;
  pullRequests: number;
  pushP50Ms: number;
  pushP99Ms: number;
  pullP50Ms: number;
  pullP99Ms: number;
  statuses: Record<string, number>;
  failedRequests: number;
  /** Requests without a reply, by kind and error name (a TimeoutError is the client's 30 s timeout). */
  failedBy: Record<string, number>;
}

export interface LoadClientResult {
  startMs: number;
  phases: { initialSync: PhaseFigures & { signInRetries: number }; create: PhaseFigures & { serverHasAllMs: number }; update: PhaseFigures & { editsDoneMs: number } };
  all: { pushRequests: number; pullRequests: number; pushP50Ms: number; pushP99Ms: number; pullP50Ms: number; pullP99Ms: number; statuses: Record<string, number>; failedRequests: number; failedBy: Record<string, number> };
  clientSeen5xx: number;
  settleMs: number;
  replicasEqual: boolean;
  /** Clients not online with nothing pending within 300 s after a phase's writes (then checked anyway). */
  unsettled: { client: string; phase: string; status: SyncStatusSnapshot | null; error: string }[];
  replicaMismatches: { client: string; collection: string; onlyServer: number; onlyLocal: number; differing: number }[];
  docsCompared: number;
  clientRssMeanMb: number;
  clientRssMaxMb: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` over `items`, at most `n` at a time. */
export async function inPool<T, R>(items: readonly T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

async function eventually<T>(get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await get();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`${what}: not reached within ${timeoutMs} ms; last: ${JSON.stringify(last).slice(0, 500)}`);
    await sleep(200);
    last = await get();
  }
  return last;
}

function figures(logs: RequestLog[], ms: number, docs: number): PhaseFigures {
  const push = logs.flatMap((l) => l.push);
  const pull = logs.flatMap((l) => l.pull);
  const statuses: Record<string, number> = {};
  const failedBy: Record<string, number> = {};
  for (const l of logs) for (const [k, v] of Object.entries(l.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  for (const l of logs) for (const [k, v] of Object.entries(l.failuresBy ?? {})) failedBy[k] = (failedBy[k] ?? 0) + v;
  return {
    ms: round(ms, 0),
    docs,
    docsPerSec: round(docs / (ms / 1000), 0),
    pushRequests: push.length,
    pullRequests: pull.length,
    pushP50Ms: round(percentile(push, 50)),
    pushP99Ms: round(percentile(push, 99)),
    pullP50Ms: round(percentile(pull, 50)),
    pullP99Ms: round(percentile(pull, 99)),
    statuses,
    failedRequests: logs.reduce((n, l) => n + l.failures, 0),
    failedBy,
  };
}

const latencies = (p: PhaseFigures) =>
  `${p.pushRequests} pushes p50/p99 ${p.pushP50Ms}/${p.pushP99Ms} ms, ${p.pullRequests} pulls p50/p99 ${p.pullP50Ms}/${p.pullP99Ms} ms, statuses ${JSON.stringify(p.statuses)}, no reply ${JSON.stringify(p.failedBy)}`;

const count5xx = (statuses: Record<string, number>) => Object.entries(statuses).reduce((n, [k, v]) => n + (Number(k) >= 500 ? v : 0), 0);

async function serverCount(db: Db, sql: string, params: unknown[]): Promise<number> {
  return Number((await db.query<{ n: string }>(sql, params)).rows[0]!.n);
}

/** Every live document of a collection that the server lets this user pull. */
async function pullAll(url: string, token: string, collection: string): Promise<Map<string, WireDocument>> {
  const docs = new Map<string, WireDocument>();
  let checkpoint: PullResponse['checkpoint'] = null;
  for (;;) {
    const r = await call(url, 'POST', `/sync/${collection}/pull`, { checkpoint, batchSize: MAX_PULL_BATCH }, bearer(token));
    if (r.status !== 200) throw new Error(`pull ${collection}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    const body = r.body as PullResponse;
    if (body.documents.length === 0) break;
    for (const d of body.documents) {
      if (d._deleted) docs.delete(d.id);
      else docs.set(d.id, d);
    }
    checkpoint = body.checkpoint;
  }
  return docs;
}

export async function runLoadClients(o: LoadClientOptions): Promise<LoadClientResult> {
  const random = seededRandom(o.seed);
  const think = () => sleep(random() * 2 * o.thinkMs);
  const cores: ClientCore[] = [];
  const allLogs: RequestLog[] = [];
  const drain = async (): Promise<RequestLog[]> => {
    const logs = await Promise.all(cores.map((c) => c.call<RequestLog>('syncTimings')));
    allLogs.push(...logs);
    return logs;
  };
  const coreEnv = { CIMS_TEST_SYNC_TIMING: '1', CIMS_TEST_TIMEOUT_MS: '30000' }; // the client's production timeout
  const status = (c: ClientCore) => c.call<SyncStatusSnapshot>('status');
  const settled = async (c: ClientCore, what: string, timeoutMs = 300_000) => {
    await eventually(() => status(c), (s) => s.state === 'online' && s.pendingLocalChanges === 0, timeoutMs, what);
    await c.call('awaitInSync');
  };
  /** Clients still syncing when a phase's wait ran out: noted, and the run goes on to the check. */
  const unsettled: LoadClientResult['unsettled'] = [];
  const settledOrNoted = async (c: ClientCore, i: number, phase: string) => {
    try {
      await settled(c, `${phase} of ${o.users[i]!.username}`);
    } catch (err) {
      unsettled.push({ client: o.users[i]!.username, phase, status: await status(c).catch(() => null), error: (err as Error).message.slice(0, 200) });
    }
  };
  try {
    // Start the cores (each a process with its own store), a few at a time.
    const t0 = performance.now();
    const started = await inPool(o.users, o.startConcurrency, () => startClientCore(undefined, { env: coreEnv }));
    cores.push(...started);
    const startMs = performance.now() - t0;
    o.log(`${cores.length} client cores started in ${round(startMs / 1000, 1)} s`);

    // Phase 1: sign in and pull the team's tickets (and every other collection the user may
    // read), a few clients at a time, as people arrive in the morning; the rest wait signed out.
    // A sign-in that gets no answer within the client's timeout is tried again, as the user
    // would, and counted.
    const t1 = performance.now();
    let signInRetries = 0;
    let synced = 0;
    await inPool(cores, o.startConcurrency, async (c, i) => {
      const u = o.users[i]!;
      for (let attempt = 1; ; attempt++) {
        try {
          await c.call('signIn', o.serverUrl, u.username, o.password);
          break;
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (attempt >= 5 || (code !== 'TIMEOUT' && code !== 'NETWORK')) throw err;
          signInRetries += 1;
          o.log(`sign-in of ${u.username}: ${code}, trying again`);
          await sleep(1000);
        }
      }
      await settled(c, `initial sync of ${u.username}`);
      if (++synced % 10 === 0) o.log(`${synced} replicas synced`);
    });
    const initialMs = performance.now() - t1;
    const have = await Promise.all(cores.map((c) => c.call<number>('count', 'tickets')));
    have.forEach((n, i) => {
      const want = o.seededPerTeam.get(o.users[i]!.teamId) ?? 0;
      if (n !== want) throw new Error(`${o.users[i]!.username} holds ${n} of its team's ${want} tickets after the initial sync`);
    });
    const pulled = have.reduce((a, b) => a + b, 0);
    const initialSync = { ...figures(await drain(), initialMs, pulled), signInRetries };
    o.log(`initial sync: ${pulled} tickets into ${cores.length} replicas in ${round(initialMs / 1000, 1)} s; ${latencies(initialSync)}`);

    // Phase 2: every client creates its share of tickets in small local writes; each is pushed.
    const marker = `load ${newId()}`;
    const share = (i: number) => Math.floor(o.clientTickets / cores.length) + (i < o.clientTickets % cores.length ? 1 : 0);
    const t2 = performance.now();
    await Promise.all(
      cores.map(async (c, i) => {
        const u = o.users[i]!;
        for (let made = 0; made < share(i); ) {
          const n = Math.min(o.createChunk, share(i) - made);
          const now = new Date().toISOString();
          const docs = Array.from({ length: n }, (_, k) =>
            aTicket({ id: newId(), teamId: u.teamId, assigneeId: u.id, createdBy: u.id, createdAt: now, updatedAt: now, title: `${marker} ${i}-${made + k}` }),
          );
          await c.call('insertMany', 'tickets', docs);
          made += n;
          await think();
        }
      }),
    );
    await eventually(
      () => serverCount(o.db, `select count(*) as n from sync_docs where collection = 'tickets' and doc->>'title' like $1`, [`${marker} %`]),
      (n) => n === o.clientTickets,
      600_000,
      'created tickets on the server',
    );
    const pushedMs = performance.now() - t2;
    await Promise.all(cores.map((c, i) => settledOrNoted(c, i, 'create')));
    const createMs = performance.now() - t2;
    const create = { ...figures(await drain(), createMs, o.clientTickets), serverHasAllMs: round(pushedMs, 0) };
    o.log(`create: ${o.clientTickets} tickets pushed in ${round(pushedMs / 1000, 1)} s, every replica in sync after ${round(createMs / 1000, 1)} s; ${latencies(create)}`);

    // Phase 3: random edits of the team's tickets, teammates on the same tickets at once.
    const fields = ['title', 'description', 'tags'] as const;
    const t3 = performance.now();
    await Promise.all(
      cores.map(async (c, i) => {
        const ids = await c.call<string[]>('ids', 'tickets', 1_000_000);
        for (let k = 0; k < o.updatesPerClient; k++) {
          const id = ids[Math.floor(random() * ids.length)]!;
          const field = fields[Math.floor(random() * fields.length)]!;
          const value = field === 'tags' ? [`c${i}`, `u${k}`] : `edit ${i}-${k} 编辑`;
          await c.call('patch', 'tickets', id, { [field]: value, updatedAt: new Date().toISOString() });
          await think();
        }
      }),
    );
    const editedMs = performance.now() - t3;
    await Promise.all(cores.map((c, i) => settledOrNoted(c, i, 'edits')));
    const updateMs = performance.now() - t3;
    const updates = o.updatesPerClient * cores.length;
    const update = { ...figures(await drain(), updateMs, updates), editsDoneMs: round(editedMs, 0) };
    o.log(`update: ${updates} edits in ${round(editedMs / 1000, 1)} s, every replica in sync after ${round(updateMs / 1000, 1)} s; ${latencies(update)}`);

    // Replicas: each equals what the server lets its user pull, collection by collection.
    const t4 = performance.now();
    const mismatches: LoadClientResult['replicaMismatches'] = [];
    let compared = 0;
    await inPool(cores, 4, async (c, i) => {
      const u = o.users[i]!;
      const login = await call(o.serverUrl, 'POST', '/auth/login', { username: u.username, password: o.password });
      if (login.status !== 200) throw new Error(`login of ${u.username} for the check: ${login.status}`);
      const token = (login.body as LoginResponse).accessToken;
      for (const collection of COLLECTION_NAMES) {
        const diff = await eventually(
          async () => {
            const server = await pullAll(o.serverUrl, token, collection);
            const local = await c.call<Record<string, unknown>[]>('find', collection);
            const localIds = new Set(local.map((d) => String(d.id)));
            return {
              size: server.size,
              onlyServer: [...server.keys()].filter((id) => !localIds.has(id)).length,
              onlyLocal: [...localIds].filter((id) => !server.has(id)).length,
              differing: local.filter((d) => server.has(String(d.id)) && !sameData(d, server.get(String(d.id))! as Record<string, unknown>)).length,
            };
          },
          (d) => d.onlyServer + d.onlyLocal + d.differing === 0,
          60_000,
          `replica of ${u.username}, ${collection}`,
        ).catch(() => null);
        if (diff) compared += diff.size;
        else mismatches.push({ client: u.username, collection, onlyServer: -1, onlyLocal: -1, differing: -1 });
      }
    });
    const settleMs = performance.now() - t4;
    const rss = await Promise.all(cores.map((c) => c.call<number>('rssMb')));

    const every = figures(allLogs, 1, 0);
    return {
      startMs: round(startMs, 0),
      phases: { initialSync, create, update },
      all: {
        pushRequests: every.pushRequests,
        pullRequests: every.pullRequests,
        pushP50Ms: every.pushP50Ms,
        pushP99Ms: every.pushP99Ms,
        pullP50Ms: every.pullP50Ms,
        pullP99Ms: every.pullP99Ms,
        statuses: every.statuses,
        failedRequests: every.failedRequests,
        failedBy: every.failedBy,
      },
      clientSeen5xx: count5xx(every.statuses),
      settleMs: round(settleMs, 0),
      replicasEqual: mismatches.length === 0,
      unsettled,
      replicaMismatches: mismatches,
      docsCompared: compared,
      clientRssMeanMb: round(rss.reduce((a, b) => a + b, 0) / rss.length, 0),
      clientRssMaxMb: round(Math.max(...rss), 0),
    };
  } finally {
    await inPool(cores, 8, (c) => c.stop());
  }
}
