import { z } from 'zod';
import { MOVEMENT_REASONS, PART_SOURCES, SUPPLIER_KINDS, type MovementReason, type PartSource } from '../schema/records/parts';
import type { SupplierQuarter } from '../domain/suppliers';
import { command, liveQuery, slice } from './define';

// Spare parts and suppliers (DOMAIN.md, "Visits and spare parts", "Suppliers"). Schema
// messages are keys of the renderer's `parts` namespace (`validation.<key>`), so a form shows
// them in the user's language.

const idRef = z.string().trim().min(1).max(64);
const quantity = z.number({ error: 'quantityInvalid' }).int('quantityInvalid').min(1, 'quantityInvalid').max(1000, 'quantityTooLarge');
const serial = z.string().trim().max(80, 'serialTooLong');
const note = z.string().trim().max(2000, 'noteTooLong');

export const PART_ACTIONS = ['used', 'returned'] as const;

/** A part fitted on a ticket (used) or brought back unused (returned), with serials. */
export const bookPartInput = z
  .object({
    ticketId: idRef,
    partId: z.string({ error: 'partRequired' }).trim().min(1, 'partRequired').max(64),
    action: z.enum(PART_ACTIONS),
    quantity,
    serialIn: serial.default(''),
    serialOut: serial.default(''),
    defective: z.boolean().default(false),
    source: z.enum(PART_SOURCES).default('van'),
    sourceNote: z.string().trim().max(500, 'sourceNoteTooLong').default(''),
    note: note.default(''),
  })
  .strict()
  .refine((v) => v.source === 'van' || v.action === 'returned' || v.sourceNote.length > 0, { path: ['sourceNote'], message: 'sourceNoteRequired' })
  .refine((v) => !v.defective || v.action === 'used', { path: ['defective'], message: 'defectiveNeedsUse' });
export type BookPartInput = z.input<typeof bookPartInput>;

export const savePartInput = z
  .object({
    id: idRef.optional(),
    partNumber: z.string().trim().min(1, 'partNumberRequired').max(60, 'partNumberTooLong'),
    nameEn: z.string().trim().min(1, 'nameEnRequired').max(200, 'nameTooLong'),
    nameZh: z.string().trim().min(1, 'nameZhRequired').max(200, 'nameTooLong'),
    serialised: z.boolean(),
    unit: z.string().trim().min(1, 'unitRequired').max(20, 'unitTooLong').default('pc'),
    supplierId: z.string().trim().max(64).default(''),
    productLine: z.string().trim().max(60, 'productLineTooLong').default(''),
    retired: z.boolean().default(false),
  })
  .strict();
export type SavePartInput = z.input<typeof savePartInput>;

/** Stock moved by hand: a manager issues (or takes back) stock; a technician sends a defective unit back. */
export const moveStockInput = z
  .object({
    holderId: idRef,
    partId: z.string({ error: 'partRequired' }).trim().min(1, 'partRequired').max(64),
    reason: z.enum(MOVEMENT_REASONS.filter((r) => r !== 'use' && r !== 'return') as ['issue', 'defective_return', 'transfer', 'adjust']),
    /** Which way for transfer and adjust; issue is always in, defective_return always out. */
    direction: z.enum(['in', 'out']).default('in'),
    quantity,
    serial: serial.default(''),
    note: note.default(''),
  })
  .strict();
export type MoveStockInput = z.input<typeof moveStockInput>;

export const saveSupplierInput = z
  .object({
    id: idRef.optional(),
    name: z.string().trim().min(1, 'supplierNameRequired').max(200, 'nameTooLong'),
    nameZh: z.string().trim().max(200, 'nameTooLong').default(''),
    kinds: z.array(z.enum(SUPPLIER_KINDS)).min(1, 'kindsRequired').max(2),
    contact: z.string().trim().max(120, 'contactTooLong').default(''),
    phone: z.string().trim().max(40, 'phoneTooLong').default(''),
    email: z.union([z.literal(''), z.email('emailInvalid').max(200, 'emailInvalid')]).default(''),
    note: note.default(''),
    active: z.boolean().default(true),
  })
  .strict();
export type SaveSupplierInput = z.input<typeof saveSupplierInput>;

export interface PartView {
  id: string;
  partNumber: string;
  nameEn: string;
  nameZh: string;
  serialised: boolean;
  unit: string;
  productLine: string;
  supplierId: string;
  supplierName: string;
  retired: boolean;
  /** Units the viewer carries (their van stock). */
  onHand: number;
}

export interface MovementView {
  id: string;
  partId: string;
  partNumber: string;
  partNameEn: string;
  partNameZh: string;
  holderId: string;
  holderName: string;
  reason: MovementReason;
  quantity: number;
  delta: number;
  ticketId: string | null;
  ticketNumber: string | null;
  serialIn: string;
  serialOut: string;
  defective: boolean;
  source: PartSource;
  sourceNote: string;
  byName: string;
  at: string;
}

export interface StockLine {
  partId: string;
  partNumber: string;
  nameEn: string;
  nameZh: string;
  serialised: boolean;
  unit: string;
  onHand: number;
}

export interface StockView {
  holder: { id: string; name: string };
  lines: StockLine[];
  /** The latest movements of the holder, newest first. */
  movements: MovementView[];
  /** Whom the viewer may issue stock to (managers and admins); empty for technicians. */
  holders: { id: string; name: string }[];
  mayIssue: boolean;
}

export interface TicketParts {
  bookings: MovementView[];
  /** The viewer's catalogue with their van stock, for the booking form. */
  parts: PartView[];
}

export interface SupplierSummary {
  id: string;
  name: string;
  nameZh: string;
  kinds: (typeof SUPPLIER_KINDS)[number][];
  contact: string;
  phone: string;
  email: string;
  note: string;
  active: boolean;
  partCount: number;
  /** The latest quarter with figures, if any. */
  latest: SupplierQuarter | null;
}

export interface SupplierDetail {
  supplier: SupplierSummary;
  parts: PartView[];
  quarters: SupplierQuarter[];
  /** Ticket numbers for the ticket ids behind the escalation figures. */
  ticketNumbers: Record<string, string>;
  mayEdit: boolean;
}

export const partsApi = slice({
  commands: {
    'parts.book': command<{ movementId: string; eventId: string }>()(bookPartInput),
    'parts.save': command<{ id: string }>()(savePartInput),
    'parts.move': command<{ movementId: string }>()(moveStockInput),
    'suppliers.save': command<{ id: string }>()(saveSupplierInput),
  },
  liveQueries: {
    'parts.catalogue': liveQuery<{ parts: PartView[]; mayEdit: boolean }>()(z.object({ query: z.string().trim().max(100).default('') }).strict()),
    'parts.ticket': liveQuery<TicketParts>()(z.object({ ticketId: idRef }).strict()),
    /** A holder's van stock; without `holderId`, the viewer's own. */
    'parts.stock': liveQuery<StockView>()(z.object({ holderId: z.string().trim().max(64).default('') }).strict()),
    'suppliers.list': liveQuery<{ suppliers: SupplierSummary[]; mayEdit: boolean }>()(z.object({}).strict()),
    'suppliers.detail': liveQuery<SupplierDetail | null>()(z.object({ id: idRef }).strict()),
  },
});
