/**
 * A store written by the previous release (ticket and asset schema v0), with synced tickets,
 * assets and unsynced edits, is opened by this release (v1 of both): they are migrated,
 * the edits are still pending (RxDB's replication bookkeeping was migrated, not dropped),
 * and once the updated server is reachable they are pushed, with nothing lost and no
 * false conflict (RELIABILITY S10; ARCHITECTURE: "a migration never drops a pending change").
 *
 * The previous release is built here from its kept definitions (shared/schema/history.ts):
 * its client runs in this process on the real SQLite storage and replicates with a server
 * that validates tickets and assets as v0 and stands at database migration 6. The server is
 * then upgraded (migration 7 fills the new fields of stored tickets, 9 those of assets) and
 * this release's client
 * core opens the same data folder in its own process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import type { RxCollection, RxDatabase } from 'rxdb';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { cimsRegistry } from '../../server/access/cims';
import { createUser } from '../../server/auth/users';
import { testConfig } from '../../server/config';
import { migrate, schemaVersion } from '../../server/db/migrate';
import { migrations } from '../../server/db/migrations';
import { writeServerDocs } from '../../server/sync/engine';
import type { AccessContext, Registry } from '../../server/sync/registry';
import { createTestDb, type TestDb } from '../../server/testing/test-db';
import { openDatabase } from '../../electron/db/open';
import { createSyncSession } from '../../electron/sync/session';
import { createFileTokenStore } from '../../electron/sync/tokens';
import type { UnsyncedExport } from '../../electron/sync/session';
import type { SyncStatusSnapshot } from '../../electron/sync/status';
import { collectionsAtPreviousRelease } from '../../shared/schema/history';
import { ticketSchemaV0, type TicketV0 } from '../../shared/schema/tickets';
import { assetSchemaV0, migrateAssetV0ToV1, type AssetV0 } from '../../shared/schema/assets';
import { aCustomer, anAsset, aTicket, newId } from '../../shared/domain/testing/builders';
import { startClientCore, type ClientCore } from '../sync/cores';
import { eventually } from '../sync/wait';

type Doc = Record<string, unknown>;

const PASSWORD = 'tech password 1';
const teamId = newId();
const techId = newId();
const customer = aCustomer({ id: newId(), code: 'CU-KEY-1', name: 'Northwind Power', tier: 'key' });

let t: TestDb | undefined;
let app: FastifyInstance | undefined;
let core: ClientCore | undefined;
const dir = mkdtempSync(join(tmpdir(), 'cims-migration-'));

afterAll(async () => {
  await core?.stop();
  await app?.close();
  await t?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** The previous release's server: tickets and assets validated as v0 (its shared schemas). */
function previousReleaseRegistry(): Registry<AccessContext> {
  const current = cimsRegistry() as unknown as Registry<AccessContext>;
  const asV0 = (name: 'tickets' | 'assets', schema: typeof ticketSchemaV0 | typeof assetSchemaV0) => ({
    ...current.get(name)!,
    validate(doc: Doc) {
      const r = schema.safeParse(doc);
      return r.success ? { ok: true as const, doc: r.data as Doc & { id: string } } : { ok: false as const, message: r.error.issues[0]?.message ?? 'invalid' };
    },
  });
  const v0 = { tickets: asV0('tickets', ticketSchemaV0), assets: asV0('assets', assetSchemaV0) };
  return { ...current, get: (name) => (name === 'tickets' || name === 'assets' ? v0[name] : current.get(name)) };
}

async function listen(db: TestDb['db'], port: number, registry?: Registry<AccessContext>): Promise<{ server: FastifyInstance; url: string }> {
  const server = await buildServer({ db, config: testConfig(), logger: pino({ level: 'silent' }), ...(registry ? { registry } : {}) });
  await server.listen({ port, host: '127.0.0.1' });
  const addr = server.server.address();
  return { server, url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` };
}

async function stopServer(server: FastifyInstance): Promise<void> {
  const closing = server.close();
  server.server.closeAllConnections();
  await closing;
}

async function serverDocs(collection: string): Promise<Map<string, { doc: Doc; seq: number }>> {
  const r = await t!.db.query<{ id: string; doc: Doc; seq: string }>(`select id, doc, seq from sync_docs where collection = $1`, [collection]);
  return new Map(r.rows.map((row) => [row.id, { doc: row.doc, seq: Number(row.seq) }]));
}
const serverTickets = () => serverDocs('tickets');

/** An asset as the previous release wrote it: no lifecycle, ownership or custody. */
function v0Asset(over: Partial<AssetV0>): AssetV0 {
  const { ownership, contractEnd, lifecycle, custody, ...v0 } = anAsset({ id: newId(), customerId: customer.id, ...over });
  void [ownership, contractEnd, lifecycle, custody];
  return assetSchemaV0.parse(v0);
}

/** A ticket as the previous release wrote it: no summary fields. */
function v0Ticket(over: Partial<TicketV0>): TicketV0 {
  const { customerName, customerTier, ...v0 } = aTicket({ teamId, assigneeId: techId, createdBy: techId, customerId: customer.id, ...over });
  void customerName;
  void customerTier;
  return ticketSchemaV0.parse(v0);
}

describe('opening a store of the previous release with unsynced edits', () => {
  it('migrates the tickets and assets, keeps the edits pending, then pushes them: nothing lost, no conflict', async () => {
    // ---- the previous release: server at migration 6, tickets v0 -------------------------
    t = await createTestDb('pg');
    await migrate(t.db, { to: 6 });
    // This release's sync engine plays the previous release's server here, and it writes the
    // readers' history column of migration 10, which the previous release's data never needed.
    await t.db.query(`alter table sync_docs add column older_docs jsonb not null default '[]'::jsonb`);
    await createUser(t.db, { id: techId, username: 'tech.migrate', password: PASSWORD, roles: ['technician'], teamId }, testConfig().argon2MemoryKib);
    const registry = previousReleaseRegistry();
    await t.db.transaction((tx) => writeServerDocs(tx, registry.get('customers')!, [{ doc: customer }]));
    const old = await listen(t.db, 0, registry);
    app = old.server;
    const port = Number(new URL(old.url).port);

    const db = await openDatabase({ directory: dir, collections: collectionsAtPreviousRelease });
    expect(db.tickets.schema.version).toBe(0);
    const session = createSyncSession({
      db: db as unknown as RxDatabase,
      collections: collectionsAtPreviousRelease,
      tokenStore: createFileTokenStore(join(dir, 'session.json')),
      retryTimeMs: 200,
      maxRetryTimeMs: 1000,
    });
    await session.signIn(old.url, 'tech.migrate', PASSWORD);
    const synced = [v0Ticket({ title: 'synced, edited offline later' }), v0Ticket({ title: 'synced, untouched' }), v0Ticket({ title: 'synced, unknown customer', customerId: newId() })];
    const oldTickets = db.tickets as unknown as RxCollection<TicketV0>;
    await oldTickets.bulkInsert(synced);
    const assets = [v0Asset({ assetCode: 'AS-MIG-1', rfidTag: 'E200MIG1', status: 'in_service' }), v0Asset({ assetCode: 'AS-MIG-2', rfidTag: '', status: 'spare' })];
    const oldAssets = db.assets as unknown as RxCollection<AssetV0>;
    await oldAssets.bulkInsert(assets);
    await session.replication()!.awaitInSync();
    expect(await session.replication()!.refreshPending()).toBe(0);
    expect((await db.customers.findOne(customer.id).exec())?.name).toBe('Northwind Power');

    // Offline: one edit of a synced ticket, two new tickets (one for an unknown customer).
    await session.close();
    const edited = synced[0]!.id;
    await (await oldTickets.findOne(edited).exec(true)).incrementalPatch({ title: 'edited offline', updatedAt: '2026-03-30T10:00:00.000Z' });
    const created = [v0Ticket({ title: 'created offline' }), v0Ticket({ title: 'created offline, unknown customer', customerId: newId() })];
    await oldTickets.bulkInsert(created);
    // And one asset edited offline (assets v0 -> v1 in this release).
    const editedAsset = assets[0]!.id;
    await (await oldAssets.findOne(editedAsset).exec(true)).incrementalPatch({ model: 'OSN-9800-M', updatedAt: '2026-03-30T11:00:00.000Z' });
    await db.close();

    const before = await serverTickets();
    expect(before.size).toBe(3);
    expect(before.get(edited)!.doc).not.toHaveProperty('customerName');
    const maxSeqBefore = Math.max(...[...before.values()].map((r) => r.seq));

    // ---- the update: server migrated and stopped for the upgrade -------------------------
    await stopServer(old.server);
    app = undefined;
    // The release's ticket migration (7) and every later one run; the schema ends at the latest.
    const latest = Math.max(...migrations.map((m) => m.version));
    expect(await migrate(t.db)).toEqual(migrations.filter((m) => m.version > 6).map((m) => m.version));
    expect(await schemaVersion(t.db)).toBe(latest);
    const migrated = await serverTickets();
    expect(migrated.get(edited)!.doc).toMatchObject({ title: 'synced, edited offline later', customerName: 'Northwind Power', customerTier: 'key' });
    expect(migrated.get(synced[2]!.id)!.doc).toMatchObject({ customerName: '', customerTier: 'general' });
    // Changed documents are pulled again: each got a new sequence above the old ones.
    for (const { seq } of migrated.values()) expect(seq).toBeGreaterThan(maxSeqBefore);
    // Assets: the server's migration 9 gives what the client's migration gives.
    const migratedAssets = await serverDocs('assets');
    for (const a of assets) expect(migratedAssets.get(a.id)!.doc).toEqual(migrateAssetV0ToV1(a));

    // This release's client opens the folder while the server is still down: local migration.
    core = await startClientCore(dir);
    expect(await core.call('resume')).toBe(true);
    const offline = await eventually(
      () => core!.call<SyncStatusSnapshot>('status'),
      (s) => s.state === 'offline' && s.pendingLocalChanges === 4,
    );
    expect(offline.pendingLocalChanges).toBe(4);
    const exported = await core.call<UnsyncedExport>('exportUnsynced');
    const pending = new Map((exported.collections.tickets ?? []).map((d) => [d.id, d]));
    expect([...pending.keys()].sort()).toEqual([edited, ...created.map((c) => c.id)].sort());
    expect(pending.get(edited)).toMatchObject({ title: 'edited offline', customerName: 'Northwind Power', customerTier: 'key' });
    expect(pending.get(created[0]!.id)).toMatchObject({ customerName: 'Northwind Power', customerTier: 'key' });
    expect(pending.get(created[1]!.id)).toMatchObject({ customerName: '', customerTier: 'general' });
    expect(await core.call<Doc>('get', 'tickets', synced[1]!.id)).toMatchObject({ customerName: 'Northwind Power', customerTier: 'key' });
    expect(await core.call('count', 'tickets')).toBe(5);
    expect((exported.collections.assets ?? []).map((d) => d.id)).toEqual([editedAsset]);
    expect(exported.collections.assets?.[0]).toMatchObject({ model: 'OSN-9800-M', ownership: 'customer', lifecycle: migrateAssetV0ToV1(assets[0]!).lifecycle });

    // ---- the updated server comes back on the same address: everything arrives -----------
    app = (await listen(t.db, port)).server;
    await core.call('awaitInSync');
    const after = await eventually(serverTickets, (m) => m.size === 5 && m.get(edited)!.doc.title === 'edited offline');
    expect(after.get(created[0]!.id)!.doc).toMatchObject({ title: 'created offline', customerName: 'Northwind Power', customerTier: 'key' });
    expect(after.get(created[1]!.id)!.doc).toMatchObject({ customerName: '', customerTier: 'general' });
    expect(after.get(edited)!.doc).toMatchObject({ title: 'edited offline', customerName: 'Northwind Power', customerTier: 'key' });
    const status = await eventually(
      () => core!.call<SyncStatusSnapshot>('status'),
      (s) => s.state === 'online' && s.pendingLocalChanges === 0,
    );
    expect(status.lastError).toBeNull();
    const assetsAfter = await eventually(() => serverDocs('assets'), (m) => m.get(editedAsset)!.doc.model === 'OSN-9800-M');
    expect(assetsAfter.get(editedAsset)!.doc).toEqual({ ...migrateAssetV0ToV1(assets[0]!), model: 'OSN-9800-M', updatedAt: '2026-03-30T11:00:00.000Z' });
    for (const doc of await core.call<Doc[]>('find', 'assets')) {
      const { _meta, _rev, _attachments, _deleted, ...data } = doc;
      void [_meta, _rev, _attachments, _deleted];
      expect(data).toEqual(assetsAfter.get(String(doc.id))!.doc);
    }
    // No false conflict: a conflict would have left a field_conflict event on the timeline.
    expect(await core.call('count', 'ticketEvents')).toBe(0);
    // Every replica equals the server.
    const local = await core.call<Doc[]>('find', 'tickets');
    for (const doc of local) {
      const { _meta, _rev, _attachments, _deleted, ...data } = doc;
      void [_meta, _rev, _attachments, _deleted];
      expect(data).toEqual(after.get(String(doc.id))!.doc);
    }
  }, 120_000);
});
