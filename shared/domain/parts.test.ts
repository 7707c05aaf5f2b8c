import { describe, expect, it } from 'vitest';
import { aPart, aStockMovement, newId } from './testing/builders';
import { planBooking, stockOnHand, type PartBooking } from './parts';

const booking = (over: Partial<PartBooking> = {}): PartBooking => ({
  ticketId: newId(), action: 'used', quantity: 1, serialIn: 'SN-1', serialOut: '', defective: false, source: 'van', sourceNote: '', note: '', ...over,
});

describe('van stock is the sum of movements', () => {
  it('sums every movement of the holder per part, others ignored', () => {
    const tech = newId();
    const other = newId();
    const part = newId();
    const moves = [
      aStockMovement({ ref: part, ref2: tech, body: { delta: 5 } }),
      aStockMovement({ ref: part, ref2: tech, status: 'use', body: { delta: -1 } }),
      aStockMovement({ ref: part, ref2: tech, status: 'use', body: { delta: -2, quantity: 2 } }),
      aStockMovement({ ref: part, ref2: other, body: { delta: 9 } }),
    ];
    expect(stockOnHand(moves, tech).get(part)).toBe(2);
    expect(stockOnHand(moves, other).get(part)).toBe(9);
  });
});

describe('booking a part on a ticket', () => {
  const serialised = aPart();
  const bulk = aPart({ body: { partNumber: 'FUSE-10A', serialised: false } });

  it('a fitted part from the van lowers the stock by its quantity; a return raises it', () => {
    expect(planBooking(bulk, booking({ quantity: 3, serialIn: '' }), 5)).toMatchObject({ ok: true, plan: { reason: 'use', delta: -3, event: { partAction: 'used', partNumber: 'FUSE-10A', quantity: 3 } } });
    expect(planBooking(bulk, booking({ action: 'returned', quantity: 2, serialIn: '' }), 0)).toMatchObject({ ok: true, plan: { reason: 'return', delta: 2 } });
  });

  it('refuses quantities of 0 and -1 and fractions', () => {
    for (const quantity of [0, -1, 1.5]) expect(planBooking(bulk, booking({ quantity, serialIn: '' }), 10)).toEqual({ ok: false, issues: [{ path: 'quantity', code: 'quantity_invalid' }] });
  });

  it('a part the technician does not carry needs another source and a reason; then the van does not move', () => {
    expect(planBooking(serialised, booking(), 0)).toEqual({ ok: false, issues: [{ path: 'source', code: 'not_in_stock' }] });
    expect(planBooking(serialised, booking({ source: 'customer' }), 0)).toEqual({ ok: false, issues: [{ path: 'sourceNote', code: 'source_note_required' }] });
    expect(planBooking(serialised, booking({ source: 'customer', sourceNote: 'Customer spare 客户备件' }), 0)).toMatchObject({ ok: true, plan: { delta: 0, source: 'customer' } });
  });

  it('serialised parts: one at a time, with the fitted serial, and the removed serial when it is defective', () => {
    expect(planBooking(serialised, booking({ serialIn: '' }), 3)).toEqual({ ok: false, issues: [{ path: 'serialIn', code: 'serial_required' }] });
    expect(planBooking(serialised, booking({ quantity: 2 }), 3)).toEqual({ ok: false, issues: [{ path: 'quantity', code: 'serialised_one' }] });
    expect(planBooking(serialised, booking({ defective: true }), 3)).toEqual({ ok: false, issues: [{ path: 'serialOut', code: 'serial_out_required' }] });
    expect(planBooking(serialised, booking({ defective: true, serialOut: 'SN-OLD' }), 3).ok).toBe(true);
    expect(planBooking(serialised, booking({ action: 'returned', defective: true }), 3)).toEqual({ ok: false, issues: [{ path: 'defective', code: 'defective_needs_use' }] });
  });
});
