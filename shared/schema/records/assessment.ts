import { z } from 'zod';
import { id, localDate, name, text } from '../primitives';
import { recordKind } from './kind';

// Decisions on an assessment's outcome (DOMAIN.md "Quarterly assessment"): a "reward" or an
// "improvement plan" needs the approval of the manager one level above the reviewing
// manager. One record per decision, never changed (a later decision supersedes it);
// ref = the assessment, ref2 = the person assessed.
export const OUTCOME_DECISIONS = ['approved', 'returned'] as const;
export const APPROVED_OUTCOMES = ['reward', 'improvement_plan'] as const;
export type OutcomeDecision = (typeof OUTCOME_DECISIONS)[number];

export const outcomeApprovalRecord = recordKind('outcomeApproval', {
  ref: id(),
  ref2: id(),
  status: z.enum(OUTCOME_DECISIONS),
  body: {
    cycleId: id(),
    // The reviewing manager and the outcome decided on: a decision counts only while both
    // still hold for the assessment.
    managerId: id(),
    outcome: z.enum(APPROVED_OUTCOMES),
    decidedBy: id(),
    comment: text(2000),
  },
}).superRefine((r, ctx) => {
  if (r.status === 'returned' && !r.body.comment.trim()) ctx.addIssue({ code: 'custom', path: ['body', 'comment'], message: 'a returned outcome needs a comment' });
});
export type OutcomeApprovalRecord = z.infer<typeof outcomeApprovalRecord>;

// Goals of an improvement plan: set when the outcome is final (acknowledgement), each with an
// owner (the person or a manager above them) and a due date, and followed up in the next
// cycle's KPI panel (met or not met, with a note). ref = the assessment whose plan it is,
// ref2 = the person assessed.
export const GOAL_STATUSES = ['open', 'met', 'not_met'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const improvementGoalRecord = recordKind('improvementGoal', {
  ref: id(),
  ref2: id(),
  status: z.enum(GOAL_STATUSES),
  body: {
    cycleId: id(),
    title: name(500),
    ownerId: id(),
    dueOn: localDate(),
    setBy: id(),
    followUp: text(2000),
    followedUpBy: id().nullable(),
  },
}).superRefine((r, ctx) => {
  if ((r.status === 'open') !== (r.body.followedUpBy === null)) ctx.addIssue({ code: 'custom', path: ['body', 'followedUpBy'], message: 'is set exactly when the goal is followed up' });
});
export type ImprovementGoalRecord = z.infer<typeof improvementGoalRecord>;
