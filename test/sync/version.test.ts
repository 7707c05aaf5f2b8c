/**
 * S10: a client on an older protocol version with pending edits. The server refuses it with
 * SYNC_VERSION_MISMATCH; the client says "update required", keeps every pending edit across
 * restarts of its process (nothing dropped, all exportable), and pushes them once it speaks
 * the current version again. The core's version header is overridden through its environment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTicket, newId } from '../../shared/domain/testing/builders';
import { startTestServer } from '../../server/testing/harness';
import type { TestServer } from '../../server/testing/harness';
import type { UnsyncedExport } from '../../electron/sync/session';
import type { SyncStatusSnapshot } from '../../electron/sync/status';
import { startClientCore } from './cores';
import type { ClientCore } from './cores';
import { eventually } from './wait';

type Doc = Record<string, unknown>;

let server: TestServer;
let current: ClientCore | undefined;
const teamId = newId();
const techId = newId();

beforeAll(async () => {
  server = await startTestServer('pg');
  await server.userSession('tech.s10', ['technician'], { id: techId, teamId, password: 'tech password 1' });
}, 60_000);

afterAll(async () => {
  await current?.stop();
  await server?.close();
});

async function serverTickets(ids: string[]): Promise<Map<string, Doc>> {
  const r = await server.db.query<{ id: string; doc: Doc }>(`select id, doc from sync_docs where collection = 'tickets' and id = any($1)`, [ids]);
  return new Map(r.rows.map((row) => [row.id, row.doc]));
}

/** Restarts the core on the same data folder, sending `syncVersion` (undefined: the current one). */
async function restart(syncVersion?: string): Promise<ClientCore> {
  const dir = current!.dir;
  await current!.close();
  current = await startClientCore(dir, syncVersion === undefined ? {} : { syncVersion });
  return current;
}

/** An outdated core: update required, replication paused, every pending edit kept and exportable. */
async function expectRefusedWithEditsKept(core: ClientCore, edited: string, created: string[]): Promise<void> {
  expect(await core.call('resume')).toBe(true);
  const s = await eventually(
    () => core.call<SyncStatusSnapshot>('status'),
    (st) => st.state === 'update-required' && st.pendingLocalChanges === created.length + 1,
  );
  expect(s.lastError?.code).toBe('SYNC_VERSION_MISMATCH');
  expect(await core.call('count', 'tickets')).toBe(created.length + 1);
  expect((await core.call<Doc>('get', 'tickets', edited)).title).toBe('edited offline');
  const exported = await core.call<UnsyncedExport>('exportUnsynced');
  expect(exported.format).toBe('cims-unsynced-v1');
  const byId = new Map((exported.collections.tickets ?? []).map((d) => [d.id, d]));
  expect([...byId.keys()].sort()).toEqual([edited, ...created].sort());
  expect(byId.get(edited)!.title).toBe('edited offline');
  // The server took nothing from the outdated client.
  const onServer = await serverTickets([edited, ...created]);
  expect(onServer.size).toBe(1);
  expect(onServer.get(edited)!.title).not.toBe('edited offline');
}

describe('an outdated client with pending edits (S10)', () => {
  it('S10: update required, pending edits survive restarts while refused, pushed once the version matches', async () => {
    current = await startClientCore();
    await current.call('signIn', server.url, 'tech.s10', 'tech password 1');
    const synced = aTicket({ teamId, assigneeId: techId, createdBy: techId, title: 'before the update' });
    await current.call('insert', 'tickets', synced);
    await current.call('awaitInSync');
    expect((await serverTickets([synced.id])).size).toBe(1);

    // Offline edits: one change to a synced ticket, three new tickets.
    await current.call('disconnect');
    await current.call('patch', 'tickets', synced.id, { title: 'edited offline' });
    const created = Array.from({ length: 3 }, (_, i) => aTicket({ teamId, assigneeId: techId, createdBy: techId, title: `new offline ${i}` }));
    await current.call('insertMany', 'tickets', created);
    const createdIds = created.map((t) => t.id);

    // The server now refuses this client's version; twice, across a process restart.
    await expectRefusedWithEditsKept(await restart('0'), synced.id, createdIds);
    await expectRefusedWithEditsKept(await restart('0'), synced.id, createdIds);

    // Updated client: same data folder, current version -> everything arrives.
    const updated = await restart();
    expect(await updated.call('resume')).toBe(true);
    await updated.call('awaitInSync');
    const onServer = await eventually(() => serverTickets([synced.id, ...createdIds]), (m) => m.size === 4);
    expect(onServer.get(synced.id)!.title).toBe('edited offline');
    expect(createdIds.map((id) => onServer.get(id)!.title)).toEqual(['new offline 0', 'new offline 1', 'new offline 2']);
    const s = await eventually(() => updated.call<SyncStatusSnapshot>('status'), (st) => st.state === 'online');
    expect(s).toMatchObject({ pendingLocalChanges: 0, lastError: null });
  }, 90_000);
});
