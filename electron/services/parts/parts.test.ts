import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BehaviorSubject, firstValueFrom, Observable, filter } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../../../shared/api/parts';
import type { StockView, SupplierDetail, TicketParts } from '../../../shared/api/parts';
import { aCustomer, aPerson, aTeam, aTicket, ids, newId } from '../../../shared/domain/testing/builders';
import type { StockMovementRecord, TicketEvent } from '../../../shared/schema';
import type { SessionUser } from '../../../shared/sync/protocol';
import { DomainError } from '../../core/errors';
import { openSettings } from '../../core/settings';
import { openDatabase, type CimsDatabase } from '../../db/open';
import { createPartsCommands, type PartsCommands } from './commands';
import { createPartsQueries } from './queries';

const people = {
  tech: aPerson({ id: ids.assignee, username: 'tech', displayName: 'Zhang San', roles: ['technician'] }),
  manager: aPerson({ id: ids.manager, username: 'mgr', displayName: 'Chen Jing', roles: ['manager'], teamId: null, managerId: null }),
};
const asUser = (p: (typeof people)[keyof typeof people]): SessionUser => ({ id: p.id, username: p.username, displayName: p.displayName, roles: p.roles, teamId: p.teamId });

/** The first value of a live query that passes `ok`. */
const live = <T>(start: (emit: (v: T) => void, onError: (e: unknown) => void) => () => void, ok: (v: T) => boolean = () => true) =>
  firstValueFrom(new Observable<T>((s) => start((v) => s.next(v), (e) => s.error(e))).pipe(filter(ok)));

describe('spare parts on a real store (SQLite)', () => {
  let dir: string;
  let db: CimsDatabase;
  let parts: PartsCommands;
  let queries: ReturnType<typeof createPartsQueries>;
  let user: SessionUser = asUser(people.manager);
  const identity$ = new BehaviorSubject<{ personId: string; teamId: string | null }>({ personId: people.manager.id, teamId: null });
  const as = (p: (typeof people)[keyof typeof people]) => {
    user = asUser(p);
    identity$.next({ personId: p.id, teamId: p.teamId });
  };
  const ticket = aTicket({ assigneeId: people.tech.id });
  let supplierId = '';
  let boardId = '';
  let fuseId = '';

  const refused = async (p: Promise<unknown>, code: string, fieldCode?: string) => {
    const error = await p.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    if (fieldCode) expect((error as DomainError).fields?.map((f) => f.code)).toContain(fieldCode);
  };
  const movements = async () => (await db.records.find({ selector: { kind: 'stockMovement' } }).exec()).map((d) => d.toJSON() as StockMovementRecord);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-parts-'));
    db = await openDatabase({ directory: dir });
    const settings = await openSettings(dir);
    await db.customers.insert(aCustomer());
    await db.teams.insert(aTeam());
    await db.people.bulkInsert(Object.values(people));
    await db.tickets.insert(ticket);
    parts = createPartsCommands(db, settings, () => user);
    queries = createPartsQueries(db, settings, () => user, identity$);
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a manager keeps the catalogue and suppliers and issues stock; a technician may not', async () => {
    as(people.manager);
    supplierId = (await parts.saveSupplier(api.saveSupplierInput.parse({ name: 'Jinling Electronics', nameZh: '金陵电子', kinds: ['parts', 'maintenance'] }))).id;
    boardId = (await parts.savePart(api.savePartInput.parse({ partNumber: 'TN54NS4', nameEn: 'Line board', nameZh: '线路板', serialised: true, supplierId }))).id;
    fuseId = (await parts.savePart(api.savePartInput.parse({ partNumber: 'FUSE-10A', nameEn: 'Fuse 10 A', nameZh: '10 安保险丝', serialised: false, supplierId }))).id;
    await refused(parts.savePart(api.savePartInput.parse({ partNumber: 'TN54NS4', nameEn: 'Dup', nameZh: '重复', serialised: false })), 'VALIDATION_FAILED', 'part_number_taken');
    await parts.move(api.moveStockInput.parse({ holderId: people.tech.id, partId: boardId, reason: 'issue', quantity: 2 }));
    await parts.move(api.moveStockInput.parse({ holderId: people.tech.id, partId: fuseId, reason: 'issue', quantity: 10 }));
    as(people.tech);
    await refused(parts.savePart(api.savePartInput.parse({ partNumber: 'X-1', nameEn: 'X', nameZh: 'X', serialised: false })), 'FORBIDDEN');
    await refused(parts.move(api.moveStockInput.parse({ holderId: people.tech.id, partId: fuseId, reason: 'issue', quantity: 5 })), 'FORBIDDEN');
  });

  it('booking on a ticket lowers the van stock, writes the part event, and a return raises the stock', async () => {
    as(people.tech);
    const used = await parts.book(api.bookPartInput.parse({ ticketId: ticket.id, partId: boardId, action: 'used', quantity: 1, serialIn: 'SN-NEW-1', serialOut: 'SN-OLD-1', defective: true }));
    await parts.book(api.bookPartInput.parse({ ticketId: ticket.id, partId: fuseId, action: 'used', quantity: 3 }));
    await parts.book(api.bookPartInput.parse({ ticketId: ticket.id, partId: fuseId, action: 'returned', quantity: 1 }));
    const event = (await db.ticketEvents.findOne(used.eventId).exec())!.toJSON() as TicketEvent;
    expect(event).toMatchObject({ kind: 'part', partAction: 'used', partNumber: 'TN54NS4', serial: 'SN-NEW-1', quantity: 1, ticketId: ticket.id, authorId: people.tech.id });
    const stock = await live<StockView>((e, o) => queries.watchStock({ holderId: '' }, e, o), (v) => v.lines.length === 2);
    expect(Object.fromEntries(stock.lines.map((l) => [l.partNumber, l.onHand]))).toEqual({ TN54NS4: 1, 'FUSE-10A': 8 });
    const onTicket = await live<TicketParts>((e, o) => queries.watchTicket({ ticketId: ticket.id }, e, o), (v) => v.bookings.length === 3);
    expect(onTicket.bookings.find((b) => b.partNumber === 'TN54NS4')).toMatchObject({ reason: 'use', serialIn: 'SN-NEW-1', serialOut: 'SN-OLD-1', defective: true, delta: -1 });
  });

  it('refuses what is wrong with the field named, storing nothing: quantity 0 and -1, a part not carried without a source reason', async () => {
    as(people.tech);
    expect(api.bookPartInput.safeParse({ ticketId: ticket.id, partId: fuseId, action: 'used', quantity: 0 }).error?.issues[0]).toMatchObject({ path: ['quantity'], message: 'quantityInvalid' });
    expect(api.bookPartInput.safeParse({ ticketId: ticket.id, partId: fuseId, action: 'used', quantity: -1 }).error?.issues[0]).toMatchObject({ path: ['quantity'], message: 'quantityInvalid' });
    const before = (await movements()).length;
    // The core judges again whatever reaches it unparsed.
    await refused(parts.book({ ...api.bookPartInput.parse({ ticketId: ticket.id, partId: fuseId, action: 'used', quantity: 1 }), quantity: 0 }), 'VALIDATION_FAILED', 'quantity_invalid');
    await refused(parts.book(api.bookPartInput.parse({ ticketId: ticket.id, partId: boardId, action: 'used', quantity: 1, serialIn: 'SN-NEW-2' })).then(() => parts.book(api.bookPartInput.parse({ ticketId: ticket.id, partId: boardId, action: 'used', quantity: 1, serialIn: 'SN-NEW-3' }))), 'VALIDATION_FAILED', 'not_in_stock');
    expect((await movements()).length).toBe(before + 1);
    const fromCustomer = await parts.book(api.bookPartInput.parse({ ticketId: ticket.id, partId: boardId, action: 'used', quantity: 1, serialIn: 'SN-CUST', source: 'customer', sourceNote: 'Customer spare shelf 客户备件' }));
    const m = (await movements()).find((x) => x.id === fromCustomer.movementId)!;
    expect(m.body).toMatchObject({ delta: 0, source: 'customer', sourceNote: 'Customer spare shelf 客户备件' });
    await refused(parts.book(api.bookPartInput.parse({ ticketId: newId(), partId: fuseId, action: 'used', quantity: 1 })), 'NOT_FOUND');
  });

  it('the supplier page counts the defective unit against the parts used', async () => {
    as(people.manager);
    const detail = await live<SupplierDetail | null>((e, o) => queries.watchSupplier({ id: supplierId }, e, o), (v) => v !== null);
    // Used: board 1 + fuse 3 - fuse 1 back + board 1 + board 1 from the customer = 5; one defective.
    expect(detail!.quarters).toHaveLength(1);
    expect(detail!.quarters[0]).toMatchObject({ used: 5, defective: 1, defectRate: 0.2 });
    expect(detail!.parts.map((p) => p.partNumber)).toEqual(['FUSE-10A', 'TN54NS4']);
  });
});
