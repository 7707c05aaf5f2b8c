import { describe, expect, it } from 'vitest';
import { priorityFor, countsForTl9000, defaultProblemReport, changeSeverity } from './priority';
import { DEFAULT_PRIORITY } from './defaults';
import { aTicket } from './testing/builders';

describe('priority matrix (DOMAIN.md defaults)', () => {
  it.each([
    ['critical', 'general', 'fault', 'P1'],
    ['critical', 'key', 'fault', 'P1'],
    ['major', 'general', 'fault', 'P2'],
    ['major', 'key', 'fault', 'P1'],
    ['minor', 'general', 'fault', 'P3'],
    ['minor', 'key', 'fault', 'P2'],
    ['critical', 'key', 'inquiry', 'P4'],
    ['minor', 'general', 'inquiry', 'P4'],
    ['major', 'general', 'complaint', 'P2'],
  ] as const)('%s x %s (%s) -> %s', (severity, tier, type, expected) => {
    expect(priorityFor({ severity, tier, type })).toBe(expected);
  });

  it('uses a policy matrix and falls back to the default for a missing cell', () => {
    const policy = { ...DEFAULT_PRIORITY, matrix: [{ severity: 'minor' as const, tier: 'general' as const, priority: 'P4' as const }] };
    expect(priorityFor({ severity: 'minor', tier: 'general', type: 'fault' }, policy)).toBe('P4');
    expect(priorityFor({ severity: 'major', tier: 'key', type: 'fault' }, policy)).toBe('P1');
  });

  it('counts only problem reports for TL 9000, restore-only incidents do not count', () => {
    expect(countsForTl9000(aTicket({ problemReport: true }))).toBe(true);
    expect(countsForTl9000(aTicket({ problemReport: false }))).toBe(false);
    expect(countsForTl9000(aTicket({ problemReport: true, type: 'inquiry' }))).toBe(false);
    expect(defaultProblemReport('fault')).toBe(true);
    expect(defaultProblemReport('inquiry')).toBe(false);
  });
});

describe('severity changes', () => {
  it('need a reason, are kept as events and move the priority with the matrix', () => {
    const t = aTicket({ severity: 'minor', priority: 'P3' });
    const now = Date.parse(t.createdAt) + 60_000;
    expect(changeSeverity(t, 'critical', { now, reason: ' ', tier: 'general' })).toMatchObject({ ok: false, code: 'reason_required' });
    expect(changeSeverity(t, 'minor', { now, reason: 'x', tier: 'general' })).toMatchObject({ ok: false, code: 'same_severity' });
    const r = changeSeverity(t, 'critical', { now, reason: '全网业务中断', tier: 'general' });
    expect(r.ok && r.ticket.priority).toBe('P1');
    expect(r.ok && r.events.map((e) => e.kind)).toEqual(['severity_change', 'priority_change']);
  });
});
