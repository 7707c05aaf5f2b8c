/**
 * Spare-part commands in the main process, all offline: booking a part on a ticket (a stock
 * movement plus the `part` timeline event), keeping the catalogue and the suppliers, and
 * moving stock by hand. Every record is checked against its kind's schema before it is
 * written; the server applies the same rules again (server/access/records/parts.ts).
 */
import type { z } from 'zod';
import type { bookPartInput, moveStockInput, savePartInput, saveSupplierInput } from '../../../shared/api/parts';
import type { FieldIssue } from '../../../shared/api/result';
import { planBooking } from '../../../shared/domain/parts';
import { canReadTicket } from '../../../shared/domain/ticketAccess';
import { formatIssues, recordSchema, validateDocument, type CimsRecord, type PartRecord, type StockMovementRecord, type SupplierRecord, type Ticket, type TicketEvent } from '../../../shared/schema';
import type { SessionUser } from '../../../shared/sync/protocol';
import { DomainError } from '../../core/errors';
import { newId, type SettingsStore } from '../../core/settings';
import type { CimsDatabase } from '../../db/open';
import { workerOf, type Worker } from '../ticketWork/viewer';

type Input<S extends z.ZodType> = z.output<S>;

const invalid = (fields: FieldIssue[]) => new DomainError('VALIDATION_FAILED', fields.map((f) => `${f.path}: ${f.message}`).join('; '), fields);
const field = (path: string, code: string, message = code): FieldIssue => ({ path, code, message });
export const keepsCatalogue = (w: Worker) => w.roles.has('admin') || w.roles.has('manager');

export const createPartsCommands = (db: CimsDatabase, settings: SettingsStore, currentUser: () => SessionUser | null = () => null, clock: () => Date = () => new Date()) => {
  const worker = () => workerOf(db, settings, currentUser());

  const record = async <R extends CimsRecord>(id: string, kind: R['kind']): Promise<R | null> => {
    const doc = await db.records.findOne(id).exec();
    const r = doc?.toJSON() as CimsRecord | undefined;
    return r && r.kind === kind ? (r as R) : null;
  };
  const partOf = async (partId: string): Promise<PartRecord> => {
    const part = await record<PartRecord>(partId, 'part');
    if (!part) throw new DomainError('NOT_FOUND', `part ${partId} is not here`, [field('partId', 'part_not_found')]);
    return part;
  };
  const onHand = async (holder: string, partId: string): Promise<number> => {
    const docs = await db.records.find({ selector: { kind: 'stockMovement', ref: partId } }).exec();
    return docs.map((d) => d.toJSON() as StockMovementRecord).filter((m) => m.ref2 === holder).reduce((sum, m) => sum + m.body.delta, 0);
  };
  const checked = (r: CimsRecord): CimsRecord => {
    const parsed = recordSchema.safeParse(r);
    if (!parsed.success) throw new DomainError('VALIDATION_FAILED', `records: ${formatIssues(parsed.error).join('; ')}`);
    return parsed.data;
  };
  const movement = (w: Worker, over: Pick<StockMovementRecord, 'ref' | 'ref2' | 'status'> & { body: Partial<StockMovementRecord['body']> & Pick<StockMovementRecord['body'], 'quantity' | 'delta'> }): StockMovementRecord => {
    const at = clock().toISOString();
    return {
      id: newId(), createdAt: at, updatedAt: at, kind: 'stockMovement', ...over,
      body: { ticketId: null, eventId: null, serialIn: '', serialOut: '', defective: false, source: 'van', sourceNote: '', by: w.me, at, note: '', ...over.body },
    };
  };

  return {
    /** A part fitted on or brought back from a ticket: the van stock moves and the timeline shows it. */
    async book(input: Input<typeof bookPartInput>): Promise<{ movementId: string; eventId: string }> {
      const w = await worker();
      const doc = await db.tickets.findOne(input.ticketId).exec();
      const ticket = doc?.toJSON() as Ticket | undefined;
      if (!ticket || !canReadTicket(w, ticket)) throw new DomainError('NOT_FOUND', `ticket ${input.ticketId} is not here`, [field('ticketId', 'ticket_not_found')]);
      const part = await partOf(input.partId);
      const plan = planBooking(part, input, await onHand(w.me, part.id));
      if (!plan.ok) throw invalid(plan.issues.map((i) => field(i.path, i.code)));
      const at = clock().toISOString();
      const eventId = newId();
      const event = { id: eventId, createdAt: at, updatedAt: at, ticketId: ticket.id, authorId: w.me, at, kind: 'part', ...plan.plan.event } as TicketEvent;
      const eventCheck = validateDocument('ticketEvents', event);
      if (!eventCheck.ok) throw new DomainError('VALIDATION_FAILED', `ticketEvents: ${eventCheck.errors.join('; ')}`);
      const m = checked(
        movement(w, {
          ref: part.id, ref2: w.me, status: plan.plan.reason,
          body: {
            quantity: input.quantity, delta: plan.plan.delta, ticketId: ticket.id, eventId, serialIn: input.serialIn, serialOut: input.action === 'used' ? input.serialOut : '',
            defective: input.defective, source: plan.plan.source, sourceNote: plan.plan.source === 'van' ? '' : input.sourceNote, note: input.note,
          },
        }),
      );
      // The movement first: a booking whose event failed still moved the stock, and says so on retry.
      await db.records.insert(m);
      await db.ticketEvents.insert(event);
      return { movementId: m.id, eventId };
    },

    async savePart(input: Input<typeof savePartInput>): Promise<{ id: string }> {
      const w = await worker();
      if (!keepsCatalogue(w)) throw new DomainError('FORBIDDEN', 'the parts catalogue is kept by managers and admins');
      const same = (await db.records.find({ selector: { kind: 'part', ref2: input.partNumber } }).exec()).filter((d) => d.id !== input.id);
      if (same.length > 0) throw invalid([field('partNumber', 'part_number_taken')]);
      if (input.supplierId && !(await record<SupplierRecord>(input.supplierId, 'supplier'))) throw invalid([field('supplierId', 'supplier_not_found')]);
      const at = clock().toISOString();
      const old = input.id ? await partOf(input.id) : null;
      const next = checked({
        id: old?.id ?? newId(), createdAt: old?.createdAt ?? at, updatedAt: at, kind: 'part', ref: input.supplierId, ref2: input.partNumber, status: input.retired ? 'retired' : 'active',
        body: { partNumber: input.partNumber, nameEn: input.nameEn, nameZh: input.nameZh, serialised: input.serialised, unit: input.unit, productLine: input.productLine, note: old?.body.note ?? '' },
      });
      if (old) await (await db.records.findOne(old.id).exec())!.incrementalPatch({ ref: next.ref, ref2: next.ref2, status: next.status, body: next.body, updatedAt: at } as never);
      else await db.records.insert(next);
      return { id: next.id };
    },

    /** Stock moved by hand: issue / transfer / adjust by a manager, a defective unit sent back by its holder. */
    async move(input: Input<typeof moveStockInput>): Promise<{ movementId: string }> {
      const w = await worker();
      const manager = keepsCatalogue(w);
      if (!manager && (input.holderId !== w.me || input.reason !== 'defective_return')) throw new DomainError('FORBIDDEN', 'stock is issued by managers; a technician sends back defective units', [field('reason', 'role_forbidden')]);
      const part = await partOf(input.partId);
      const out = input.reason === 'defective_return' || (input.reason !== 'issue' && input.direction === 'out');
      if (part.body.serialised && input.reason === 'defective_return' && input.serial === '') throw invalid([field('serial', 'serial_required')]);
      if (part.body.serialised && input.quantity > 1 && input.serial !== '') throw invalid([field('quantity', 'serialised_one')]);
      if (out && (await onHand(input.holderId, part.id)) < input.quantity) throw invalid([field('quantity', 'not_in_stock')]);
      const m = checked(
        movement(w, {
          ref: part.id, ref2: input.holderId, status: input.reason,
          body: { quantity: input.quantity, delta: out ? -input.quantity : input.quantity, defective: input.reason === 'defective_return', serialIn: out ? '' : input.serial, serialOut: out ? input.serial : '', note: input.note },
        }),
      );
      await db.records.insert(m);
      return { movementId: m.id };
    },

    async saveSupplier(input: Input<typeof saveSupplierInput>): Promise<{ id: string }> {
      const w = await worker();
      if (!keepsCatalogue(w)) throw new DomainError('FORBIDDEN', 'suppliers are kept by managers and admins');
      const at = clock().toISOString();
      const old = input.id ? await record<SupplierRecord>(input.id, 'supplier') : null;
      if (input.id && !old) throw new DomainError('NOT_FOUND', `supplier ${input.id} is not here`);
      const next = checked({
        id: old?.id ?? newId(), createdAt: old?.createdAt ?? at, updatedAt: at, kind: 'supplier', ref: '', ref2: '', status: input.active ? 'active' : 'inactive',
        body: { name: input.name, nameZh: input.nameZh, kinds: [...new Set(input.kinds)], contact: input.contact, phone: input.phone, email: input.email, note: input.note },
      });
      if (old) await (await db.records.findOne(old.id).exec())!.incrementalPatch({ status: next.status, body: next.body, updatedAt: at } as never);
      else await db.records.insert(next);
      return { id: next.id };
    },
  };
};

export type PartsCommands = ReturnType<typeof createPartsCommands>;
