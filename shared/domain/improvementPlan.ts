import type { Assessment, AssessmentCycle, ImprovementGoalRecord, Person } from '../schema';
import { actsOnOwnAssessment, managerChain, type Viewer } from './assessment';

// Improvement plans (DOMAIN.md "Quarterly assessment"): once an "improvement plan" outcome is
// final, the managers above the person set its goals, each with an owner and a due date; the
// next cycle's KPI panel follows them up. The UI, main and the server all ask these functions.

type People = readonly Pick<Person, 'id' | 'managerId'>[];

/** The managers above the person set the goals once the outcome is final; never the person. */
export function canSetGoals(a: Pick<Assessment, 'personId' | 'managerId' | 'phase' | 'outcome'>, viewer: Viewer, people: People): boolean {
  if (a.outcome !== 'improvement_plan' || (a.phase !== 'acknowledgement' && a.phase !== 'closed')) return false;
  if (actsOnOwnAssessment(a, viewer)) return false;
  return viewer.id === a.managerId || managerChain(a.personId, people).includes(viewer.id);
}

/** Who may own a goal: the person, or a manager above them. */
export const goalOwners = (personId: string, people: People): string[] => [personId, ...managerChain(personId, people)];

/** A goal is followed up (met or not) by a manager above the person, never by the person. */
export function canFollowUpGoal(goal: Pick<ImprovementGoalRecord, 'ref2'>, viewer: Viewer, people: People): boolean {
  return goal.ref2 !== viewer.id && managerChain(goal.ref2, people).includes(viewer.id);
}

export type GoalIssue = 'owner' | 'due';

/** A goal's owner is the person or above them; it falls due after the plan's quarter. */
export function goalIssues(goal: Pick<ImprovementGoalRecord, 'ref2' | 'body'>, cycle: Pick<AssessmentCycle, 'endsOn'>, people: People): GoalIssue[] {
  const issues: GoalIssue[] = [];
  if (!goalOwners(goal.ref2, people).includes(goal.body.ownerId)) issues.push('owner');
  // ISO dates compare as strings.
  if (goal.body.dueOn <= cycle.endsOn) issues.push('due');
  return issues;
}

/** The person's goals from plans of earlier quarters, to follow up in this cycle (oldest due first). */
export function goalsToFollowUp(personId: string, cycle: Pick<AssessmentCycle, 'startsOn'>, goals: readonly ImprovementGoalRecord[], cycles: ReadonlyMap<string, Pick<AssessmentCycle, 'endsOn'>>): ImprovementGoalRecord[] {
  return goals
    .filter((g) => g.ref2 === personId && (cycles.get(g.body.cycleId)?.endsOn ?? '9999') < cycle.startsOn)
    .sort((x, y) => x.body.dueOn.localeCompare(y.body.dueOn) || x.id.localeCompare(y.id));
}
