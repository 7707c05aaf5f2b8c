import { needsOneUpApproval, outcomeApproved } from '../../../shared/domain/assessmentApproval';
import type { Assessment, AssessmentCycle, ImprovementGoalRecord, OutcomeApprovalRecord } from '../../../shared/schema';
import { goalIssues } from '../../../shared/domain/improvementPlan';
import { changedFields } from '../../../shared/domain/ticketAccess';
import type { Queryable } from '../../db/db';
import type { Doc, WriteDecision } from '../../sync/registry';
import type { CimsContext } from '../context';
import { ALLOW, has, refuse, type RecordKindAccess } from './kinds';

// Decisions on an outcome (shared/domain/assessmentApproval.ts). Management's own record:
// read by the managers above the person and the assessors, not by the person (who sees the
// final result once it is released) and not by peers (Z5). Written once, by the manager one
// level above the reviewing manager, or by an assessor where the reviewer has nobody above.

const decidesFor = (ctx: CimsContext, r: Doc): boolean => {
  const body = r.body as OutcomeApprovalRecord['body'];
  const personId = String(r.ref2);
  if (personId === ctx.me || body.managerId === ctx.me || body.decidedBy !== ctx.me) return false;
  const up = ctx.managerOf.get(body.managerId) ?? null;
  return up === null ? has(ctx, 'assessor') : up === ctx.me;
};

export const outcomeApprovalAccess: RecordKindAccess = {
  appendOnly: true,
  canRead: (ctx, r) => has(ctx, 'assessor') || (r.ref2 !== ctx.me && ctx.reports.has(String(r.ref2))),
  filterSql(ctx, col, param) {
    if (has(ctx, 'assessor')) return 'true';
    return `${col}->>'ref2' = any(${param([...ctx.reports])}::text[])`;
  },
  canWrite: (ctx, _old, next, deleted) => (!deleted && decidesFor(ctx, next) ? ALLOW : refuse(deleted ? ['_deleted'] : ['body'], 'an outcome is decided by the manager one level above the reviewing manager')),
};

const storedAssessment = async (tx: Queryable, id: string): Promise<Assessment | null> =>
  (await tx.query<{ doc: Assessment }>(`select doc from sync_docs where collection = 'assessments' and id = $1 and not deleted`, [id])).rows[0]?.doc ?? null;

/**
 * A decision is about the assessment as stored: in calibration, of that person and reviewer,
 * on the outcome it has. Checked against the stored assessment, which the pusher cannot choose.
 */
export async function outcomeApprovalGuard(tx: Queryable, next: Doc): Promise<WriteDecision> {
  const r = next as unknown as OutcomeApprovalRecord;
  const a = await storedAssessment(tx, r.ref);
  if (!a || a.personId !== r.ref2 || a.managerId !== r.body.managerId || a.cycleId !== r.body.cycleId) return refuse(['ref'], 'the decision does not match the assessment');
  if (a.phase !== 'calibration' || a.outcome !== r.body.outcome) return refuse(['body'], 'only the outcome in calibration is decided');
  return ALLOW;
}

/**
 * An assessment leaves calibration with a reward or an improvement plan only once the one up
 * approved that outcome (the decisions are read from the store, as every client pushed them).
 */
export async function assessmentApprovalGuard(tx: Queryable, old: Doc | null, next: Doc): Promise<WriteDecision> {
  const a = next as unknown as Assessment;
  if (!old || old.phase !== 'calibration' || a.phase === 'calibration' || !needsOneUpApproval(a.outcome)) return ALLOW;
  const rows = await tx.query<{ doc: OutcomeApprovalRecord }>(
    `select doc from sync_docs where collection = 'records' and not deleted and doc->>'kind' = 'outcomeApproval' and doc->>'ref' = $1`,
    [a.id],
  );
  return outcomeApproved(a, rows.rows.map((x) => x.doc)) ? ALLOW : refuse(['phase'], 'the outcome needs the approval of the manager one level up');
}

/** The managers above a person, nearest first, from the server's people (safe against loops). */
const chainOf = (ctx: CimsContext, personId: string): string[] => {
  const chain: string[] = [];
  for (let cur = ctx.managerOf.get(personId) ?? null; cur && cur !== personId && !chain.includes(cur); cur = ctx.managerOf.get(cur) ?? null) chain.push(cur);
  return chain;
};

// Goals of an improvement plan (shared/domain/improvementPlan.ts): the person reads their own
// plan, the managers above them and the assessors read it too; the managers above set the
// goals and follow them up, the person never changes them.
export const improvementGoalAccess: RecordKindAccess = {
  canRead: (ctx, r) => has(ctx, 'assessor') || r.ref2 === ctx.me || ctx.reports.has(String(r.ref2)),
  filterSql(ctx, col, param) {
    if (has(ctx, 'assessor')) return 'true';
    return `${col}->>'ref2' = any(${param([ctx.me, ...ctx.reports])}::text[])`;
  },
  canWrite(ctx, old, next, deleted) {
    const personId = String((old ?? next).ref2);
    const fields = deleted ? ['_deleted'] : old ? changedFields(old, next) : ['ref2'];
    if (deleted || personId === ctx.me || !ctx.reports.has(personId) || next.ref2 !== personId) return refuse(fields, 'improvement plan goals are set and followed up by the managers above the person');
    const goal = next as unknown as ImprovementGoalRecord;
    const before = old as unknown as ImprovementGoalRecord | null;
    if (!before && (goal.body.setBy !== ctx.me || goal.status !== 'open')) return refuse(['body'], 'a new goal is open and set in one’s own name');
    if (before && before.body.followedUpBy !== goal.body.followedUpBy && goal.body.followedUpBy !== ctx.me && goal.body.followedUpBy !== null) return refuse(['body'], 'a follow-up is recorded in one’s own name');
    if (![personId, ...chainOf(ctx, personId)].includes(goal.body.ownerId)) return refuse(['body'], 'a goal is owned by the person or a manager above them');
    return ALLOW;
  },
};

/** A goal belongs to a final improvement plan of that person, and falls due after its quarter. */
export async function improvementGoalGuard(tx: Queryable, old: Doc | null, next: Doc): Promise<WriteDecision> {
  const g = next as unknown as ImprovementGoalRecord;
  const a = await storedAssessment(tx, g.ref);
  if (!a || a.personId !== g.ref2 || a.cycleId !== g.body.cycleId || a.outcome !== 'improvement_plan') return refuse(['ref'], 'the goal does not belong to an improvement plan of this person');
  if (!old && a.phase !== 'acknowledgement' && a.phase !== 'closed') return refuse(['ref'], 'goals are set once the outcome is final');
  const cycle = (await tx.query<{ doc: AssessmentCycle }>(`select doc from sync_docs where collection = 'assessmentCycles' and id = $1 and not deleted`, [a.cycleId])).rows[0]?.doc;
  // The owner was checked against the caller's view of the chain; the due date against the quarter.
  if (!cycle || goalIssues(g, cycle, []).includes('due')) return refuse(['body'], 'a goal falls due after the plan’s quarter');
  return ALLOW;
}
