/**
 * The real client side of the sync benchmark: main-process client cores (RxDB on our SQLite
 * storage + the electron/sync session), each in its own process (test/sync/cores.ts), against
 * a running server. Initial sync and offline push on an admin core that sees every ticket;
 * propagation between two technicians of a team the seeded tickets do not belong to, so
 * their own initial syncs are small.
 */
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { aTicket, newId } from '../../shared/domain/testing/builders';
import { createUser } from '../../server/auth/users';
import type { Db } from '../../server/db/db';
import { startClientCore } from '../../test/sync/cores';
import type { ClientCore } from '../../test/sync/cores';
import type { SyncStatusSnapshot } from '../../electron/sync/status';
import { percentile, round } from './stats';

export interface RealClientOptions {
  db: Db;
  serverUrl: string;
  tickets: number;
  pushes: number;
  propagations: number;
  /** Pull batch size of the client (default: the client's own). */
  pullBatchSize?: number;
  /** Extra node flags for the initial-sync core (e.g. --cpu-prof). */
  execArgv?: string[];
}

export interface RealClientResult {
  initialSyncDocsPerSec: number;
  initialSyncMs: number;
  eventLoopLagP50Ms: number;
  eventLoopLagP99Ms: number;
  eventLoopLagMaxMs: number;
  /** The same probe in the idle bench process meanwhile: the machine's share of the lag. */
  idleProcessLagP99Ms: number;
  /** CPU time of the client process (both threads) during the initial sync. */
  initialSyncClientCpuMs: number;
  /** The same per synced document, in microseconds. */
  clientCpuUsPerDoc: number;
  /**
   * That CPU per document by thread (Linux only; null elsewhere): the main thread, the store's
   * worker (the busiest other thread) and the rest (V8's garbage-collection and compiler
   * helpers, libuv's pool).
   */
  clientCpuUsPerDocByThread: { main: number; storeWorker: number; other: number } | null;
  /** The machine's 1-minute load average after the initial sync (other work inflates every figure). */
  machineLoadAverage: number;
  pushDocsPerSec: number;
  pushMs: number;
  propagationP50Ms: number;
  propagationP95Ms: number;
  propagationSamples: number;
}

const PASSWORD = 'bench-password';
const coreEnv = (pullBatchSize?: number): Record<string, string> => ({
  CIMS_TEST_TIMEOUT_MS: '120000',
  ...(pullBatchSize ? { CIMS_TEST_PULL_BATCH: String(pullBatchSize) } : {}),
});

async function serverCount(db: Db, sql: string, params: unknown[]): Promise<number> {
  const r = await db.query<{ n: string }>(sql, params);
  return Number(r.rows[0]!.n);
}

export async function measureRealClient(o: RealClientOptions): Promise<RealClientResult> {
  await createUser(o.db, { username: 'bench.client', password: PASSWORD, roles: ['admin'] }, 1024);
  const teamId = newId();
  const techA = newId();
  const techB = newId();
  await createUser(o.db, { id: techA, username: 'bench.tech.a', password: PASSWORD, roles: ['technician'], teamId }, 1024);
  await createUser(o.db, { id: techB, username: 'bench.tech.b', password: PASSWORD, roles: ['technician'], teamId }, 1024);

  const cores: ClientCore[] = [];
  try {
    // Initial sync of every ticket to an empty client, event-loop delay sampled inside it.
    const admin = await startClientCore(undefined, { env: coreEnv(o.pullBatchSize), ...(o.execArgv ? { execArgv: o.execArgv } : {}) });
    cores.push(admin);
    await admin.call('lagStart');
    // Control: the same probe in this (idle) process shows the machine's own scheduling delay.
    const control = monitorEventLoopDelay({ resolution: 1 });
    control.enable();
    type ThreadCpu = { tid: number; main: boolean; ms: number }[];
    const threads0 = await admin.call<ThreadCpu>('threadCpuMs');
    const cpu0 = await admin.call<number>('cpuMs');
    const t0 = performance.now();
    await admin.call('signIn', o.serverUrl, 'bench.client', PASSWORD);
    await admin.call('awaitInSync');
    const initialMs = performance.now() - t0;
    control.disable();
    const lag = await admin.call<{ p50: number; p99: number; max: number }>('lagStop');
    const initialCpuMs = (await admin.call<number>('cpuMs')) - cpu0;
    const threads1 = await admin.call<ThreadCpu>('threadCpuMs');
    const before = new Map(threads0.map((t) => [t.tid, t.ms]));
    const spent = threads1.map((t) => ({ ...t, ms: t.ms - (before.get(t.tid) ?? 0) }));
    const main = spent.find((t) => t.main)?.ms ?? 0;
    const others = spent.filter((t) => !t.main).sort((x, y) => y.ms - x.ms);
    const perDoc = (ms: number) => round((ms * 1000) / o.tickets, 1);
    const byThread =
      threads1.length > 0
        ? { main: perDoc(main), storeWorker: perDoc(others[0]?.ms ?? 0), other: perDoc(others.slice(1).reduce((sum, t) => sum + t.ms, 0)) }
        : null;
    const loadAfterSync = loadavg()[0]!;
    const have = await admin.call<number>('count', 'tickets');
    if (have !== o.tickets) throw new Error(`client has ${have} of ${o.tickets} tickets`);

    // Offline edits in the client, then the push once it is back online.
    const ids = await admin.call<string[]>('ids', 'tickets', o.pushes);
    await admin.call('disconnect');
    const marker = `client offline edit ${newId()}`;
    await admin.call('patchMany', 'tickets', ids, { description: marker, updatedAt: new Date().toISOString() });
    const pending = await admin.call<SyncStatusSnapshot>('status');
    const t1 = performance.now();
    await admin.call('resume');
    await admin.call('awaitInSync');
    const pushMs = performance.now() - t1;
    const arrived = await serverCount(o.db, `select count(*) as n from sync_docs where collection = 'tickets' and doc->>'description' = $1`, [marker]);
    if (arrived !== ids.length) throw new Error(`server has ${arrived} of ${ids.length} pushed edits (pending before: ${pending.pendingLocalChanges})`);
    await admin.stop();
    cores.splice(cores.indexOf(admin), 1);

    // Live propagation: technician A edits, technician B (same team) sees it.
    const [a, b] = await Promise.all([startClientCore(undefined, { env: coreEnv() }), startClientCore(undefined, { env: coreEnv() })]);
    cores.push(a, b);
    await a.call('signIn', o.serverUrl, 'bench.tech.a', PASSWORD);
    await b.call('signIn', o.serverUrl, 'bench.tech.b', PASSWORD);
    await Promise.all([a.call('awaitInSync'), b.call('awaitInSync')]);
    const ticket = aTicket({ teamId, assigneeId: techA, createdBy: techA, title: 'live 0' });
    const first = await b.call<number>('watchStart', 'tickets', ticket.id, 'title', 'live 0');
    await a.call('insert', 'tickets', ticket);
    await b.call('watchWait', first, 30_000);
    const times: number[] = [];
    for (let i = 1; i <= o.propagations; i++) {
      const title = `live ${i}`;
      const watch = await b.call<number>('watchStart', 'tickets', ticket.id, 'title', title);
      const wroteAt = await a.call<number>('timedPatch', 'tickets', ticket.id, { title, updatedAt: new Date().toISOString() });
      const seenAt = await b.call<number>('watchWait', watch, 10_000);
      times.push(seenAt - wroteAt);
    }

    return {
      initialSyncDocsPerSec: round(o.tickets / (initialMs / 1000), 0),
      initialSyncMs: round(initialMs, 0),
      eventLoopLagP50Ms: round(lag.p50),
      eventLoopLagP99Ms: round(lag.p99),
      eventLoopLagMaxMs: round(lag.max),
      idleProcessLagP99Ms: round(control.percentile(99) / 1e6),
      initialSyncClientCpuMs: round(initialCpuMs, 0),
      clientCpuUsPerDoc: round((initialCpuMs * 1000) / o.tickets, 1),
      clientCpuUsPerDocByThread: byThread,
      machineLoadAverage: round(loadAfterSync, 2),
      pushDocsPerSec: round(ids.length / (pushMs / 1000), 0),
      pushMs: round(pushMs, 0),
      propagationP50Ms: round(percentile(times, 50)),
      propagationP95Ms: round(percentile(times, 95)),
      propagationSamples: times.length,
    };
  } finally {
    await Promise.all(cores.map((c) => c.stop()));
  }
}
