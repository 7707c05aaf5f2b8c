import { describe, expect, it } from 'vitest';
import { aPart, anEvent, aStockMovement, aTicket, newId } from './testing/builders';
import { quarterOf, supplierQuality } from './suppliers';

// A hand-counted fixture: supplier A's figures were counted on paper from the list below.
describe('supplier quality per quarter (hand-counted fixture)', () => {
  const A = newId();
  const B = newId();
  const tech = newId();
  const board = aPart({ ref: A, body: { partNumber: 'A-BOARD', serialised: true } });
  const fuse = aPart({ ref: A, body: { partNumber: 'A-FUSE', serialised: false } });
  const fan = aPart({ ref: B, body: { partNumber: 'B-FAN', serialised: false } });
  const t1 = aTicket({ createdAt: '2026-01-10T00:00:00.000Z', restoredAt: '2026-01-12T00:00:00.000Z' });
  const t2 = aTicket({ createdAt: '2026-02-01T00:00:00.000Z', restoredAt: null });
  const t3 = aTicket({ createdAt: '2026-04-01T00:00:00.000Z' });
  const mv = (part: typeof board, status: 'use' | 'return' | 'defective_return', at: string, body: Record<string, unknown> = {}) =>
    aStockMovement({ ref: part.id, ref2: tech, status, body: { at, delta: status === 'return' ? 1 : -1, ...body } });
  const movements = [
    // Q1 2026, supplier A:
    mv(board, 'use', '2026-01-10T02:00:00.000Z', { ticketId: t1.id, serialIn: 'B-100', serialOut: 'B-001', defective: true }), // used 1, defective 1; B-001 never fitted by us: not DOA
    mv(board, 'use', '2026-01-20T02:00:00.000Z', { ticketId: t2.id, serialIn: 'B-101' }), // used 1
    mv(board, 'use', '2026-02-05T02:00:00.000Z', { ticketId: t2.id, serialIn: 'B-102', serialOut: 'B-101', defective: true }), // used 1, defective 1, B-101 fitted 16 days before: DOA
    mv(fuse, 'use', '2026-02-10T00:00:00.000Z', { ticketId: t2.id, quantity: 4, delta: -4 }), // used 4
    mv(fuse, 'return', '2026-02-10T01:00:00.000Z', { ticketId: t2.id }), // 1 back unused: used 3
    mv(fuse, 'defective_return', '2026-03-01T00:00:00.000Z', { serialOut: '' }), // defective 1, never fitted: DOA
    // Q2 2026, supplier A:
    mv(board, 'use', '2026-04-01T02:00:00.000Z', { ticketId: t3.id, serialIn: 'B-103', serialOut: 'B-100', defective: true }), // used 1, defective 1, B-100 fitted 81 days before: not DOA
    // Supplier B, Q1:
    mv(fan, 'use', '2026-01-15T00:00:00.000Z', { ticketId: t1.id }),
  ];
  // t1 waited 24 h for the third party; t2 waits from 2026-02-02 until `now`.
  const events = [
    anEvent('status_change', { ticketId: t1.id, at: '2026-01-10T06:00:00.000Z', from: 'in_progress', to: 'pending', pendingReason: 'third_party' }),
    anEvent('status_change', { ticketId: t1.id, at: '2026-01-11T06:00:00.000Z', from: 'pending', to: 'in_progress', pendingReason: null }),
    anEvent('status_change', { ticketId: t2.id, at: '2026-02-02T00:00:00.000Z', from: 'in_progress', to: 'pending', pendingReason: 'parts' }),
    anEvent('status_change', { ticketId: t2.id, at: '2026-02-03T00:00:00.000Z', from: 'pending', to: 'pending', pendingReason: 'third_party' }),
  ];
  const now = Date.parse('2026-02-04T00:00:00.000Z');
  const result = supplierQuality({ parts: [board, fuse, fan], movements, tickets: [t1, t2, t3], events }, now);

  it('supplier A, Q1: used 6, defective 3 (rate 0.5), DOA 2; escalations t1 (restored after 48 h) and t2 (open)', () => {
    const q1 = result.get(A)!.find((q) => q.quarter === '2026-Q1')!;
    expect(q1).toMatchObject({ used: 6, defective: 3, doa: 2, escalated: 2, restored: 1, restoreHoursMean: 48, restoreHoursMax: 48 });
    expect(q1.defectRate).toBeCloseTo(0.5);
    expect(q1.doaRate).toBeCloseTo(2 / 6);
    // 24 h for t1 and 24 h (2026-02-03 until now) for t2.
    expect(q1.thirdPartyHours).toBe(48);
    expect(new Set(q1.ticketIds)).toEqual(new Set([t1.id, t2.id]));
  });

  it('supplier A, Q2: a unit that failed after 81 days is defective but not DOA', () => {
    expect(result.get(A)!.map((q) => q.quarter)).toEqual(['2026-Q1', '2026-Q2']);
    expect(result.get(A)![1]).toMatchObject({ used: 1, defective: 1, doa: 0, defectRate: 1, escalated: 0 });
  });

  it('supplier B: no defects; t1 counts as escalated to B as well (its fan was fitted there)', () => {
    expect(result.get(B)).toEqual([expect.objectContaining({ quarter: '2026-Q1', used: 1, defective: 0, defectRate: 0, doa: 0, escalated: 1 })]);
  });

  it('quarters are UTC calendar quarters', () => {
    expect(quarterOf('2026-03-31T23:59:59.999Z')).toBe('2026-Q1');
    expect(quarterOf('2026-10-01T00:00:00.000Z')).toBe('2026-Q4');
  });
});
