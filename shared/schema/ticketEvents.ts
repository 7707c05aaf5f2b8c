import { z } from 'zod';
import type { MigrationStrategies } from './builder';
import { ESCALATION_AXES, FUNCTIONAL_TARGETS, MANAGEMENT_LEVELS, PENDING_REASONS, PRIORITIES, SEVERITIES, TICKET_STATUSES } from './enums';
import { id, isoTime, name, refOrNone, text, timestamps } from './primitives';

// Common fields of every timeline entry. `at` is when it happened on the device (may be
// earlier than createdAt for work captured offline). `receivedAt` (v1) is when the server
// received the event: only the server sets it, and it is absent until the event has synced
// and on events the server wrote itself.
const baseV0 = { ...timestamps, ticketId: id(), authorId: id(), at: isoTime() };
const base = { ...baseV0, receivedAt: isoTime().optional() };

const escalationLevel = z.enum([...FUNCTIONAL_TARGETS, ...MANAGEMENT_LEVELS]);

const variants = <B extends z.ZodRawShape>(common: B) => {
  const ev = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) => z.strictObject({ ...common, kind: z.literal(kind), ...shape });
  return [
    ev('reply', { body: z.string().min(1).max(20_000) }),
    ev('note', { body: z.string().min(1).max(20_000) }),
    ev('work_log', { workMinutes: z.number().int().min(0).max(24 * 60), travelMinutes: z.number().int().min(0).max(24 * 60), body: text(2000).optional() }),
    ev('part', {
      partAction: z.enum(['used', 'returned']),
      partNumber: name(60),
      serial: text(80),
      quantity: z.number().int().min(1).max(1000),
    }),
    ev('checklist', { items: z.array(z.strictObject({ label: name(200), done: z.boolean() })).min(1).max(100) }),
    ev('status_change', { from: z.enum(TICKET_STATUSES), to: z.enum(TICKET_STATUSES), pendingReason: z.enum(PENDING_REASONS).nullable(), reason: text(2000).optional() }),
    ev('severity_change', { fromSeverity: z.enum(SEVERITIES), toSeverity: z.enum(SEVERITIES), reason: z.string().trim().min(1).max(2000) }),
    ev('priority_change', { fromPriority: z.enum(PRIORITIES), toPriority: z.enum(PRIORITIES), reason: text(2000).optional() }),
    ev('assignment', { fromTeamId: id(), toTeamId: id(), fromAssigneeId: refOrNone(), toAssigneeId: refOrNone() }),
    ev('escalation', {
      axis: z.enum(ESCALATION_AXES),
      fromLevel: escalationLevel,
      toLevel: escalationLevel,
      direction: z.enum(['up', 'down', 'sideways']),
      reason: z.string().trim().min(1).max(2000),
      // Set for automatic escalations: the idempotency key (rule + clock + target).
      ruleKey: text(120).nullable(),
      toPersonId: id().nullable(),
      toTeamId: id().nullable(),
    }),
    ev('escalation_ack', { escalationEventId: id(), body: text(2000).optional() }),
    ev('sla_pause', { pendingReason: z.enum(PENDING_REASONS) }),
    ev('sla_resume', {}),
    ev('attachment', {
      fileName: name(255),
      mimeType: name(100),
      sizeBytes: z.number().int().min(0).max(1e9),
      sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be a hex SHA-256' }),
      caption: text(500).optional(),
    }),
    ev('signature', { signerName: name(120), sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be a hex SHA-256' }) }),
    ev('csat', { score: z.number().int().min(1).max(5), reason: text(2000).optional() }).superRefine((e, ctx) => {
      // DOMAIN: a reason is required for scores 1-2.
      const { score, reason } = e as { score: number; reason?: string };
      if (score <= 2 && !reason?.trim()) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required for a score of 1 or 2' });
    }),
    // A same-field collision during sync: the losing value is kept here, never dropped.
    ev('field_conflict', { field: name(60), keptValue: text(20_000), lostValue: text(20_000), lostAuthorId: id().nullable() }),
    ev('problem_link', { problemId: id() }),
  ] as const;
};

export const TICKET_EVENT_VARIANTS = variants(base);

export const TICKET_EVENT_KINDS = TICKET_EVENT_VARIANTS.map((v) => v.shape.kind.value);
export type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number];

export const ticketEventSchema = z.discriminatedUnion('kind', TICKET_EVENT_VARIANTS);

/** Version 0, as released (history.ts): no receivedAt. */
export const ticketEventSchemaV0 = z.discriminatedUnion('kind', variants(baseV0));

/** 1: receivedAt, set by the server when an event arrives. */
export const TICKET_EVENT_SCHEMA_VERSION = 1;

/**
 * Keyed by the version each strategy produces (RxDB's `migrationStrategies`). Events stored
 * before v1 keep no receivedAt (the time they arrived is not known) and need no server
 * migration: the server's copies are unchanged, so assumed master states still match.
 */
export const ticketEventMigrations: MigrationStrategies = {
  1: (doc) => doc,
};
export type TicketEvent = z.infer<typeof ticketEventSchema>;
export type TicketEventOf<K extends TicketEvent['kind']> = Extract<TicketEvent, { kind: K }>;
