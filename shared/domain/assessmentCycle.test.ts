import { describe, expect, it } from 'vitest';
import { cycleExitGaps, isLate, newAssessment, phaseDueAt, quarterDates } from './assessmentCycle';
import { aCycle, anAssessment, ids, newId } from './testing/builders';

describe('assessment cycle phases', () => {
  it('gives a quarter its first and last day, leap years included', () => {
    expect(quarterDates(2028, 1)).toEqual({ startsOn: '2028-01-01', endsOn: '2028-03-31' });
    expect(quarterDates(2026, 4)).toEqual({ startsOn: '2026-10-01', endsOn: '2026-12-31' });
  });

  it('dates each phase from the quarter end; the acknowledgement runs 14 days from its opening', () => {
    const cycle = aCycle({ endsOn: '2026-03-31' });
    expect(new Date(phaseDueAt(cycle)!).toISOString()).toBe('2026-04-08T00:00:00.000Z');
    expect(new Date(phaseDueAt({ ...cycle, phase: 'manager_review' })!).toISOString()).toBe('2026-04-22T00:00:00.000Z');
    expect(phaseDueAt({ ...cycle, phase: 'acknowledgement', updatedAt: '2026-05-01T00:00:00.000Z' })).toBe(Date.parse('2026-05-15T00:00:00.000Z'));
    expect(phaseDueAt({ ...cycle, phase: 'closed' })).toBeNull();
  });

  it('lists every missing step; a lapsed acknowledgement no longer blocks closing', () => {
    const done = anAssessment({ selfReview: { scores: [], summary: '', submittedAt: '2026-04-01T00:00:00.000Z' } });
    const open = anAssessment({ personId: newId() });
    const cycle = aCycle();
    expect(cycleExitGaps(cycle, [done, open], 0)).toEqual([{ assessmentId: open.id, personId: open.personId, what: 'selfReview' }]);
    expect(isLate(cycle, open, Date.parse('2026-04-07T00:00:00.000Z'))).toBe(false);
    expect(isLate(cycle, open, Date.parse('2026-04-08T00:00:00.000Z'))).toBe(true);
    expect(isLate(cycle, done, Date.parse('2026-05-08T00:00:00.000Z'))).toBe(false);
    const ack = { ...cycle, phase: 'acknowledgement' as const, updatedAt: '2026-05-01T00:00:00.000Z' };
    expect(cycleExitGaps(ack, [open], Date.parse('2026-05-14T23:59:59.000Z')).map((g) => g.what)).toEqual(['acknowledgement']);
    expect(cycleExitGaps(ack, [open], Date.parse('2026-05-15T00:00:00.000Z'))).toEqual([]);
  });

  it('opens an assessment empty, in the self review', () => {
    const a = newAssessment({ id: newId(), at: '2026-04-01T00:00:00.000Z', cycleId: ids.cycle, personId: ids.assignee, managerId: ids.manager });
    expect(a).toMatchObject({ phase: 'self_review', kpis: null, total: null, acknowledgement: null, selfReview: { scores: [], submittedAt: null } });
  });
});
