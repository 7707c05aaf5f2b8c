/**
 * S6, S7, S8: two main-process cores (each in its own process) and one server on PostgreSQL.
 * "Offline" is a stopped replication with edits made meanwhile; the technician and the
 * manager then reconnect in a fixed order, so the master state is known. S5: the cores'
 * clocks are a day fast and a day slow; nothing may depend on them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTicket, newId } from '../../shared/domain/testing/builders';
import { startTestServer } from '../../server/testing/harness';
import type { TestServer } from '../../server/testing/harness';
import { startClientCore } from './cores';
import type { ClientCore } from './cores';
import { eventually, sameData } from './wait';

type Doc = Record<string, unknown>;

let server: TestServer;
let tech: ClientCore;
let manager: ClientCore;
const teamId = newId();
const techId = newId();
const managerId = newId();

async function newTicketOnBoth(over: Doc = {}): Promise<string> {
  const t = aTicket({ teamId, assigneeId: techId, createdBy: techId, status: 'in_progress', ...over });
  await tech.call('insert', 'tickets', t);
  await tech.call('awaitInSync');
  await eventually(() => manager.call<Doc | null>('get', 'tickets', t.id), (d) => d !== null);
  return t.id;
}

async function bothOffline(): Promise<void> {
  await Promise.all([tech.call('disconnect'), manager.call('disconnect')]);
}

/** The manager reconnects first, then the technician; both end in sync. */
async function reconnect(first: ClientCore, second: ClientCore): Promise<void> {
  await first.call('resume');
  await first.call('awaitInSync');
  await second.call('resume');
  await second.call('awaitInSync');
  await first.call('awaitInSync');
}

async function conflictEvents(core: ClientCore, ticketId: string): Promise<Doc[]> {
  return core.call<Doc[]>('find', 'ticketEvents', { ticketId, kind: 'field_conflict' });
}

async function converged(ticketId: string): Promise<Doc> {
  const [a, b] = await eventually(
    () => Promise.all([tech.call<Doc>('get', 'tickets', ticketId), manager.call<Doc>('get', 'tickets', ticketId)]),
    ([x, y]) => x !== null && y !== null && sameData(x, y),
  );
  const row = await server.db.query<{ doc: Doc; deleted: boolean }>(`select doc, deleted from sync_docs where collection = 'tickets' and id = $1`, [ticketId]);
  expect(sameData({ ...row.rows[0]!.doc, _deleted: row.rows[0]!.deleted }, a)).toBe(true);
  expect(sameData(a, b)).toBe(true);
  return a;
}

beforeAll(async () => {
  server = await startTestServer('pg');
  await server.userSession('tech.s6', ['technician'], { id: techId, teamId, password: 'tech password 1' });
  await server.userSession('mgr.s6', ['manager'], { id: managerId, teamId, password: 'manager password 1' });
  const day = 24 * 3600 * 1000;
  [tech, manager] = await Promise.all([startClientCore(undefined, { clockSkewMs: day }), startClientCore(undefined, { clockSkewMs: -day })]);
  await tech.call('signIn', server.url, 'tech.s6', 'tech password 1');
  await manager.call('signIn', server.url, 'mgr.s6', 'manager password 1');
}, 60_000);

afterAll(async () => {
  await Promise.all([tech?.stop(), manager?.stop()]);
  await server?.close();
});

describe('two offline clients and one server', () => {
  it('S5: clocks a day fast and a day slow -> offline work of both arrives on both, nothing lost', async () => {
    await bothOffline();
    const fromTech = Array.from({ length: 5 }, () => aTicket({ teamId, assigneeId: techId, createdBy: techId }));
    const fromManager = Array.from({ length: 5 }, () => aTicket({ teamId, assigneeId: techId, createdBy: managerId }));
    await tech.call('insertMany', 'tickets', fromTech);
    await manager.call('insertMany', 'tickets', fromManager);
    await reconnect(tech, manager);
    const all = [...fromTech, ...fromManager].map((t) => t.id).sort();
    for (const core of [tech, manager]) {
      const ids = await eventually(
        async () => (await core.call<Doc[]>('find', 'tickets', { id: { $in: all } })).map((d) => String(d.id)).sort(),
        (got) => got.length === all.length,
      );
      expect(ids).toEqual(all);
    }
  });

  it('S7: changes to different fields of one ticket both survive', async () => {
    const id = await newTicketOnBoth();
    await bothOffline();
    await tech.call('patch', 'tickets', id, { description: 'Replaced the fan tray', updatedAt: '2026-03-02T05:00:00.000Z' });
    await manager.call('patch', 'tickets', id, { priority: 'P1', updatedAt: '2026-03-02T04:00:00.000Z' });
    await reconnect(manager, tech);
    const doc = await converged(id);
    expect(doc).toMatchObject({ description: 'Replaced the fan tray', priority: 'P1', updatedAt: '2026-03-02T05:00:00.000Z' });
    expect(await conflictEvents(tech, id)).toEqual([]);
    expect((await tech.call<{ pendingLocalChanges: number }>('status')).pendingLocalChanges).toBe(0);
  });

  it('S6: same field on both -> the master (first synced) wins, the loser is kept as a ticket event on both', async () => {
    const id = await newTicketOnBoth();
    await bothOffline();
    await manager.call('patch', 'tickets', id, { title: 'Manager title' });
    await tech.call('patch', 'tickets', id, { title: 'Technician title' });
    await reconnect(manager, tech);
    const doc = await converged(id);
    expect(doc.title).toBe('Manager title');
    for (const core of [tech, manager]) {
      const events = await eventually(() => conflictEvents(core, id), (e) => e.length > 0);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ field: 'title', keptValue: 'Manager title', lostValue: 'Technician title', lostAuthorId: techId, authorId: techId });
    }
  });

  it('S6 on a document the store worker downloaded: same field on both -> the master wins, the loser is kept as a ticket event', async () => {
    const id = await newTicketOnBoth({ title: 'Before the download' });
    // A second technician's new device: its first sync is a download written by the store's
    // worker (documents, RxDB's meta rows and checkpoint in one transaction per page).
    const secondId = newId();
    await server.userSession('tech2.s6', ['technician'], { id: secondId, teamId, password: 'tech password 2' });
    const second = await startClientCore();
    try {
      await second.call('signIn', server.url, 'tech2.s6', 'tech password 2');
      await second.call('awaitInSync');
      expect(await second.call<Doc>('get', 'tickets', id)).toMatchObject({ title: 'Before the download' });
      expect((await second.call<{ pendingLocalChanges: number }>('status')).pendingLocalChanges).toBe(0);
      await Promise.all([second.call('disconnect'), manager.call('disconnect')]);
      await manager.call('patch', 'tickets', id, { title: 'Manager title after the download' });
      await second.call('patch', 'tickets', id, { title: 'Second technician title' });
      await reconnect(manager, second);
      const doc = await eventually(
        () => Promise.all([second.call<Doc>('get', 'tickets', id), manager.call<Doc>('get', 'tickets', id)]),
        ([a, b]) => a !== null && b !== null && sameData(a, b),
      );
      expect(doc[0].title).toBe('Manager title after the download');
      const events = await eventually(() => conflictEvents(second, id), (e) => e.length > 0);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ field: 'title', keptValue: 'Manager title after the download', lostValue: 'Second technician title', lostAuthorId: secondId, authorId: secondId });
    } finally {
      await second.stop();
    }
  });

  it('S8: closed by the manager while the technician edits offline -> closed, technician edits kept, lost status recorded', async () => {
    const id = await newTicketOnBoth();
    await bothOffline();
    await manager.call('patch', 'tickets', id, { status: 'closed', closedAt: '2026-03-02T06:00:00.000Z' });
    await tech.call('patch', 'tickets', id, { status: 'restored', restoredAt: '2026-03-02T05:30:00.000Z', description: 'Link restored after reseat' });
    await reconnect(manager, tech);
    const doc = await converged(id);
    expect(doc).toMatchObject({ status: 'closed', closedAt: '2026-03-02T06:00:00.000Z', restoredAt: '2026-03-02T05:30:00.000Z', description: 'Link restored after reseat' });
    const events = await eventually(() => conflictEvents(manager, id), (e) => e.length > 0);
    expect(events.map((e) => [e.field, e.keptValue, e.lostValue])).toEqual([['status', 'closed', 'restored']]);
  });

  it('S8: deleted by the manager while the technician edits offline -> deleted, every technician edit kept as an event', async () => {
    const id = await newTicketOnBoth();
    await bothOffline();
    await manager.call('remove', 'tickets', id);
    await tech.call('patch', 'tickets', id, { description: 'Work done on site before the deletion' });
    await reconnect(manager, tech);
    await eventually(() => tech.call<Doc | null>('get', 'tickets', id), (d) => d === null);
    const row = await server.db.query<{ deleted: boolean }>(`select deleted from sync_docs where collection = 'tickets' and id = $1`, [id]);
    expect(row.rows[0]!.deleted).toBe(true);
    const events = await eventually(() => conflictEvents(manager, id), (e) => e.length > 0);
    expect(events.map((e) => [e.field, e.lostValue])).toEqual([['description', 'Work done on site before the deletion']]);
    const onServer = await server.db.query(`select id from sync_docs where collection = 'ticketEvents' and doc->>'ticketId' = $1 and doc->>'kind' = 'field_conflict'`, [id]);
    expect(onServer.rows).toHaveLength(1);
  });

  it('a change the server refuses settles on the master: pushed once more at most, then nothing pending, the refused values kept as events', async () => {
    const id = await newTicketOnBoth({ reopenCount: 1 });
    // Technicians neither delete tickets nor lower a reopen count; the server answers its own state.
    await tech.call('patch', 'tickets', id, { reopenCount: 0, description: 'Counter reset on site' });
    const settled = await eventually(() => tech.call<Doc>('get', 'tickets', id), (d) => d.reopenCount === 1, 20_000);
    expect(settled.description).not.toBe('Counter reset on site');
    await tech.call('remove', 'tickets', id);
    await eventually(() => tech.call<Doc | null>('get', 'tickets', id), (d) => d !== null, 20_000);
    const status = await eventually(
      () => tech.call<{ pendingLocalChanges: number; state: string }>('status'),
      (s) => s.pendingLocalChanges === 0 && s.state === 'online',
      20_000,
    );
    expect(status).toMatchObject({ pendingLocalChanges: 0, state: 'online' });
    const row = await server.db.query<{ doc: Doc; deleted: boolean }>(`select doc, deleted from sync_docs where collection = 'tickets' and id = $1`, [id]);
    expect(row.rows[0]!.deleted).toBe(false);
    expect(row.rows[0]!.doc.reopenCount).toBe(1);
    const events = await eventually(() => conflictEvents(tech, id), (e) => e.length >= 3);
    expect(events.map((e) => [e.field, e.keptValue, e.lostValue]).sort()).toEqual([
      ['_deleted', 'false', 'true'],
      ['description', String(settled.description ?? ''), 'Counter reset on site'],
      ['reopenCount', '1', '0'],
    ]);
  });

  it('S5: an edit stamped a day ahead of the server settles on the time the server clamped it to', async () => {
    const id = await newTicketOnBoth();
    const ahead = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    await tech.call('patch', 'tickets', id, { description: 'Stamped by a fast clock', updatedAt: ahead });
    const status = await eventually(
      () => tech.call<{ pendingLocalChanges: number; state: string }>('status'),
      (s) => s.pendingLocalChanges === 0 && s.state === 'online',
      20_000,
    );
    expect(status.pendingLocalChanges).toBe(0);
    const row = await server.db.query<{ doc: Doc }>(`select doc from sync_docs where collection = 'tickets' and id = $1`, [id]);
    expect(Date.parse(String(row.rows[0]!.doc.updatedAt))).toBeLessThan(Date.parse(ahead) - 3600_000);
    const local = await eventually(() => tech.call<Doc>('get', 'tickets', id), (d) => sameData(d, row.rows[0]!.doc));
    expect(local.description).toBe('Stamped by a fast clock');
  });
});
