import { describe, expect, it } from 'vitest';
import { assessmentReminders, type ReminderInput } from './assessmentReminders';
import { aCycle, anAssessment, anOutcomeApproval, newId } from './testing/builders';

describe('assessment reminders', () => {
  const director = newId();
  const manager = newId();
  const person = newId();
  const people = [
    { id: director, managerId: null },
    { id: manager, managerId: director },
    { id: person, managerId: manager },
  ];
  const cycle = aCycle({ id: newId(), name: '2026-Q1', endsOn: '2026-03-31', phase: 'self_review' });
  const a = anAssessment({ cycleId: cycle.id, personId: person, managerId: manager });
  const dueSelf = Date.parse('2026-04-08T00:00:00.000Z');
  const input = (over: Partial<ReminderInput>): ReminderInput => ({ me: { personId: person, roles: ['technician'] }, cycles: [cycle], assessments: [a], approvals: [], people, now: dueSelf, ...over });

  it('reminds the person of a late self review once it is due, and nobody else', () => {
    expect(assessmentReminders(input({ now: dueSelf - 1 }))).toEqual([]);
    expect(assessmentReminders(input({}))).toEqual([{ id: `assessment_late:${a.id}:self_review`, assessmentId: a.id, cycleId: cycle.id, cycleName: '2026-Q1', personId: person, at: '2026-04-08T00:00:00.000Z' }]);
    expect(assessmentReminders(input({ me: { personId: manager, roles: ['manager'] } }))).toEqual([]);
    // Submitted: nothing is owed.
    expect(assessmentReminders(input({ assessments: [{ ...a, selfReview: { ...a.selfReview, submittedAt: '2026-04-07T00:00:00.000Z' } }] }))).toEqual([]);
  });

  it('reminds the manager of a late review, and the one up of an outcome waiting for approval', () => {
    const review = { ...cycle, phase: 'manager_review' as const };
    expect(assessmentReminders(input({ cycles: [review], me: { personId: manager, roles: ['manager'] }, now: Date.parse('2026-04-22T00:00:00.000Z') })).map((r) => r.id)).toEqual([`assessment_late:${a.id}:manager_review`]);
    const calibration = { ...cycle, phase: 'calibration' as const };
    const reward = { ...a, phase: 'calibration' as const, total: 4.75, outcome: 'reward' as const, managerReview: { scores: [], summary: '', submittedAt: '2026-04-10T00:00:00.000Z' } };
    const late = Date.parse('2026-04-29T00:00:00.000Z');
    const base = { cycles: [calibration], assessments: [reward], now: late };
    expect(assessmentReminders(input({ ...base, me: { personId: director, roles: ['manager'] } })).map((r) => r.id)).toEqual([`assessment_late:${a.id}:calibration`]);
    expect(assessmentReminders(input({ ...base, me: { personId: manager, roles: ['manager'] } }))).toEqual([]);
    expect(assessmentReminders(input({ ...base, me: { personId: director, roles: ['manager'] }, approvals: [anOutcomeApproval(reward)] }))).toEqual([]);
  });
});
