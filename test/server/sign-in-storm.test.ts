/**
 * L2, sign-in storm: the server restarts and every desktop signs in again at the same moment
 * (tokens lost: a new token secret, or desktops that keep no session), with the real sync
 * client and real argon2 hashes at the production cost. The desktops sit at three sites, as
 * a customer's would: one service centre's desktops all behind one NAT address, a branch
 * behind another, and a few engineers at home on their own addresses (distinct loopback
 * addresses, so the server sees what it would see in the field). The login throttle and the
 * hash gate (2 hashes at once, 16 queued, then 503 OVERLOADED) are in the way of every one
 * of them: the server must shed the surplus with 503s the clients retry, never refuse a
 * correct password, and then serve each desktop exactly its own view.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTicket, newId } from '../../shared/domain/testing/builders';
import { canReadTicket } from '../../shared/domain/ticketAccess';
import type { Checkpoint, WireDocument } from '../../shared/sync/protocol';
import { createSyncHttpClient, SyncHttpError, type SyncHttpClient } from '../../electron/sync/http';
import { createMemoryTokenStore } from '../../electron/sync/tokens';
import { hashPassword } from '../../server/auth/passwords';
import { createUser } from '../../server/auth/users';
import { loadConfig } from '../../server/config';
import type { Db } from '../../server/db/db';
import { migrate } from '../../server/db/migrate';
import { openPg } from '../../server/db/pg';
import { call } from '../../server/testing/harness';
import { createPgDatabase } from '../../server/testing/test-db';
import { spawnServer, type ServerProcess } from './spawn-server';

const SECRET = 'storm-secret-storm-secret-storm-secret-01';
/** Where the desktops sit: more behind the service centre's NAT than the per-address free attempts (30). */
const SITES = [
  { name: 'centre', address: '127.0.0.2', desktops: 36, teams: [0, 1] },
  { name: 'branch', address: '127.0.0.3', desktops: 8, teams: [2] },
  ...[4, 5, 6, 7].map((n) => ({ name: `home-${n}`, address: `127.0.0.${n}`, desktops: 1, teams: [3] })),
];
const TEAMS = Array.from({ length: 4 }, () => newId());
const TICKETS = 120;
const BATCH = 25;

interface Desktop {
  id: string;
  username: string;
  password: string;
  teamId: string;
  address: string;
}

/** One answer to a sign-in as the desktop's network saw it. */
interface Answer {
  user: string;
  status: number;
  code: string | undefined;
  retryAfter: string | null;
  /** performance.now() when the answer arrived. */
  at: number;
}

/**
 * Node's fetch cannot choose its source address; the sync client takes any fetch, so each
 * site gets one on node:http bound to its own address. Sign-in answers are noted on the way.
 */
function siteFetch(address: string, answers: Answer[], user: string): typeof fetch {
  const f = (input: string | URL | Request, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : input);
      const headers = Object.fromEntries(new Headers(init.headers).entries());
      const req = request(url, { method: init.method ?? 'GET', headers, localAddress: address, ...(init.signal ? { signal: init.signal } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const status = res.statusCode ?? 0;
          if (url.pathname === '/auth/login') {
            let code: string | undefined;
            try {
              code = (JSON.parse(body.toString('utf8')) as { error?: { code?: string } }).error?.code;
            } catch {
              code = undefined;
            }
            answers.push({ user, status, code, retryAfter: res.headers['retry-after'] ?? null, at: performance.now() });
          }
          const out = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : v);
          resolve(new Response(status === 204 || body.length === 0 ? null : body, { status, headers: out }));
        });
      });
      req.on('error', reject);
      req.end(typeof init.body === 'string' ? init.body : undefined);
    });
  return f as typeof fetch;
}

async function pullAll(client: SyncHttpClient, collection: string): Promise<WireDocument[]> {
  const docs: WireDocument[] = [];
  let checkpoint: Checkpoint | null = null;
  for (;;) {
    const page = await client.pull(collection, checkpoint, BATCH);
    docs.push(...page.documents);
    if (page.documents.length === 0) return docs;
    checkpoint = page.checkpoint;
  }
}

describe('L2: every desktop signs in at once against a freshly restarted server', () => {
  let database: Awaited<ReturnType<typeof createPgDatabase>>;
  let db: Db;
  let server: ServerProcess;
  const desktops: Desktop[] = [];

  beforeAll(async () => {
    database = await createPgDatabase();
    db = await openPg(database.url);
    await migrate(db);
    // The production argon2 cost (config default): verifying is what the hash gate rations.
    const memoryKib = loadConfig({ CIMS_TOKEN_SECRET: SECRET }).argon2MemoryKib;
    let n = 0;
    for (const site of SITES) {
      for (let i = 0; i < site.desktops; i++, n++) {
        desktops.push({ id: newId(), username: `tech.${site.name}.${i}`, password: `storm password ${n} of ${site.name}`, teamId: TEAMS[site.teams[i % site.teams.length]!]!, address: site.address });
      }
    }
    const hashes = await Promise.all(desktops.map((d) => hashPassword(d.password, memoryKib)));
    await createUser(db, { username: 'root', password: 'root-password-1', roles: ['admin'] }, 1024);
    for (const [i, d] of desktops.entries()) await createUser(db, { id: d.id, username: d.username, password: d.password, passwordHash: hashes[i]!, roles: ['technician'], teamId: d.teamId }, memoryKib);

    // Yesterday's work: tickets of every team, some assigned across teams.
    server = await spawnServer({ DATABASE_URL: database.url, CIMS_TOKEN_SECRET: SECRET });
    const admin = createSyncHttpClient({ serverUrl: server.url, tokenStore: createMemoryTokenStore() });
    await admin.login('root', 'root-password-1');
    const tickets = Array.from({ length: TICKETS }, (_, i) => {
      const assignee = desktops[(i * 7) % desktops.length]!;
      return { ...aTicket({ title: `storm ${i}`, teamId: TEAMS[i % TEAMS.length]!, assigneeId: assignee.id, createdBy: assignee.id }), _deleted: false };
    });
    expect((await admin.pushAnswer('tickets', tickets.map((t) => ({ newDocumentState: t as unknown as WireDocument })))).conflicts).toEqual([]);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await db?.close();
    await database?.drop();
  });

  it('sheds the surplus with 503 OVERLOADED the clients retry, signs every desktop in, and each pull converges to its own view', async ({ annotate }) => {
    const port = new URL(server.url).port;
    server.child.kill('SIGKILL');
    await new Promise<void>((r) => server.child.once('exit', () => r()));
    server = await spawnServer({ DATABASE_URL: database.url, CIMS_TOKEN_SECRET: SECRET, PORT: port });

    const answers: Answer[] = [];
    const clients = desktops.map((d) =>
      createSyncHttpClient({ serverUrl: server.url, tokenStore: createMemoryTokenStore(), device: `desktop of ${d.username}`, fetch: siteFetch(d.address, answers, d.username) }),
    );
    const started = performance.now();
    const signedIn = await Promise.all(
      clients.map(async (c, i) => {
        const d = desktops[i]!;
        try {
          const res = await c.login(d.username, d.password);
          return { ok: res.user.id === d.id, ms: performance.now() - started, error: null };
        } catch (err) {
          return { ok: false, ms: performance.now() - started, error: err instanceof SyncHttpError ? `${err.status} ${err.code}: ${err.message}` : String(err) };
        }
      }),
    );
    const allSignedInMs = Math.max(...signedIn.map((s) => s.ms));

    const overloaded = answers.filter((a) => a.status === 503 && a.code === 'OVERLOADED');
    const figures = {
      desktops: desktops.length,
      signInAnswers: answers.length,
      overloaded: overloaded.length,
      rateLimited: answers.filter((a) => a.status === 429).length,
      mostTries: Math.max(...desktops.map((d) => answers.filter((a) => a.user === d.username).length)),
      allSignedInMs: Math.round(allSignedInMs),
      failed: signedIn.flatMap((s, i) => (s.ok ? [] : [`${desktops[i]!.username}@${desktops[i]!.address}: ${s.error}`])),
    };
    // Reported with the test (`--reporter=verbose` prints them), also when an assertion fails.
    await annotate(JSON.stringify(figures), 'figures');

    // No 5xx but the gate's 503 OVERLOADED, each with a Retry-After the client honoured.
    expect(answers.filter((a) => a.status >= 500 && !(a.status === 503 && a.code === 'OVERLOADED'))).toEqual([]);
    expect(overloaded.every((a) => Number(a.retryAfter) > 0)).toBe(true);
    // Every desktop signed in with its correct password: no RATE_LIMITED, no giving up.
    expect(figures.failed).toEqual([]);
    expect(answers.filter((a) => a.status === 429)).toEqual([]);
    // A desktop shed N times was answered N + 1 times, the last one 200, and each try waited
    // out the Retry-After before it (capped at the client's 5 s).
    for (const d of desktops) {
      const mine = answers.filter((a) => a.user === d.username);
      expect(mine.at(-1)?.status).toBe(200);
      expect(mine.slice(0, -1).every((a) => a.status === 503 && a.code === 'OVERLOADED')).toBe(true);
      for (let k = 1; k < mine.length; k++) expect(mine[k]!.at - mine[k - 1]!.at).toBeGreaterThanOrEqual(Math.min(Number(mine[k - 1]!.retryAfter) * 1000, 5_000) - 50);
    }

    // Each desktop pulls exactly what the server holds for it, by the shared read rule.
    const stored = await db.query<{ doc: Record<string, unknown> }>(`select doc from sync_docs where collection = 'tickets' and not deleted`);
    expect(stored.rows).toHaveLength(TICKETS);
    const pulled = await Promise.all(clients.map((c) => pullAll(c, 'tickets')));
    for (const [i, d] of desktops.entries()) {
      const viewer = { me: d.id, roles: new Set(['technician']), region: null, teamId: d.teamId, managedTeams: new Set<string>(), teamRegions: new Map<string, string | null>() };
      const expected = stored.rows.map((r) => r.doc).filter((doc) => canReadTicket(viewer, doc));
      const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.id).localeCompare(String(b.id));
      expect(expected.length).toBeGreaterThan(0);
      expect([...pulled[i]!].sort(byId)).toEqual(expected.map((doc): Record<string, unknown> => ({ ...doc, _deleted: false })).sort(byId));
    }

    expect(server.child.exitCode).toBeNull();
    expect((await call(server.url, 'GET', '/health')).status).toBe(200);
  }, 60_000);
});
