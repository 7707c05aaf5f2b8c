import { RECORD_KINDS, type RecordKind } from '../../../shared/schema';
import { changedFields } from '../../../shared/domain/ticketAccess';
import type { Queryable } from '../../db/db';
import type { CollectionAccess, Doc, WriteDecision } from '../../sync/registry';
import type { CimsContext } from '../context';
import { ALLOW, refuse, type RecordKindAccess } from './kinds';
import { improvementGoalAccess, improvementGoalGuard, outcomeApprovalAccess, outcomeApprovalGuard } from './assessment';
import { visitAccess, visitCorrectionAccess } from './fieldwork';
import { stocktakeAccess, stocktakeCountAccess, stocktakeResolutionAccess } from './stocktake';
import { accountPlanAccess, contactLogAccess } from './customers';
import { partAccess, stockMovementAccess, supplierAccess } from './parts';
import { trainingAccess } from './training';
import { unknownAssetAccess } from './unknownAsset';
import { checklistTemplateAccess, maintenanceFaultAccess, maintenancePlanAccess, maintenanceReadingAccess, maintenanceRoundAccess } from './maintenance';
import { orgSettingsAccess } from './organisation';
import { reportPackAccess, reportSubscriptionAccess } from './reportPacks';

// One access rule per record kind, one line each. A kind missing here is refused (typed:
// every kind in shared/schema/records must have its entry).
export const RECORD_ACCESS: Record<RecordKind, RecordKindAccess> = {
  training: trainingAccess,
  visit: visitAccess,
  visit_correction: visitCorrectionAccess,
  stocktake: stocktakeAccess,
  stocktakeCount: stocktakeCountAccess,
  stocktakeResolution: stocktakeResolutionAccess,
  contactLog: contactLogAccess,
  account: accountPlanAccess,
  part: partAccess,
  stockMovement: stockMovementAccess,
  supplier: supplierAccess,
  unknownAsset: unknownAssetAccess,
  checklistTemplate: checklistTemplateAccess,
  maintenancePlan: maintenancePlanAccess,
  maintenanceRound: maintenanceRoundAccess,
  maintenanceReading: maintenanceReadingAccess,
  maintenanceFault: maintenanceFaultAccess,
  outcomeApproval: outcomeApprovalAccess,
  improvementGoal: improvementGoalAccess,
  orgSettings: orgSettingsAccess,
  reportSubscription: reportSubscriptionAccess,
  reportPack: reportPackAccess,
};

const ruleOf = (doc: Doc): RecordKindAccess | undefined => RECORD_ACCESS[String(doc.kind) as RecordKind];

/** The `records` collection's access: the rule of each record's kind decides. */
export const recordsAccess: CollectionAccess<CimsContext> = {
  canRead(ctx, doc) {
    return ruleOf(doc)?.canRead(ctx, doc) ?? false;
  },
  filterSql(ctx, col, param) {
    const parts = RECORD_KINDS.map((kind) => {
      const own = RECORD_ACCESS[kind].filterSql?.(ctx, col, param) ?? 'true';
      return `(${col}->>'kind' = ${param(kind)} and (${own}))`;
    });
    return parts.join(' or ');
  },
  canWrite(ctx, old, next, deleted) {
    // A record never changes kind: another kind has other readers and other rules.
    if (old && old.kind !== next.kind) return refuse(['kind'], 'a record keeps its kind');
    const rule = ruleOf(next);
    if (!rule) return refuse(['kind'], 'unknown record kind');
    if (old && rule.appendOnly) return refuse(deleted ? ['_deleted'] : changedFields(old, next), 'records of this kind are never changed: add a new one');
    if (old && !rule.canRead(ctx, old)) return refuse(['id'], 'record not visible to the user');
    return rule.canWrite(ctx, old, next, deleted);
  },
};

/** Rules of record kinds that need other stored documents (collection guard, server/sync/registry.ts). */
export const recordsGuard = (tx: Queryable, old: Doc | null, next: Doc): Promise<WriteDecision> => {
  if (next.kind === 'outcomeApproval') return outcomeApprovalGuard(tx, next);
  if (next.kind === 'improvementGoal') return improvementGoalGuard(tx, old, next);
  return Promise.resolve(ALLOW);
};
