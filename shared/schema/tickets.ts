import { z } from 'zod';
import type { MigrationStrategies } from './builder';
import { CHANNELS, FUNCTIONAL_TARGETS, MANAGEMENT_LEVELS, PENDING_REASONS, PRIORITIES, SEVERITIES, TICKET_STATUSES, TICKET_TYPES, TIERS, type Tier } from './enums';
import { NONE, id, isoTime, name, refOrNone, text, timestamps } from './primitives';

export const contactSchema = z.strictObject({
  name: name(120),
  phone: text(40).optional(),
  email: z.email().max(200).optional(),
});

/** The fields of schema version 0, kept so that its migration and its tests can name them. */
const ticketFieldsV0 = {
  ...timestamps,
  // Assigned by the server when the ticket first syncs; null until then.
  number: z.number().int().min(1).max(1e12).nullable(),
  // Shown until `number` exists, e.g. "P-7K2Q-0042" (device prefix + local counter).
  provisionalNumber: z.string().min(1).max(40),
  type: z.enum(TICKET_TYPES),
  channel: z.enum(CHANNELS),
  title: name(300),
  description: text(20_000),
  customerId: id(),
  siteId: id(),
  // Region code of the site: selects the business calendar.
  region: name(40),
  contact: contactSchema,
  assetId: refOrNone(),
  // Denormalised from the asset for TL 9000 reporting per product line.
  productLine: text(60),
  severity: z.enum(SEVERITIES),
  priority: z.enum(PRIORITIES),
  // TL 9000: a problem report asks for the cause to be found and removed; otherwise the
  // ticket is restore-only and counts only for restore times.
  problemReport: z.boolean(),
  status: z.enum(TICKET_STATUSES),
  pendingReason: z.enum(PENDING_REASONS).nullable(),
  teamId: id(),
  assigneeId: refOrNone(),
  functionalLevel: z.enum(FUNCTIONAL_TARGETS),
  managementLevel: z.enum(MANAGEMENT_LEVELS),
  createdBy: id(),
  // Milestones (ISO). The timeline events are the record; these are kept in step for queries.
  respondedAt: isoTime().nullable(),
  restoredAt: isoTime().nullable(),
  resolvedAt: isoTime().nullable(),
  closedAt: isoTime().nullable(),
  reopenCount: z.number().int().min(0).max(1000),
  // Next due time among the running SLA clocks, NO_DUE when none runs (queue index).
  slaDueAt: isoTime(),
  problemId: id().nullable(),
  // For complaints: the staff member the complaint is about (assessment KPI).
  subjectPersonId: id().nullable(),
  tags: z.array(text(40)).max(20),
};

const pendingReasonRule = (t: { status: string; pendingReason: string | null }, ctx: z.RefinementCtx): void => {
  if (t.status === 'pending' && t.pendingReason === null)
    ctx.addIssue({ code: 'custom', path: ['pendingReason'], message: 'is required when status is pending' });
  if (t.status !== 'pending' && t.pendingReason !== null)
    ctx.addIssue({ code: 'custom', path: ['pendingReason'], message: 'must be null unless status is pending' });
};

/** Version 0, as released before the queue summary fields (history.ts keeps its definition). */
export const ticketSchemaV0 = z.strictObject(ticketFieldsV0).superRefine(pendingReasonRule);
export type TicketV0 = z.infer<typeof ticketSchemaV0>;

/** The current version (1). */
export const TICKET_SCHEMA_VERSION = 1;
export const ticketSchema = z
  .strictObject({
    ...ticketFieldsV0,
    // v1: denormalised from the customer so queues sort and filter (key accounts) without a
    // join. Filled by every ticket writer; '' / 'general' when the customer is not known yet.
    customerName: text(200),
    customerTier: z.enum(TIERS),
  })
  .superRefine(pendingReasonRule);

export type Ticket = z.infer<typeof ticketSchema>;

/** What a ticket's summary fields are taken from. */
export type TicketCustomerFacts = { name: string; tier: Tier };

/** The summary fields of a ticket for its customer; unknown customer: '' and 'general'. */
export const ticketCustomerFields = (customer: TicketCustomerFacts | null): Pick<Ticket, 'customerName' | 'customerTier'> => ({
  customerName: customer?.name ?? '',
  customerTier: customer?.tier ?? 'general',
});

/**
 * v0 -> v1: adds `customerName` and `customerTier`. Pure: the customer is passed in. The
 * server's migration 7 (server/db/migrations.ts) fills stored tickets with the same values
 * from the same customer documents, so a synced ticket migrated here still equals the
 * server's copy and its pending edit pushes without a conflict.
 */
export const migrateTicketV0ToV1 = (doc: TicketV0, customer: TicketCustomerFacts | null): Ticket => ({
  ...doc,
  ...ticketCustomerFields(customer),
});

const isTier = (v: unknown): v is Tier => typeof v === 'string' && (TIERS as readonly string[]).includes(v);

/** Reads the facts from a stored customer document; anything malformed counts as unknown. */
export const customerFactsOf = (doc: Record<string, unknown> | null): TicketCustomerFacts | null =>
  doc && typeof doc.name === 'string' && isTier(doc.tier) ? { name: doc.name, tier: doc.tier } : null;

/** Keyed by the version each strategy produces (RxDB's `migrationStrategies`). */
export const ticketMigrations: MigrationStrategies = {
  1: async (doc, ctx) => migrateTicketV0ToV1(doc as TicketV0, customerFactsOf(await ctx.findById('customers', String(doc.customerId)))),
};

export { NONE };
