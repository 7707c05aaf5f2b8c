import type { Assessment, Outcome, OutcomeApprovalRecord, Person } from '../schema';
import { actsOnOwnAssessment, type Viewer } from './assessment';

// One-up approval (DOMAIN.md "Quarterly assessment"): a "reward" or an "improvement plan"
// stands only once the manager one level above the reviewing manager approved it. The UI,
// main and the server all ask these functions.

/** The outcomes that need the approval of the manager one level up. */
export const needsOneUpApproval = (outcome: Outcome | null): outcome is 'reward' | 'improvement_plan' => outcome === 'reward' || outcome === 'improvement_plan';

/**
 * Who approves: the manager of the reviewing manager, or null when the reviewer has nobody
 * above them (an assessor decides then).
 */
export function oneUpOf(a: Pick<Assessment, 'managerId'>, people: readonly Pick<Person, 'id' | 'managerId'>[]): string | null {
  return people.find((p) => p.id === a.managerId)?.managerId ?? null;
}

/**
 * The viewer may approve or return this outcome: during calibration, an outcome that needs
 * it, decided by the one up (or an assessor when there is none), never by the person or the
 * reviewing manager.
 */
export function canDecideOutcome(a: Pick<Assessment, 'personId' | 'managerId' | 'phase' | 'outcome'>, viewer: Viewer, people: readonly Pick<Person, 'id' | 'managerId'>[]): boolean {
  if (a.phase !== 'calibration' || !needsOneUpApproval(a.outcome)) return false;
  if (actsOnOwnAssessment(a, viewer) || viewer.id === a.managerId) return false;
  const up = oneUpOf(a, people);
  return up === null ? viewer.roles.includes('assessor') : viewer.id === up;
}

/**
 * The decision that counts: the latest on this assessment for the outcome it now has and
 * the manager who reviewed it (a calibration that changes the outcome asks again).
 */
export function currentDecision(a: Pick<Assessment, 'id' | 'personId' | 'managerId' | 'outcome'>, approvals: readonly OutcomeApprovalRecord[]): OutcomeApprovalRecord | null {
  let latest: OutcomeApprovalRecord | null = null;
  for (const r of approvals) {
    if (r.ref !== a.id || r.ref2 !== a.personId || r.body.managerId !== a.managerId || r.body.outcome !== a.outcome) continue;
    if (!latest || r.createdAt > latest.createdAt || (r.createdAt === latest.createdAt && r.id > latest.id)) latest = r;
  }
  return latest;
}

/** The outcome stands: it needs no approval, or the one up approved it. */
export function outcomeApproved(a: Pick<Assessment, 'id' | 'personId' | 'managerId' | 'outcome'>, approvals: readonly OutcomeApprovalRecord[]): boolean {
  return !needsOneUpApproval(a.outcome) || currentDecision(a, approvals)?.status === 'approved';
}
