import type { z } from 'zod';
import { defineCollection, formatIssues, type ValidationResult } from './builder';
import { ticketSchema } from './tickets';
import { ticketEventSchema } from './ticketEvents';
import { customerSchema } from './customers';
import { assetSchema } from './assets';
import { personSchema, teamSchema } from './people';
import { policySchema } from './policies';
import { problemSchema } from './problems';
import { assessmentCycleSchema, assessmentSchema } from './assessments';

// The 10 replicated collections. Keep it at 10: the free RxDB build opens at most 13 per
// process (COL23).
export const collections = {
  tickets: defineCollection({
    name: 'tickets',
    zod: ticketSchema,
    conflict: 'merge',
    // Queues (team + status + SLA due), my work (assignee + status), customer, asset, sync.
    indexes: [['teamId', 'status', 'slaDueAt'], ['assigneeId', 'status'], 'customerId', 'assetId', 'updatedAt'],
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
export type DocOf<N extends CollectionName> = z.infer<(typeof collections)[N]['zod']>;


/** Parses one document of a collection; errors are "field: message" lines. */
export function validateDocument<N extends CollectionName>(collection: N, doc: unknown): ValidationResult<DocOf<N>> {
  const r = (collections[collection].zod as z.ZodType).safeParse(doc);
  return r.success ? { ok: true, value: r.data as DocOf<N> } : { ok: false, errors: formatIssues(r.error) };
}

export { formatIssues } from './builder';
export type { ConflictMode, CollectionDef, ValidationResult } from './builder';
export * from './enums';
export { NONE, NO_DUE, isValidZone } from './primitives';
export type { Ticket } from './tickets';
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
