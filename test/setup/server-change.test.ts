/**
 * The server address, first chosen and later changed, on the real core against a real server.
 * Changing it signs out and keeps every local record; work not yet on the old server stays
 * pending for its owner, and a sign-in to the new server is refused (STORE_HAS_UNSYNCED)
 * by the rule that guards a store against another user on the same computer, until that
 * work reaches the old server.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/api/result';
import type { SessionView } from '../../shared/api/session';
import type { SetupView } from '../../shared/api/setup';
import type { SyncStatusView } from '../../shared/api/sync';
import { createCore, type Core } from '../../electron/core/core';
import { startTestServer, type TestServer } from '../../server/testing/harness';
import { relay } from '../e2e/relay';

const PASSWORD = 'correct horse battery';

/** The latest value of a live query once it satisfies `ready`. */
const until = async <T>(core: Core, name: string, ready: (value: T) => boolean, timeoutMs = 30_000): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    let latest: unknown;
    const timer = setTimeout(() => reject(new Error(`${name} never got there: ${JSON.stringify(latest)}`)), timeoutMs);
    let stop: (() => void) | null = null;
    const sub = core.router.subscribe(name, {}, (r: Result<unknown>) => {
      latest = r;
      if (r.ok && ready(r.value as T)) {
        clearTimeout(timer);
        queueMicrotask(() => stop?.());
        resolve(r.value as T);
      }
    });
    if (sub.ok) stop = sub.value;
  });

describe('choosing and changing the server address', () => {
  let server: TestServer;
  let dir: string;
  let core: Core;
  let line: Awaited<ReturnType<typeof relay>>;

  beforeAll(async () => {
    server = await startTestServer('pg');
    // An administrator reads every ticket, so the one made offline comes back as it was sent.
    await server.userSession('mia', ['admin']);
    line = await relay(server.url);
    dir = await mkdtemp(join(tmpdir(), 'cims-server-change-'));
    core = await createCore({ dataDir: dir, shell: 'harness', version: '1.0.0' });
  });
  afterAll(async () => {
    await core?.close();
    await line?.cut().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    await server?.close();
  });

  it('starts as a first run and refuses an address the sign-in would refuse, changing nothing', async () => {
    expect(await until<SetupView>(core, 'setup.current', () => true)).toEqual({ firstRun: true, serverUrl: null });
    const insecure = await core.router.dispatch('setup.chooseServer', { serverUrl: 'http://cims.example.com' });
    expect(insecure).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'serverUrl', message: 'validation.serverUrlInsecure' }] } });
    const garbage = await core.router.dispatch('setup.chooseServer', { serverUrl: 'ftp://cims' });
    expect(garbage).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: expect.arrayContaining([expect.objectContaining({ path: 'serverUrl', message: 'validation.serverUrlInvalid' })]) } });
    expect(core.settings.get()).toMatchObject({ serverUrl: null, setupDone: false });
    expect(await until<SetupView>(core, 'setup.current', () => true)).toEqual({ firstRun: true, serverUrl: null });
  });

  it('remembers the chosen server, and the first run is over', async () => {
    const chosen = await core.router.dispatch('setup.chooseServer', { serverUrl: `${line.url}/` });
    expect(chosen).toEqual({ ok: true, value: { firstRun: false, serverUrl: line.url } });
    expect(core.settings.get()).toMatchObject({ serverUrl: line.url, setupDone: true });
  });

  it('signs out on a change of server, keeps the work the old server has not got, and lets it go nowhere else', async () => {
    expect((await core.router.dispatch('session.signIn', { serverUrl: line.url, username: 'mia', password: PASSWORD })).ok).toBe(true);
    await until<SyncStatusView>(core, 'sync.status', (s) => s.state === 'online');
    await line.cut();
    const created = await core.router.dispatch('tickets.create', { title: 'Made before the move', severity: 'minor', type: 'fault', channel: 'phone', newCustomerName: 'Harbour Works', contact: { name: 'Wu' }, problemReport: true });
    expect(created.ok).toBe(true);
    const ticketId = (created as { value: { id: string } }).value.id;
    await until<SyncStatusView>(core, 'sync.status', (s) => s.pendingLocalChanges >= 2);

    // The same server under another address is another server to the store.
    const moved = await core.router.dispatch('setup.changeServer', { serverUrl: server.url });
    expect(moved).toMatchObject({ ok: true, value: { serverUrl: server.url, signedOut: true } });
    expect((moved as { value: { pendingLocalChanges: number } }).value.pendingLocalChanges).toBeGreaterThanOrEqual(2);
    const session = await until<SessionView>(core, 'session.current', () => true);
    expect(session).toMatchObject({ user: null, storeOwner: { username: 'mia', serverUrl: line.url } });
    expect(await until<SetupView>(core, 'setup.current', () => true)).toEqual({ firstRun: false, serverUrl: server.url });
    expect(await core.db.tickets.findOne(ticketId).exec()).not.toBeNull();

    const elsewhere = await core.router.dispatch('session.signIn', { serverUrl: server.url, username: 'mia', password: PASSWORD });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'STORE_HAS_UNSYNCED' } });
    expect((await until<SyncStatusView>(core, 'sync.status', () => true)).pendingLocalChanges).toBeGreaterThanOrEqual(2);
    const onServer = await server.db.query(`select id from sync_docs where collection = 'tickets' and id = $1`, [ticketId]);
    expect(onServer.rows).toHaveLength(0);
  });

  it('takes the kept work to its server when the address is changed back', async () => {
    await line.restore();
    const back = await core.router.dispatch('setup.changeServer', { serverUrl: line.url });
    expect(back).toMatchObject({ ok: true, value: { serverUrl: line.url, signedOut: false } });
    expect((await core.router.dispatch('session.signIn', { serverUrl: line.url, username: 'mia', password: PASSWORD })).ok).toBe(true);
    await until<SyncStatusView>(core, 'sync.status', (s) => s.state === 'online' && s.pendingLocalChanges === 0);
    const rows = await server.db.query<{ title: string }>(`select doc->>'title' as title from sync_docs where collection = 'tickets' and not deleted`);
    expect(rows.rows.map((r) => r.title)).toEqual(['Made before the move']);
  });
});
