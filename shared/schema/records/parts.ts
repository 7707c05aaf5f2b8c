import { z } from 'zod';
import { id, isoTime, name, text } from '../primitives';
import { recordKind, recordRef } from './kind';

// Spare parts (DOMAIN.md, "Visits and spare parts"; seed: 备件) and their suppliers (供应商管理).
// Three kinds share the `records` collection:
// - `part`: the catalogue. ref = the supplier ('' when none), ref2 = the part number (so a
//   look-up by number needs no body scan), status active | retired.
// - `stockMovement`: one movement of one technician's van stock. ref = the part, ref2 = the
//   holder (the technician). Append-only (RELIABILITY D5): stock on hand is the sum of
//   `delta`, never an overwritten count, so two offline devices never lose a movement.
// - `supplier`: a supplier of spare parts and / or third-party maintenance.

export const PART_STATUSES = ['active', 'retired'] as const;
export const SUPPLIER_STATUSES = ['active', 'inactive'] as const;
export const SUPPLIER_KINDS = ['parts', 'maintenance'] as const;

/**
 * Why stock moved. `issue` received from the warehouse or a manager (+); `use` fitted on a
 * ticket (-); `return` brought back unused from a ticket (+); `defective_return` a part from
 * the van found defective and sent back to its supplier (-); `transfer` and `adjust` (+/-).
 */
export const MOVEMENT_REASONS = ['issue', 'use', 'return', 'defective_return', 'transfer', 'adjust'] as const;
export type MovementReason = (typeof MOVEMENT_REASONS)[number];

/** Where a fitted part came from: the technician's van, or elsewhere (then with a reason text, and the van stock does not move). */
export const PART_SOURCES = ['van', 'customer', 'other'] as const;
export type PartSource = (typeof PART_SOURCES)[number];

export const PART_NUMBER_LENGTH = 60;
export const SERIAL_LENGTH = 80;

export const partRecord = recordKind('part', {
  ref: recordRef(),
  ref2: name(PART_NUMBER_LENGTH),
  status: z.enum(PART_STATUSES),
  body: {
    partNumber: name(PART_NUMBER_LENGTH),
    nameEn: name(200),
    nameZh: name(200),
    serialised: z.boolean(),
    unit: name(20),
    productLine: text(60),
    note: text(2000),
  },
});
export type PartRecord = z.infer<typeof partRecord>;

export const stockMovementRecord = recordKind('stockMovement', {
  ref: id(),
  ref2: id(),
  status: z.enum(MOVEMENT_REASONS),
  body: {
    /** Units moved, always positive; `delta` says which way (0 when the van stock did not move). */
    quantity: z.number().int().min(1).max(1000),
    delta: z.number().int().min(-1000).max(1000),
    ticketId: id().nullable(),
    /** The timeline event written with it (`part` event), so the two are traced both ways. */
    eventId: id().nullable(),
    /** Serial of the unit that went in (fitted) and of the unit that came out (removed). */
    serialIn: text(SERIAL_LENGTH),
    serialOut: text(SERIAL_LENGTH),
    /** The unit that came out (or, for defective_return, the unit sent back) is defective and goes back to its supplier. */
    defective: z.boolean(),
    source: z.enum(PART_SOURCES),
    /** Required when `source` is not the van. */
    sourceNote: text(500),
    /** Who wrote it (a manager issuing stock writes for the technician). */
    by: id(),
    at: isoTime(),
    note: text(2000),
  },
});
export type StockMovementRecord = z.infer<typeof stockMovementRecord>;

export const supplierRecord = recordKind('supplier', {
  ref: z.literal(''),
  ref2: z.literal(''),
  status: z.enum(SUPPLIER_STATUSES),
  body: {
    name: name(200),
    nameZh: text(200),
    kinds: z.array(z.enum(SUPPLIER_KINDS)).min(1).max(2),
    contact: text(120),
    phone: text(40),
    email: text(200),
    note: text(2000),
  },
});
export type SupplierRecord = z.infer<typeof supplierRecord>;
