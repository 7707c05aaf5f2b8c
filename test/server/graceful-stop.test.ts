/**
 * Graceful stop: SIGTERM reaches the server process while 20 pushes are in flight. Every
 * push is either committed and answered, or not committed at all (five more sent once the
 * server began its stop are refused whole); the stream gets a
 * reconnect hint; the process exits 0. After a restart the unanswered pushes are retried with
 * their push ids and everything converges: every ticket once, every ticket number once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTicket, newId } from '../../shared/domain/testing/builders';
import { SYNC_PROTOCOL_VERSION, type LoginResponse } from '../../shared/sync/protocol';
import { createUser } from '../../server/auth/users';
import type { Db } from '../../server/db/db';
import { migrate } from '../../server/db/migrate';
import { openPg } from '../../server/db/pg';
import { bearer, call, type CallResult } from '../../server/testing/harness';
import { createPgDatabase } from '../../server/testing/test-db';
import { spawnServer, type ServerProcess } from './spawn-server';

const PUSHES = 20;
/** Sent right after the signal: these must be refused whole (503 or no connection). */
const LATE = 5;
const ROWS = 40;
const teamId = newId();
const techId = newId();
let pgDb: { url: string; drop: () => Promise<void> };
let db: Db;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  pgDb = await createPgDatabase();
  db = await openPg(pgDb.url);
  await migrate(db);
  await createUser(db, { id: techId, username: 'tech.stop', password: 'tech password 1', roles: ['technician'], teamId }, 1024);
}, 60_000);

afterAll(async () => {
  for (const s of servers) await s.stop();
  await db?.close();
  await pgDb?.drop();
});

/** Reads an SSE response's raw text until the server ends it. */
async function readRaw(url: string, token: string): Promise<{ text: Promise<string> }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, 'x-cims-sync-version': String(SYNC_PROTOCOL_VERSION) } });
  expect(res.status).toBe(200);
  const text = (async () => {
    let out = '';
    const dec = new TextDecoder();
    for await (const chunk of res.body!) out += dec.decode(chunk as Uint8Array, { stream: true });
    return out;
  })();
  return { text };
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

type Outcome = { i: number; answered: true; result: CallResult } | { i: number; answered: false; error: string };

describe('graceful stop (SIGTERM during pushes)', () => {
  it('answers or refuses each push whole, hints streams to reconnect, exits 0; retries after restart converge', async () => {
    const env = { DATABASE_URL: pgDb.url, CIMS_RECONNECT_HINT_MS: '1500' };
    const first = await spawnServer(env);
    servers.push(first);
    let output = '';
    first.child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    const login = (await call(first.url, 'POST', '/auth/login', { username: 'tech.stop', password: 'tech password 1' })).body as LoginResponse;
    const stream = await readRaw(`${first.url}/sync/tickets/stream`, login.accessToken);

    const batches = Array.from({ length: PUSHES + LATE }, (_, i) => ({
      pushId: `stop-push-${String(i).padStart(2, '0')}`,
      rows: Array.from({ length: ROWS }, () => ({ newDocumentState: { ...aTicket({ teamId, assigneeId: techId, createdBy: techId }), _deleted: false } })),
    }));
    const send = (i: number) =>
      call(first.url, 'POST', '/sync/tickets/push', batches[i], bearer(login)).then(
        (result): Outcome => ({ i, answered: true, result }),
        (err: unknown): Outcome => ({ i, answered: false, error: String(err) }),
      );
    const pushes = batches.slice(0, PUSHES).map((_, i) => send(i));
    // SIGTERM as soon as the first push is answered: the others are in flight or queued.
    await Promise.race(pushes);
    const exitCode = first.stop();
    // The late ones go once the server has begun its stop (it logs that right after marking
    // itself stopping and closing its listener), not merely once the signal was sent: on a
    // busy machine the signal can take longer to be handled than a push takes to arrive.
    await waitFor(() => output.includes('"msg":"stopping: streams told to reconnect"'), 10_000);
    const late = Array.from({ length: LATE }, (_, k) => send(PUSHES + k));
    const outcomes = await Promise.all([...pushes, ...late]);
    const code = await exitCode;
    expect(code, output.slice(-4000)).toBe(0);

    // The stream was told to reconnect, then ended.
    const raw = await stream.text;
    expect(raw).toMatch(/event: reconnect\nretry: \d+\n\n/);
    expect(output).toContain('"msg":"shutting down"');
    expect(output).toMatch(/"streams":1,"msg":"stopping: streams told to reconnect"/);

    const committed = async (i: number) => {
      const ids = batches[i]!.rows.map((r) => r.newDocumentState.id);
      const docs = await db.query<{ n: number }>(`select count(*)::int as n from sync_docs where collection = 'tickets' and id = any($1::text[])`, [ids]);
      const recorded = await db.query(`select 1 from sync_pushes where push_id = $1 and response is not null`, [batches[i]!.pushId]);
      return { docs: docs.rows[0]!.n, recorded: recorded.rows.length === 1 };
    };
    const answered = outcomes.filter((o) => o.answered && o.result.status === 200);
    expect(answered.length).toBeGreaterThan(0);
    // The late ones arrived after the signal: none may have been taken.
    expect(outcomes.slice(PUSHES).every((o) => !(o.answered && o.result.status === 200))).toBe(true);
    for (const o of outcomes) {
      const c = await committed(o.i);
      if (o.answered && o.result.status === 200) {
        // Answered: committed whole.
        expect(c).toEqual({ docs: ROWS, recorded: true });
        expect((o.result.body as { conflicts: unknown[] }).conflicts).toEqual([]);
      } else {
        // Refused (503 while closing) or never connected: nothing of it committed.
        if (o.answered) expect(o.result.status).toBe(503);
        expect(c).toEqual({ docs: 0, recorded: false });
      }
    }

    // Restart on the same database; the client retries what was not answered, plus one that was.
    const second = await spawnServer(env);
    servers.push(second);
    const again = (await call(second.url, 'POST', '/auth/login', { username: 'tech.stop', password: 'tech password 1' })).body as LoginResponse;
    const retry = [...outcomes.filter((o) => !(o.answered && o.result.status === 200)).map((o) => o.i), answered[0]!.i];
    for (const i of retry) {
      const r = await call(second.url, 'POST', '/sync/tickets/push', batches[i], bearer(again));
      expect(r.status).toBe(200);
      expect((r.body as { conflicts: unknown[] }).conflicts).toEqual([]);
    }
    const totals = await db.query<{ n: number; numbers: number; pushes: number }>(
      `select count(*)::int as n, count(distinct doc->>'number')::int as numbers,
              (select count(*)::int from sync_pushes where push_id like 'stop-push-%') as pushes
         from sync_docs where collection = 'tickets'`,
    );
    const all = PUSHES + LATE;
    expect(totals.rows[0]).toEqual({ n: all * ROWS, numbers: all * ROWS, pushes: all });
    expect(await second.stop()).toBe(0);
  }, 120_000);
});
