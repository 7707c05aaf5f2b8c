import { z } from 'zod';

import {
  ESCALATION_AXES,
  FUNCTIONAL_TARGETS,
  MANAGEMENT_LEVELS,
  PENDING_REASONS,
  SEVERITIES,
  TICKET_STATUSES,
  type EscalationAxis,
  type Priority,
  type Severity,
  type TicketStatus,
  type Tier,
} from '../schema/enums';
import type { ClockState } from '../domain/sla';
import { escalationLevels, type TicketChange } from './ticketWork';
import { command, liveQuery, slice } from './define';

// The escalation board (tickets by level on one axis) and bulk actions on many tickets.
// Every change goes through the ticket actions one ticket at a time, so their rules apply unchanged.

/** Columns of the board per axis: functional levels (sideways teams included), then the management chain. */
export const boardColumns = {
  functional: FUNCTIONAL_TARGETS,
  hierarchical: MANAGEMENT_LEVELS,
} as const satisfies Record<EscalationAxis, readonly string[]>;
export type BoardLevel = (typeof escalationLevels)[number];

/** Cards shown per column; the column says how many more there are. */
export const BOARD_COLUMN_LIMIT = 40;

const filterText = z.string().trim().max(60);
export const boardParams = z
  .object({
    axis: z.enum(ESCALATION_AXES).default('functional'),
    region: filterText.optional(),
    teamId: filterText.optional(),
    productLine: filterText.optional(),
    severity: z.array(z.enum(SEVERITIES)).max(SEVERITIES.length).optional(),
  })
  .strict();
export type BoardParams = z.input<typeof boardParams>;

export interface BoardClock {
  kind: 'firstResponse' | 'restore' | 'fix';
  dueAt: string | null;
  state: ClockState;
  paused: boolean;
  met: boolean | null;
}

export interface BoardCard {
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
  severity: Severity;
  priority: Priority;
  customerName: string;
  tier: Tier;
  region: string;
  productLine: string;
  teamName: string;
  assigneeName: string;
  level: BoardLevel;
  /** Since when the ticket is at this level on this axis: its latest escalation there, else its creation. */
  atLevelSince: string;
  /** Clocks still running or not yet met (a met clock is no longer of interest on the board). */
  clocks: BoardClock[];
  /** Receivers of escalations not acknowledged yet (names; a level when nobody is named). */
  unacknowledged: { eventId: string; receiver: string; toLevel: string; at: string }[];
}

export interface BoardColumn {
  level: BoardLevel;
  total: number;
  cards: BoardCard[];
}

export interface BoardFilterOptions {
  regions: string[];
  teams: { id: string; name: string; nameZh?: string }[];
  productLines: string[];
}

export interface BoardView {
  axis: EscalationAxis;
  columns: BoardColumn[];
  options: BoardFilterOptions;
  computedAt: string;
}

/** Tickets one bulk action may touch at once: a screen's selection, not a migration. */
export const BULK_LIMIT = 500;

const ticketIds = z
  .array(z.string().trim().min(1).max(64))
  .min(1, 'validation.selectionRequired')
  .max(BULK_LIMIT, 'validation.selectionTooLarge')
  .refine((ids) => new Set(ids).size === ids.length, 'validation.selectionDuplicate');
const reason = z.string().trim().min(1, 'validation.escalationReasonRequired').max(2000, 'validation.reasonTooLong');
/** The reason a person types for a move: the same rule as the escalation's own. */
export const reasonForm = z.object({ reason }).strict();
export type ReasonForm = z.input<typeof reasonForm>;

export const bulkAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('assign'), teamId: z.string().trim().min(1, 'validation.teamRequired').max(64), assigneeId: z.string().max(64).default('') }).strict(),
  z
    .object({
      kind: z.literal('transition'),
      to: z.enum(TICKET_STATUSES, 'validation.statusRequired'),
      pendingReason: z.enum(PENDING_REASONS, 'validation.pendingReasonRequired').optional(),
      reason: z.string().trim().max(2000, 'validation.reasonTooLong').optional(),
    })
    .strict()
    .refine((v) => v.to !== 'pending' || v.pendingReason !== undefined, { path: ['pendingReason'], message: 'validation.pendingReasonRequired' }),
  z.object({ kind: z.literal('escalate'), axis: z.enum(ESCALATION_AXES), to: z.enum(escalationLevels, 'validation.levelRequired'), reason }).strict(),
]);
export type BulkAction = z.input<typeof bulkAction>;
export type BulkKind = BulkAction['kind'];

export const bulkInput = z.object({ ticketIds, action: bulkAction }).strict();
export type BulkInput = z.input<typeof bulkInput>;

/** Undo a bulk action: the changes it returned, each put back where the domain still allows it. */
export const undoInput = z
  .object({
    kind: z.enum(['assign', 'transition', 'escalate']),
    changes: z
      .array(
        z
          .object({
            ticketId: z.string().trim().min(1).max(64),
            before: z.record(z.string(), z.unknown()),
            after: z.record(z.string(), z.unknown()),
            eventIds: z.array(z.string().max(64)).max(20).default([]),
          })
          .strip(),
      )
      .min(1)
      .max(BULK_LIMIT),
    reason: z.string().trim().min(1).max(2000).default('undo'),
  })
  .strict();
export type UndoInput = z.input<typeof undoInput>;

export type BulkOutcome =
  | { ticketId: string; number: string; ok: true; change: TicketChange }
  | { ticketId: string; number: string; ok: false; code: string; reason: string };

/** Why a ticket was left as it was, when no field of the ticket action names it. */
export const bulkRefusals = ['changed_since', 'not_undoable'] as const;

export interface BulkResult {
  changed: number;
  refused: number;
  outcomes: BulkOutcome[];
}

export const boardApi = slice({
  commands: {
    'board.bulk': command<BulkResult>()(bulkInput),
    'board.undo': command<BulkResult>()(undoInput),
  },
  liveQueries: {
    'board.view': liveQuery<BoardView>()(boardParams),
  },
});
