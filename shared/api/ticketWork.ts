import { z } from 'zod';
import type { VisitTimelineItem } from './fieldwork';

import {
  CAUSE_CATEGORIES,
  ESCALATION_AXES,
  FUNCTIONAL_TARGETS,
  MANAGEMENT_LEVELS,
  PENDING_REASONS,
  PRIORITIES,
  SEVERITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  type CauseCategory,
  type Channel,
  type EscalationAxis,
  type FunctionalTarget,
  type ManagementLevel,
  type PendingReason,
  type Priority,
  type Severity,
  type SupportLevel,
  type TicketStatus,
  type TicketType,
  type Tier,
} from '../schema/enums';
import type { TicketEvent } from '../schema/ticketEvents';
import type { ClockState } from '../domain/sla';
import type { FieldAccess } from '../domain/ticketAccess';
import { command, liveQuery, slice } from './define';
import type { Page } from './paging';

// Working a ticket: every change after it was created, and what the ticket screen reads.
// Messages are i18n keys: the renderer translates them, so field errors show in the user's language.

const ticketId = z.string().trim().min(1).max(64);
const ref = z.string().max(64);

/** A reason that says something: whitespace alone is refused. */
const reason = (required: string, tooLong = 'validation.reasonTooLong') => z.string().trim().min(1, required).max(2000, tooLong);

export const editableTicketFields = ['title', 'description', 'contact', 'severity', 'priority', 'type', 'problemReport', 'productLine', 'tags'] as const;
export type EditableTicketField = (typeof editableTicketFields)[number];

export const ticketContactInput = z
  .object({
    name: z.string().trim().min(1, 'validation.contactRequired').max(120, 'validation.contactTooLong'),
    phone: z.string().trim().max(40, 'validation.phoneTooLong').optional(),
    email: z.union([z.literal(''), z.email('validation.emailInvalid').max(200, 'validation.emailInvalid')]).optional(),
  })
  .strict();

export const editTicketInput = z
  .object({
    ticketId,
    changes: z
      .object({
        title: z.string().trim().min(3, 'validation.titleTooShort').max(200, 'validation.titleTooLong'),
        description: z.string().max(10_000, 'validation.descriptionTooLong'),
        contact: ticketContactInput,
        severity: z.enum(SEVERITIES),
        priority: z.enum(PRIORITIES),
        type: z.enum(TICKET_TYPES),
        problemReport: z.boolean(),
        productLine: z.string().trim().max(60, 'validation.productLineTooLong'),
        tags: z.array(z.string().trim().min(1).max(40, 'validation.tagTooLong')).max(20, 'validation.tooManyTags'),
      })
      .partial()
      .strict(),
    /** Why: required when the severity changes (kept on the severity change event). */
    reason: z.string().trim().max(2000, 'validation.reasonTooLong').optional(),
  })
  .strict()
  .refine((v) => v.changes.severity === undefined || (v.reason ?? '').length > 0, { path: ['reason'], message: 'validation.severityReasonRequired' });
export type EditTicketInput = z.input<typeof editTicketInput>;

export const transitionInput = z
  .object({
    ticketId,
    to: z.enum(TICKET_STATUSES, 'validation.statusRequired'),
    pendingReason: z.enum(PENDING_REASONS, 'validation.pendingReasonRequired').optional(),
    reason: z.string().trim().max(2000, 'validation.reasonTooLong').optional(),
  })
  .strict()
  .refine((v) => v.to !== 'pending' || v.pendingReason !== undefined, { path: ['pendingReason'], message: 'validation.pendingReasonRequired' });
export type TransitionInput = z.input<typeof transitionInput>;

/** How a ticket was resolved: service restored (work goes on to a fix) or the cause fixed. */
export const resolutionOutcomes = ['restored', 'fixed'] as const;
export type ResolutionOutcome = (typeof resolutionOutcomes)[number];

export const resolveInput = z
  .object({
    ticketId,
    outcome: z.enum(resolutionOutcomes, 'validation.outcomeRequired'),
    cause: z.enum(CAUSE_CATEGORIES, 'validation.causeRequired'),
    summary: reason('validation.summaryRequired'),
  })
  .strict();
export type ResolveInput = z.input<typeof resolveInput>;

export const reopenInput = z.object({ ticketId, reason: reason('validation.reopenReasonRequired') }).strict();
export type ReopenInput = z.input<typeof reopenInput>;

const body = z.string().trim().min(1, 'validation.bodyRequired').max(20_000, 'validation.bodyTooLong');
export const replyInput = z.object({ ticketId, body }).strict();
export type ReplyInput = z.input<typeof replyInput>;

export const assignInput = z
  .object({
    ticketId,
    teamId: z.string().trim().min(1, 'validation.teamRequired').max(64),
    /** '' leaves the ticket with the team, unassigned. */
    assigneeId: ref.default(''),
  })
  .strict();
export type AssignInput = z.input<typeof assignInput>;

export const escalationLevels = [...FUNCTIONAL_TARGETS, ...MANAGEMENT_LEVELS] as const;
export const escalateInput = z
  .object({
    ticketId,
    axis: z.enum(ESCALATION_AXES, 'validation.axisRequired'),
    to: z.enum(escalationLevels, 'validation.levelRequired'),
    reason: reason('validation.escalationReasonRequired'),
    /** The receiver; both absent: the domain's default receiver for that level. */
    teamId: ref.optional(),
    personId: ref.optional(),
  })
  .strict();
export type EscalateInput = z.input<typeof escalateInput>;

export const acknowledgeInput = z
  .object({ ticketId, escalationEventId: z.string().trim().min(1).max(64), body: z.string().trim().max(2000, 'validation.bodyTooLong').optional() })
  .strict();
export type AcknowledgeInput = z.input<typeof acknowledgeInput>;

/**
 * What a command changed on one ticket: the changed fields before and after, and the timeline
 * events it wrote. Bulk actions and the escalation board collect these to offer an undo.
 */
export interface TicketChange {
  ticketId: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  eventIds: string[];
}

export const ticketDetailParams = z.object({ number: z.string().trim().min(1).max(40) }).strict();
export const timelineParams = z
  .object({
    ticketId,
    offset: z.number().int().min(0).max(1_000_000).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type TimelineParams = z.input<typeof timelineParams>;
export const assigneeParams = z.object({ query: z.string().trim().max(100).default('') }).strict();

export interface SlaClockView {
  /** Minutes of the target, null when the clock has no target for this severity. */
  targetMinutes: number | null;
  /** Due time (ISO), null without a target. While paused it moves with the pause. */
  dueAt: string | null;
  stoppedAt: string | null;
  paused: boolean;
  elapsedMinutes: number;
  percent: number | null;
  state: ClockState;
  met: boolean | null;
  /** Business hours or around the clock. */
  mode: '24x7' | 'business';
}

export interface EscalationNotice {
  eventId: string;
  axis: EscalationAxis;
  fromLevel: string;
  toLevel: string;
  reason: string;
  at: string;
  toPersonId: string | null;
  toTeamId: string | null;
  /** Whether the viewer is the receiver (the person, or a member of the team). */
  forMe: boolean;
}

export interface TicketWorkDetail {
  id: string;
  number: string;
  provisional: boolean;
  title: string;
  description: string;
  status: TicketStatus;
  pendingReason: PendingReason | null;
  severity: Severity;
  priority: Priority;
  type: TicketType;
  channel: Channel;
  problemReport: boolean;
  productLine: string;
  tags: string[];
  cause: CauseCategory | null;
  customer: { id: string; name: string; tier: Tier; code: string | null };
  site: { id: string; name: string | null };
  region: string;
  contact: { name: string; phone?: string; email?: string };
  asset: { id: string; code: string; model: string | null } | null;
  team: { id: string; name: string; nameZh?: string } | null;
  assignee: { id: string; name: string } | null;
  levels: { functional: FunctionalTarget; management: ManagementLevel };
  sla: { firstResponse: SlaClockView; restore: SlaClockView; fix: SlaClockView; paused: boolean; computedAt: string };
  fields: Record<EditableTicketField, FieldAccess>;
  /** Statuses this viewer may move the ticket to now (reopen included while its window is open). */
  transitions: TicketStatus[];
  reopenUntil: string | null;
  mayAssign: boolean;
  mayEscalate: boolean;
  /** Escalations not acknowledged yet, newest last. */
  openEscalations: EscalationNotice[];
  related: { number: string; title: string; status: TicketStatus }[];
  createdAt: string;
  updatedAt: string;
  respondedAt: string | null;
  restoredAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  reopenCount: number;
  eventCount: number;
}

/** A timeline event (or a site visit's moment) with the names the screen shows. */
export type TimelineEntry = (TicketEvent | VisitTimelineItem) & {
  authorName: string;
  /** Display names of the people and teams the event refers to, by id. */
  names: Record<string, string>;
  mine: boolean;
};

export interface AssigneeOption {
  kind: 'team' | 'person';
  id: string;
  name: string;
  nameZh?: string;
  teamId: string | null;
  level: SupportLevel | null;
  /** Open tickets assigned to the person or held by the team. */
  openTickets: number;
}

export const ticketWorkApi = slice({
  commands: {
    'ticketWork.edit': command<TicketChange>()(editTicketInput),
    'ticketWork.transition': command<TicketChange>()(transitionInput),
    'ticketWork.resolve': command<TicketChange>()(resolveInput),
    'ticketWork.reopen': command<TicketChange>()(reopenInput),
    'ticketWork.reply': command<TicketChange>()(replyInput),
    'ticketWork.note': command<TicketChange>()(replyInput),
    'ticketWork.assign': command<TicketChange>()(assignInput),
    'ticketWork.escalate': command<TicketChange>()(escalateInput),
    'ticketWork.acknowledge': command<TicketChange>()(acknowledgeInput),
  },
  liveQueries: {
    'ticketWork.detail': liveQuery<TicketWorkDetail | null>()(ticketDetailParams),
    'ticketWork.timeline': liveQuery<Page<TimelineEntry>>()(timelineParams),
    'ticketWork.assignees': liveQuery<AssigneeOption[]>()(assigneeParams),
  },
});
