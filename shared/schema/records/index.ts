import { z } from 'zod';
import { improvementGoalRecord, outcomeApprovalRecord } from './assessment';
import { visitCorrectionRecord, visitRecord } from './fieldwork';
import { stocktakeCountRecord, stocktakeRecord, stocktakeResolutionRecord } from './stocktake';
import { accountPlanRecord, contactLogRecord } from './customers';
import { partRecord, stockMovementRecord, supplierRecord } from './parts';
import { trainingRecord } from './training';
import { unknownAssetRecord } from './unknownAsset';
import { checklistTemplateRecord, maintenanceFaultRecord, maintenancePlanRecord, maintenanceReadingRecord, maintenanceRoundRecord } from './maintenance';
import { orgSettingsRecord } from './organisation';
import { reportPackRecord, reportSubscriptionRecord } from './reportPacks';

// Every record kind, one line each. A kind's access rule is registered beside it on the
// server (server/access/records/index.ts); the server refuses a kind without one.
export const RECORD_VARIANTS = [trainingRecord, partRecord, stockMovementRecord, supplierRecord, contactLogRecord, accountPlanRecord, stocktakeRecord, stocktakeCountRecord, stocktakeResolutionRecord, unknownAssetRecord, visitRecord, visitCorrectionRecord, checklistTemplateRecord, maintenancePlanRecord, maintenanceRoundRecord, maintenanceReadingRecord, maintenanceFaultRecord, outcomeApprovalRecord, improvementGoalRecord, orgSettingsRecord, reportSubscriptionRecord, reportPackRecord] as const;

export const RECORD_KINDS = RECORD_VARIANTS.map((v) => v.shape.kind.value);


export const recordSchema = z.discriminatedUnion('kind', RECORD_VARIANTS);
export type CimsRecord = z.infer<typeof recordSchema>;
export type RecordKind = CimsRecord['kind'];
export type RecordOf<K extends RecordKind> = Extract<CimsRecord, { kind: K }>;

/** Indexes of `records`: every screen reads one kind, by owner or by state (README.md). */
export const RECORD_INDEXES = [
  ['kind', 'updatedAt'],
  ['kind', 'ref', 'updatedAt'],
  ['kind', 'status', 'updatedAt'],
];

export { recordEnvelopeSchema, recordKind, recordRef, RECORD_KIND_LENGTH, RECORD_REF_LENGTH } from './kind';
export type { RecordEnvelope } from './kind';
export { TRAINING_KINDS, TRAINING_STATUSES } from './training';
export type { TrainingKind, TrainingRecord, TrainingStatus } from './training';
export { MATCHED_BY, RESOLUTIONS, SCANNED_CODE_LENGTH, STOCKTAKE_MAX_EXPECTED, STOCKTAKE_SCOPES, STOCKTAKE_STATUSES } from './stocktake';
export type { MatchedBy, Resolution, StocktakeCountRecord, StocktakeRecord, StocktakeResolutionRecord, StocktakeStatus } from './stocktake';
export { CONTACT_CHANNELS, MAX_CADENCE_DAYS, contactKey } from './customers';
export type { AccountPlanRecord, ContactChannel, ContactLogRecord } from './customers';
export { MOVEMENT_REASONS, PART_SOURCES, PART_STATUSES, SUPPLIER_KINDS, SUPPLIER_STATUSES, PART_NUMBER_LENGTH, SERIAL_LENGTH } from './parts';
export type { MovementReason, PartRecord, PartSource, StockMovementRecord, SupplierRecord } from './parts';
export { UNKNOWN_ASSET_STATUSES } from './unknownAsset';
export type { UnknownAssetRecord } from './unknownAsset';
export { VISIT_STATUSES } from './fieldwork';
export type { VisitCorrectionRecord, VisitRecord } from './fieldwork';
export { CHECK_ITEM_TYPES, FAULT_MODES, FREQUENCY_UNITS, PLAN_STATUSES, ROUND_STATUSES, checkItemSchema, frequencySchema } from './maintenance';
export type { CheckItem, ChecklistTemplateRecord, FaultMode, Frequency, FrequencyUnit, MaintenanceFaultRecord, MaintenancePlanRecord, MaintenanceReadingRecord, MaintenanceRoundRecord, PlanStatus, RoundStatus, RoundTemplate } from './maintenance';
export { APPROVED_OUTCOMES, GOAL_STATUSES, OUTCOME_DECISIONS } from './assessment';
export type { GoalStatus, ImprovementGoalRecord, OutcomeApprovalRecord, OutcomeDecision } from './assessment';
export type { OrgSettings, OrgSettingsRecord } from './organisation';
export { PACK_MAIL_STATES, PACK_MAX_LINES, REPORT_PACKS, SUBSCRIPTION_STATUSES, packFiguresSchema } from './reportPacks';
export type { PackFigures, PackMailState, ReportPackName, ReportPackRecord, ReportSubscriptionRecord } from './reportPacks';
