/**
 * S9 / Z4: the session ends while the push of a long offline backlog is on its way. RxDB's
 * upstream has queued a push job per batch it read; the first one is in flight when the server
 * refuses the user. Nothing of the backlog may be taken as sent: it stays pending and
 * exportable, and reaches the server once the user signs in again.
 *
 * The replication used to pause for good (RxDB's pause()). A push paused while RxDB retries it
 * is answered as sent; RxDB leaves its documents without a base and its checkpoint as it was,
 * but the next job queued behind it took the rest of the backlog (dropped the same way) and a
 * last one found no documents left and stored the checkpoint past all of them: the pending
 * count fell to 0 and the backlog was never pushed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTicket, newId } from '../../shared/domain/testing/builders';
import { MAX_PUSH_ROWS } from '../../shared/sync/protocol';
import { setActive } from '../../server/auth/users';
import { startTestServer, type TestServer } from '../../server/testing/harness';
import type { SyncStatusSnapshot } from '../../electron/sync/status';
import type { UnsyncedExport } from '../../electron/sync/session';
import { startClientCore, type ClientCore } from './cores';
import { startGateProxy, type GateProxy } from './proxy';
import { eventually } from './wait';

/** RxDB's upstream reads MAX_PUSH_ROWS * 4 documents per push job (replication.ts): three jobs. */
const LOCAL = MAX_PUSH_ROWS * 4 * 2 + 500;

let server: TestServer;
let proxy: GateProxy;
let core: ClientCore;
const teamId = newId();
const techId = newId();

beforeAll(async () => {
  server = await startTestServer('pg');
  proxy = await startGateProxy(server.url);
  await server.userSession('tech.held', ['technician'], { id: techId, teamId, password: 'tech password 1' });
  core = await startClientCore(undefined, { env: { CIMS_TEST_TIMEOUT_MS: '30000' } });
  await core.call('signIn', proxy.url, 'tech.held', 'tech password 1');
  await core.call('awaitInSync');
}, 60_000);

afterAll(async () => {
  await core?.stop();
  await proxy?.close();
  await server?.close();
});

const countOnServer = async (ids: string[]): Promise<number> =>
  Number((await server.db.query<{ n: string }>(`select count(*) as n from sync_docs where collection = 'tickets' and id = any($1)`, [ids])).rows[0]!.n);

describe('a session that ends while a backlog is being pushed', () => {
  it(`keeps all ${LOCAL} offline tickets pending and exportable, and pushes them after signing in again`, async () => {
    await core.call('disconnect');
    const local = Array.from({ length: LOCAL }, () => aTicket({ teamId, assigneeId: techId, createdBy: techId, title: 'Created offline' }));
    const ids = local.map((t) => t.id);
    for (let i = 0; i < LOCAL; i += 1000) await core.call('insertMany', 'tickets', local.slice(i, i + 1000));

    // Back online: the first push waits in the proxy until RxDB has queued a job per batch.
    proxy.holdPushes('tickets');
    await core.call('resume');
    await eventually(
      async () => ({ jobs: (await core.call<{ persistToMaster: number } | null>('upstreamStats', 'tickets'))?.persistToMaster ?? 0, held: proxy.heldPushes('tickets') }),
      (s) => s.jobs >= 3 && s.held === 1,
      30_000,
    );

    // The user is disabled meanwhile: the push is refused and the session ends.
    await setActive(server.db, techId, false);
    proxy.releasePushes('tickets');
    await core.call<SyncStatusSnapshot>('waitForState', 'session-ended', 30_000);
    // Give RxDB's queued jobs the time to run (its retry wait is 200 ms here).
    await new Promise((r) => setTimeout(r, 1_000));
    const status = await core.call<SyncStatusSnapshot>('status');
    expect(status.state).toBe('session-ended');
    expect(status.pendingLocalChanges).toBe(LOCAL);
    const exported = await core.call<UnsyncedExport>('exportUnsynced');
    expect(exported.collections.tickets?.map((t) => t.id).sort()).toEqual([...ids].sort());
    expect(await countOnServer(ids)).toBe(0);

    // Enabled again: signing in pushes the whole backlog, each ticket once.
    await setActive(server.db, techId, true);
    await core.call('signIn', proxy.url, 'tech.held', 'tech password 1');
    await core.call('awaitInSync');
    await eventually(() => countOnServer(ids), (n) => n === LOCAL, 60_000);
    const after = await eventually(
      () => core.call<SyncStatusSnapshot>('status'),
      (s) => s.pendingLocalChanges === 0,
      30_000,
    );
    expect(after.state).not.toBe('session-ended');
  }, 180_000);
});
