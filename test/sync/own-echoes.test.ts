/**
 * This device's own echoes (electron/sync/README.md, "Stale echoes of this device's pushes"):
 * one technician edits a ticket's title again and again, another core of the team watches.
 * The editing core talks to the server through a proxy that orders its traffic on purpose: the
 * echo of one edit reaches the core while its next push is on its way, and RxDB applies the
 * echo only after that push was acknowledged. Nothing of the technician's may be lost: the
 * server keeps the last title, no field_conflict is recorded against the technician's own
 * previous edit, and the other core ends with the same ticket.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTicket, newId } from '../../shared/domain/testing/builders';
import { startTestServer } from '../../server/testing/harness';
import type { TestServer } from '../../server/testing/harness';
import { startClientCore } from './cores';
import type { ClientCore } from './cores';
import { startGateProxy } from './proxy';
import type { GateProxy } from './proxy';
import { eventually, sameData } from './wait';

type Doc = Record<string, unknown>;

let server: TestServer;
let proxy: GateProxy;
let editor: ClientCore;
let watcher: ClientCore;
const teamId = newId();
const editorId = newId();
const watcherId = newId();

async function serverTitle(id: string): Promise<unknown> {
  const r = await server.db.query<{ doc: Doc }>(`select doc from sync_docs where collection = 'tickets' and id = $1`, [id]);
  return r.rows[0]?.doc.title;
}

const conflictEvents = (core: ClientCore, ticketId: string) => core.call<Doc[]>('find', 'ticketEvents', { ticketId, kind: 'field_conflict' });

async function newTicket(): Promise<string> {
  const t = aTicket({ teamId, assigneeId: editorId, createdBy: editorId, title: 'echo 0' });
  await editor.call('insert', 'tickets', t);
  await editor.call('awaitInSync');
  await eventually(() => watcher.call<Doc | null>('get', 'tickets', t.id), (d) => d?.title === 'echo 0');
  return t.id;
}

const edit = (id: string, title: string) => editor.call('patch', 'tickets', id, { title, updatedAt: new Date().toISOString() });

beforeAll(async () => {
  server = await startTestServer('pg');
  proxy = await startGateProxy(server.url);
  await server.userSession('tech.echo.a', ['technician'], { id: editorId, teamId, password: 'echo password 1' });
  await server.userSession('tech.echo.b', ['technician'], { id: watcherId, teamId, password: 'echo password 2' });
  [editor, watcher] = await Promise.all([startClientCore(), startClientCore()]);
  await editor.call('signIn', proxy.url, 'tech.echo.a', 'echo password 1');
  await watcher.call('signIn', server.url, 'tech.echo.b', 'echo password 2');
  await Promise.all([editor.call('awaitInSync'), watcher.call('awaitInSync')]);
}, 60_000);

afterAll(async () => {
  await Promise.all([editor?.stop(), watcher?.stop()]);
  await proxy?.close();
  await server?.close();
});

describe("a device's own edits in quick succession", () => {
  it('the echo of an edit that arrives while the next edit is pushed does not replace it: the edit after is not lost', async () => {
    const id = await newTicket();
    // Edit 1 is pushed and acknowledged; its echo waits in the proxy.
    proxy.holdStream('tickets');
    await edit(id, 'echo 1');
    await editor.call('awaitInSync');
    expect(await serverTitle(id)).toBe('echo 1');

    // Edit 2 is on its way to the server when the echo of edit 1 reaches the core: RxDB holds
    // the echo back until the push of edit 2 is acknowledged, then applies it.
    proxy.holdPushes('tickets');
    await edit(id, 'echo 2');
    await eventually(async () => proxy.heldPushes('tickets'), (n) => n > 0);
    const echo1 = await editor.call<number>('streamWatchStart', 'tickets', id, 'title', 'echo 1');
    proxy.releaseStream('tickets', true);
    await editor.call('watchWait', echo1);
    proxy.releasePushes('tickets');
    await eventually(() => serverTitle(id), (t) => t === 'echo 2');
    await editor.call('awaitInSync');
    // The echo of edit 2 is still held: the store must keep edit 2, not take the older echo.
    expect((await editor.call<Doc>('get', 'tickets', id)).title).toBe('echo 2');

    // Edit 3 is pushed on edit 2 as its base and kept by the server.
    await edit(id, 'echo 3');
    await editor.call('awaitInSync');
    expect(await serverTitle(id)).toBe('echo 3');
    expect(await conflictEvents(editor, id)).toEqual([]);

    proxy.releaseStream('tickets');
    const [a, b] = await eventually(
      () => Promise.all([editor.call<Doc>('get', 'tickets', id), watcher.call<Doc>('get', 'tickets', id)]),
      ([x, y]) => x.title === 'echo 3' && sameData(x, y),
    );
    expect(sameData(a, b)).toBe(true);
    expect(await conflictEvents(watcher, id)).toEqual([]);
  }, 60_000);
});

/**
 * Opt-in (CIMS_SYNC_STRESS=<rounds>): bench:sync's propagation pattern under load, no proxy
 * ordering anything. Busy loops take the CPUs; each round one ticket is edited in a burst (each
 * edit right after the previous local write) and then edit by edit as bench:sync does (each
 * after the watcher saw the previous one). Asserts that nothing was lost; the propagation
 * times are only printed.
 */
const STRESS_ROUNDS = Number(process.env.CIMS_SYNC_STRESS ?? 0);
const STRESS_EDITS = Number(process.env.CIMS_SYNC_STRESS_EDITS ?? 40);

describe.runIf(STRESS_ROUNDS > 0)('under load: many rounds of quick edits', () => {
  it('no edit is lost, no field_conflict against the own edits, the watcher converges', async () => {
    const loops: ChildProcess[] = Array.from({ length: Number(process.env.CIMS_SYNC_STRESS_LOOPS ?? 3) }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
    const report: { round: number; notSeen: number; maxMs: number; conflicts: number; lost: boolean }[] = [];
    try {
      proxy.releaseStream('tickets');
      proxy.releasePushes('tickets');
      // The editor's own stream lags (CIMS_SYNC_STRESS_DELAY_MS), as a busy core's does.
      proxy.delayStream('tickets', Number(process.env.CIMS_SYNC_STRESS_DELAY_MS ?? 0));
      for (let round = 1; round <= STRESS_ROUNDS; round++) {
        const id = await newTicket();
        for (let i = 1; i <= STRESS_EDITS; i++) await edit(id, `burst ${round}.${i}`);
        let notSeen = 0;
        let maxMs = 0;
        for (let i = 1; i <= STRESS_EDITS; i++) {
          const title = `step ${round}.${i}`;
          const watch = await watcher.call<number>('watchStart', 'tickets', id, 'title', title);
          const wroteAt = await editor.call<number>('timedPatch', 'tickets', id, { title, updatedAt: new Date().toISOString() });
          const seenAt = await watcher.call<number>('watchWait', watch, 10_000).catch(() => null);
          if (seenAt === null) notSeen++;
          else maxMs = Math.max(maxMs, seenAt - wroteAt);
        }
        const last = `step ${round}.${STRESS_EDITS}`;
        await editor.call('awaitInSync');
        const stored = await serverTitle(id);
        const conflicts = (await conflictEvents(editor, id)).length;
        report.push({ round, notSeen, maxMs: Math.round(maxMs), conflicts, lost: stored !== last });
        console.log(`round ${round}: ${JSON.stringify(report.at(-1))}`);
        // Both end on the server's ticket (a lost edit included), whatever the round's outcome.
        await eventually(
          () => Promise.all([editor.call<Doc>('get', 'tickets', id), watcher.call<Doc>('get', 'tickets', id)]),
          ([x, y]) => x.title === stored && sameData(x, y),
          30_000,
        );
      }
      expect(report.filter((r) => r.lost || r.conflicts > 0)).toEqual([]);
    } finally {
      proxy.delayStream('tickets', 0);
      for (const l of loops) l.kill();
      console.log(`stress: ${JSON.stringify(report)}`);
    }
  }, 3_600_000);
});
