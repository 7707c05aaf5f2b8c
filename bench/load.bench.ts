/**
 * npm run bench:load: RELIABILITY.md L1 on loopback PostgreSQL. Not in npm test.
 *
 * "10,000 tickets each side" is read as: the server starts with 10,000 tickets, which the
 * clients pull, and the clients together create 10,000 tickets, which they push. The clients
 * are technicians in teams (BENCH_TEAMS, 5 per team at the default size), as in the field: a
 * technician's replica holds their team's tickets, so each pulls its team's share of the
 * server's tickets, then its teammates' new tickets, then every edit a teammate makes.
 *
 * 1. L1 against one server process: 50 real client cores (test/sync/cores.ts, RxDB on our
 *    SQLite storage + electron/sync, one process each) sign in and make their initial pull a
 *    few at a time (BENCH_START), as people arrive, then all stay online;
 *    then each creates its share of the 10,000 tickets in small local writes (each pushed as
 *    the client does it); then each makes random edits (title, description, tags) of its
 *    team's tickets, teammates on the same tickets, so conflicts and merges happen. Every
 *    push and pull request is timed in the client as it sees it (request to end of body);
 *    every reply status is counted in the clients, and every 5xx in the server's log; the
 *    server's RSS is sampled throughout. After each phase every client must be online with
 *    nothing pending within 300 s (one that is not is listed in `unsettled` and the run goes
 *    on). At the end each replica is compared, collection by collection, with what the
 *    server lets that user pull.
 * 2. The write ceiling: pushes of one collection take its counter row lock to commit (S4),
 *    so they are serialised across server processes. Plain-HTTP pushers create one ticket per
 *    push against 1, 2 and 4 server processes on one database (bench/lib/load-ceiling.ts).
 *    It runs first, on the seeded database: it is short, and load.json holds its figures
 *    (marked incomplete) while L1 runs.
 *
 * Writes bench/results/load.json (keys clients, errors, pushP99Ms, pullP99Ms, serverRssMb,
 * replicasEqual, writeCeiling {'1','2','4'}, and the details) when run at the default size;
 * other sizes print the JSON instead. Environment: BENCH_CLIENTS (50), BENCH_TICKETS (10,000
 * on the server), BENCH_CLIENT_TICKETS (10,000 created by the clients together), BENCH_TEAMS
 * (10), BENCH_UPDATES (100 edits per client), BENCH_CREATE_CHUNK (10 tickets per local
 * write), BENCH_THINK_MS (100: mean pause between a client's writes), BENCH_START (4: cores
 * starting, and signing in with their initial pull, at once), BENCH_SEED,
 * BENCH_CEILING_PROCESSES (1,2,4), BENCH_CEILING_PUSHERS (32), BENCH_CEILING_SECONDS (10),
 * BENCH_PART (all | l1 | ceiling).
 * Develop with e.g. BENCH_CLIENTS=4 BENCH_TICKETS=500 BENCH_CLIENT_TICKETS=500.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aTicket, newId } from '../shared/domain/testing/builders';
import { cimsRegistry } from '../server/access/cims';
import { createUser } from '../server/auth/users';
import type { Db } from '../server/db/db';
import { migrate } from '../server/db/migrate';
import { openPg } from '../server/db/pg';
import { writeServerDocs } from '../server/sync/engine';
import { createPgDatabase } from '../server/testing/test-db';
import { spawnServer, type ServerProcess } from '../test/server/spawn-server';
import { measureWriteCeiling, type CeilingRun } from './lib/load-ceiling';
import { runLoadClients, type LoadClientResult, type LoadUser } from './lib/load-clients';
import { peakRssMb, sampleRss, watchServerErrors } from './lib/load-server';
import { round } from './lib/stats';

const num = (name: string, dflt: number) => (process.env[name] ? Number(process.env[name]) : dflt);
const CLIENTS = num('BENCH_CLIENTS', 50);
const SERVER_TICKETS = num('BENCH_TICKETS', 10_000);
const CLIENT_TICKETS = num('BENCH_CLIENT_TICKETS', SERVER_TICKETS);
const TEAMS = Math.max(1, Math.min(CLIENTS, num('BENCH_TEAMS', 10)));
const UPDATES = num('BENCH_UPDATES', 100);
const CREATE_CHUNK = num('BENCH_CREATE_CHUNK', 10);
const THINK_MS = num('BENCH_THINK_MS', 100);
const START = num('BENCH_START', 4);
const SEED = num('BENCH_SEED', 20_261_130);
const CEILING_PROCESSES = (process.env.BENCH_CEILING_PROCESSES ?? '1,2,4').split(',').map(Number);
const CEILING_PUSHERS = num('BENCH_CEILING_PUSHERS', 32);
const CEILING_SECONDS = num('BENCH_CEILING_SECONDS', 10);
const PART = process.env.BENCH_PART ?? 'all';
const DEFAULT_SIZE = CLIENTS === 50 && SERVER_TICKETS === 10_000 && CLIENT_TICKETS === 10_000 && PART === 'all';
const SECRET = 'bench-secret-bench-secret-bench-secret-1';
const PASSWORD = 'bench-password';

const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);

/** Teams, technicians and the server's tickets, spread evenly over the teams. */
async function seed(db: Db): Promise<{ users: LoadUser[]; perTeam: Map<string, number>; ceilingUser: LoadUser }> {
  await migrate(db);
  const admin = await createUser(db, { username: 'bench.admin', password: PASSWORD, roles: ['admin'] }, 1024);
  const teams = Array.from({ length: TEAMS }, () => newId());
  const users: LoadUser[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const u = { id: newId(), username: `load.tech.${i}`, teamId: teams[i % TEAMS]! };
    await createUser(db, { ...u, password: PASSWORD, passwordHash: admin.password_hash, roles: ['technician'] }, 1024);
    users.push(u);
  }
  // The write ceiling's pusher: a technician of a team no client is in.
  const ceilingUser = { id: newId(), username: 'load.ceiling', teamId: newId() };
  await createUser(db, { ...ceilingUser, password: PASSWORD, passwordHash: admin.password_hash, roles: ['technician'] }, 1024);

  const spec = cimsRegistry().get('tickets')!;
  const perTeam = new Map<string, number>(teams.map((t) => [t, 0]));
  const members = (team: string) => users.filter((u) => u.teamId === team);
  for (let i = 0; i < SERVER_TICKETS; i += 1000) {
    const docs = Array.from({ length: Math.min(1000, SERVER_TICKETS - i) }, (_, k) => {
      const n = i + k;
      const team = teams[n % TEAMS]!;
      perTeam.set(team, perTeam.get(team)! + 1);
      const crew = members(team);
      // Most assigned to a member of the team, some waiting in the team's queue.
      const assigneeId = n % 5 === 4 ? '' : crew[Math.floor(n / TEAMS) % crew.length]!.id;
      return { doc: aTicket({ id: newId(), teamId: team, assigneeId, createdBy: admin.id, title: `seeded ${n}` }) as unknown as Record<string, unknown> };
    });
    await db.transaction((tx) => writeServerDocs(tx, spec, docs));
  }
  return { users, perTeam, ceilingUser };
}

interface L1Result {
  client: LoadClientResult;
  server5xx: number;
  server5xxByStatus: Record<string, number>;
  server5xxExamples: string[];
  serverRss: { startMb: number; peakMb: number; endMb: number; meanMb: number; kernelPeakMb: number };
  totalMs: number;
}

async function runL1(db: Db, databaseUrl: string, users: LoadUser[], perTeam: Map<string, number>): Promise<L1Result> {
  const server: ServerProcess = await spawnServer({ DATABASE_URL: databaseUrl, CIMS_TOKEN_SECRET: SECRET, LOG_LEVEL: 'info' });
  const errors = watchServerErrors(server.child);
  const pid = server.child.pid!;
  const rss = sampleRss([pid]);
  const t0 = performance.now();
  try {
    const client = await runLoadClients({
      db,
      serverUrl: server.url,
      users,
      password: PASSWORD,
      seededPerTeam: perTeam,
      clientTickets: CLIENT_TICKETS,
      updatesPerClient: UPDATES,
      createChunk: CREATE_CHUNK,
      thinkMs: THINK_MS,
      startConcurrency: START,
      seed: SEED,
      log,
    });
    const kernelPeakMb = peakRssMb(pid);
    const r = rss.stop();
    return {
      client,
      server5xx: errors.total(),
      server5xxByStatus: errors.byStatus,
      server5xxExamples: errors.examples,
      serverRss: { startMb: round(r.startMb, 0), peakMb: round(r.peakMb, 0), endMb: round(r.endMb, 0), meanMb: round(r.meanMb, 0), kernelPeakMb: round(kernelPeakMb, 0) },
      totalMs: round(performance.now() - t0, 0),
    };
  } finally {
    rss.stop();
    await server.stop();
  }
}

/** A figure for the table: '-' when there is none, whole numbers from 100 up. */
const f = (n: number): string => (Number.isNaN(n) ? '-' : String(Math.abs(n) >= 100 ? Math.round(n) : round(n, 1)));
const row = (cells: (string | number)[], widths: number[]) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[0]!) : (typeof c === 'number' ? f(c) : c).padStart(widths[i]!))).join('');

function printTable(l1: L1Result | null, ceiling: CeilingRun[]): void {
  const lines: string[] = [];
  if (l1) {
    const c = l1.client;
    const p = c.phases;
    const w = [14, 8, 8, 9, 9, 9, 9, 9, 9, 9];
    lines.push(
      `L1 load: ${CLIENTS} client cores (technicians in ${TEAMS} teams), ${SERVER_TICKETS} server tickets, ${CLIENT_TICKETS} created by clients, ${UPDATES} edits per client, one server, loopback PostgreSQL`,
      row(['phase', 's', 'docs', 'docs/s', 'pushes', 'p50 ms', 'p99 ms', 'pulls', 'p50 ms', 'p99 ms'], w),
      ...(
        [
          ['initial sync', p.initialSync],
          ['create', p.create],
          ['edits', p.update],
        ] as const
      ).map(([name, x]) => row([name, x.ms / 1000, x.docs, x.docsPerSec, x.pushRequests, x.pushP50Ms, x.pushP99Ms, x.pullRequests, x.pullP50Ms, x.pullP99Ms], w)),
      row(['all requests', '', '', '', c.all.pushRequests, c.all.pushP50Ms, c.all.pushP99Ms, c.all.pullRequests, c.all.pullP50Ms, c.all.pullP99Ms], w),
      `(latency: each push / pull HTTP request as the client sees it, to the end of the reply; live changes arrive over the SSE stream, not by pull)`,
      `5xx: ${l1.server5xx} logged by the server, ${c.clientSeen5xx} seen by clients; requests without a reply: ${c.all.failedRequests} ${JSON.stringify(c.all.failedBy)}; reply statuses: ${JSON.stringify(c.all.statuses)}`,
      `replicas equal the server: ${c.replicasEqual ? 'yes' : 'NO'} (${c.docsCompared} documents compared${c.replicasEqual ? '' : `; ${c.replicaMismatches.length} mismatching collections`}); clients not settled within 300 s of a phase: ${c.unsettled.length}`,
      `server RSS MiB: start ${f(l1.serverRss.startMb)}, peak ${f(l1.serverRss.peakMb)} (kernel high-water ${f(l1.serverRss.kernelPeakMb)}), end ${f(l1.serverRss.endMb)}; client RSS MiB: mean ${f(c.clientRssMeanMb)}, max ${f(c.clientRssMaxMb)}`,
      `cores started in ${f(c.startMs / 1000)} s; sign-ins tried again after a timeout: ${p.initialSync.signInRetries}; whole L1 run ${f(l1.totalMs / 1000)} s`,
    );
  }
  if (ceiling.length) {
    const w = [9, 10, 9, 9, 14, 8, 13, 14, 15, 8];
    lines.push(
      '',
      `write ceiling of one collection (tickets, 1 row per push, ${CEILING_PUSHERS} plain-HTTP pushers, ${CEILING_SECONDS} s per row)`,
      row(['servers', 'pushes/s', 'p50 ms', 'p99 ms', 'lock waiters', 'active', 'server CPU%', 'pushers CPU%', 'machine busy%', 'failed'], w),
      ...ceiling.map((r) => row([String(r.processes), r.pushesPerSec, r.pushP50Ms, r.pushP99Ms, r.lockWaitersMean, r.activeSessionsMean, r.serverCpuPct, r.pusherCpuPct, r.machineBusyPct, r.failed + r.server5xx], w)),
      '(lock waiters / active: mean database sessions of the servers waiting on a lock / running; CPU% of one core, machine busy% of all cores)',
      ...ceiling.map((r) => `  ${r.processes} server(s): lock held ${r.lockHeldMsPerPush ?? '-'} ms per push; lock waits in ${JSON.stringify(r.lockWaitsIn)}`),
    );
  }
  console.log(lines.join('\n'));
}

/** What load.json holds; `complete` is false while parts are still to run. */
function resultOf(l1: L1Result | null, ceiling: CeilingRun[], t0: number, complete: boolean) {
  const c = l1?.client;
  return {
    scope:
      'L1: real client cores (RxDB + SQLite storage + electron/sync), one process each, technicians in teams, one server process on loopback PostgreSQL; latencies per HTTP request as the client sees it; write ceiling: plain-HTTP pushers of one collection',
    clients: CLIENTS,
    teams: TEAMS,
    serverTickets: SERVER_TICKETS,
    clientTickets: CLIENT_TICKETS,
    updatesPerClient: UPDATES,
    seed: SEED,
    errors: l1 ? Math.max(l1.server5xx, c!.clientSeen5xx) : null,
    pushP50Ms: c?.all.pushP50Ms ?? null,
    pushP99Ms: c?.all.pushP99Ms ?? null,
    pullP50Ms: c?.all.pullP50Ms ?? null,
    pullP99Ms: c?.all.pullP99Ms ?? null,
    serverRssMb: l1?.serverRss.peakMb ?? null,
    replicasEqual: c?.replicasEqual ?? null,
    throughput: c
      ? {
          initialSyncDocsPerSec: c.phases.initialSync.docsPerSec,
          createdTicketsPerSec: round(CLIENT_TICKETS / (c.phases.create.serverHasAllMs / 1000), 0),
          editsPerSec: round((UPDATES * CLIENTS) / (c.phases.update.editsDoneMs / 1000), 0),
          // The push requests the clients made while they wrote: set against the write ceiling.
          pushRequestsPerSec: round((c.phases.create.pushRequests + c.phases.update.pushRequests) / ((c.phases.create.ms + c.phases.update.ms) / 1000), 1),
        }
      : null,
    writeCeiling: Object.fromEntries(ceiling.map((r) => [String(r.processes), r.pushesPerSec])),
    l1,
    writeCeilingRuns: ceiling,
    totalSeconds: round((performance.now() - t0) / 1000, 0),
    complete,
  };
}

function report(result: ReturnType<typeof resultOf>): void {
  if (DEFAULT_SIZE) {
    const dir = join(import.meta.dirname, 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'load.json'), JSON.stringify(result, null, 2) + '\n');
    log(`wrote bench/results/load.json${result.complete ? '' : ' (partial)'}`);
  } else if (result.complete) console.log(JSON.stringify(result, null, 2));
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const database = await createPgDatabase();
  const db = await openPg(database.url);
  try {
    const { users, perTeam, ceilingUser } = await seed(db);
    log(`seeded ${SERVER_TICKETS} tickets over ${TEAMS} teams, ${CLIENTS} technicians`);
    // The write ceiling first: short, and its figures stand whatever happens to the long part.
    const ceiling =
      PART === 'l1'
        ? []
        : await measureWriteCeiling({
            databaseUrl: database.url,
            serverEnv: { DATABASE_URL: database.url, CIMS_TOKEN_SECRET: SECRET, LOG_LEVEL: 'info' },
            processes: CEILING_PROCESSES,
            pushers: CEILING_PUSHERS,
            seconds: CEILING_SECONDS,
            user: { ...ceilingUser, password: PASSWORD },
            log,
          });
    if (ceiling.length) printTable(null, ceiling);
    if (PART === 'all') report(resultOf(null, ceiling, t0, false));
    const l1 = PART === 'ceiling' ? null : await runL1(db, database.url, users, perTeam);
    if (l1) printTable(l1, ceiling);
    const result = resultOf(l1, ceiling, t0, true);
    report(result);
    if (l1 && (result.errors !== 0 || !result.replicasEqual)) process.exitCode = 1;
  } finally {
    await db.close();
    await database.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
