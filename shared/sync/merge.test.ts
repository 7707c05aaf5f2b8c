import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { COLLECTION_FIELD_GROUPS, documentsEqual, jsonEqual, threeWayMerge } from './merge';
import type { Doc } from './merge';

function aTicket(overrides: Doc = {}): Doc {
  return {
    id: 't-1',
    title: 'Fan failure',
    status: 'in_progress',
    priority: 'P3',
    notes: 'initial',
    sla: { responseDueAt: 1000, restoreDueAt: 2000 },
    tags: ['a'],
    _deleted: false,
    ...overrides,
  };
}

describe('threeWayMerge', () => {
  it('S7: keeps changes to different fields from both sides', () => {
    const base = aTicket();
    const local = aTicket({ notes: 'technician note' });
    const remote = aTicket({ priority: 'P1' });
    const { merged, collisions } = threeWayMerge(base, local, remote);
    expect(merged).toMatchObject({ notes: 'technician note', priority: 'P1', _deleted: false });
    expect(collisions).toEqual([]);
  });

  it('S6: same field changed on both sides -> master wins and the local value is reported', () => {
    const base = aTicket();
    const { merged, collisions } = threeWayMerge(base, aTicket({ priority: 'P2' }), aTicket({ priority: 'P1' }));
    expect(merged.priority).toBe('P1');
    expect(collisions).toEqual([{ field: 'priority', localValue: 'P2', remoteValue: 'P1', reason: 'both-changed' }]);
  });

  it('same change on both sides is not a collision', () => {
    const { merged, collisions } = threeWayMerge(aTicket(), aTicket({ status: 'restored' }), aTicket({ status: 'restored' }));
    expect(merged.status).toBe('restored');
    expect(collisions).toEqual([]);
  });

  it('merges nested plain objects per nested field; arrays are atomic', () => {
    const base = aTicket();
    const local = aTicket({ sla: { responseDueAt: 1500, restoreDueAt: 2000 }, tags: ['a', 'l'] });
    const remote = aTicket({ sla: { responseDueAt: 1000, restoreDueAt: 2500 }, tags: ['a', 'r'] });
    const { merged, collisions } = threeWayMerge(base, local, remote);
    expect(merged.sla).toEqual({ responseDueAt: 1500, restoreDueAt: 2500 });
    expect(merged.tags).toEqual(['a', 'r']);
    expect(collisions.map((c) => c.field)).toEqual(['tags']);
  });

  it('a field removed locally and untouched remotely stays removed', () => {
    const local = aTicket();
    delete local.notes;
    const { merged } = threeWayMerge(aTicket(), local, aTicket({ priority: 'P1' }));
    expect('notes' in merged).toBe(false);
    expect(merged.priority).toBe('P1');
  });

  it('S8: ticket closed remotely keeps the technician non-status edits, status goes to master', () => {
    const base = aTicket();
    const local = aTicket({ notes: 'replaced the fan', status: 'restored' });
    const remote = aTicket({ status: 'closed' });
    const { merged, collisions } = threeWayMerge(base, local, remote);
    expect(merged).toMatchObject({ status: 'closed', notes: 'replaced the fan' });
    expect(collisions).toEqual([{ field: 'status', localValue: 'restored', remoteValue: 'closed', reason: 'both-changed' }]);
  });

  it('S8: deleted remotely while edited locally -> deleted, every local change reported', () => {
    const base = aTicket();
    const local = aTicket({ notes: 'offline work', priority: 'P2' });
    const remote = aTicket({ _deleted: true });
    const { merged, collisions } = threeWayMerge(base, local, remote);
    expect(merged._deleted).toBe(true);
    expect(collisions.map((c) => [c.field, c.localValue, c.reason])).toEqual([
      ['notes', 'offline work', 'deleted-remotely'],
      ['priority', 'P2', 'deleted-remotely'],
    ]);
  });

  it('deleted locally while edited remotely -> the remote edit survives and the deletion is reported', () => {
    const { merged, collisions } = threeWayMerge(aTicket(), aTicket({ _deleted: true }), aTicket({ priority: 'P1' }));
    expect(merged._deleted).toBe(false);
    expect(merged.priority).toBe('P1');
    expect(collisions).toEqual([{ field: '_deleted', localValue: true, remoteValue: false, reason: 'deleted-locally' }]);
  });

  it('deleted locally, remote unchanged (only bookkeeping differs) -> deleted', () => {
    const remote = { ...aTicket(), _rev: '2-x', _meta: { lwt: 5 } };
    const { merged, collisions } = threeWayMerge(aTicket(), aTicket({ _deleted: true }), remote);
    expect(merged._deleted).toBe(true);
    expect(collisions).toEqual([]);
    expect('_rev' in merged).toBe(false);
  });

  it('server-owned fields always take the remote value without a collision', () => {
    const { merged, collisions } = threeWayMerge(aTicket(), aTicket({ number: 'LOCAL-1' }), aTicket({ number: 'T-000042' }), {
      serverOwnedFields: ['number'],
    });
    expect(merged.number).toBe('T-000042');
    expect(collisions).toEqual([]);
  });

  it('latest-wins fields take the greater value without a collision', () => {
    const base = aTicket({ updatedAt: '2026-01-01T00:00:00.000Z' });
    const local = aTicket({ updatedAt: '2026-01-03T00:00:00.000Z', notes: 'n' });
    const remote = aTicket({ updatedAt: '2026-01-02T00:00:00.000Z', priority: 'P1' });
    const { merged, collisions } = threeWayMerge(base, local, remote, { latestWinsFields: ['updatedAt'] });
    expect(merged.updatedAt).toBe('2026-01-03T00:00:00.000Z');
    expect(collisions).toEqual([]);
  });

  it('without a base every differing field is a collision won by the master', () => {
    const { merged, collisions } = threeWayMerge(undefined, aTicket({ priority: 'P2' }), aTicket({ priority: 'P1' }));
    expect(merged.priority).toBe('P1');
    expect(collisions.map((c) => c.field)).toEqual(['priority']);
  });

  const value = fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 3 }), fc.constant(null));
  const docArb = fc.record({ f1: value, f2: value, f3: value, nested: fc.record({ x: value, y: value }) });

  it('properties: identity, one-sided changes, convergence of master-wins', () => {
    fc.assert(
      fc.property(docArb, docArb, docArb, (b, l, r) => {
        const base = { id: 'd', ...b, _deleted: false };
        const local = { id: 'd', ...l, _deleted: false };
        const remote = { id: 'd', ...r, _deleted: false };
        // Nothing changed remotely -> the local document is the result, no collisions.
        const onlyLocal = threeWayMerge(base, local, base);
        expect(jsonEqual(onlyLocal.merged, local)).toBe(true);
        expect(onlyLocal.collisions).toEqual([]);
        // Nothing changed locally -> the remote document is the result.
        expect(jsonEqual(threeWayMerge(base, base, remote).merged, remote)).toBe(true);
        // The result is stable: merging it again against the same master changes nothing more.
        const first = threeWayMerge(base, local, remote).merged;
        const second = threeWayMerge(remote, first, remote);
        expect(jsonEqual(second.merged, first)).toBe(true);
        expect(second.collisions).toEqual([]);
        // Every field of the result comes from local or remote.
        for (const k of ['f1', 'f2', 'f3'] as const) {
          expect([local[k], remote[k]]).toContainEqual(first[k]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('documentsEqual', () => {
  it('ignores RxDB bookkeeping and key order, compares _deleted', () => {
    expect(documentsEqual({ a: 1, b: 2, _rev: '1-a', _meta: { lwt: 1 } }, { b: 2, a: 1, _rev: '9-z' })).toBe(true);
    expect(documentsEqual({ a: 1, _deleted: true }, { a: 1, _deleted: false })).toBe(false);
    expect(documentsEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });
});

describe('field groups (a ticket\'s status and pending reason)', () => {
  const groups = { fieldGroups: COLLECTION_FIELD_GROUPS.tickets };
  const base: Doc = { id: 't', title: 'a', status: 'in_progress', pendingReason: null };

  it('takes the group whole from the master when both sides moved it, recording the local values', () => {
    const local = { ...base, status: 'pending', pendingReason: 'parts' };
    const remote = { ...base, status: 'resolved' };
    const { merged, collisions } = threeWayMerge(base, local, remote, groups);
    // Field by field this was status resolved with pending reason parts: a ticket the schema refuses.
    expect([merged.status, merged.pendingReason]).toEqual(['resolved', null]);
    expect(collisions.map((c) => [c.field, c.localValue, c.remoteValue])).toEqual([
      ['status', 'pending', 'resolved'],
      ['pendingReason', 'parts', null],
    ]);
  });

  it('merges as before when only one side touched the group', () => {
    const local = { ...base, title: 'b' };
    const remote = { ...base, status: 'pending', pendingReason: 'customer' };
    const { merged, collisions } = threeWayMerge(base, local, remote, groups);
    expect([merged.title, merged.status, merged.pendingReason]).toEqual(['b', 'pending', 'customer']);
    expect(collisions).toEqual([]);
  });
});
