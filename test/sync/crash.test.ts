/**
 * D2: the client process is SIGKILLed while a push is in flight, or while an initial pull is
 * writing to its store. After a restart on the same SQLite files every pending change is
 * still there, nothing was taken as pushed that the server lacks, and the replication
 * converges without duplicates.
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../shared/domain/ids';
import { aTicket, newId } from '../../shared/domain/testing/builders';
import { writeServerDocs } from '../../server/sync/engine';
import { startTestServer } from '../../server/testing/harness';
import type { TestServer } from '../../server/testing/harness';
import type { UnsyncedExport } from '../../electron/sync/session';
import type { SyncStatusSnapshot } from '../../electron/sync/status';
import { startClientCore } from './cores';
import type { ClientCore } from './cores';
import { eventually } from './wait';

const SEED = Number(process.env.CIMS_D2_SEED ?? 7);
let server: TestServer;
let restarted: ClientCore | undefined;
let pullRestarted: ClientCore | undefined;
let metaRestarted: ClientCore | undefined;
let hold: PushHold | undefined;
const teamId = newId();
const techId = newId();
const pullTeamId = newId();
const pullTechId = newId();

beforeAll(async () => {
  server = await startTestServer('pg');
  await server.userSession('tech.d2', ['technician'], { id: techId, teamId, password: 'tech password 1' });
  await server.userSession('tech.d2.pull', ['technician'], { id: pullTechId, teamId: pullTeamId, password: 'tech password 1' });
}, 60_000);

afterAll(async () => {
  await restarted?.stop();
  await pullRestarted?.stop();
  await metaRestarted?.stop();
  await hold?.close();
  await server?.close();
});

interface PushHold {
  url: string;
  /** Forwards the held pushes whose client is still connected, and every later one. */
  release(): void;
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of the server that holds every push: the request stays in flight and
 * reaches the server only on `release()`; one whose client died meanwhile never does.
 * Everything else (sign-in, pulls, the event stream) passes through.
 */
async function startPushHold(target: string): Promise<PushHold> {
  const { hostname, port } = new URL(target);
  const held: { req: IncomingMessage; res: ServerResponse }[] = [];
  let holding = true;
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const up = http.request({ hostname, port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    up.on('error', () => res.destroy());
    res.on('close', () => up.destroy());
    req.pipe(up);
  };
  const proxy = http.createServer((req, res) => {
    if (holding && req.method === 'POST' && /^\/sync\/[^/]+\/push$/.test(req.url ?? '')) held.push({ req, res });
    else forward(req, res);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const addr = proxy.address() as { port: number };
  return {
    url: `http://127.0.0.1:${addr.port}`,
    release() {
      holding = false;
      for (const h of held.splice(0)) if (!h.req.socket.destroyed) forward(h.req, h.res);
    },
    async close() {
      const closing = new Promise<void>((r) => proxy.close(() => r()));
      proxy.closeAllConnections();
      await closing;
    },
  };
}

/** SQLite's own full check of the store file a killed core left, before anything reopens it. */
function integrity(dir: string): string[] {
  const db = new Database(join(dir, 'cims.sqlite'), { readonly: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  } finally {
    db.close();
  }
}

const pendingIds = async (core: ClientCore): Promise<string[]> =>
  ((await core.call<UnsyncedExport>('exportUnsynced')).collections.tickets ?? []).map((d) => String(d.id));

async function serverCount(ids: string[]): Promise<number> {
  const r = await server.db.query<{ n: string }>(`select count(*) as n from sync_docs where collection = 'tickets' and id = any($1)`, [ids]);
  return Number(r.rows[0]!.n);
}

describe('crash during a push (D2)', () => {
  it('D2: killed while pushing 1,000 tickets -> after restart all arrive exactly once', async () => {
    const core = await startClientCore();
    await core.call('signIn', server.url, 'tech.d2', 'tech password 1');
    await core.call('awaitInSync');
    const tickets = Array.from({ length: 1000 }, () => aTicket({ teamId, assigneeId: techId, createdBy: techId }));
    const ids = tickets.map((t) => t.id);
    await core.call('insertMany', 'tickets', tickets);
    // Kill as soon as the first batch has committed on the server: later batches are in flight.
    await eventually(() => serverCount(ids), (n) => n > 0, 20_000);
    await core.kill();
    // The kill landed mid-push: some tickets are on the server, not all.
    expect(await serverCount(ids)).toBeLessThan(1000);

    restarted = await startClientCore(core.dir);
    expect(await restarted.call('count', 'tickets')).toBe(1000);
    expect(await restarted.call('resume')).toBe(true);
    await restarted.call('awaitInSync');
    await eventually(() => serverCount(ids), (n) => n === 1000, 30_000);
    const numbers = await server.db.query<{ n: string | number; d: string | number }>(
      `select count(*) as n, count(distinct doc->>'number') as d from sync_docs where collection = 'tickets' and id = any($1)`,
      [ids],
    );
    // Every ticket once, each with its own server-assigned number.
    expect([Number(numbers.rows[0]!.n), Number(numbers.rows[0]!.d)]).toEqual([1000, 1000]);
    expect((await restarted.call<SyncStatusSnapshot>('status')).pendingLocalChanges).toBe(0);
  });
});

describe('crash during a pull (D2)', () => {
  it('D2: the pull stored tickets, the process died before their meta rows -> not pending, not pushed as local changes, a server edit meanwhile arrives without a conflict', async () => {
    const team = newId();
    const tech = newId();
    await server.userSession('tech.d2.meta', ['technician'], { id: tech, teamId: team, password: 'tech password 1' });
    const spec = server.app.deps.registry.get('tickets')!;
    const pulled = Array.from({ length: 200 }, () => aTicket({ teamId: team, assigneeId: tech, createdBy: tech }));
    const pulledIds = pulled.map((t) => t.id);
    await server.db.transaction((tx) => writeServerDocs(tx, spec, pulled.map((t) => ({ doc: t as unknown as Record<string, unknown> }))));
    // The desktop: its own unsynced tickets, and the server's as the pull's first write left them.
    const core = await startClientCore();
    metaRestarted = core;
    const local = Array.from({ length: 5 }, () => aTicket({ teamId: team, assigneeId: tech, createdBy: tech }));
    const localIds = local.map((t) => t.id);
    await core.call('insertMany', 'tickets', local);
    expect(await core.call('writeAsPulled', 'tickets', pulled)).toBe(pulled.length);
    // Meanwhile a manager edits every one of them on the server.
    await server.db.transaction((tx) => writeServerDocs(tx, spec, pulled.map((t) => ({ doc: { ...t, title: `${t.title} (checked)` } as unknown as Record<string, unknown> }))));
    const edited = Number((await server.db.query<{ s: string }>(`select max(seq) as s from sync_docs where collection = 'tickets'`)).rows[0]!.s);

    // Pushes held: what is pending is the desktop's own work only.
    const held = await startPushHold(server.url);
    try {
      await core.call('signIn', held.url, 'tech.d2.meta', 'tech password 1');
      expect((await pendingIds(core)).sort()).toEqual([...localIds].sort());
      held.release();
      await core.call('awaitInSync');
      await eventually(() => serverCount(localIds), (n) => n === local.length, 30_000);
      // The manager's titles on the desktop, no conflict recorded, and the server's tickets not written again.
      const titles = await eventually(
        async () => (await core.call<{ title: string }[]>('find', 'tickets', { id: { $in: pulledIds } })).filter((t) => !t.title.endsWith('(checked)')).length,
        (n) => n === 0,
        30_000,
      );
      expect(titles).toBe(0);
      expect(await core.call<unknown[]>('find', 'ticketEvents', { kind: 'field_conflict' })).toEqual([]);
      const later = await server.db.query<{ id: string }>(`select id from sync_docs where collection in ('tickets', 'ticketEvents') and seq > $1`, [edited]);
      expect(later.rows.map((r) => r.id).sort()).toEqual([...localIds].sort());
      expect((await core.call<SyncStatusSnapshot>('status')).pendingLocalChanges).toBe(0);
    } finally {
      await held.close();
    }
  }, 120_000);

  it(`D2: killed while an initial pull of 3,000 tickets is writing -> local tickets still pending, after restart all arrive exactly once (seed ${SEED})`, async () => {
    const LOCAL = 20;
    const SERVER = 3000;
    const random = seededRandom(SEED);
    // The server's tickets, written as the server writes them.
    const spec = server.app.deps.registry.get('tickets')!;
    const serverTickets = Array.from({ length: SERVER }, () => aTicket({ teamId: pullTeamId, assigneeId: pullTechId, createdBy: pullTechId }));
    const serverIds = serverTickets.map((t) => t.id);
    await server.db.transaction((tx) => writeServerDocs(tx, spec, serverTickets.map((t) => ({ doc: t as unknown as Record<string, unknown> }))));

    // Work done before signing in: on this desktop only. Its push is held in flight by the
    // proxy, so the server lacks it for the whole test until released.
    hold = await startPushHold(server.url);
    // Batches of 250 give the kill a dozen writes to land in; the held push must not time out.
    const env = { CIMS_TEST_PULL_BATCH: '250', CIMS_TEST_TIMEOUT_MS: '60000' };
    const core = await startClientCore(undefined, { env });
    const local = Array.from({ length: LOCAL }, () => aTicket({ teamId: pullTeamId, assigneeId: pullTechId, createdBy: pullTechId }));
    const localIds = local.map((t) => t.id);
    await core.call('insertMany', 'tickets', local);
    await core.call('signIn', hold.url, 'tech.d2.pull', 'tech password 1');

    // Kill at a seeded moment of the pull: past a random share of it, then a random delay.
    const killAt = LOCAL + Math.floor(SERVER * (0.05 + 0.45 * random()));
    await eventually(() => core.call<number>('count', 'tickets'), (n) => n >= killAt, 30_000);
    await new Promise((r) => setTimeout(r, Math.floor(random() * 60)));
    await core.kill();
    expect(await serverCount(localIds)).toBe(0);

    expect(integrity(core.dir)).toEqual(['ok']);
    // A manager edits every one of the server's tickets while the desktop is down: a pulled
    // ticket taken for a local change would meet the edit as a conflict without a base.
    const edited = serverTickets.map((t) => ({ ...t, title: `${t.title} (checked)`, updatedAt: new Date().toISOString() }));
    await server.db.transaction((tx) => writeServerDocs(tx, spec, edited.map((t) => ({ doc: t as unknown as Record<string, unknown> }))));
    const editedTo = Number((await server.db.query<{ s: string }>(`select max(seq) as s from sync_docs where collection = 'tickets'`)).rows[0]!.s);
    pullRestarted = await startClientCore(core.dir, { env });
    const stored = await pullRestarted.call<number>('count', 'tickets');
    // The kill landed mid-pull: some of the server's tickets are stored, not all.
    expect(stored).toBeGreaterThan(LOCAL);
    expect(stored).toBeLessThan(LOCAL + SERVER);
    expect((await pullRestarted.call<{ id: string }[]>('find', 'tickets', { id: { $in: localIds } })).length).toBe(LOCAL);

    // The push is still held: every local ticket is pending, as before the kill.
    expect(await pullRestarted.call('resume')).toBe(true);
    expect((await pendingIds(pullRestarted)).filter((id) => localIds.includes(id)).sort()).toEqual([...localIds].sort());
    await eventually(() => pullRestarted!.call<number>('count', 'tickets'), (n) => n === LOCAL + SERVER, 30_000);
    // Once the pull has stored everything, the local tickets are all that is pending: a server
    // ticket taken for a local change would be pushed back, and an edit made to it on the
    // server meanwhile recorded as a conflict the technician never had.
    const settled = await eventually(() => pendingIds(pullRestarted!), (p) => p.length === LOCAL, 5_000).catch(() => pendingIds(pullRestarted!));
    expect(settled.length, 'server tickets counted as pending local changes').toBe(LOCAL);

    hold.release();
    await pullRestarted.call('awaitInSync');
    await eventually(() => serverCount(localIds), (n) => n === LOCAL, 30_000);
    const localNow = await pullRestarted.call<{ id: string }[]>('find', 'tickets', {});
    const localSet = new Set(localNow.map((t) => t.id));
    expect([localNow.length, localSet.size]).toEqual([LOCAL + SERVER, LOCAL + SERVER]);
    expect(serverIds.filter((id) => !localSet.has(id))).toEqual([]);
    const onServer = await server.db.query<{ n: string | number; d: string | number; later: string | number }>(
      `select count(*) as n, count(distinct doc->>'number') as d, count(*) filter (where seq > $2) as later
         from sync_docs where collection = 'tickets' and doc->>'teamId' = $1`,
      [pullTeamId, editedTo],
    );
    // Every ticket once with its own number; none of the server's tickets was written again
    // (only the local ones were stored after the manager's edits).
    expect([Number(onServer.rows[0]!.n), Number(onServer.rows[0]!.d), Number(onServer.rows[0]!.later)]).toEqual([LOCAL + SERVER, LOCAL + SERVER, LOCAL]);
    expect((await pullRestarted.call<SyncStatusSnapshot>('status')).pendingLocalChanges).toBe(0);
    // The manager's edits everywhere, and no conflict the technician never had.
    const titles = await eventually(
      async () => (await pullRestarted!.call<{ id: string; title: string }[]>('find', 'tickets', { id: { $in: serverIds } })).filter((t) => !t.title.endsWith('(checked)')).length,
      (n) => n === 0,
      30_000,
    );
    expect(titles).toBe(0);
    expect(await pullRestarted.call<unknown[]>('find', 'ticketEvents', { kind: 'field_conflict' })).toEqual([]);
    const conflicts = await server.db.query(`select id from sync_docs where collection = 'ticketEvents' and doc->>'kind' = 'field_conflict'`);
    expect(conflicts.rows).toEqual([]);
  }, 120_000);
});

