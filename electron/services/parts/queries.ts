/**
 * Spare-part live queries: the catalogue with the viewer's van stock, a ticket's bookings, a
 * holder's stock and movements, and the suppliers with their quality figures. Each re-emits
 * after every change of the records, people or tickets, and on sign-in / sign-out.
 */
import { combineLatest, debounceTime, map, merge, of, type Observable } from 'rxjs';
import type { MovementView, PartView, StockView, SupplierDetail, SupplierSummary, TicketParts } from '../../../shared/api/parts';
import { stockOnHand } from '../../../shared/domain/parts';
import { supplierQuality } from '../../../shared/domain/suppliers';
import { canReadTicket } from '../../../shared/domain/ticketAccess';
import { displayTicketNumber } from '../../../shared/domain/ticketNumber';
import type { CimsRecord, PartRecord, Person, StockMovementRecord, SupplierRecord, Ticket, TicketEvent } from '../../../shared/schema';
import type { SessionUser } from '../../../shared/sync/protocol';
import { liveFrom, type Emit, type OnError } from '../../core/live';
import type { SettingsStore } from '../../core/settings';
import type { CimsDatabase } from '../../db/open';
import { recordChanges$ } from '../../db/record-changes';
import type { QueueIdentity } from '../tickets/queries';
import { workerOf, type Worker } from '../ticketWork/viewer';
import { keepsCatalogue } from './commands';

const LATEST_MOVEMENTS = 50;

export const createPartsQueries = (db: CimsDatabase, settings: SettingsStore, currentUser: () => SessionUser | null, identity$: Observable<QueueIdentity>, clock: () => Date = () => new Date()) => {
  const tick = <T>(o: Observable<T>) => o.pipe(map(() => null));
  const changes$ = merge(of(null), tick(recordChanges$(db, ['part', 'stockMovement', 'supplier'])), tick(db.people.$)).pipe(debounceTime(20));
  const ticketChanges$ = merge(changes$, tick(db.tickets.$), tick(db.ticketEvents.$)).pipe(debounceTime(50));
  const watch = <R>(source: Observable<unknown>, compute: (w: Worker) => Promise<R>, emit: Emit<R>, onError: OnError) =>
    liveFrom(combineLatest([identity$, source]), async () => compute(await workerOf(db, settings, currentUser())), emit, onError);

  const ofKind = async <K extends CimsRecord['kind']>(kind: K, ref?: string) =>
    (await db.records.find({ selector: ref === undefined ? { kind } : { kind, ref } }).exec()).map((d) => d.toJSON() as Extract<CimsRecord, { kind: K }>);
  const names = async (): Promise<Map<string, string>> => new Map((await db.people.find().exec()).map((d) => [d.id as string, (d.toJSON() as Person).displayName]));

  const partViews = (parts: PartRecord[], suppliers: SupplierRecord[], stock: Map<string, number>): PartView[] => {
    const supplierName = new Map(suppliers.map((s) => [s.id, s.body.name]));
    return parts
      .map((p) => ({
        id: p.id, partNumber: p.body.partNumber, nameEn: p.body.nameEn, nameZh: p.body.nameZh, serialised: p.body.serialised, unit: p.body.unit, productLine: p.body.productLine,
        supplierId: p.ref, supplierName: supplierName.get(p.ref) ?? '', retired: p.status === 'retired', onHand: stock.get(p.id) ?? 0,
      }))
      .sort((a, b) => a.partNumber.localeCompare(b.partNumber));
  };

  const movementViews = async (movements: StockMovementRecord[], parts: PartRecord[]): Promise<MovementView[]> => {
    const partById = new Map(parts.map((p) => [p.id, p]));
    const people = await names();
    const ticketIds = [...new Set(movements.map((m) => m.body.ticketId).filter((t): t is string => t !== null))];
    const tickets = await db.tickets.findByIds(ticketIds).exec();
    const numbers = new Map([...tickets.values()].map((d) => [d.id as string, displayTicketNumber(d.toJSON() as Ticket)]));
    return movements
      .sort((a, b) => b.body.at.localeCompare(a.body.at) || b.id.localeCompare(a.id))
      .map((m) => {
        const part = partById.get(m.ref);
        return {
          id: m.id, partId: m.ref, partNumber: part?.body.partNumber ?? '?', partNameEn: part?.body.nameEn ?? '', partNameZh: part?.body.nameZh ?? '',
          holderId: m.ref2, holderName: people.get(m.ref2) ?? '', reason: m.status, quantity: m.body.quantity, delta: m.body.delta,
          ticketId: m.body.ticketId, ticketNumber: m.body.ticketId ? (numbers.get(m.body.ticketId) ?? null) : null,
          serialIn: m.body.serialIn, serialOut: m.body.serialOut, defective: m.body.defective, source: m.body.source, sourceNote: m.body.sourceNote,
          byName: people.get(m.body.by) ?? '', at: m.body.at,
        };
      });
  };

  const catalogue = async (w: Worker, query: string) => {
    const [parts, suppliers, movements] = await Promise.all([ofKind('part'), ofKind('supplier'), ofKind('stockMovement')]);
    const q = query.toLowerCase();
    const views = partViews(parts, suppliers, stockOnHand(movements, w.me)).filter((p) => !q || [p.partNumber, p.nameEn, p.nameZh, p.supplierName].some((s) => s.toLowerCase().includes(q)));
    return { parts: views, mayEdit: keepsCatalogue(w) };
  };

  const ticketParts = async (w: Worker, ticketId: string): Promise<TicketParts> => {
    const doc = await db.tickets.findOne(ticketId).exec();
    if (!doc || !canReadTicket(w, doc.toJSON() as Ticket)) return { bookings: [], parts: [] };
    const [parts, suppliers, movements] = await Promise.all([ofKind('part'), ofKind('supplier'), ofKind('stockMovement')]);
    return {
      bookings: await movementViews(movements.filter((m) => m.body.ticketId === ticketId), parts),
      parts: partViews(parts, suppliers, stockOnHand(movements, w.me)),
    };
  };

  const stock = async (w: Worker, holderId: string): Promise<StockView> => {
    const mayIssue = keepsCatalogue(w);
    const holder = mayIssue && holderId ? holderId : w.me;
    const [parts, movements, people] = await Promise.all([ofKind('part'), ofKind('stockMovement'), db.people.find().exec()]);
    const mine = movements.filter((m) => m.ref2 === holder);
    const onHand = stockOnHand(mine, holder);
    const staff = people.map((d) => d.toJSON() as Person);
    return {
      holder: { id: holder, name: staff.find((p) => p.id === holder)?.displayName ?? '' },
      lines: parts
        .filter((p) => (onHand.get(p.id) ?? 0) !== 0)
        .map((p) => ({ partId: p.id, partNumber: p.body.partNumber, nameEn: p.body.nameEn, nameZh: p.body.nameZh, serialised: p.body.serialised, unit: p.body.unit, onHand: onHand.get(p.id) ?? 0 }))
        .sort((a, b) => a.partNumber.localeCompare(b.partNumber)),
      movements: (await movementViews(mine, parts)).slice(0, LATEST_MOVEMENTS),
      holders: mayIssue ? staff.filter((p) => p.roles.includes('technician') && p.active !== false).map((p) => ({ id: p.id, name: p.displayName })).sort((a, b) => a.name.localeCompare(b.name)) : [],
      mayIssue,
    };
  };

  /** Quality of every supplier, from every movement this device holds (managers hold all). */
  const quality = async () => {
    const [parts, movements] = await Promise.all([ofKind('part'), ofKind('stockMovement')]);
    const ticketIds = [...new Set(movements.map((m) => m.body.ticketId).filter((t): t is string => t !== null))];
    const tickets = [...(await db.tickets.findByIds(ticketIds).exec()).values()].map((d) => d.toJSON() as Ticket);
    const events = (await db.ticketEvents.find({ selector: { ticketId: { $in: ticketIds }, kind: 'status_change' } }).exec()).map((d) => d.toJSON() as TicketEvent);
    return { parts, tickets, figures: supplierQuality({ parts, movements, tickets, events }, clock().getTime()) };
  };

  const summary = (s: SupplierRecord, parts: PartRecord[], figures: ReturnType<typeof supplierQuality>): SupplierSummary => {
    const quarters = figures.get(s.id) ?? [];
    return {
      id: s.id, name: s.body.name, nameZh: s.body.nameZh, kinds: s.body.kinds, contact: s.body.contact, phone: s.body.phone, email: s.body.email, note: s.body.note,
      active: s.status === 'active', partCount: parts.filter((p) => p.ref === s.id).length, latest: quarters[quarters.length - 1] ?? null,
    };
  };

  const suppliers = async (w: Worker) => {
    const [list, { parts, figures }] = await Promise.all([ofKind('supplier'), quality()]);
    return { suppliers: list.map((s) => summary(s, parts, figures)).sort((a, b) => a.name.localeCompare(b.name)), mayEdit: keepsCatalogue(w) };
  };

  const supplier = async (w: Worker, id: string): Promise<SupplierDetail | null> => {
    const doc = await db.records.findOne(id).exec();
    const s = doc?.toJSON() as CimsRecord | undefined;
    if (!s || s.kind !== 'supplier') return null;
    const [{ parts, tickets, figures }, all, movements] = await Promise.all([quality(), ofKind('supplier'), ofKind('stockMovement')]);
    const quarters = figures.get(s.id) ?? [];
    const wanted = new Set(quarters.flatMap((q) => q.ticketIds));
    return {
      supplier: summary(s, parts, figures),
      parts: partViews(parts.filter((p) => p.ref === s.id), all, stockOnHand(movements, w.me)),
      quarters,
      ticketNumbers: Object.fromEntries(tickets.filter((t) => wanted.has(t.id)).map((t) => [t.id, displayTicketNumber(t)])),
      mayEdit: keepsCatalogue(w),
    };
  };

  return {
    watchCatalogue: (p: { query: string }, emit: Emit<{ parts: PartView[]; mayEdit: boolean }>, onError: OnError) => watch(changes$, (w) => catalogue(w, p.query), emit, onError),
    watchTicket: (p: { ticketId: string }, emit: Emit<TicketParts>, onError: OnError) => watch(ticketChanges$, (w) => ticketParts(w, p.ticketId), emit, onError),
    watchStock: (p: { holderId: string }, emit: Emit<StockView>, onError: OnError) => watch(ticketChanges$, (w) => stock(w, p.holderId), emit, onError),
    watchSuppliers: (emit: Emit<{ suppliers: SupplierSummary[]; mayEdit: boolean }>, onError: OnError) => watch(ticketChanges$, suppliers, emit, onError),
    watchSupplier: (p: { id: string }, emit: Emit<SupplierDetail | null>, onError: OnError) => watch(ticketChanges$, (w) => supplier(w, p.id), emit, onError),
  };
};
