/**
 * Another user on the same desktop: the store holds one (server, user) at a time. The admin
 * pulls everything they may see and signs out; the technician who signs in next finds none of
 * it and nothing pending. A ticket written while signed out counts as the owner's pending
 * work: another user's sign-in is refused until it is on the server (or exported), and only
 * the owner's next sign-in pushes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatusView } from '../../shared/api/sync';
import type { UnsyncedExportFile } from '../../shared/api/session';
import { aTicket, newId } from '../../shared/domain/testing/builders';
import { bearer, call, startTestServer, type TestServer } from '../../server/testing/harness';
import { startClientCore, type ClientCore } from './cores';
import { eventually } from './wait';

const ADMIN_PW = 'admin password 1';
const TECH_PW = 'tech password 1';

describe('switching users on one desktop', () => {
  let server: TestServer;
  let core: ClientCore;
  const techTeam = newId();
  const otherTeam = newId();
  const techId = newId();
  const adminId = newId();
  const visible = aTicket({ teamId: techTeam, assigneeId: techId, title: 'For the technician' });
  const adminOnly = Array.from({ length: 30 }, (_, i) => aTicket({ teamId: otherTeam, title: `Other team ${i}` }));

  beforeAll(async () => {
    server = await startTestServer('pg');
    const admin = await server.userSession('switch.admin', ['admin'], { id: adminId, password: ADMIN_PW });
    await server.userSession('switch.tech', ['technician'], { id: techId, teamId: techTeam, password: TECH_PW });
    const rows = [visible, ...adminOnly].map((d) => ({ newDocumentState: { ...d, _deleted: false } }));
    expect((await call(server.url, 'POST', '/sync/tickets/push', { pushId: newId(), rows }, bearer(admin))).body).toMatchObject({ conflicts: [] });
    core = await startClientCore(undefined, { mode: 'core' });
  }, 120_000);

  afterAll(async () => {
    await core?.stop();
    await server?.close();
  });

  const onServer = async (id: string) =>
    (await server.db.query<{ doc: Record<string, unknown> }>(`select doc from sync_docs where collection = 'tickets' and id = $1`, [id])).rows[0]?.doc ?? null;
  const status = () => core.call<SyncStatusView>('coreStatusView');

  it('the technician after the admin sees none of the admin’s records and has nothing pending', async () => {
    await core.call('coreSignInAs', server.url, 'switch.admin', ADMIN_PW);
    await eventually(() => core.call<number>('count', 'tickets'), (n) => n === 31, 30_000);
    await core.call('coreAwaitInSync');
    expect((await status()).pendingLocalChanges).toBe(0);
    await core.call('coreSignOut');
    // Signed out, the admin's records stay until someone else signs in.
    expect(await core.call<number>('count', 'tickets')).toBe(31);
    expect((await status()).pendingLocalChanges).toBe(0);

    await core.call('coreSignInAs', server.url, 'switch.tech', TECH_PW);
    await eventually(() => core.call<{ id: string }[]>('find', 'tickets'), (docs) => docs.length === 1, 30_000);
    const synced = await core.call<SyncStatusView>('coreAwaitInSync');
    expect(synced.pendingLocalChanges).toBe(0);
    expect((await core.call<{ id: string }[]>('find', 'tickets')).map((d) => d.id)).toEqual([visible.id]);
    for (const t of adminOnly.slice(0, 3)) expect(await core.call('get', 'tickets', t.id)).toBeNull();
    expect((await status()).pendingLocalChanges).toBe(0);
  }, 60_000);

  it('a ticket written while signed out is pending, blocks another user, and goes up with its owner only', async () => {
    await core.call('coreSignOut');
    const offline = aTicket({ teamId: techTeam, assigneeId: techId, createdBy: techId, title: 'Written while signed out' });
    await core.call('insert', 'tickets', offline);
    await eventually(status, (s) => s.pendingLocalChanges === 1, 10_000);

    // The admin is told and refused; the technician's work stays, unpushed.
    await expect(core.call('coreSignInAs', server.url, 'switch.admin', ADMIN_PW)).rejects.toMatchObject({ code: 'STORE_HAS_UNSYNCED' });
    // Asking to discard without having exported it is refused too.
    await expect(core.call('coreSignInAs', server.url, 'switch.admin', ADMIN_PW, true)).rejects.toMatchObject({ code: 'STORE_HAS_UNSYNCED' });
    expect(await core.call('get', 'tickets', offline.id)).toMatchObject({ title: 'Written while signed out' });
    expect(await onServer(offline.id)).toBeNull();
    expect((await status()).state).toBe('signed-out');
    expect((await status()).pendingLocalChanges).toBe(1);

    await core.call('coreSignInAs', server.url, 'switch.tech', TECH_PW);
    await core.call('coreAwaitInSync');
    expect(await onServer(offline.id)).toMatchObject({ title: 'Written while signed out', createdBy: techId });
    expect((await status()).pendingLocalChanges).toBe(0);
  }, 60_000);

  it('after a restart while signed out, the owner’s unsynced ticket is still counted and still keeps others out', async () => {
    await core.call('coreSignOut');
    const later = aTicket({ teamId: techTeam, assigneeId: techId, createdBy: techId, title: 'Written before a restart' });
    await core.call('insert', 'tickets', later);
    await core.close();
    core = await startClientCore(core.dir, { mode: 'core' });
    await eventually(status, (s) => s.pendingLocalChanges === 1, 10_000);
    await expect(core.call('coreSignInAs', server.url, 'switch.admin', ADMIN_PW)).rejects.toMatchObject({ code: 'STORE_HAS_UNSYNCED' });
    expect(await onServer(later.id)).toBeNull();
    await core.call('coreSignInAs', server.url, 'switch.tech', TECH_PW);
    await core.call('coreAwaitInSync');
    expect(await onServer(later.id)).toMatchObject({ title: 'Written before a restart' });
  }, 60_000);

  it('exported work may be left behind: the next user then starts on an empty store', async () => {
    await core.call('coreSignOut');
    const kept = aTicket({ teamId: techTeam, assigneeId: techId, createdBy: techId, title: 'Exported, not synced' });
    await core.call('insert', 'tickets', kept);
    await eventually(status, (s) => s.pendingLocalChanges === 1, 10_000);
    const file = await core.call<UnsyncedExportFile>('coreExportUnsynced');
    expect(file.documents).toBe(1);
    expect(file.json).toContain(kept.id);

    await core.call('coreSignInAs', server.url, 'switch.admin', ADMIN_PW, true);
    await eventually(() => core.call<number>('count', 'tickets'), (n) => n === 33, 30_000);
    const synced = await core.call<SyncStatusView>('coreAwaitInSync');
    expect(synced.pendingLocalChanges).toBe(0);
    expect(await core.call('get', 'tickets', kept.id)).toBeNull();
    expect(await onServer(kept.id)).toBeNull();
  }, 60_000);
});
