import { describe, expect, it } from 'vitest';
import { applyTransition, canTransition, reopenDeadline, TRANSITIONS } from './lifecycle';
import { REOPEN_WINDOW_DAYS } from './defaults';
import { aTicket, iso } from './testing/builders';
import { TICKET_STATUSES } from '../schema';
import { validateDocument } from '../schema';

const DAY = 86_400_000;
const now = Date.parse('2026-03-10T00:00:00.000Z');

describe('ticket lifecycle', () => {
  it('follows the documented flow new -> acknowledged -> in_progress -> pending -> restored -> resolved -> closed', () => {
    const flow = ['new', 'acknowledged', 'in_progress', 'pending', 'restored', 'resolved', 'closed'] as const;
    for (let i = 0; i + 1 < flow.length; i++) expect(TRANSITIONS[flow[i]!]).toContain(flow[i + 1]);
  });

  it('rejects transitions that are not in the graph', () => {
    const r = canTransition({ ticket: aTicket({ status: 'new' }), to: 'resolved', roles: ['manager'], now });
    expect(r).toMatchObject({ ok: false, code: 'invalid_transition' });
    expect(canTransition({ ticket: aTicket({ status: 'closed', closedAt: iso(now) }), to: 'resolved', roles: ['admin'], now }).ok).toBe(false);
  });

  it.each([
    ['technician', 'in_progress', 'resolved', true],
    ['technician', 'resolved', 'closed', false],
    ['engineer', 'resolved', 'closed', true],
    ['expert', 'in_progress', 'pending', true],
    ['manager', 'new', 'closed', true],
    ['engineer', 'new', 'closed', false],
    ['assessor', 'new', 'acknowledged', false],
    ['admin', 'resolved', 'closed', true],
  ] as const)('%s: %s -> %s allowed=%s', (role, from, to, allowed) => {
    const ticket = aTicket({ status: from, pendingReason: (from as string) === 'pending' ? 'customer' : null, resolvedAt: iso(now - DAY) });
    const r = canTransition({ ticket, to, roles: [role], now, pendingReason: 'parts' });
    expect(r.ok).toBe(allowed);
    if (!r.ok) expect(r.code).toBe('role_forbidden');
  });

  it('needs a pending reason', () => {
    expect(canTransition({ ticket: aTicket({ status: 'in_progress' }), to: 'pending', roles: ['technician'], now })).toMatchObject({ code: 'pending_reason_required' });
  });

  it(`allows reopening within ${REOPEN_WINDOW_DAYS} days of resolution, not after`, () => {
    expect(REOPEN_WINDOW_DAYS).toBe(14);
    const resolvedAt = now - 14 * DAY;
    const t = aTicket({ status: 'closed', resolvedAt: iso(resolvedAt), closedAt: iso(resolvedAt + DAY) });
    expect(reopenDeadline(t)).toBe(resolvedAt + 14 * DAY);
    expect(canTransition({ ticket: t, to: 'in_progress', roles: ['technician'], now }).ok).toBe(true);
    expect(canTransition({ ticket: t, to: 'in_progress', roles: ['technician'], now: now + 1 })).toMatchObject({ ok: false, code: 'reopen_window_expired' });
    expect(canTransition({ ticket: t, to: 'in_progress', roles: ['manager'], now: now + 1, reopenWindowDays: 30 }).ok).toBe(true);
    expect(reopenDeadline(aTicket({ status: 'in_progress' }))).toBeNull();
  });

  it('applyTransition keeps milestones in step and writes pause / resume events', () => {
    let t = aTicket();
    const steps: [typeof t.status, number][] = [
      ['acknowledged', 10],
      ['pending', 20],
      ['in_progress', 30],
      ['restored', 40],
      ['resolved', 50],
      ['in_progress', 60],
      ['resolved', 70],
    ];
    const kinds: string[] = [];
    for (const [to, min] of steps) {
      const r = applyTransition(t, to, { now: Date.parse(t.createdAt) + min * 60_000, pendingReason: 'parts' });
      t = r.ticket;
      kinds.push(...r.events.map((e) => e.kind));
      const check = validateDocument('tickets', t);
      expect(check.ok, JSON.stringify(check)).toBe(true);
    }
    const base = Date.parse(aTicket().createdAt);
    expect(t.respondedAt).toBe(iso(base + 10 * 60_000));
    expect(t.restoredAt).toBe(iso(base + 40 * 60_000));
    expect(t.resolvedAt).toBe(iso(base + 70 * 60_000));
    expect(t.reopenCount).toBe(1);
    expect(kinds.filter((k) => k === 'sla_pause')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'sla_resume')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'status_change')).toHaveLength(steps.length);
  });

  it('every status has an entry in the graph', () => {
    for (const s of TICKET_STATUSES) expect(TRANSITIONS[s]).toBeDefined();
  });
});
