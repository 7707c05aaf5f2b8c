/**
 * npm run bench:reports: every report endpoint over BENCH_TICKETS (default 1,000,000) tickets
 * on loopback PostgreSQL, served by a server process of its own. Tickets are spread over five
 * years (about 200 a day) in four product lines and two regions, a fifth of them with a CSAT
 * answer and one in twenty escalated; the reports ask for the last quarter. Prints and writes
 * bench/results/reports.json (p50 / p95 per endpoint, the server's peak RSS, the machine's load
 * average before and after). Not in npm test. BENCH_KEEP=1 keeps the seeded database and prints
 * its URL; BENCH_DATABASE_URL=<that URL> measures it again without seeding (for EXPLAIN too).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { aPolicy } from '../shared/domain/testing/builders';
import { monthOf } from '../shared/domain/metrics';
import type { LoginResponse } from '../shared/sync/protocol';
import { routePath, reportRoutes } from '../shared/sync/routes';
import { reportNames } from '../shared/api/reports';
import { createUser } from '../server/auth/users';
import { migrate } from '../server/db/migrate';
import { openPg } from '../server/db/pg';
import { cimsOrg, writeOrg } from '../server/testing/cims-org';
import { bearer, call } from '../server/testing/harness';
import { createPgDatabase } from '../server/testing/test-db';
import { cimsRegistry } from '../server/access/cims';
import { writeServerDocs } from '../server/sync/engine';
import { spawnServer } from '../test/server/spawn-server';
import { percentile, round } from './lib/stats';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const DAY = 86_400_000;
const now = Date.now();
const span = 5 * 365 * DAY;

async function seed(url: string) {
  const db = await openPg(url);
  await migrate(db);
  const org = cimsOrg();
  await writeOrg(db, org);
  const reg = cimsRegistry();
  await db.transaction((tx) => writeServerDocs(tx, reg.get('policies')!, [aPolicy('sla'), aPolicy('calendar')].map((doc) => ({ doc }))));
  const t0 = performance.now();
  // Generated in SQL: a million documents never pass through this process.
  await db.exec(`
    insert into sync_docs (collection, id, seq, doc)
    select 'assets', 'asset-' || i, i, jsonb_build_object(
      'id', 'asset-' || i, 'productLine', (array['wireless','transport','core','datacom'])[1 + i % 4],
      'parentId', null, 'status', case when i % 10 = 0 then 'spare' else 'in_service' end,
      'installDate', to_char(now() - (i % 1800) * interval '1 day', 'YYYY-MM-DD'))
    from generate_series(1, ${Math.max(100, Math.round(TICKETS / 50))}) i;
  `);
  await db.exec(`
    insert into sync_docs (collection, id, seq, doc)
    select 'tickets', 'ticket-' || i, i, jsonb_build_object(
      'id', 'ticket-' || i,
      'createdAt', to_char(c at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'respondedAt', to_char((c + interval '20 minutes') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'restoredAt', null,
      'resolvedAt', case when i % 7 = 0 then null else to_char((c + (i % 40) * interval '1 day') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') end,
      'closedAt', case when i % 7 = 0 or i % 3 = 0 then null else to_char((c + (i % 40 + 2) * interval '1 day') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') end,
      'status', case when i % 7 = 0 then 'in_progress' when i % 3 = 0 then 'resolved' else 'closed' end,
      'productLine', (array['wireless','transport','core','datacom'])[1 + i % 4],
      'severity', (array['critical','major','minor','minor'])[1 + (i / 4) % 4],
      'type', case when i % 11 = 0 then 'inquiry' else 'fault' end,
      'problemReport', i % 5 <> 0,
      'region', case when i % 2 = 0 then 'cn-east' else 'cn-south' end,
      'teamId', case when i % 2 = 0 then '${org.id.T1}' else '${org.id.T2}' end,
      'assigneeId', '', 'customerId', 'customer-' || (i % 50), 'functionalLevel', 'L1')
    from generate_series(1, ${TICKETS}) i,
         lateral (select to_timestamp(${now / 1000} - (i::float8 / ${TICKETS}) * ${span / 1000}) as c) x;
    insert into sync_docs (collection, id, seq, doc)
    select 'ticketEvents', 'csat-' || i, i, jsonb_build_object(
      'id', 'csat-' || i, 'ticketId', 'ticket-' || i, 'kind', 'csat', 'score', 1 + i % 5,
      'reason', case when i % 5 < 2 then 'slow' else null end,
      'at', to_char((to_timestamp(${now / 1000} - (i::float8 / ${TICKETS}) * ${span / 1000}) + interval '3 days') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
    from generate_series(5, ${TICKETS}, 5) i;
    insert into sync_docs (collection, id, seq, doc)
    select 'ticketEvents', 'esc-' || i, ${TICKETS} + i, jsonb_build_object(
      'id', 'esc-' || i, 'ticketId', 'ticket-' || i, 'kind', 'escalation', 'direction', 'up', 'axis', 'hierarchical',
      'fromLevel', 'assignee', 'toLevel', 'team_lead',
      'at', to_char((to_timestamp(${now / 1000} - (i::float8 / ${TICKETS}) * ${span / 1000}) + interval '1 hour') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
    from generate_series(20, ${TICKETS}, 20) i;
    analyze sync_docs;
    analyze ticket_facts;
  `);
  const seedMs = performance.now() - t0;
  const manager = org.people.find((p) => p.id === org.id.M)!;
  await createUser(db, { id: manager.id, username: 'bench-manager', password: 'bench-password', roles: ['manager'], teamId: manager.teamId }, 1024);
  await createUser(db, { username: 'bench-admin', password: 'bench-password', roles: ['admin'], teamId: null }, 1024);
  await db.close();
  return seedMs;
}

async function ticketCount(url: string): Promise<number> {
  const db = await openPg(url);
  const r = await db.query<{ n: string }>(`select count(*) as n from sync_docs where collection = 'tickets' and not deleted`);
  await db.close();
  return Number(r.rows[0]!.n);
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return round(kb / 1024, 0);
}

const reuse = process.env.BENCH_DATABASE_URL;
const keep = process.env.BENCH_KEEP === '1' || reuse !== undefined;
const created = reuse !== undefined ? { url: reuse, drop: async () => {} } : await createPgDatabase();
const load = () => loadavg().map((x) => round(x, 2)).join(' ');
let server: Awaited<ReturnType<typeof spawnServer>> | null = null;
try {
  const loadBefore = load();
  const seedMs = reuse !== undefined ? 0 : await seed(created.url);
  server = await spawnServer({ DATABASE_URL: created.url });
  const login = async (username: string) => (await call(server!.url, 'POST', '/auth/login', { username, password: 'bench-password' })).body as LoginResponse;
  const sessions = { manager: await login('bench-manager'), admin: await login('bench-admin') };
  const query = `?from=${monthOf(now - 62 * DAY)}&to=${monthOf(now)}`;
  const result: Record<string, number | string> = { tickets: reuse !== undefined ? await ticketCount(created.url) : TICKETS, period: query.slice(1), seedMs: Math.round(seedMs) };
  for (const name of reportNames) {
    for (const [who, session] of Object.entries(sessions)) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const r = await call(server.url, 'GET', routePath(reportRoutes[name]) + query, undefined, bearer(session));
        times.push(performance.now() - t0);
        if (r.status !== 200) throw new Error(`${name} as ${who}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      }
      const key = who === 'admin' ? name : `${name}Manager`;
      result[`${key}P50Ms`] = round(percentile(times, 50), 0);
      result[`${key}P95Ms`] = round(percentile(times, 95), 0);
    }
  }
  result.serverRssMb = peakRssMb(server.child.pid!);
  result.loadBefore = loadBefore;
  result.loadAfter = load();
  if (keep) result.databaseUrl = created.url;
  console.log(JSON.stringify(result, null, 1));
  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'reports.json'), JSON.stringify(result, null, 1) + '\n');
} finally {
  await server?.stop();
  if (!keep) await created.drop();
}
