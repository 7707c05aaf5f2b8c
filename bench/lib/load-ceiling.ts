/**
 * The write ceiling of one collection. Every write of a collection takes that collection's
 * counter row lock and holds it to commit (S4: sequences are never seen out of order), so
 * pushes of one collection are serialised across every server process on the database.
 * Here many plain-HTTP pushers create one ticket per push, spread over 1, 2, 4 server
 * processes on one PostgreSQL database, for a fixed time; meanwhile PostgreSQL's own view of
 * who waits on a lock is sampled, with the servers' CPU and the machine's, so the figures
 * say whether the lock or the CPU is what stops the rate growing.
 */
import pg from 'pg';
import { aTicket, newId } from '../../shared/domain/testing/builders';
import type { LoginResponse } from '../../shared/sync/protocol';
import { bearer, call } from '../../server/testing/harness';
import { spawnServer, type ServerProcess } from '../../test/server/spawn-server';
import { cpuMs, machineTicks, watchServerErrors, type ServerErrorLog } from './load-server';
import { percentile, round } from './stats';

export interface CeilingOptions {
  databaseUrl: string;
  serverEnv: Record<string, string>;
  processes: number[];
  pushers: number;
  seconds: number;
  /** A technician of `teamId`: creating tickets in their own team is what the field does. */
  user: { id: string; username: string; password: string; teamId: string };
  log: (msg: string) => void;
}

export interface CeilingRun {
  processes: number;
  pushers: number;
  seconds: number;
  pushes: number;
  pushesPerSec: number;
  pushP50Ms: number;
  pushP99Ms: number;
  /** Replies other than 200 without conflicts, and requests without a reply. */
  failed: number;
  server5xx: number;
  /** Mean number of database sessions of the servers waiting on a lock, and running at all. */
  lockWaitersMean: number;
  activeSessionsMean: number;
  /**
   * While sessions always wait, the lock is never free: each push then holds it for
   * 1000 / pushesPerSec ms (its statements' round trips, the server's code between them and
   * the commit). Null when the lock was mostly free.
   */
  lockHeldMsPerPush: number | null;
  /** Which statements the lock waits were in (share of the waiting samples). */
  lockWaitsIn: Record<string, number>;
  /** Server processes' CPU over the run, in percent of one core (200 = both cores). */
  serverCpuPct: number;
  /** The bench process (the pushers) and the whole machine, likewise. */
  pusherCpuPct: number;
  machineBusyPct: number;
}

function startLockSampler(url: string): { stop(): Promise<{ waiting: number; active: number; on: Record<string, number> }> } {
  const client = new pg.Client({ connectionString: url });
  const samples: { waiting: number; active: number }[] = [];
  /** What the waiting sessions were running: statement start -> samples. */
  const on: Record<string, number> = {};
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const r = await client.query<{ q: string; waiting: boolean }>(
        `select left(regexp_replace(query, '\\s+', ' ', 'g'), 48) as q, wait_event_type = 'Lock' as waiting
           from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state = 'active'`,
      );
      const waiting = r.rows.filter((row) => row.waiting);
      for (const w of waiting) on[w.q] = (on[w.q] ?? 0) + 1;
      samples.push({ waiting: waiting.length, active: r.rows.length });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const mean = (k: 'waiting' | 'active') => samples.reduce((a, s) => a + s[k], 0) / Math.max(1, samples.length);
      const total = Object.values(on).reduce((a, b) => a + b, 0);
      const shares = Object.fromEntries(
        Object.entries(on)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 3)
          .map(([q, n]) => [q, round(n / Math.max(1, total), 2)]),
      );
      return { waiting: mean('waiting'), active: mean('active'), on: shares };
    },
  };
}

async function oneRun(o: CeilingOptions, processes: number): Promise<CeilingRun> {
  const servers: ServerProcess[] = [];
  const errors: ServerErrorLog[] = [];
  try {
    for (let i = 0; i < processes; i++) {
      const s = await spawnServer(o.serverEnv);
      servers.push(s);
      errors.push(watchServerErrors(s.child));
    }
    const login = await call(servers[0]!.url, 'POST', '/auth/login', { username: o.user.username, password: o.user.password });
    if (login.status !== 200) throw new Error(`ceiling login: ${login.status} ${JSON.stringify(login.body)}`);
    const auth = bearer(login.body as LoginResponse);
    const pushOne = async (url: string): Promise<boolean> => {
      const doc = { ...aTicket({ id: newId(), teamId: o.user.teamId, assigneeId: o.user.id, createdBy: o.user.id, title: 'ceiling' }), _deleted: false };
      try {
        const r = await call(url, 'POST', '/sync/tickets/push', { pushId: newId(), rows: [{ newDocumentState: doc }] }, auth);
        return r.status === 200 && (r.body as { conflicts: unknown[] }).conflicts.length === 0;
      } catch {
        return false;
      }
    };
    // Warm-up: each server's connection pool, JIT and the push path.
    await Promise.all(servers.map(async (s) => {
      for (let i = 0; i < 20; i++) await pushOne(s.url);
    }));

    const times: number[] = [];
    let failed = 0;
    const locks = startLockSampler(o.databaseUrl);
    const cpu0 = servers.map((s) => cpuMs(s.child.pid!));
    const me0 = process.cpuUsage();
    const m0 = machineTicks();
    const t0 = performance.now();
    const end = t0 + o.seconds * 1000;
    await Promise.all(
      Array.from({ length: o.pushers }, async (_, j) => {
        const url = servers[j % servers.length]!.url;
        while (performance.now() < end) {
          const t = performance.now();
          if (await pushOne(url)) times.push(performance.now() - t);
          else failed += 1;
        }
      }),
    );
    const ms = performance.now() - t0;
    const m1 = machineTicks();
    const me1 = process.cpuUsage(me0);
    const serverCpu = servers.reduce((sum, s, i) => sum + cpuMs(s.child.pid!) - cpu0[i]!, 0);
    const lock = await locks.stop();
    const run: CeilingRun = {
      processes,
      pushers: o.pushers,
      seconds: round(ms / 1000, 1),
      pushes: times.length,
      pushesPerSec: round(times.length / (ms / 1000), 0),
      pushP50Ms: round(percentile(times, 50)),
      pushP99Ms: round(percentile(times, 99)),
      failed,
      server5xx: errors.reduce((n, e) => n + e.total(), 0),
      lockWaitersMean: round(lock.waiting, 1),
      activeSessionsMean: round(lock.active, 1),
      lockHeldMsPerPush: lock.waiting >= 1 ? round(ms / Math.max(1, times.length), 1) : null,
      lockWaitsIn: lock.on,
      serverCpuPct: round((serverCpu / ms) * 100, 0),
      pusherCpuPct: round(((me1.user + me1.system) / 1000 / ms) * 100, 0),
      machineBusyPct: round(((m1.busy - m0.busy) / (m1.total - m0.total)) * 100, 0),
    };
    o.log(`write ceiling, ${processes} server process(es): ${run.pushesPerSec} pushes/s, p99 ${run.pushP99Ms} ms, lock waiters ${run.lockWaitersMean}, machine ${run.machineBusyPct}% busy`);
    return run;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

export async function measureWriteCeiling(o: CeilingOptions): Promise<CeilingRun[]> {
  const runs: CeilingRun[] = [];
  for (const k of o.processes) runs.push(await oneRun(o, k));
  return runs;
}
