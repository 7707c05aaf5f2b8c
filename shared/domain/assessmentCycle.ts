import type { Assessment, AssessmentCycle, AssessmentPhase, OutcomeApprovalRecord } from '../schema';
import { calibrationIssues } from './assessment';
import { outcomeApproved } from './assessmentApproval';

// A cycle's phases and their exit conditions (DOMAIN.md "Quarterly staff assessment").

const DAY = 86_400_000;

/**
 * Due dates of each phase, in days after the quarter's last day; the acknowledgement runs
 * 14 days from the moment it opens (DOMAIN.md default), after which a missing one is
 * recorded as "not acknowledged" and the cycle may close.
 */
export const PHASE_DUE_DAYS: Record<Exclude<AssessmentPhase, 'acknowledgement' | 'closed'>, number> = {
  self_review: 7,
  manager_review: 21,
  calibration: 28,
};
export const ACKNOWLEDGEMENT_DAYS = 14;

export type MissingStep = 'selfReview' | 'managerReview' | 'calibration' | 'approval' | 'acknowledgement';

export interface CycleGap {
  assessmentId: string;
  personId: string;
  what: MissingStep;
}

/**
 * When the cycle's current phase is due. A cycle document changes only when its phase moves,
 * so its `updatedAt` is when the acknowledgement opened.
 */
export function phaseDueAt(cycle: Pick<AssessmentCycle, 'phase' | 'endsOn' | 'updatedAt'>): number | null {
  if (cycle.phase === 'closed') return null;
  if (cycle.phase === 'acknowledgement') return Date.parse(cycle.updatedAt) + ACKNOWLEDGEMENT_DAYS * DAY;
  return Date.parse(`${cycle.endsOn}T00:00:00.000Z`) + (PHASE_DUE_DAYS[cycle.phase] + 1) * DAY;
}

/**
 * The step an assessment still owes in the cycle's phase, or null when it is done. In
 * calibration a reward or an improvement plan also waits for the one-up approval.
 */
export function missingStep(phase: AssessmentPhase, a: Assessment, approvals: readonly OutcomeApprovalRecord[] = []): MissingStep | null {
  switch (phase) {
    case 'self_review':
      return a.selfReview.submittedAt === null ? 'selfReview' : null;
    case 'manager_review':
      return a.managerReview.submittedAt === null ? 'managerReview' : null;
    case 'calibration':
      if (calibrationIssues(a).length > 0) return 'calibration';
      return outcomeApproved(a, approvals) ? null : 'approval';
    case 'acknowledgement':
      return a.acknowledgement === null ? 'acknowledgement' : null;
    default:
      return null;
  }
}

/**
 * What keeps the cycle in its phase: one line per person and missing step. An
 * acknowledgement past its deadline no longer blocks closing (it is "not acknowledged").
 */
export function cycleExitGaps(cycle: Pick<AssessmentCycle, 'phase' | 'endsOn' | 'updatedAt'>, assessments: readonly Assessment[], now: number, approvals: readonly OutcomeApprovalRecord[] = []): CycleGap[] {
  if (cycle.phase === 'acknowledgement' && now >= phaseDueAt(cycle)!) return [];
  return assessments.flatMap((a) => {
    const what = missingStep(cycle.phase, a, approvals);
    return what ? [{ assessmentId: a.id, personId: a.personId, what }] : [];
  });
}

/** The person's step of the current phase is undone and the phase is past due. */
export function isLate(cycle: Pick<AssessmentCycle, 'phase' | 'endsOn' | 'updatedAt'>, a: Assessment, now: number, approvals: readonly OutcomeApprovalRecord[] = []): boolean {
  const due = phaseDueAt(cycle);
  return due !== null && now >= due && missingStep(cycle.phase, a, approvals) !== null;
}

/** A person's assessment as a cycle opens it: every section empty, in the self review. */
export function newAssessment(a: Pick<Assessment, 'id' | 'cycleId' | 'personId' | 'managerId'> & { at: string }): Assessment {
  return {
    id: a.id,
    createdAt: a.at,
    updatedAt: a.at,
    cycleId: a.cycleId,
    personId: a.personId,
    managerId: a.managerId,
    phase: 'self_review',
    selfReview: { scores: [], summary: '', submittedAt: null },
    managerReview: { scores: [], summary: '', submittedAt: null },
    kpis: null,
    calibration: { adjustments: [], note: '' },
    total: null,
    outcome: null,
    acknowledgement: null,
  };
}

/** First and last day of a quarter as local dates (the organisation's zone, UTC by default). */
export function quarterDates(year: number, quarter: number): { startsOn: string; endsOn: string } {
  const start = new Date(Date.UTC(year, (quarter - 1) * 3, 1));
  const end = new Date(Date.UTC(year, quarter * 3, 0));
  return { startsOn: start.toISOString().slice(0, 10), endsOn: end.toISOString().slice(0, 10) };
}
