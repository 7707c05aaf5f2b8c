/**
 * Z4: the user is disabled (or their password changed) while their laptop is offline. On
 * reconnect the session ends; every local unsynced document stays and is exportable; after
 * the admin re-enables them and they sign in again, the work reaches the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTicket, newId } from '../../shared/domain/testing/builders';
import { setActive } from '../../server/auth/users';
import { startTestServer } from '../../server/testing/harness';
import type { TestServer } from '../../server/testing/harness';
import type { SyncStatusSnapshot } from '../../electron/sync/status';
import type { UnsyncedExport } from '../../electron/sync/session';
import { startClientCore } from './cores';
import type { ClientCore } from './cores';
import { eventually } from './wait';

let server: TestServer;
let core: ClientCore;
const teamId = newId();
const techId = newId();

beforeAll(async () => {
  server = await startTestServer('pg');
  await server.userSession('tech.z4', ['technician'], { id: techId, teamId, password: 'tech password 1' });
  core = await startClientCore();
  await core.call('signIn', server.url, 'tech.z4', 'tech password 1');
}, 60_000);

afterAll(async () => {
  await core?.stop();
  await server?.close();
});

async function onServer(id: string): Promise<Record<string, unknown> | null> {
  const r = await server.db.query<{ doc: Record<string, unknown> }>(`select doc from sync_docs where collection = 'tickets' and id = $1`, [id]);
  return r.rows[0]?.doc ?? null;
}

describe('revocation while offline (Z4)', () => {
  it('Z4: session ends on reconnect, unsynced work is kept and exportable, and syncs after signing in again', async () => {
    const synced = aTicket({ teamId, assigneeId: techId, createdBy: techId });
    await core.call('insert', 'tickets', synced);
    await core.call('awaitInSync');
    expect(await onServer(synced.id)).not.toBeNull();

    await core.call('disconnect');
    const offline = aTicket({ teamId, assigneeId: techId, createdBy: techId, title: 'Created offline' });
    await core.call('insert', 'tickets', offline);
    await core.call('patch', 'tickets', synced.id, { description: 'Edited offline' });
    await setActive(server.db, techId, false);

    await core.call('resume');
    await core.call<SyncStatusSnapshot>('waitForState', 'session-ended');
    // The pending count is refreshed from the store just after the state changes.
    const status = await eventually(
      () => core.call<SyncStatusSnapshot>('status'),
      (s) => s.pendingLocalChanges === 2,
      5_000,
    );
    expect(status.state).toBe('session-ended');
    expect(status.lastError?.code).toBe('SESSION_ENDED');

    // Nothing was pushed, nothing was lost locally.
    expect(await onServer(offline.id)).toBeNull();
    expect((await onServer(synced.id))?.description).not.toBe('Edited offline');
    expect(await core.call('get', 'tickets', offline.id)).toMatchObject({ title: 'Created offline' });

    const exported = await core.call<UnsyncedExport>('exportUnsynced');
    expect(exported.format).toBe('cims-unsynced-v1');
    expect(exported.user?.id).toBe(techId);
    const ids = exported.collections.tickets?.map((d) => [d.id, d.description ?? d.title]);
    expect(ids?.sort()).toEqual(
      [
        [offline.id, offline.description],
        [synced.id, 'Edited offline'],
      ].sort(),
    );

    // Re-enabled by an admin: signing in again delivers the kept work.
    await setActive(server.db, techId, true);
    await core.call('signIn', server.url, 'tech.z4', 'tech password 1');
    await core.call('awaitInSync');
    await eventually(() => onServer(offline.id), (d) => d !== null);
    expect((await onServer(synced.id))?.description).toBe('Edited offline');
    expect((await core.call<SyncStatusSnapshot>('status')).pendingLocalChanges).toBe(0);
  });
});
