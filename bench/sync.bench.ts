/**
 * npm run bench:sync, on loopback PostgreSQL with two server processes. Two parts:
 * - server: the server driven over HTTP by plain clients (no RxDB): initial pull of 50,000
 *   tickets, push of 5,000 changes, propagation client A -> server A -> NOTIFY -> server B
 *   -> client B;
 * - client: the real main-process client core (RxDB on our SQLite storage + electron/sync) in
 *   child processes: initial sync of the same 50,000 tickets to an empty client with that
 *   process's event-loop lag, push of 5,000 offline edits, propagation core A -> core B.
 * The top-level figures are the real client's. Writes bench/results/sync.json. Not in npm test.
 * BENCH_PART=client|server runs one part; BENCH_CPU_PROF=dir profiles the initial-sync core.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { aTicket, newId } from '../shared/domain/testing/builders';
import { MAX_PULL_BATCH, MAX_PUSH_ROWS, type LoginResponse, type PullResponse, type WireDocument } from '../shared/sync/protocol';
import { cimsRegistry } from '../server/access/cims';
import { createUser } from '../server/auth/users';
import type { Db } from '../server/db/db';
import { migrate } from '../server/db/migrate';
import { openPg } from '../server/db/pg';
import { writeServerDocs } from '../server/sync/engine';
import { bearer, call } from '../server/testing/harness';
import { openStream } from '../server/testing/sse';
import { createPgDatabase } from '../server/testing/test-db';
import { spawnServer } from '../test/server/spawn-server';
import { measureRealClient, type RealClientResult } from './lib/sync-client';
import { percentile, round } from './lib/stats';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 50_000);
const PUSHES = Number(process.env.BENCH_PUSHES ?? 5_000);
const PROPAGATIONS = Number(process.env.BENCH_PROPAGATIONS ?? 250);
const PART = process.env.BENCH_PART ?? 'all';
const PULL_BATCH = process.env.BENCH_PULL_BATCH ? Number(process.env.BENCH_PULL_BATCH) : undefined;
const SECRET = 'bench-secret-bench-secret-bench-secret-1';

type Server = Awaited<ReturnType<typeof spawnServer>>;

interface ServerResult {
  initialSyncDocsPerSec: number;
  initialSyncMs: number;
  pushDocsPerSec: number;
  propagationP50Ms: number;
  propagationP95Ms: number;
  eventLoopLagP99Ms: number;
}

/** The server alone, driven by plain HTTP clients from this process. */
async function measureServer(a: Server, b: Server): Promise<ServerResult> {
  const session = (await call(a.url, 'POST', '/auth/login', { username: 'bench', password: 'bench-password' })).body as LoginResponse;

  // Initial sync: pull everything in MAX_PULL_BATCH batches.
  const lag = monitorEventLoopDelay({ resolution: 1 }); // as in the client: figures include the interval
  lag.enable();
  let checkpoint: PullResponse['checkpoint'] = null;
  const all: WireDocument[] = [];
  const t0 = performance.now();
  for (;;) {
    const r = (await call(a.url, 'POST', '/sync/tickets/pull', { checkpoint, batchSize: MAX_PULL_BATCH }, bearer(session))).body as PullResponse;
    if (r.documents.length === 0) break;
    all.push(...r.documents);
    checkpoint = r.checkpoint;
  }
  const pullMs = performance.now() - t0;
  lag.disable();
  if (all.length !== TICKETS) throw new Error(`pulled ${all.length} of ${TICKETS}`);

  // 5,000 offline changes pushed in MAX_PUSH_ROWS batches.
  const changed = all.slice(0, PUSHES);
  const t1 = performance.now();
  for (let i = 0; i < changed.length; i += MAX_PUSH_ROWS) {
    const rows = changed.slice(i, i + MAX_PUSH_ROWS).map((d) => ({ newDocumentState: { ...d, description: 'offline edit' }, assumedMasterState: d }));
    const r = await call(a.url, 'POST', '/sync/tickets/push', { pushId: `bench-push-${i}`, rows }, bearer(session));
    if (r.status !== 200 || (r.body as { conflicts: unknown[] }).conflicts.length !== 0) throw new Error(`push failed: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  }
  const pushMs = performance.now() - t1;

  // Propagation: push to A, receive on B's stream.
  const stream = await openStream(`${b.url}/sync/tickets/stream`, session.accessToken);
  await stream.waitFor((e) => e.kind === 'RESYNC');
  const times: number[] = [];
  for (let i = 0; i < PROPAGATIONS; i++) {
    const doc = { ...all[i]!, title: `live ${i}` };
    const start = performance.now();
    const seen = stream.waitFor((e) => e.kind === 'change' && e.documents.some((d) => d.id === doc.id && d.title === doc.title), 5000);
    const prior = { ...all[i]!, description: 'offline edit' };
    await call(a.url, 'POST', '/sync/tickets/push', { pushId: `bench-live-${i}`, rows: [{ newDocumentState: { ...doc, description: 'offline edit' }, assumedMasterState: prior }] }, bearer(session));
    await seen;
    times.push(performance.now() - start);
  }
  stream.close();
  return {
    initialSyncDocsPerSec: round(TICKETS / (pullMs / 1000), 0),
    initialSyncMs: round(pullMs, 0),
    pushDocsPerSec: round(PUSHES / (pushMs / 1000), 0),
    propagationP50Ms: round(percentile(times, 50)),
    propagationP95Ms: round(percentile(times, 95)),
    eventLoopLagP99Ms: round(lag.percentile(99) / 1e6),
  };
}

async function seed(db: Db): Promise<void> {
  await migrate(db);
  await createUser(db, { username: 'bench', password: 'bench-password', roles: ['admin'] }, 1024);
  const spec = cimsRegistry().get('tickets')!;
  for (let i = 0; i < TICKETS; i += 1000) {
    const docs = Array.from({ length: Math.min(1000, TICKETS - i) }, () => ({ doc: aTicket({ id: newId() }) as unknown as Record<string, unknown> }));
    await db.transaction((tx) => writeServerDocs(tx, spec, docs));
  }
}

const TARGETS = { initialSyncDocsPerSec: 5000, clientCpuUsPerDoc: 100, propagationP95Ms: 300, eventLoopLagP99Ms: 50 };

function printTable(client: RealClientResult | null, server: ServerResult | null): void {
  const fmt = (v: number | undefined) => (v === undefined ? '-' : String(v));
  const met = (ok: boolean | null) => (ok === null ? '' : ok ? 'met' : 'MISSED');
  const rows: [string, number | undefined, number | undefined, string, string][] = [
    ['initial sync (docs/s)', client?.initialSyncDocsPerSec, server?.initialSyncDocsPerSec, '>= 5000', met(client && client.initialSyncDocsPerSec >= TARGETS.initialSyncDocsPerSec)],
    ['initial sync (ms)', client?.initialSyncMs, server?.initialSyncMs, '', ''],
    ['push of offline changes (docs/s)', client?.pushDocsPerSec, server?.pushDocsPerSec, '', ''],
    ['propagation p50 (ms)', client?.propagationP50Ms, server?.propagationP50Ms, '', ''],
    ['propagation p95 (ms)', client?.propagationP95Ms, server?.propagationP95Ms, '<= 300', met(client && client.propagationP95Ms <= TARGETS.propagationP95Ms)],
    ['event-loop lag p50 in initial sync (ms)', client?.eventLoopLagP50Ms, undefined, '', ''],
    ['event-loop lag p99 in initial sync (ms)', client?.eventLoopLagP99Ms, server?.eventLoopLagP99Ms, '<= 50', met(client && client.eventLoopLagP99Ms <= TARGETS.eventLoopLagP99Ms)],
    ['event-loop lag max in initial sync (ms)', client?.eventLoopLagMaxMs, undefined, '', ''],
    ['  same probe, idle process meanwhile (p99 ms)', client?.idleProcessLagP99Ms, undefined, '', ''],
    ['client CPU time in initial sync (ms)', client?.initialSyncClientCpuMs, undefined, '', ''],
    ['client CPU per synced document (us)', client?.clientCpuUsPerDoc, undefined, '<= 100', met(client && client.clientCpuUsPerDoc <= TARGETS.clientCpuUsPerDoc)],
    ['  main thread (us)', client?.clientCpuUsPerDocByThread?.main, undefined, '', ''],
    ["  store's worker thread (us)", client?.clientCpuUsPerDocByThread?.storeWorker, undefined, '', ''],
    ['  other threads: GC, compiler, libuv (us)', client?.clientCpuUsPerDocByThread?.other, undefined, '', ''],
  ];
  const lines = [
    `sync benchmark: ${TICKETS} tickets, ${PUSHES} offline changes, ${PROPAGATIONS} propagations, loopback PostgreSQL`,
    `${'figure'.padEnd(42)}${'real client'.padStart(13)}${'server only'.padStart(13)}  target   `,
    ...rows.map(([name, c, s, target, ok]) => `${name.padEnd(42)}${fmt(c).padStart(13)}${fmt(s).padStart(13)}  ${target.padEnd(8)} ${ok}`),
  ];
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const database = await createPgDatabase();
  const db = await openPg(database.url);
  const servers: Server[] = [];
  try {
    await seed(db);
    const env = { DATABASE_URL: database.url, CIMS_TOKEN_SECRET: SECRET, LOG_LEVEL: 'info' };
    servers.push(await spawnServer(env), await spawnServer(env));
    const [a, b] = servers as [Server, Server];
    const server = PART === 'client' ? null : await measureServer(a, b);
    const profileDir = process.env.BENCH_CPU_PROF;
    const client =
      PART === 'server'
        ? null
        : await measureRealClient({
            db,
            serverUrl: a.url,
            tickets: TICKETS,
            pushes: PUSHES,
            propagations: PROPAGATIONS,
            ...(PULL_BATCH ? { pullBatchSize: PULL_BATCH } : {}),
            ...(profileDir ? { execArgv: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {}),
          });
    printTable(client, server);
    const result = {
      scope: 'top level: the real client core (RxDB + SQLite storage + electron/sync) in its own process; server: plain HTTP clients, no RxDB',
      tickets: TICKETS,
      pushChanges: PUSHES,
      propagations: PROPAGATIONS,
      ...(client ?? {}),
      server,
      targets: TARGETS,
      targetsMet: client
        ? {
            initialSyncDocsPerSec: client.initialSyncDocsPerSec >= TARGETS.initialSyncDocsPerSec,
            clientCpuUsPerDoc: client.clientCpuUsPerDoc <= TARGETS.clientCpuUsPerDoc,
            propagationP95Ms: client.propagationP95Ms <= TARGETS.propagationP95Ms,
            eventLoopLagP99Ms: client.eventLoopLagP99Ms <= TARGETS.eventLoopLagP99Ms,
          }
        : null,
    };
    const dir = join(import.meta.dirname, 'results');
    mkdirSync(dir, { recursive: true });
    if (PART === 'all' && TICKETS === 50_000) writeFileSync(join(dir, 'sync.json'), JSON.stringify(result, null, 2) + '\n');
    else console.log(JSON.stringify(result, null, 2));
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db.close();
    await database.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
