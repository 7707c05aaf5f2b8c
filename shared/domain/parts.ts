import type { PartRecord, PartSource, StockMovementRecord } from '../schema';

// Van stock (DOMAIN.md, "Visits and spare parts"): stock on hand is the sum of a holder's
// movements, never a stored count (RELIABILITY D5), so movements booked on two offline
// devices simply add up once both have synced.

type Movement = Pick<StockMovementRecord, 'ref' | 'ref2' | 'status'> & { body: Pick<StockMovementRecord['body'], 'delta'> };

/** Units on hand per part for one holder: the sum of the holder's movements' deltas. */
export function stockOnHand(movements: readonly Movement[], holder: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of movements) {
    if (m.ref2 !== holder) continue;
    out.set(m.ref, (out.get(m.ref) ?? 0) + m.body.delta);
  }
  return out;
}

/** Units on hand per holder and part ("holder part" keys), for a manager's overview. */
export function stockByHolder(movements: readonly Movement[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const m of movements) {
    const mine = out.get(m.ref2) ?? new Map<string, number>();
    mine.set(m.ref, (mine.get(m.ref) ?? 0) + m.body.delta);
    out.set(m.ref2, mine);
  }
  return out;
}

export type PartAction = 'used' | 'returned';

/** What a technician books on a ticket: a part fitted (used) or brought back unused (returned). */
export interface PartBooking {
  ticketId: string;
  action: PartAction;
  quantity: number;
  /** Serial of the unit fitted (used) or of the unit brought back (returned). */
  serialIn: string;
  /** Serial of the unit removed from the equipment (used only). */
  serialOut: string;
  /** The removed unit is defective and goes back to its supplier. */
  defective: boolean;
  source: PartSource;
  sourceNote: string;
  note: string;
}

/** Why a booking is refused: one field and an i18n key the form shows beside it. */
export interface BookingIssue {
  path: 'quantity' | 'serialIn' | 'serialOut' | 'defective' | 'source' | 'sourceNote';
  code: 'quantity_invalid' | 'serial_required' | 'serialised_one' | 'serial_out_required' | 'defective_needs_use' | 'source_note_required' | 'not_in_stock' | 'part_retired';
}

export interface BookingPlan {
  /** The movement's reason and signed delta (0 when the part did not come from the van). */
  reason: 'use' | 'return';
  delta: number;
  source: PartSource;
  /** The `part` timeline event's own fields. */
  event: { partAction: PartAction; partNumber: string; serial: string; quantity: number };
}

/**
 * Judges one booking against the catalogue and the technician's stock on hand. A part the
 * technician does not carry (or not enough of) is booked only with another source and a
 * reason text: then the van stock does not move. Returns the plan or every issue found.
 */
export function planBooking(part: Pick<PartRecord, 'status' | 'body'>, booking: PartBooking, onHand: number): { ok: true; plan: BookingPlan } | { ok: false; issues: BookingIssue[] } {
  const issues: BookingIssue[] = [];
  const q = booking.quantity;
  if (!Number.isInteger(q) || q < 1 || q > 1000) issues.push({ path: 'quantity', code: 'quantity_invalid' });
  const serialised = part.body.serialised;
  const used = booking.action === 'used';
  if (serialised && q > 1) issues.push({ path: 'quantity', code: 'serialised_one' });
  if (serialised && booking.serialIn.trim() === '') issues.push({ path: 'serialIn', code: 'serial_required' });
  if (!used && booking.defective) issues.push({ path: 'defective', code: 'defective_needs_use' });
  if (used && booking.defective && serialised && booking.serialOut.trim() === '') issues.push({ path: 'serialOut', code: 'serial_out_required' });
  // A part brought back always goes into the van.
  const source: PartSource = used ? booking.source : 'van';
  if (source !== 'van' && booking.sourceNote.trim() === '') issues.push({ path: 'sourceNote', code: 'source_note_required' });
  if (used && source === 'van' && part.status === 'retired' && onHand < q) issues.push({ path: 'source', code: 'part_retired' });
  else if (used && source === 'van' && onHand < q) issues.push({ path: 'source', code: 'not_in_stock' });
  if (issues.length > 0) return { ok: false, issues };
  const delta = !used ? q : source === 'van' ? -q : 0;
  return {
    ok: true,
    plan: { reason: used ? 'use' : 'return', delta, source, event: { partAction: booking.action, partNumber: part.body.partNumber, serial: booking.serialIn.trim(), quantity: q } },
  };
}

/** The part's name in the reader's language (Chinese falls back to English and back). */
export const partName = (part: Pick<PartRecord, 'body'>, zh: boolean): string => (zh ? part.body.nameZh || part.body.nameEn : part.body.nameEn || part.body.nameZh);
