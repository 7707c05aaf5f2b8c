import { z } from 'zod';
import { CHANNELS, FUNCTIONAL_TARGETS, MANAGEMENT_LEVELS, PENDING_REASONS, PRIORITIES, SEVERITIES, TICKET_STATUSES, TICKET_TYPES } from './enums';
import { NONE, id, isoTime, name, refOrNone, text, timestamps } from './primitives';

export const contactSchema = z.strictObject({
  name: name(120),
  phone: text(40).optional(),
  email: z.email().max(200).optional(),
});

export const ticketSchema = z
  .strictObject({
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
  })
  .superRefine((t, ctx) => {
    if (t.status === 'pending' && t.pendingReason === null)
      ctx.addIssue({ code: 'custom', path: ['pendingReason'], message: 'is required when status is pending' });
    if (t.status !== 'pending' && t.pendingReason !== null)
      ctx.addIssue({ code: 'custom', path: ['pendingReason'], message: 'must be null unless status is pending' });
  });

export type Ticket = z.infer<typeof ticketSchema>;
export { NONE };
