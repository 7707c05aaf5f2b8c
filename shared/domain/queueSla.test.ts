import { describe, expect, it } from 'vitest';
import { aTicket } from './testing/builders';
import { NO_DUE } from '../schema';
import { dueClockMinutes, queueSlaState, runningClocks } from './queueSla';
import { slaState } from './sla';

const now = Date.parse('2026-03-02T08:00:00.000Z');
const at = (minutesFromNow: number) => new Date(now + minutesFromNow * 60_000).toISOString();

describe('queue SLA state from the indexed due time', () => {
  it('is breached once the due time passed, warning in the last quarter of the due clock, ok before', () => {
    // A critical ticket not yet responded to: 15 minutes to respond, warning in the last 3.75.
    const base = aTicket({ severity: 'critical', customerTier: 'general', respondedAt: null });
    expect(dueClockMinutes(base, null)).toBe(15);
    expect(queueSlaState({ ...base, slaDueAt: at(-1) }, null, now)).toBe('breached');
    expect(queueSlaState({ ...base, slaDueAt: at(3) }, null, now)).toBe('warning');
    expect(queueSlaState({ ...base, slaDueAt: at(5) }, null, now)).toBe('ok');
    expect(queueSlaState({ ...base, slaDueAt: NO_DUE }, null, now)).toBe('none');
  });

  it('takes the restore target once responded, and the fix target once restored', () => {
    const responded = aTicket({ severity: 'major', customerTier: 'general', respondedAt: at(-60), restoredAt: null });
    expect(dueClockMinutes(responded, null)).toBe(24 * 60);
    expect(queueSlaState({ ...responded, slaDueAt: at(5 * 60) }, null, now)).toBe('warning');
    expect(queueSlaState({ ...responded, slaDueAt: at(7 * 60) }, null, now)).toBe('ok');
    expect(dueClockMinutes({ ...responded, restoredAt: at(-1) }, null)).toBe(30 * 24 * 60);
  });

  it('lists running clocks nearest first with the moment each turns to warning', () => {
    const ticket = aTicket({ severity: 'critical', customerTier: 'general', createdAt: at(-10), respondedAt: null, restoredAt: null, resolvedAt: null });
    const state = slaState({ ticket, events: [], tier: 'general', policy: null, calendar: null, now });
    const clocks = runningClocks(state);
    expect(clocks.map((c) => c.clock)).toEqual(['firstResponse', 'restore', 'fix']);
    expect(clocks[0]!.dueAt).toBe(now + 5 * 60_000);
    expect(clocks[0]!.warnAt).toBe(clocks[0]!.dueAt - 3.75 * 60_000);
  });
});
