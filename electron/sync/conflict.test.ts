import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { validateDocument } from '../../shared/schema';
import { ticketConflictEvent } from './collisions';
import { createConflictHandler, DOWNSTREAM_MASTER_CHECK } from './conflict';
import type { FieldCollisionEvent } from './conflict';

const base = { id: 't1', status: 'in_progress', priority: 'P3', notes: 'a', updatedAt: '2026-01-01T00:00:00.000Z', _deleted: false };

describe('createConflictHandler', () => {
  it('merge mode: three-way merge, lost values reported to the hook before returning', async () => {
    const seen: FieldCollisionEvent[] = [];
    const handler = createConflictHandler('tickets', { mode: 'merge', onFieldCollision: (e) => void seen.push(e) });
    const out = await handler.resolve(
      {
        assumedMasterState: base,
        newDocumentState: { ...base, priority: 'P2', notes: 'tech', updatedAt: '2026-01-02T00:00:00.000Z' },
        realMasterState: { ...base, priority: 'P1', status: 'closed', updatedAt: '2026-01-03T00:00:00.000Z' },
      },
      'test',
    );
    expect(out).toMatchObject({ priority: 'P1', notes: 'tech', status: 'closed', updatedAt: '2026-01-03T00:00:00.000Z', _deleted: false });
    expect(seen).toEqual([{ collection: 'tickets', id: 't1', field: 'priority', localValue: 'P2', remoteValue: 'P1', reason: 'both-changed' }]);
  });

  it('a failing hook does not fail the resolution', async () => {
    const errors: unknown[] = [];
    const handler = createConflictHandler('tickets', {
      mode: 'merge',
      onFieldCollision: () => Promise.reject(new Error('disk full')),
      onError: (e) => errors.push(e),
    });
    const out = await handler.resolve(
      { assumedMasterState: base, newDocumentState: { ...base, notes: 'x' }, realMasterState: { ...base, notes: 'y' } },
      'test',
    );
    expect(out.notes).toBe('y');
    expect(errors).toHaveLength(1);
  });

  it('a refusal (the master answered equals the base the push assumed) keeps the master and reports every refused value', async () => {
    const seen: FieldCollisionEvent[] = [];
    const handler = createConflictHandler('tickets', { mode: 'merge', onFieldCollision: (e) => void seen.push(e) });
    const master = { ...base, number: 7, _rev: '2-a' };
    const out = await handler.resolve(
      { assumedMasterState: { ...master, _rev: '1-b' }, newDocumentState: { ...base, number: 9, notes: 'tech', priority: 'P1', updatedAt: '2026-01-02T00:00:00.000Z', _deleted: true }, realMasterState: master },
      'test',
    );
    expect(out).toBe(master);
    expect(seen.map((e) => [e.field, e.localValue, e.remoteValue, e.reason])).toEqual([
      ['notes', 'tech', 'a', 'refused'],
      ['priority', 'P1', 'P3', 'refused'],
      ['_deleted', true, false, 'refused'],
    ]);
  });

  it('the stored version of its own push is taken whole, a time the server moved back included; anything else is merged', async () => {
    const stored = { ...base, notes: 'tech', updatedAt: '2026-01-02T00:00:00.000Z' };
    const pushed = { ...stored, updatedAt: '2026-01-03T00:00:00.000Z' };
    const asked: string[] = [];
    const handler = createConflictHandler('tickets', {
      mode: 'merge',
      isStoredAnswer: (id, master) => {
        asked.push(id);
        return master.updatedAt === stored.updatedAt;
      },
    });
    expect(await handler.resolve({ assumedMasterState: base, newDocumentState: pushed, realMasterState: stored }, 't')).toBe(stored);
    // Without that, the device's later stamp wins the merge and the push would go again.
    const other = { ...stored, updatedAt: '2026-01-01T12:00:00.000Z' };
    expect(await handler.resolve({ assumedMasterState: base, newDocumentState: pushed, realMasterState: other }, 't')).toMatchObject({ updatedAt: pushed.updatedAt });
    expect(asked).toEqual(['t1', 't1']);
  });

  it("a stale echo of the device's own push is equal to the stored document only where RxDB's downstream is about to write it", () => {
    const stale = { ...base, notes: 'echo 1' };
    const stored = { ...base, notes: 'echo 2' };
    const handler = createConflictHandler('tickets', { mode: 'merge', isStaleEcho: (doc) => doc.notes === 'echo 1' });
    expect(handler.isEqual(stale, stored, DOWNSTREAM_MASTER_CHECK)).toBe(true);
    expect(handler.isEqual(stored, { ...base, notes: 'echo 3' }, DOWNSTREAM_MASTER_CHECK)).toBe(false);
    // Every other comparison (the upstream's, the downstream's of the base with the document) as before.
    for (const context of ['upstream-check-if-equal', 'downstream-check-if-equal-0', 'replication-await-document-pushed']) {
      expect(handler.isEqual(stale, stored, context)).toBe(false);
    }
  });

  it('immutable and server-owned modes keep the master; isEqual ignores bookkeeping', async () => {
    for (const mode of ['immutable', 'server-owned'] as const) {
      const handler = createConflictHandler('ticketEvents', { mode });
      const master = { ...base, notes: 'master' };
      expect(await handler.resolve({ assumedMasterState: base, newDocumentState: { ...base, notes: 'l' }, realMasterState: master }, 't')).toBe(master);
      expect(handler.isEqual({ ...base, _meta: { lwt: 1 } } as never, { ...base, _rev: '3-x' } as never, 't')).toBe(true);
      expect(handler.isEqual(base, { ...base, notes: 'z' }, 't')).toBe(false);
    }
  });
});

describe('ticketConflictEvent', () => {
  it('builds a field_conflict ticket event that passes the shared schema', () => {
    const ticketId = uuidv7();
    const userId = uuidv7();
    const at = new Date('2026-03-01T08:00:00.000Z');
    for (const e of [
      { collection: 'tickets', id: ticketId, field: 'priority', localValue: 'P2', remoteValue: 'P1', reason: 'both-changed' as const },
      { collection: 'tickets', id: ticketId, field: 'description', localValue: { a: 1 }, remoteValue: undefined, reason: 'deleted-remotely' as const },
      { collection: 'tickets', id: ticketId, field: '_deleted', localValue: true, remoteValue: false, reason: 'deleted-locally' as const },
    ]) {
      const doc = ticketConflictEvent(e, userId, at);
      const result = validateDocument('ticketEvents', doc);
      expect(result.ok ? [] : result.errors).toEqual([]);
      expect(doc).toMatchObject({ kind: 'field_conflict', ticketId, field: e.field, lostAuthorId: userId, at: at.toISOString() });
    }
    expect(ticketConflictEvent({ collection: 'tickets', id: ticketId, field: 'f', localValue: { a: 1 }, remoteValue: 'k', reason: 'both-changed' }, userId, at).lostValue).toBe('{"a":1}');
  });
});
