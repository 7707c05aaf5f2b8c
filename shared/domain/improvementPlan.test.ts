import { describe, expect, it } from 'vitest';
import type { ImprovementGoalRecord } from '../schema';
import { canFollowUpGoal, canSetGoals, goalIssues, goalsToFollowUp } from './improvementPlan';
import { aCycle, anAssessment, newId } from './testing/builders';

describe('improvement plans', () => {
  const director = newId();
  const manager = newId();
  const person = newId();
  const peer = newId();
  const people = [
    { id: director, managerId: null },
    { id: manager, managerId: director },
    { id: person, managerId: manager },
    { id: peer, managerId: manager },
  ];
  const plan = anAssessment({ personId: person, managerId: manager, phase: 'acknowledgement', total: 2.25, outcome: 'improvement_plan' });
  const goal = (over: Partial<ImprovementGoalRecord['body']> = {}, cycleId = plan.cycleId): ImprovementGoalRecord => ({
    id: newId(),
    createdAt: '2026-04-20T00:00:00.000Z',
    updatedAt: '2026-04-20T00:00:00.000Z',
    kind: 'improvementGoal',
    ref: plan.id,
    ref2: person,
    status: 'open',
    body: { cycleId, title: 'First response within the SLA on 9 of 10 tickets', ownerId: person, dueOn: '2026-06-30', setBy: manager, followUp: '', followedUpBy: null, ...over },
  });

  it('goals are set by the managers above once the plan is final; not by the person or a peer, not for other outcomes', () => {
    expect(canSetGoals(plan, { id: manager, roles: ['manager'] }, people)).toBe(true);
    expect(canSetGoals(plan, { id: director, roles: ['manager'] }, people)).toBe(true);
    expect(canSetGoals(plan, { id: person, roles: ['manager'] }, people)).toBe(false);
    expect(canSetGoals(plan, { id: peer, roles: ['technician'] }, people)).toBe(false);
    expect(canSetGoals({ ...plan, phase: 'calibration' }, { id: manager, roles: ['manager'] }, people)).toBe(false);
    expect(canSetGoals({ ...plan, outcome: 'meets' }, { id: manager, roles: ['manager'] }, people)).toBe(false);
  });

  it('a goal is owned by the person or a manager above and falls due after the quarter', () => {
    const cycle = aCycle({ endsOn: '2026-03-31' });
    expect(goalIssues(goal(), cycle, people)).toEqual([]);
    expect(goalIssues(goal({ ownerId: director }), cycle, people)).toEqual([]);
    expect(goalIssues(goal({ ownerId: peer, dueOn: '2026-03-31' }), cycle, people)).toEqual(['owner', 'due']);
  });

  it('the next cycle follows up the goals of earlier plans; managers above decide, the person does not', () => {
    const q1 = aCycle({ id: newId(), endsOn: '2026-03-31' });
    const q2 = aCycle({ id: newId(), startsOn: '2026-04-01', endsOn: '2026-06-30' });
    const early = goal({ dueOn: '2026-05-31' }, q1.id);
    const late = goal({ dueOn: '2026-06-30' }, q1.id);
    const current = goal({}, q2.id);
    const cycles = new Map([[q1.id, q1], [q2.id, q2]]);
    expect(goalsToFollowUp(person, q2, [late, current, early], cycles)).toEqual([early, late]);
    expect(goalsToFollowUp(peer, q2, [late, early], cycles)).toEqual([]);
    expect(canFollowUpGoal(early, { id: manager, roles: ['manager'] }, people)).toBe(true);
    expect(canFollowUpGoal(early, { id: person, roles: ['manager'] }, people)).toBe(false);
    expect(canFollowUpGoal(early, { id: peer, roles: ['technician'] }, people)).toBe(false);
  });
});
