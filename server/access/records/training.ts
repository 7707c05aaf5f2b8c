import { canSeeTraining, trainingWriteRefusal, type TrainingActor } from '../../../shared/domain/training';
import { changedFields } from '../../../shared/domain/ticketAccess';
import type { TrainingRecord } from '../../../shared/schema';
import type { CimsContext } from '../context';
import { ALLOW, has, refuse, type RecordKindAccess } from './kinds';

// Training records follow assessment privacy (RELIABILITY Z5) and the domain's rules
// (shared/domain/training.ts): the person enters, a manager above or an assessor decides.
const actor = (ctx: CimsContext, personId: string): TrainingActor => ({
  self: personId === ctx.me,
  managerAbove: ctx.reports.has(personId),
  assessor: has(ctx, 'assessor'),
});

const REASONS = {
  notVisible: 'training records are kept by the person, the managers above them and the assessors',
  confirmedLocked: 'a confirmed training record is changed by a manager only',
  selfDecision: 'nobody confirms their own training record',
  otherPerson: 'a training record stays with its person',
} as const;

export const trainingAccess: RecordKindAccess = {
  canRead: (ctx, r) => canSeeTraining(actor(ctx, String(r.ref))),
  filterSql(ctx, col, param) {
    if (has(ctx, 'assessor')) return 'true';
    return `${col}->>'ref' = any(${param([ctx.me, ...ctx.reports])}::text[])`;
  },
  canWrite(ctx, old, next, deleted) {
    // Judged as the person the stored record is about (a move to another person is refused).
    const who = actor(ctx, String((old ?? next).ref));
    const refusal = trainingWriteRefusal(who, old as unknown as TrainingRecord | null, deleted ? null : (next as unknown as TrainingRecord));
    if (!refusal) return ALLOW;
    return refuse(deleted ? ['_deleted'] : old ? changedFields(old, next) : ['ref'], REASONS[refusal]);
  },
};
