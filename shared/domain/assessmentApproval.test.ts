import { describe, expect, it } from 'vitest';
import { cycleExitGaps } from './assessmentCycle';
import { canDecideOutcome, currentDecision, needsOneUpApproval, oneUpOf, outcomeApproved } from './assessmentApproval';
import { aCycle, anAssessment, anOutcomeApproval, newId } from './testing/builders';

describe('one-up approval of an outcome', () => {
  const director = newId();
  const manager = newId();
  const person = newId();
  const people = [
    { id: director, managerId: null },
    { id: manager, managerId: director },
    { id: person, managerId: manager },
  ];
  const rewarded = anAssessment({ personId: person, managerId: manager, phase: 'calibration', total: 4.75, outcome: 'reward' });

  it('asks it for a reward and an improvement plan only', () => {
    expect(needsOneUpApproval('reward')).toBe(true);
    expect(needsOneUpApproval('improvement_plan')).toBe(true);
    expect(needsOneUpApproval('meets')).toBe(false);
    expect(needsOneUpApproval(null)).toBe(false);
  });

  it('is decided by the reviewing manager’s manager in calibration; not the manager, the person, a peer or an assessor', () => {
    expect(oneUpOf(rewarded, people)).toBe(director);
    expect(canDecideOutcome(rewarded, { id: director, roles: ['manager'] }, people)).toBe(true);
    expect(canDecideOutcome(rewarded, { id: manager, roles: ['manager'] }, people)).toBe(false);
    expect(canDecideOutcome(rewarded, { id: person, roles: ['manager', 'assessor'] }, people)).toBe(false);
    expect(canDecideOutcome(rewarded, { id: newId(), roles: ['assessor'] }, people)).toBe(false);
    // Outside calibration, or for an outcome that needs none, nobody decides.
    expect(canDecideOutcome({ ...rewarded, phase: 'manager_review' }, { id: director, roles: ['manager'] }, people)).toBe(false);
    expect(canDecideOutcome({ ...rewarded, outcome: 'meets' }, { id: director, roles: ['manager'] }, people)).toBe(false);
  });

  it('falls to an assessor when the reviewing manager has nobody above them', () => {
    const top = { ...rewarded, managerId: director };
    expect(oneUpOf(top, people)).toBeNull();
    expect(canDecideOutcome(top, { id: newId(), roles: ['assessor'] }, people)).toBe(true);
    expect(canDecideOutcome(top, { id: director, roles: ['manager', 'assessor'] }, people)).toBe(false);
  });

  it('counts the latest decision on the outcome as it stands; a changed outcome or reviewer asks again', () => {
    const returned = anOutcomeApproval(rewarded, { status: 'returned', createdAt: '2026-04-10T00:00:00.000Z', body: { comment: 'Too high for the SLA figures' } });
    const approved = anOutcomeApproval(rewarded, { createdAt: '2026-04-11T00:00:00.000Z' });
    expect(currentDecision(rewarded, [approved, returned])).toBe(approved);
    expect(outcomeApproved(rewarded, [returned])).toBe(false);
    expect(outcomeApproved(rewarded, [returned, approved])).toBe(true);
    // Calibration moved it to an improvement plan: the reward's approval says nothing about it.
    expect(outcomeApproved({ ...rewarded, outcome: 'improvement_plan' }, [approved])).toBe(false);
    expect(outcomeApproved({ ...rewarded, managerId: newId() }, [approved])).toBe(false);
    expect(outcomeApproved({ ...rewarded, outcome: 'meets' }, [])).toBe(true);
  });

  it('keeps the calibration phase open until the outcome is approved', () => {
    const cycle = aCycle({ phase: 'calibration' });
    expect(cycleExitGaps(cycle, [rewarded], 0).map((g) => g.what)).toEqual(['approval']);
    expect(cycleExitGaps(cycle, [rewarded], 0, [anOutcomeApproval(rewarded)])).toEqual([]);
  });
});
