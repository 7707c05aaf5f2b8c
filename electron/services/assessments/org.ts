/**
 * What the assessment screens read besides assessments: people, teams, the template, and
 * the viewer. Every list answered to the renderer passes `canViewAssessment` (Z5), the same
 * rule the server's read door applies.
 */
import type { CycleSummary, PersonRef } from '../../../shared/api/assessments';
import { canViewAssessment, managerChain, type Viewer } from '../../../shared/domain/assessment';
import { DEFAULT_ASSESSMENT_TEMPLATE } from '../../../shared/domain/defaults';
import type { Assessment, AssessmentCycle, AssessmentTemplate, ImprovementGoalRecord, OutcomeApprovalRecord, Person, Policy, Role, Team } from '../../../shared/schema';
import { ROLES } from '../../../shared/schema';
import type { SessionUser } from '../../../shared/sync/protocol';
import type { CimsDatabase } from '../../db/open';

export interface Org {
  people: Map<string, Person>;
  teams: Map<string, Team>;
}

export const loadOrg = async (db: CimsDatabase): Promise<Org> => {
  const [people, teams] = await Promise.all([db.people.find().exec(), db.teams.find().exec()]);
  return {
    people: new Map(people.map((d) => [d.id, d.toJSON() as Person])),
    teams: new Map(teams.map((d) => [d.id, d.toJSON() as Team])),
  };
};

/** The signed-in user as the domain rules see them; nobody before sign-in. */
export const viewerOf = (user: SessionUser | null): Viewer | null =>
  user ? { id: user.id, roles: user.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)) } : null;

export const personRef = (org: Org, id: string): PersonRef => {
  const p = org.people.get(id);
  return { id, name: p?.displayName ?? id.slice(0, 8), nameZh: p?.displayNameZh ?? null };
};

export const chainOf = (org: Org, personId: string): string[] => managerChain(personId, [...org.people.values()]);

export const visibleTo = (viewer: Viewer, org: Org) => {
  const people = [...org.people.values()];
  return (a: Assessment) => canViewAssessment(a, viewer, people);
};

export const templateFor = async (db: CimsDatabase, cycle: Pick<AssessmentCycle, 'templatePolicyId'>): Promise<AssessmentTemplate> => {
  const policy = (await db.policies.findOne(cycle.templatePolicyId).exec())?.toJSON() as Policy | undefined;
  return policy?.kind === 'assessmentTemplate' ? policy.assessmentTemplate : DEFAULT_ASSESSMENT_TEMPLATE;
};

export const cycleSummary = (cycle: AssessmentCycle, assessments: readonly Assessment[]): CycleSummary => ({
  id: cycle.id,
  name: cycle.name,
  year: cycle.year,
  quarter: cycle.quarter,
  phase: cycle.phase,
  startsOn: cycle.startsOn,
  endsOn: cycle.endsOn,
  people: assessments.length,
  selfSubmitted: assessments.filter((a) => a.selfReview.submittedAt !== null).length,
  managerSubmitted: assessments.filter((a) => a.managerReview.submittedAt !== null).length,
  acknowledged: assessments.filter((a) => a.acknowledgement !== null).length,
});

/** Decisions on the outcomes of these assessments (one-up approval), as the store holds them. */
export const approvalsOf = async (db: CimsDatabase, assessmentIds: readonly string[]): Promise<OutcomeApprovalRecord[]> =>
  assessmentIds.length === 0 ? [] : (await db.records.find({ selector: { kind: 'outcomeApproval', ref: { $in: [...assessmentIds] } } }).exec()).map((d) => d.toJSON() as OutcomeApprovalRecord);

/** The goals of a person's improvement plans, as the store holds them. */
export const goalsOfPerson = async (db: CimsDatabase, personId: string): Promise<ImprovementGoalRecord[]> =>
  (await db.records.find({ selector: { kind: 'improvementGoal', ref2: personId } }).exec()).map((d) => d.toJSON() as ImprovementGoalRecord);
