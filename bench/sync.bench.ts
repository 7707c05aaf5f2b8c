/**
 * npm run bench:sync: the sync server on loopback PostgreSQL, driven over its HTTP protocol
 * by plain clients (no RxDB): initial pull of 50,000 tickets, push of 5,000 offline changes
 * in protocol-sized batches, live propagation client A -> server A -> NOTIFY -> server B ->
 * client B, and this process's event-loop lag during the initial pull. Two server processes.
 * Writes bench/results/sync.json. Not part of npm test. (The RxDB client's own figures can
 * be added by driving electron/sync here instead of raw HTTP.)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { aTicket, newId } from '../shared/domain/testing/builders';
import { MAX_PULL_BATCH, MAX_PUSH_ROWS, type LoginResponse, type PullResponse, type WireDocument } from '../shared/sync/protocol';
import { cimsRegistry } from '../server/access/cims';
import { createUser } from '../server/auth/users';
import { migrate } from '../server/db/migrate';
import { openPg } from '../server/db/pg';
import { writeServerDocs } from '../server/sync/engine';
import { bearer, call } from '../server/testing/harness';
import { openStream } from '../server/testing/sse';
import { createPgDatabase } from '../server/testing/test-db';
import { spawnServer } from '../test/server/spawn-server';
import { percentile, round } from './lib/stats';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 50_000);
const PUSHES = Number(process.env.BENCH_PUSHES ?? 5_000);
const PROPAGATIONS = Number(process.env.BENCH_PROPAGATIONS ?? 200);
const SECRET = 'bench-secret-bench-secret-bench-secret-1';

async function main(): Promise<void> {
  const database = await createPgDatabase();
  const db = await openPg(database.url);
  const servers: Awaited<ReturnType<typeof spawnServer>>[] = [];
  try {
    await migrate(db);
    await createUser(db, { username: 'bench', password: 'bench-password', roles: ['admin'] }, 1024);
    const spec = cimsRegistry().get('tickets')!;
    for (let i = 0; i < TICKETS; i += 1000) {
      const docs = Array.from({ length: Math.min(1000, TICKETS - i) }, () => ({ doc: aTicket({ id: newId() }) as unknown as Record<string, unknown> }));
      await db.transaction((tx) => writeServerDocs(tx, spec, docs));
    }
    const env = { DATABASE_URL: database.url, CIMS_TOKEN_SECRET: SECRET, LOG_LEVEL: 'info' };
    servers.push(await spawnServer(env), await spawnServer(env));
    const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
    const session = (await call(a.url, 'POST', '/auth/login', { username: 'bench', password: 'bench-password' })).body as LoginResponse;

    // Initial sync: pull everything in MAX_PULL_BATCH batches.
    const lag = monitorEventLoopDelay({ resolution: 10 });
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

    const result = {
      scope: 'server over HTTP with plain clients (no RxDB / SQLite on the client side)',
      tickets: TICKETS,
      initialSyncDocsPerSec: round(TICKETS / (pullMs / 1000), 0),
      initialSyncMs: round(pullMs, 0),
      pushChanges: PUSHES,
      pushDocsPerSec: round(PUSHES / (pushMs / 1000), 0),
      propagationP50Ms: round(percentile(times, 50)),
      propagationP95Ms: round(percentile(times, 95)),
      eventLoopLagP99Ms: round(lag.percentile(99) / 1e6),
      targets: { initialSyncDocsPerSec: 5000, propagationP95Ms: 300, eventLoopLagP99Ms: 50 },
    };
    console.log(JSON.stringify(result, null, 2));
    const dir = join(import.meta.dirname, 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'sync.json'), JSON.stringify(result, null, 2) + '\n');
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
