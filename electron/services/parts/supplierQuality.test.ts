/**
 * The supplier page's quality figures computed by the parts queries (watchSupplier,
 * watchSuppliers) from what the real store (SQLite) holds: suppliers, parts, stock movements,
 * tickets and their status changes. Every figure below was counted by hand from the fixture.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BehaviorSubject, filter, firstValueFrom, Observable } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupplierDetail, SupplierSummary } from '../../../shared/api/parts';
import { aCustomer, anEvent, aPart, aPerson, aStockMovement, aSupplier, aTeam, aTicket, ids, newId } from '../../../shared/domain/testing/builders';
import type { Ticket } from '../../../shared/schema';
import type { SessionUser } from '../../../shared/sync/protocol';
import { openSettings } from '../../core/settings';
import { openDatabase, type CimsDatabase } from '../../db/open';
import { createPartsQueries } from './queries';

const manager = aPerson({ id: ids.manager, username: 'mgr', displayName: 'Chen Jing', roles: ['manager'], teamId: null, managerId: null });
const user: SessionUser = { id: manager.id, username: manager.username, displayName: manager.displayName, roles: manager.roles, teamId: null };
const tech = ids.assignee;

const jinling = aSupplier({ body: { name: 'Jinling Electronics', kinds: ['parts', 'maintenance'] } });
const nanhua = aSupplier({ body: { name: 'Nanhua Fans', nameZh: '南华风扇' } });
const idle = aSupplier({ body: { name: 'Idle Supplies', nameZh: '闲置' } });
const board = aPart({ ref: jinling.id, body: { partNumber: 'JL-BOARD', serialised: true } });
const psu = aPart({ ref: jinling.id, body: { partNumber: 'JL-PSU', serialised: false } });
const fan = aPart({ ref: nanhua.id, body: { partNumber: 'NH-FAN', serialised: false } });

const restored = (createdAt: string, restoredAt: string): Partial<Ticket> => ({
  createdAt, updatedAt: restoredAt, status: 'resolved', respondedAt: createdAt, restoredAt, resolvedAt: restoredAt,
});
// Restore times: t1 36 h, t2 48 h, t3 not restored, t4 30 h; t5 never waited for a third party.
const t1 = aTicket({ id: newId(), ...restored('2026-01-05T00:00:00.000Z', '2026-01-06T12:00:00.000Z') });
const t2 = aTicket({ id: newId(), ...restored('2026-02-10T00:00:00.000Z', '2026-02-12T00:00:00.000Z') });
const t3 = aTicket({ id: newId(), createdAt: '2026-03-20T00:00:00.000Z', updatedAt: '2026-03-21T06:00:00.000Z', status: 'in_progress', respondedAt: '2026-03-20T00:00:00.000Z' });
const t4 = aTicket({ id: newId(), ...restored('2026-04-02T00:00:00.000Z', '2026-04-03T06:00:00.000Z') });
const t5 = aTicket({ id: newId(), ...restored('2026-02-01T00:00:00.000Z', '2026-02-01T08:00:00.000Z') });

type Status = 'issue' | 'use' | 'return' | 'defective_return';
const mv = (part: typeof board, status: Status, at: string, body: Record<string, unknown> = {}) =>
  aStockMovement({ ref: part.id, ref2: tech, status, body: { at, by: tech, delta: status === 'use' || status === 'defective_return' ? -1 : 1, ...body } });
const movements = [
  // Stock issued to the van: supplied to us, not used on a ticket, counts nowhere.
  mv(board, 'issue', '2026-01-02T00:00:00.000Z', { quantity: 6, delta: 6 }),
  mv(psu, 'issue', '2026-01-02T00:00:00.000Z', { quantity: 10, delta: 10 }),
  // Jinling, 2026-Q1:
  mv(board, 'use', '2026-01-05T03:00:00.000Z', { ticketId: t1.id, serialIn: 'BA-1', serialOut: 'OLD-1', defective: true }), // used 1, defective 1; OLD-1 not fitted by us: not DOA
  mv(board, 'use', '2026-02-10T03:00:00.000Z', { ticketId: t2.id, serialIn: 'BA-2' }), // used 1
  mv(board, 'use', '2026-02-20T00:00:00.000Z', { ticketId: t2.id, serialIn: 'BA-3', serialOut: 'BA-2', defective: true }), // used 1, defective 1; BA-2 fitted 10 days before: DOA
  mv(psu, 'use', '2026-02-01T01:00:00.000Z', { ticketId: t5.id, quantity: 5, delta: -5 }), // used 5
  mv(psu, 'return', '2026-02-01T05:00:00.000Z', { ticketId: t5.id, quantity: 2, delta: 2 }), // 2 back unused: used 3
  mv(psu, 'defective_return', '2026-03-01T00:00:00.000Z'), // defective 1 out of the box: DOA
  mv(board, 'use', '2026-03-20T03:00:00.000Z', { ticketId: t3.id, serialIn: 'BA-4' }), // used 1
  // Jinling, 2026-Q2:
  mv(board, 'use', '2026-04-02T00:30:00.000Z', { ticketId: t4.id, serialIn: 'BA-5', serialOut: 'BA-1', defective: true }), // used 1, defective 1; BA-1 fitted 87 days before: not DOA
  mv(psu, 'use', '2026-04-02T00:40:00.000Z', { ticketId: t4.id }), // used 1
  mv(psu, 'use', '2026-04-10T00:00:00.000Z', { ticketId: t4.id, defective: true }), // used 1, defective 1; a PSU fitted on t4 8 days before: DOA
  // Nanhua, 2026-Q1: a fan on t1.
  mv(fan, 'use', '2026-01-05T03:30:00.000Z', { ticketId: t1.id }),
];
const change = (ticketId: string, at: string, from: Ticket['status'], to: Ticket['status'], pendingReason: Ticket['pendingReason']) =>
  anEvent('status_change', { ticketId, at, from, to, pendingReason });
const events = [
  // Third-party waits: t1 12 h, t2 24 h, t3 24 h, t4 10 h; t5 waited for parts, not for a third party.
  change(t1.id, '2026-01-05T04:00:00.000Z', 'in_progress', 'pending', 'third_party'),
  change(t1.id, '2026-01-05T16:00:00.000Z', 'pending', 'in_progress', null),
  change(t2.id, '2026-02-10T02:00:00.000Z', 'in_progress', 'pending', 'third_party'),
  change(t2.id, '2026-02-11T02:00:00.000Z', 'pending', 'in_progress', null),
  change(t3.id, '2026-03-20T06:00:00.000Z', 'in_progress', 'pending', 'third_party'),
  change(t3.id, '2026-03-21T06:00:00.000Z', 'pending', 'in_progress', null),
  change(t4.id, '2026-04-02T01:00:00.000Z', 'in_progress', 'pending', 'third_party'),
  change(t4.id, '2026-04-02T11:00:00.000Z', 'pending', 'in_progress', null),
  change(t5.id, '2026-02-01T02:00:00.000Z', 'in_progress', 'pending', 'parts'),
  change(t5.id, '2026-02-01T04:00:00.000Z', 'pending', 'in_progress', null),
];

const live = <T>(start: (emit: (v: T) => void, onError: (e: unknown) => void) => () => void, ok: (v: T) => boolean = () => true) =>
  firstValueFrom(new Observable<T>((s) => start((v) => s.next(v), (e) => s.error(e))).pipe(filter(ok)));

describe('supplier quality per quarter from the store (hand-counted fixture)', () => {
  let dir: string;
  let db: CimsDatabase;
  let queries: ReturnType<typeof createPartsQueries>;
  const identity$ = new BehaviorSubject<{ personId: string; teamId: string | null }>({ personId: manager.id, teamId: null });
  const detail = (id: string) => live<SupplierDetail | null>((e, o) => queries.watchSupplier({ id }, e, o), (v) => v !== null && v.quarters.length > 0);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-supplier-quality-'));
    db = await openDatabase({ directory: dir });
    const settings = await openSettings(dir);
    await db.customers.insert(aCustomer());
    await db.teams.insert(aTeam());
    await db.people.insert(manager);
    await db.tickets.bulkInsert([t1, t2, t3, t4, t5]);
    await db.ticketEvents.bulkInsert(events);
    const written = await db.records.bulkInsert([jinling, nanhua, idle, board, psu, fan, ...movements]);
    expect(written.error).toEqual([]);
    queries = createPartsQueries(db, settings, () => user, identity$, () => new Date('2026-06-30T00:00:00.000Z'));
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('Jinling, 2026-Q1: 7 used, 3 defective, 2 DOA; t1, t2, t3 escalated, t1 and t2 restored after 36 h and 48 h', async () => {
    const d = (await detail(jinling.id))!;
    expect(d.quarters.map((q) => q.quarter)).toEqual(['2026-Q1', '2026-Q2']);
    const { ticketIds, ...q1 } = d.quarters[0]!;
    expect(q1).toEqual({
      quarter: '2026-Q1', used: 7, defective: 3, defectRate: 3 / 7, doa: 2, doaRate: 2 / 7,
      escalated: 3, restored: 2, restoreHoursMean: 42, restoreHoursMax: 48, thirdPartyHours: 60,
    });
    expect([...ticketIds].sort()).toEqual([t1.id, t2.id, t3.id].sort());
    // The page links each escalated ticket of every quarter by its number; t5 never waited for a third party.
    expect(Object.keys(d.ticketNumbers).sort()).toEqual([t1.id, t2.id, t3.id, t4.id].sort());
    expect(d.parts.map((p) => p.partNumber)).toEqual(['JL-BOARD', 'JL-PSU']);
  });

  it('Jinling, 2026-Q2: 3 used, 2 defective (one DOA, one failed after 87 days); t4 escalated, restored after 30 h', async () => {
    const q2 = (await detail(jinling.id))!.quarters[1]!;
    expect(q2).toEqual({
      quarter: '2026-Q2', used: 3, defective: 2, defectRate: 2 / 3, doa: 1, doaRate: 1 / 3,
      escalated: 1, restored: 1, restoreHoursMean: 30, restoreHoursMax: 30, thirdPartyHours: 10, ticketIds: [t4.id],
    });
  });

  it('Nanhua: its fan on t1 makes t1 escalated to it too; no defects', async () => {
    const d = (await detail(nanhua.id))!;
    expect(d.quarters).toEqual([{
      quarter: '2026-Q1', used: 1, defective: 0, defectRate: 0, doa: 0, doaRate: 0,
      escalated: 1, restored: 1, restoreHoursMean: 36, restoreHoursMax: 36, thirdPartyHours: 12, ticketIds: [t1.id],
    }]);
  });

  it('the supplier list shows each supplier’s latest quarter; a supplier without movements has none', async () => {
    const list = await live<{ suppliers: SupplierSummary[]; mayEdit: boolean }>((e, o) => queries.watchSuppliers(e, o), (v) => v.suppliers.length === 3);
    const byName = new Map(list.suppliers.map((s) => [s.name, s]));
    expect(byName.get('Jinling Electronics')).toMatchObject({ partCount: 2, latest: { quarter: '2026-Q2', used: 3, defective: 2, doa: 1, escalated: 1 } });
    expect(byName.get('Nanhua Fans')).toMatchObject({ partCount: 1, latest: { quarter: '2026-Q1', used: 1, escalated: 1 } });
    expect(byName.get('Idle Supplies')).toMatchObject({ partCount: 0, latest: null });
  });
});
