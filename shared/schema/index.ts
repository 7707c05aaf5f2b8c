import type { z } from 'zod';
import { defineCollection, formatIssues, type ValidationResult } from './builder';
import { TICKET_SCHEMA_VERSION, ticketMigrations, ticketSchema } from './tickets';
import { TICKET_EVENT_SCHEMA_VERSION, ticketEventMigrations, ticketEventSchema } from './ticketEvents';
import { customerSchema } from './customers';
import { ASSET_SCHEMA_VERSION, assetMigrations, assetSchema } from './assets';
import { personSchema, teamSchema } from './people';
import { policySchema } from './policies';
import { problemSchema } from './problems';
import { assessmentCycleSchema, assessmentSchema } from './assessments';
import { RECORD_INDEXES, recordEnvelopeSchema, recordSchema } from './records';

// The 11 replicated collections. The free RxDB build opens at most 13 per process (COL23):
// how further record kinds fit is in README.md ("The collection budget").
// Ticket indexes: queues (team + status + SLA due), my work (assignee + status), customer,
// asset, sync. Kept in one constant: schema history (history.ts) must repeat them exactly.
export const TICKET_INDEXES = [['teamId', 'status', 'slaDueAt'], ['assigneeId', 'status'], 'customerId', 'assetId', 'updatedAt'];
/**
 * The assignee + status index, for the queries that name it: left to itself, RxDB's planner
 * read an assignee's open tickets through the team index, every ticket of the store.
 */
export const TICKET_ASSIGNEE_INDEX = ['assigneeId', 'status'];

// Asset indexes: code lookups (scans), customer, site, sync; history.ts repeats them too.
export const ASSET_INDEXES = ['assetCode', 'customerId', 'siteId', 'updatedAt'];

// Timeline indexes: one ticket's events in time order, sync; history.ts repeats them too.
export const TICKET_EVENT_INDEXES = [['ticketId', 'at'], 'updatedAt'];

export const collections = {
  tickets: defineCollection({
    name: 'tickets',
    zod: ticketSchema,
    conflict: 'merge',
    indexes: TICKET_INDEXES,
    version: TICKET_SCHEMA_VERSION,
    migrations: ticketMigrations,
  }),
  ticketEvents: defineCollection({
    name: 'ticketEvents',
    zod: ticketEventSchema,
    conflict: 'immutable',
    indexes: TICKET_EVENT_INDEXES,
    version: TICKET_EVENT_SCHEMA_VERSION,
    migrations: ticketEventMigrations,
  }),
  customers: defineCollection({ name: 'customers', zod: customerSchema, conflict: 'merge', indexes: ['code', 'updatedAt'] }),
  assets: defineCollection({
    name: 'assets',
    zod: assetSchema,
    conflict: 'merge',
    indexes: ASSET_INDEXES,
    version: ASSET_SCHEMA_VERSION,
    migrations: assetMigrations,
  }),
  people: defineCollection({ name: 'people', zod: personSchema, conflict: 'server-owned', indexes: ['username', 'updatedAt'] }),
  teams: defineCollection({ name: 'teams', zod: teamSchema, conflict: 'server-owned', indexes: ['updatedAt'] }),
  policies: defineCollection({ name: 'policies', zod: policySchema, conflict: 'server-owned', indexes: ['kind', 'updatedAt'] }),
  problems: defineCollection({ name: 'problems', zod: problemSchema, conflict: 'merge', indexes: ['status', 'updatedAt'] }),
  // Opened and moved on by assessors in the app (offline too), so pushed like the assessments;
  // the server lets assessors alone write them (server/access/cims.ts).
  assessmentCycles: defineCollection({ name: 'assessmentCycles', zod: assessmentCycleSchema, conflict: 'merge', indexes: ['updatedAt'] }),
  assessments: defineCollection({ name: 'assessments', zod: assessmentSchema, conflict: 'merge', indexes: [['cycleId', 'personId'], 'personId', 'updatedAt'] }),
  // Small record kinds sharing one collection (README.md, "The collection budget").
  records: defineCollection({ name: 'records', zod: recordSchema, storage: recordEnvelopeSchema, conflict: 'merge', indexes: [...RECORD_INDEXES, 'updatedAt'] }),
} as const;

export type CollectionName = keyof typeof collections;
export const COLLECTION_NAMES = Object.keys(collections) as CollectionName[];

/** At most this many RxCollections may be open in one JavaScript realm (RxDB's free build). */
export const RXDB_COLLECTION_BUDGET = 13;

/**
 * The order in which collections are migrated when a store is opened: a migration strategy
 * may read the collections before its own (tickets read customers), never after.
 */
export const MIGRATION_ORDER: readonly CollectionName[] = [
  'policies',
  'teams',
  'people',
  'customers',
  'assets',
  'problems',
  'tickets',
  'ticketEvents',
  'assessmentCycles',
  'assessments',
  'records',
];
export type DocOf<N extends CollectionName> = z.infer<(typeof collections)[N]['zod']>;


/** Parses one document of a collection; errors are "field: message" lines. */
export function validateDocument<N extends CollectionName>(collection: N, doc: unknown): ValidationResult<DocOf<N>> {
  const r = (collections[collection].zod as z.ZodType).safeParse(doc);
  return r.success ? { ok: true, value: r.data as DocOf<N> } : { ok: false, errors: formatIssues(r.error) };
}

export { formatIssues } from './builder';
export type { ConflictMode, CollectionDef, MigrationContext, MigrationStrategies, MigrationStrategy, ValidationResult } from './builder';
export * from './enums';
export { NONE, NO_DUE, isValidZone } from './primitives';
export type { Ticket, TicketV0, TicketCustomerFacts } from './tickets';
export { migrateTicketV0ToV1, ticketCustomerFields, customerFactsOf } from './tickets';
export type { TicketEvent, TicketEventKind, TicketEventOf } from './ticketEvents';
export { TICKET_EVENT_KINDS } from './ticketEvents';
export type { Customer, Site } from './customers';
export type { Asset, AssetV0, AssetLifecycleEntry, AssetCustodyEntry } from './assets';
export { migrateAssetV0ToV1 } from './assets';
export type { Person, Team } from './people';
export type {
  Policy,
  PolicyOf,
  SlaPolicyBody,
  SlaTarget,
  BusinessCalendar,
  EscalationRule,
  EscalationPolicyBody,
  PriorityPolicyBody,
  AssessmentTemplate,
  GeneralPolicyBody,
} from './policies';
export type { Problem, ProblemAction } from './problems';
export type { AssessmentCycle, Assessment, Kpis, CriterionScore, Review } from './assessments';
export { RECORD_KINDS, RECORD_VARIANTS, recordSchema, TRAINING_KINDS, TRAINING_STATUSES, UNKNOWN_ASSET_STATUSES } from './records';
export type { CimsRecord, RecordKind, RecordOf, TrainingKind, TrainingRecord, TrainingStatus, UnknownAssetRecord, AccountPlanRecord, ContactChannel, ContactLogRecord, VisitCorrectionRecord, VisitRecord, OrgSettings, OrgSettingsRecord } from './records';
export { CONTACT_CHANNELS, MAX_CADENCE_DAYS, contactKey } from './records';
export { MOVEMENT_REASONS, PART_SOURCES, SUPPLIER_KINDS } from './records';
export type { MovementReason, PartRecord, PartSource, StockMovementRecord, SupplierRecord } from './records';
export { APPROVED_OUTCOMES, GOAL_STATUSES, OUTCOME_DECISIONS } from './records';
export type { GoalStatus, ImprovementGoalRecord, OutcomeApprovalRecord, OutcomeDecision } from './records';
