import type { Assessment, AssessmentCycle, OutcomeApprovalRecord, Person, Role } from '../schema';
import { runsAssessment } from './assessment';
import { oneUpOf } from './assessmentApproval';
import { isLate, missingStep, phaseDueAt } from './assessmentCycle';

// Reminders of the assessment cycle (DOMAIN.md "Quarterly assessment"): whoever owes the step
// of the current phase and is late with it hears about it in the app and on the desktop. Pure,
// with deterministic ids, so "read" and "already shown" are remembered by id.

export interface AssessmentReminder {
  /** The assessment, the phase and the one it is owed by: one reminder per late step. */
  id: string;
  assessmentId: string;
  cycleId: string;
  cycleName: string;
  personId: string;
  /** When the step fell due. */
  at: string;
}

export interface ReminderInput {
  me: { personId: string; roles: readonly Role[] };
  cycles: readonly AssessmentCycle[];
  assessments: readonly Assessment[];
  approvals: readonly OutcomeApprovalRecord[];
  people: readonly Pick<Person, 'id' | 'managerId'>[];
  now: number;
}

/** Whether `me` owes the step this assessment misses in its cycle's phase. */
function owes(me: ReminderInput['me'], a: Assessment, step: NonNullable<ReturnType<typeof missingStep>>, people: ReminderInput['people']): boolean {
  switch (step) {
    case 'selfReview':
    case 'acknowledgement':
      return a.personId === me.personId;
    case 'managerReview':
      return a.managerId === me.personId;
    case 'approval': {
      const up = oneUpOf(a, people);
      return up === null ? runsAssessment(a, { id: me.personId, roles: me.roles }) : up === me.personId;
    }
    case 'calibration':
      return runsAssessment(a, { id: me.personId, roles: me.roles });
  }
}

/** The late steps `me` owes in open cycles, newest due first. */
export function assessmentReminders(input: ReminderInput): AssessmentReminder[] {
  const out: AssessmentReminder[] = [];
  const cycles = new Map(input.cycles.map((c) => [c.id, c]));
  for (const a of input.assessments) {
    const c = cycles.get(a.cycleId);
    if (!c || !isLate(c, a, input.now, input.approvals)) continue;
    const step = missingStep(c.phase, a, input.approvals)!;
    if (!owes(input.me, a, step, input.people)) continue;
    out.push({ id: `assessment_late:${a.id}:${c.phase}`, assessmentId: a.id, cycleId: c.id, cycleName: c.name, personId: a.personId, at: new Date(phaseDueAt(c)!).toISOString() });
  }
  return out.sort((x, y) => y.at.localeCompare(x.at) || x.id.localeCompare(y.id));
}
