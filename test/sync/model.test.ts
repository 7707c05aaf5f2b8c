/**
 * S11: a seeded random model test. Several desktops (the production core in child processes,
 * each behind its own fault proxy) work the same team's tickets through the core's contract
 * commands, as the screens do, while the test cuts and restores their connections and
 * restarts them. At the end, with every connection restored: each replica equals the
 * server's database, and every command that returned ok is there (its timeline events exist
 * on the server; a field it wrote holds its value or lost it in a recorded collision).
 *
 * The operations come from the seed. A failure prints the seed and the command that replays
 * it; CIMS_MODEL_STEPS and CIMS_MODEL_CLIENTS make the long form (npm run bench:model).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/api/result';
import type { TicketChange } from '../../shared/api/ticketWork';
import { aTicket, newId } from '../../shared/domain/testing/builders';
import type { SyncStatusSnapshot } from '../../electron/sync/status';
import { bearer, call, startTestServer, type TestServer } from '../../server/testing/harness';
import { startClientCore, type ClientCore } from './cores';
import { startFaultProxy, type FaultProxy } from './proxy';
import { eventually, sameData } from './wait';

const SEED = Number(process.env.CIMS_MODEL_SEED ?? Math.floor(Math.random() * 2 ** 31));
const STEPS = Number(process.env.CIMS_MODEL_STEPS ?? 24);
const CLIENTS = Number(process.env.CIMS_MODEL_CLIENTS ?? 2);
const TICKETS = 3;
const PASSWORD = 'model password 1';

type Doc = Record<string, unknown>;
type Op =
  | { kind: 'note' | 'reply'; client: number; ticket: number; text: string }
  | { kind: 'title'; client: number; ticket: number; text: string }
  | { kind: 'status'; client: number; ticket: number; to: 'acknowledged' | 'in_progress' | 'restored' }
  | { kind: 'pend'; client: number; ticket: number }
  | { kind: 'cut' | 'restore' | 'restart'; client: number }
  | { kind: 'pause' };

const opArbitrary = (clients: number): fc.Arbitrary<Op> => {
  const client = fc.integer({ min: 0, max: clients - 1 });
  const ticket = fc.integer({ min: 0, max: TICKETS - 1 });
  // Text as users type it, Chinese and punctuation included; never blank.
  const text = fc.string({ unit: fc.constantFrom(...'abc 断网光缆告警-#'), minLength: 1, maxLength: 12 }).map((t) => `${t.trim() || 'x'} ${newId().slice(-4)}`);
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('note' as const, 'reply' as const), client, ticket, text }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('title' as const), client, ticket, text }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('status' as const), client, ticket, to: fc.constantFrom('acknowledged' as const, 'in_progress' as const, 'restored' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('pend' as const), client, ticket }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('cut' as const, 'restore' as const), client }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), client }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'pause' as const }) },
  );
};

type WorkOp = Extract<Op, { ticket: number }>;
const commandOf = (op: WorkOp, ticketId: string): [string, unknown] => {
  switch (op.kind) {
    case 'note':
    case 'reply':
      return [`ticketWork.${op.kind}`, { ticketId, body: op.text }];
    case 'title':
      return ['ticketWork.edit', { ticketId, changes: { title: op.text } }];
    case 'pend':
      return ['ticketWork.transition', { ticketId, to: 'pending', pendingReason: 'parts' }];
    case 'status':
      return ['ticketWork.transition', { ticketId, to: op.to }];
  }
};

/** What a replica and the server disagree on (printed when they never converge). */
function replicaDiff(server: Map<string, Doc>, local: Doc[]) {
  const localIds = new Set(local.map((d) => String(d.id)));
  return {
    onlyServer: [...server.keys()].filter((id) => !localIds.has(id)),
    onlyLocal: [...localIds].filter((id) => !server.has(id)),
    differing: local.filter((d) => server.has(String(d.id)) && !sameData(d, server.get(String(d.id))!)).map((d) => ({ local: d, server: server.get(String(d.id)) })),
  };
}

const replay = `CIMS_MODEL_SEED=${SEED} CIMS_MODEL_STEPS=${STEPS} CIMS_MODEL_CLIENTS=${CLIENTS} npx vitest run test/sync/model.test.ts`;

describe(`S11: random work on ${CLIENTS} desktops with faults converges (seed ${SEED})`, () => {
  let server: TestServer;
  const proxies: FaultProxy[] = [];
  const cores: ClientCore[] = [];
  const users: string[] = [];
  const teamId = newId();
  const tickets = Array.from({ length: TICKETS }, (_, i) => aTicket({ teamId, title: `Model ticket ${i}` }));

  beforeAll(async () => {
    server = await startTestServer('pg');
    const admin = await server.userSession('model.admin', ['admin']);
    for (let i = 0; i < CLIENTS; i++) {
      await server.userSession(`model.tech.${i}`, ['technician'], { id: newId(), teamId, password: PASSWORD });
      users.push(`model.tech.${i}`);
    }
    const push = await call(server.url, 'POST', '/sync/tickets/push', { pushId: newId(), rows: tickets.map((t) => ({ newDocumentState: { ...t, _deleted: false } })) }, bearer(admin));
    expect(push.body).toMatchObject({ conflicts: [] });
    for (let i = 0; i < CLIENTS; i++) {
      const proxy = await startFaultProxy(server.url);
      proxies.push(proxy);
      const core = await startClientCore(undefined, { mode: 'core' });
      cores.push(core);
      await core.call('coreSignIn', proxy.url, users[i], PASSWORD);
      await eventually(() => core.call<number>('count', 'tickets'), (n) => n === TICKETS, 30_000);
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(cores.map((c) => c.stop()));
    await Promise.all(proxies.map((p) => p.close()));
    await server?.close();
  });

  it('every replica equals the server and every accepted command is reflected', async () => {
    const [ops] = fc.sample(fc.array(opArbitrary(CLIENTS), { minLength: STEPS, maxLength: STEPS }), { seed: SEED, numRuns: 1 });
    const acceptedEvents: string[] = [];
    const titlesWritten = new Map<string, Set<string>>(tickets.map((t) => [t.id, new Set([t.title])]));
    let refused = 0;
    const log: string[] = [];
    try {
      for (const [step, op] of ops!.entries()) {
        log.push(`${step}: ${JSON.stringify(op)}`);
        if (op.kind === 'pause') {
          await new Promise((r) => setTimeout(r, 150));
          continue;
        }
        const core = cores[op.client]!;
        if (!('ticket' in op)) {
          if (op.kind === 'cut') proxies[op.client]!.cut();
          else if (op.kind === 'restore') proxies[op.client]!.restore();
          else {
            await core.close();
            cores[op.client] = await startClientCore(core.dir, { mode: 'core' });
          }
        } else {
          const ticketId = tickets[op.ticket]!.id;
          const [name, input] = commandOf(op, ticketId);
          const result = await core.call<Result<TicketChange>>('dispatch', name, input);
          if (result.ok) {
            acceptedEvents.push(...result.value.eventIds);
            if (op.kind === 'title') titlesWritten.get(ticketId)!.add(op.text);
          } else {
            // Refusals are the domain's (an impossible transition from the state this replica
            // holds); they must be coded and change nothing.
            expect(['CONFLICT', 'FORBIDDEN', 'VALIDATION_FAILED']).toContain(result.error.code);
            refused += 1;
          }
          log[log.length - 1] += result.ok ? ' -> ok' : ` -> ${result.error.code}`;
        }
      }

      // Calm: every connection back, every desktop catches up.
      proxies.forEach((p) => p.restore());
      for (const core of cores) {
        await eventually(
          async () => ({ status: await core.call<SyncStatusSnapshot | null>('coreStatus'), active: await core.call<string[]>('coreActiveCollections') }),
          ({ status: s }) => s?.state === 'online' && s.pendingLocalChanges === 0,
          60_000,
        );
      }
      const serverDocs = async (collection: string): Promise<Map<string, Doc>> => {
        const r = await server.db.query<{ id: string; doc: Doc }>(`select id, doc from sync_docs where collection = $1 and not deleted`, [collection]);
        return new Map(r.rows.map((row) => [row.id, row.doc]));
      };
      // Settled when every replica holds what the server holds, document for document.
      for (const collection of ['tickets', 'ticketEvents']) {
        for (const [i, core] of cores.entries()) {
          await eventually(
            async () => replicaDiff(await serverDocs(collection), await core.call<Doc[]>('find', collection)),
            (diff) => diff.onlyServer.length === 0 && diff.onlyLocal.length === 0 && diff.differing.length === 0,
            60_000,
          ).catch((error: unknown) => {
            throw new Error(`client ${i}'s ${collection} differ from the server's: ${(error as Error).message}`);
          });
        }
      }
      const events = await serverDocs('ticketEvents');
      expect(acceptedEvents.filter((id) => !events.has(id))).toEqual([]);
      const stored = await serverDocs('tickets');
      // The final title is one somebody wrote (a collision keeps the loser in the timeline).
      for (const t of tickets) expect(titlesWritten.get(t.id)!.has(String(stored.get(t.id)!.title)), `title of ${t.id}`).toBe(true);
      expect(acceptedEvents.length + refused).toBeGreaterThan(0);
    } catch (error) {
      throw new Error(`S11 model run failed (seed ${SEED}). Replay: ${replay}\nOperations:\n${log.join('\n')}\n${(error as Error).message}`, { cause: error });
    }
  }, 300_000);
});
