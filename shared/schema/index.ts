import type { z } from 'zod';
import { defineCollection, formatIssues, type ValidationResult } from './builder';
import { TICKET_SCHEMA_VERSION, ticketMigrations, ticketSchema } from './tickets';
import { ticketEventSchema } from './ticketEvents';
import { customerSchema } from './customers';
import { assetSchema } from './assets';
import { personSchema, teamSchema } from './people';
import { policySchema } from './policies';
import { problemSchema } from './problems';
import { assessmentCycleSchema, assessmentSchema } from './assessments';

// The 10 replicated collections. The free RxDB build opens at most 13 per process (COL23):
// how further record kinds fit is in README.md ("The collection budget").
// Ticket indexes: queues (team + status + SLA due), my work (assignee + status), customer,
// asset, sync. Kept in one constant: schema history (history.ts) must repeat them exactly.
export const TICKET_INDEXES = [['teamId', 'status', 'slaDueAt'], ['assigneeId', 'status'], 'customerId', 'assetId', 'updatedAt'];

export const collections = {
  tickets: defineCollection({
    name: 'tickets',
    zod: ticketSchema,
    conflict: 'merge',
    indexes: TICKET_INDEXES,
    version: TICKET_SCHEMA_VERSION,
    migrations: ticketMigrations,
  }),
  ticketEvents: defineCollection({ name: 'ticketEvents', zod: ticketEventSchema, conflict: 'immutable', indexes: [['ticketId', 'at'], 'updatedAt'] }),
  customers: defineCollection({ name: 'customers', zod: customerSchema, conflict: 'merge', indexes: ['code', 'updatedAt'] }),
  assets: defineCollection({ name: 'assets', zod: assetSchema, conflict: 'merge', indexes: ['assetCode', 'customerId', 'siteId', 'updatedAt'] }),
  people: defineCollection({ name: 'people', zod: personSchema, conflict: 'server-owned', indexes: ['username', 'updatedAt'] }),
  teams: defineCollection({ name: 'teams', zod: teamSchema, conflict: 'server-owned', indexes: ['updatedAt'] }),
  policies: defineCollection({ name: 'policies', zod: policySchema, conflict: 'server-owned', indexes: ['kind', 'updatedAt'] }),
  problems: defineCollection({ name: 'problems', zod: problemSchema, conflict: 'merge', indexes: ['status', 'updatedAt'] }),
  assessmentCycles: defineCollection({ name: 'assessmentCycles', zod: assessmentCycleSchema, conflict: 'server-owned', indexes: ['updatedAt'] }),
  assessments: defineCollection({ name: 'assessments', zod: assessmentSchema, conflict: 'merge', indexes: [['cycleId', 'personId'], 'personId', 'updatedAt'] }),
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
export type { Asset } from './assets';
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
