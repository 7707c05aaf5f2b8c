/**
 * RELIABILITY D5 for van stock: the same technician books the same part from the same van
 * stock on two desktops (the production core in two processes, each behind its own fault
 * proxy) while both are offline. After reconnecting, both desktops and the server hold both
 * movements, and the stock is the issued quantity less the sum of both bookings: no count
 * was overwritten.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StockMovementRecord } from '../../shared/schema';
import type { Result } from '../../shared/api/result';
import type { SyncStatusSnapshot } from '../../electron/sync/status';
import { aPart, aStockMovement, aSupplier, aTicket, newId } from '../../shared/domain/testing/builders';
import { stockOnHand } from '../../shared/domain/parts';
import { bearer, call, startTestServer, type TestServer } from '../../server/testing/harness';
import { startClientCore, type ClientCore } from './cores';
import { startFaultProxy, type FaultProxy } from './proxy';
import { eventually } from './wait';

const PASSWORD = 'van stock password 1';

describe('D5: two desktops book the same part from the same van stock offline', () => {
  let server: TestServer;
  const proxies: FaultProxy[] = [];
  const cores: ClientCore[] = [];
  const teamId = newId();
  const techId = newId();
  const supplier = aSupplier();
  const part = aPart({ ref: supplier.id, body: { partNumber: 'FUSE-10A', serialised: false } });
  const ticket = aTicket({ teamId, assigneeId: techId, status: 'in_progress' });
  const issued = aStockMovement({ ref: part.id, ref2: techId, status: 'issue', body: { quantity: 10, delta: 10, by: techId } });

  beforeAll(async () => {
    server = await startTestServer('pg');
    const admin = await server.userSession('parts.admin', ['admin']);
    await server.userSession('parts.tech', ['technician'], { id: techId, teamId, password: PASSWORD });
    const push = async (collection: string, docs: object[]) =>
      expect((await call(server.url, 'POST', `/sync/${collection}/push`, { pushId: newId(), rows: docs.map((d) => ({ newDocumentState: { ...d, _deleted: false } })) }, bearer(admin))).body).toMatchObject({ conflicts: [] });
    await push('tickets', [ticket]);
    await push('records', [supplier, part, { ...issued, body: { ...issued.body, by: newId() } }]);
    for (let i = 0; i < 2; i++) {
      const proxy = await startFaultProxy(server.url);
      proxies.push(proxy);
      const core = await startClientCore(undefined, { mode: 'core' });
      cores.push(core);
      await core.call('coreSignIn', proxy.url, 'parts.tech', PASSWORD);
      await eventually(() => core.call<unknown[]>('find', 'records', { kind: 'stockMovement' }), (m) => m.length === 1, 30_000);
      await eventually(() => core.call<number>('count', 'tickets'), (n) => n === 1, 30_000);
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(cores.map((c) => c.stop()));
    await Promise.all(proxies.map((p) => p.close()));
    await server?.close();
  });

  const movementsOn = (core: ClientCore) => core.call<StockMovementRecord[]>('find', 'records', { kind: 'stockMovement' });

  it('the stock ends at the issued 10 less 3 and 4: both movements kept everywhere', async () => {
    for (const p of proxies) p.cut();
    const book = (core: ClientCore, quantity: number) => core.call<Result<{ movementId: string }>>('dispatch', 'parts.book', { ticketId: ticket.id, partId: part.id, action: 'used', quantity });
    const [a, b] = await Promise.all([book(cores[0]!, 3), book(cores[1]!, 4)]);
    expect(a.ok && b.ok).toBe(true);
    // Offline, each desktop sees only its own booking.
    expect(stockOnHand(await movementsOn(cores[0]!), techId).get(part.id)).toBe(7);
    expect(stockOnHand(await movementsOn(cores[1]!), techId).get(part.id)).toBe(6);

    for (const p of proxies) p.restore();
    for (const core of cores) {
      await eventually(() => core.call<SyncStatusSnapshot | null>('coreStatus'), (s) => s?.state === 'online' && s.pendingLocalChanges === 0, 60_000);
    }
    for (const core of cores) {
      const all = await eventually(() => movementsOn(core), (m) => m.length === 3, 30_000);
      expect(stockOnHand(all, techId).get(part.id)).toBe(3);
    }
    const stored = await server.db.query<{ delta: number }>(`select (doc->'body'->>'delta')::int as delta from sync_docs where collection = 'records' and doc->>'kind' = 'stockMovement' and not deleted`);
    expect(stored.rows.map((r) => r.delta).sort((x, y) => x - y)).toEqual([-4, -3, 10]);
    // Both bookings also reached the timeline, once each.
    const events = await server.db.query<{ q: number }>(`select (doc->>'quantity')::int as q from sync_docs where collection = 'ticketEvents' and doc->>'kind' = 'part' and doc->>'ticketId' = $1`, [ticket.id]);
    expect(events.rows.map((r) => r.q).sort()).toEqual([3, 4]);
  }, 120_000);
});
