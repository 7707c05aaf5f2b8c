/**
 * D2: the client process is SIGKILLed while a push is in flight. After a restart on the same
 * SQLite files every pending change is still there, nothing was taken as pushed that the
 * server lacks, and the replication converges without duplicates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTicket, newId } from '../../shared/domain/testing/builders';
import { startTestServer } from '../../server/testing/harness';
import type { TestServer } from '../../server/testing/harness';
import type { SyncStatusSnapshot } from '../../electron/sync/status';
import { startClientCore } from './cores';
import type { ClientCore } from './cores';
import { eventually } from './wait';

let server: TestServer;
let restarted: ClientCore | undefined;
const teamId = newId();
const techId = newId();

beforeAll(async () => {
  server = await startTestServer('pg');
  await server.userSession('tech.d2', ['technician'], { id: techId, teamId, password: 'tech password 1' });
}, 60_000);

afterAll(async () => {
  await restarted?.stop();
  await server?.close();
});

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
