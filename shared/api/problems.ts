import { z } from 'zod';
import { ACTION_KINDS, ACTION_STATUSES, CAUSE_CATEGORIES, PROBLEM_STATUSES, type CauseCategory, type ProblemStatus, type TicketStatus } from '../schema/enums';
import type { ProblemAction } from '../schema/problems';
import { DEFAULT_EFFECTIVENESS_PERIOD, EFFECTIVENESS_PERIODS, type Effectiveness, type MatchReason } from '../domain/problems';
import { command, liveQuery, slice } from './define';
import type { Page } from './paging';

// Problems (root cause and corrective / preventive action) over linked tickets. Messages are
// i18n keys of the problems namespace (`validation.*`): the form shows them in the user's language.

const id = z.string().trim().min(1).max(64);
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Tickets one problem links at once: a queue selection, not an import. */
export const PROBLEM_TICKET_LIMIT = 500;
export const WHYS_LIMIT = 5;

const ticketIds = z
  .array(id)
  .min(1, 'validation.ticketsRequired')
  .max(PROBLEM_TICKET_LIMIT, 'validation.tooManyTickets')
  .refine((ids) => new Set(ids).size === ids.length, 'validation.ticketsDuplicate');

export const actionInput = z
  .object({
    /** Absent for a new action; main gives it an id. */
    id: id.optional(),
    kind: z.enum(ACTION_KINDS),
    description: z.string().trim().min(1, 'validation.actionRequired').max(2000, 'validation.actionTooLong'),
    ownerId: z.string().trim().min(1, 'validation.ownerRequired').max(64),
    dueDate: z.string().regex(DATE_RE, 'validation.dueDateRequired'),
    status: z.enum(ACTION_STATUSES),
  })
  .strict();
export type ActionInput = z.input<typeof actionInput>;

const problemFields = {
  title: z.string().trim().min(3, 'validation.titleTooShort').max(300, 'validation.titleTooLong'),
  description: z.string().max(20_000, 'validation.descriptionTooLong'),
  causeCategory: z.enum(CAUSE_CATEGORIES),
  productLine: z.string().trim().max(60, 'validation.productLineTooLong'),
  ownerId: z.string().trim().min(1, 'validation.ownerRequired').max(64),
  /** First "why" first; blank lines are dropped. */
  whys: z
    .array(z.string().trim().max(1000, 'validation.whyTooLong'))
    .transform((whys) => whys.filter((w) => w !== ''))
    .refine((whys) => whys.length <= WHYS_LIMIT, 'validation.tooManyWhys'),
  rootCause: z.string().trim().max(5000, 'validation.rootCauseTooLong'),
  actions: z.array(actionInput).max(100, 'validation.tooManyActions'),
};

export const createProblemInput = z.object({ ...problemFields, ticketIds }).strict();
export type CreateProblemInput = z.input<typeof createProblemInput>;

/**
 * The form's schema: the command's, plus the rule main applies again: a new action (no id
 * yet) is not due before today, the day it is created.
 */
export const problemFormSchema = (today: string) =>
  createProblemInput.superRefine((v, ctx) => {
    v.actions.forEach((a, i) => {
      if (!a.id && DATE_RE.test(a.dueDate) && a.dueDate < today) ctx.addIssue({ code: 'custom', path: ['actions', i, 'dueDate'], message: 'validation.dueBeforeCreated' });
    });
  });

export const updateProblemInput = z
  .object({
    id,
    changes: z
      .object({ ...problemFields, status: z.enum(PROBLEM_STATUSES) })
      .partial()
      .strict(),
  })
  .strict();
export type UpdateProblemInput = z.input<typeof updateProblemInput>;

export const linkInput = z.object({ id, ticketIds }).strict();
export const unlinkInput = z.object({ id, ticketId: id }).strict();

/** Where resolving leaves the problem: its effectiveness still to verify, or closed. */
export const RESOLVED_STATUSES = ['verifying', 'closed'] as const satisfies readonly ProblemStatus[];

export const resolveProblemInput = z
  .object({
    id,
    status: z.enum(RESOLVED_STATUSES),
    /** Resolve the linked tickets too, each with the same public reply. */
    resolveTickets: z.boolean(),
    reply: z.string().trim().max(20_000, 'validation.replyTooLong').default(''),
  })
  .strict()
  .refine((v) => !v.resolveTickets || v.reply.length > 0, { path: ['reply'], message: 'validation.replyRequired' });
export type ResolveProblemInput = z.input<typeof resolveProblemInput>;

/** Records the effectiveness verdict on the actions that are done. */
export const recordCheckInput = z.object({ id, effective: z.boolean() }).strict();

/** What happened to one linked ticket when the problem was resolved. */
export type TicketResolution =
  | { ticketId: string; number: string; outcome: 'resolved' }
  | { ticketId: string; number: string; outcome: 'already_resolved' }
  | { ticketId: string; number: string; outcome: 'refused'; code: string; reason: string };

export interface ResolveProblemResult {
  id: string;
  status: ProblemStatus;
  tickets: TicketResolution[];
}

/** A ticket as the problem screens show it. `visible` false: linked, but out of this user's sight. */
export interface ProblemTicket {
  id: string;
  number: string;
  title: string;
  status: TicketStatus | null;
  productLine: string;
  assetModel: string | null;
  cause: CauseCategory | null;
  createdAt: string | null;
  visible: boolean;
}

export interface CandidateTicket extends ProblemTicket {
  reasons: MatchReason[];
}

export interface PersonOption {
  id: string;
  name: string;
  nameZh?: string;
}

export interface ProblemRow {
  id: string;
  title: string;
  status: ProblemStatus;
  causeCategory: CauseCategory;
  productLine: string;
  ownerId: string;
  ownerName: string;
  ownerNameZh?: string;
  tickets: number;
  actions: number;
  openActions: number;
  overdueActions: number;
  createdAt: string;
  updatedAt: string;
}

export interface ProblemDetail {
  id: string;
  title: string;
  description: string;
  status: ProblemStatus;
  causeCategory: CauseCategory;
  productLine: string;
  owner: PersonOption | null;
  whys: string[];
  rootCause: string;
  actions: (ProblemAction & { ownerName: string; ownerNameZh?: string; overdue: boolean })[];
  tickets: ProblemTicket[];
  createdAt: string;
  updatedAt: string;
  /** What this viewer may do (the server refuses the rest anyway). */
  mayEdit: boolean;
}

export interface OverdueOwner {
  ownerId: string;
  ownerName: string;
  ownerNameZh?: string;
  actions: { problemId: string; problemTitle: string; actionId: string; kind: ProblemAction['kind']; description: string; dueDate: string; daysOverdue: number }[];
}

export const problemSortFields = ['updatedAt', 'createdAt', 'title', 'status'] as const;

export const listParams = z
  .object({
    offset: z.number().int().min(0).max(1_000_000).default(0),
    limit: z.number().int().min(1).max(200).default(50),
    sort: z.object({ field: z.enum(problemSortFields), direction: z.enum(['asc', 'desc']) }).strict().default({ field: 'updatedAt', direction: 'desc' }),
    status: z.array(z.enum(PROBLEM_STATUSES)).max(PROBLEM_STATUSES.length).default([]),
    causeCategory: z.array(z.enum(CAUSE_CATEGORIES)).max(CAUSE_CATEGORIES.length).default([]),
    productLine: z.string().trim().max(60).default(''),
    ownerId: z.string().trim().max(64).default(''),
    text: z.string().trim().max(100).default(''),
    overdueOnly: z.boolean().default(false),
  })
  .strict();
export type ListParams = z.input<typeof listParams>;

export interface ProblemList extends Page<ProblemRow> {
  options: { productLines: string[]; owners: PersonOption[] };
}

export const candidatesParams = z
  .object({
    /** The tickets chosen so far: their traits pick the candidates. */
    ticketIds: z.array(id).max(PROBLEM_TICKET_LIMIT).default([]),
    productLine: z.string().trim().max(60).default(''),
    causeCategory: z.enum(CAUSE_CATEGORIES).default('unknown'),
  })
  .strict();
export type CandidatesParams = z.input<typeof candidatesParams>;

export interface CandidateList {
  /** The chosen tickets, in the order given. */
  selected: ProblemTicket[];
  candidates: CandidateTicket[];
}

export const effectivenessParams = z
  .object({
    id,
    periodDays: z.union([z.literal(EFFECTIVENESS_PERIODS[0]), z.literal(EFFECTIVENESS_PERIODS[1]), z.literal(EFFECTIVENESS_PERIODS[2])]).default(DEFAULT_EFFECTIVENESS_PERIOD),
    /** Measured from this day; absent: the latest due date of the actions done. */
    pivot: z.string().regex(DATE_RE).optional(),
  })
  .strict();
export type EffectivenessParams = z.input<typeof effectivenessParams>;

/** Null pivot: no action is done yet, so there is nothing to measure from. */
export type EffectivenessView = (Effectiveness & { defaultPivot: string | null }) | { pivot: null; defaultPivot: null };

export interface TicketProblem {
  id: string;
  title: string;
  status: ProblemStatus;
}

export const problemsApi = slice({
  commands: {
    'problems.create': command<{ id: string }>()(createProblemInput),
    'problems.update': command<{ id: string }>()(updateProblemInput),
    'problems.link': command<{ id: string }>()(linkInput),
    'problems.unlink': command<{ id: string }>()(unlinkInput),
    'problems.resolve': command<ResolveProblemResult>()(resolveProblemInput),
    'problems.recordCheck': command<{ id: string }>()(recordCheckInput),
  },
  liveQueries: {
    'problems.list': liveQuery<ProblemList>()(listParams),
    'problems.overdue': liveQuery<OverdueOwner[]>()(z.object({}).strict()),
    'problems.detail': liveQuery<ProblemDetail | null>()(z.object({ id }).strict()),
    'problems.candidates': liveQuery<CandidateList>()(candidatesParams),
    'problems.effectiveness': liveQuery<EffectivenessView | null>()(effectivenessParams),
    'problems.forTicket': liveQuery<TicketProblem[]>()(z.object({ ticketId: id }).strict()),
    'problems.people': liveQuery<PersonOption[]>()(z.object({}).strict()),
  },
});
