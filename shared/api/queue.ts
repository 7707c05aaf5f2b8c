import { z } from 'zod';
import { PENDING_REASONS, PRIORITIES, SEVERITIES, SLA_CLOCKS, TICKET_STATUSES, TICKET_TYPES, TIERS, type PendingReason, type SlaClockKind, type Tier } from '../schema/enums';
import { AGEING_BUCKETS, TL9000_FIGURES, type AgeBucket } from '../domain/metrics';
import { command, liveQuery, slice } from './define';
import { MAX_PAGE_SIZE, type Page } from './paging';
import type { TicketSummary } from './tickets';

/**
 * The built-in queues a service desk lives in. Main resolves "me" and "my team" for the
 * signed-in user (or the device's local identity before any sign-in).
 */
export const builtInViews = ['mine', 'team', 'unassigned', 'breaching', 'escalated', 'pending', 'resolved', 'open', 'all'] as const;
export type BuiltInView = (typeof builtInViews)[number];

export const slaStates = ['ok', 'warning', 'breached'] as const;
export type QueueSlaState = (typeof slaStates)[number];

/** Longest search: a longer one is refused with a message, not cut silently. */
export const MAX_SEARCH_LENGTH = 200;

/**
 * Shortest word a search looks for, other than CJK. A single letter or digit, searched as a
 * prefix, matches most of a store (at 100,000 tickets, "t" matched every ticket and 83,000
 * timeline entries) and ranks nothing useful: it narrows nothing until a second character
 * comes. One CJK character is a word of its own.
 */
export const MIN_WORD_LENGTH = 2;
const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const SEARCH_WORD = new RegExp(`[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}]){${MIN_WORD_LENGTH}}`, 'u');

/** True when a search has a word the index looks for (main's search terms agree). */
export const hasSearchWord = (search: string): boolean => SEARCH_WORD.test(search.normalize('NFKC'));

const day = z.iso.date('validation.dateInvalid');
const ref = z.string().min(1).max(64);

/** Checks a from / to pair; messages are i18n keys of the queue feature. */
const rangeRule = (from: string | undefined, to: string | undefined, path: string, ctx: z.RefinementCtx): void => {
  if (from && to && from > to) ctx.addIssue({ code: 'custom', path: [path], message: 'validation.rangeImpossible' });
};

const reportMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'validation.month');
const drillTier = z.enum(TIERS).optional();

/**
 * The tickets behind a report figure (shared/domain/drill.ts): a queue opened from a figure
 * lists what the figure counts. The report's scope travels as the queue's own filters.
 */
export const reportDrill = z.discriminatedUnion('figure', [
  z.object({ figure: z.enum(TL9000_FIGURES), month: reportMonth, tier: drillTier }).strict(),
  z.object({ figure: z.enum(['slaMeasured', 'slaMet', 'slaMissed']), month: reportMonth, clock: z.enum(SLA_CLOCKS).optional(), tier: drillTier }).strict(),
  z.object({ figure: z.literal('escalated'), month: reportMonth, tier: drillTier }).strict(),
  z.object({ figure: z.literal('age'), age: z.enum(AGEING_BUCKETS.map((b) => b.label) as [AgeBucket, ...AgeBucket[]]), tier: drillTier }).strict(),
]);
export type ReportDrillInput = z.input<typeof reportDrill>;
export const drillFigures = [...TL9000_FIGURES, 'slaMeasured', 'slaMet', 'slaMissed', 'escalated', 'age'] as const;

/** Filters of a queue; every list is "any of", lists and fields combine with "and". */
export const queueFilter = z
  .object({
    view: z.enum(builtInViews).default('all'),
    search: z.string().max(MAX_SEARCH_LENGTH, 'validation.searchTooLong').optional(),
    status: z.array(z.enum(TICKET_STATUSES)).max(TICKET_STATUSES.length).optional(),
    severity: z.array(z.enum(SEVERITIES)).max(SEVERITIES.length).optional(),
    priority: z.array(z.enum(PRIORITIES)).max(PRIORITIES.length).optional(),
    type: z.array(z.enum(TICKET_TYPES)).max(TICKET_TYPES.length).optional(),
    tier: z.array(z.enum(TIERS)).max(TIERS.length).optional(),
    pendingReason: z.array(z.enum(PENDING_REASONS)).max(PENDING_REASONS.length).optional(),
    sla: z.array(z.enum(slaStates)).max(slaStates.length).optional(),
    teamId: z.array(ref).max(50).optional(),
    assigneeId: z.array(ref).max(50).optional(),
    customerId: z.array(ref).max(50).optional(),
    productLine: z.array(z.string().min(1).max(60)).max(50).optional(),
    region: z.array(z.string().min(1).max(40)).max(50).optional(),
    createdFrom: day.optional(),
    createdTo: day.optional(),
    dueFrom: day.optional(),
    dueTo: day.optional(),
    drill: reportDrill.optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    rangeRule(f.createdFrom, f.createdTo, 'createdTo', ctx);
    rangeRule(f.dueFrom, f.dueTo, 'dueTo', ctx);
  });
export type QueueFilter = z.output<typeof queueFilter>;
export type QueueFilterInput = z.input<typeof queueFilter>;

/** Sortable columns; `relevance` orders search hits best first. */
export const queueSortFields = ['slaDueAt', 'createdAt', 'updatedAt', 'severity', 'priority', 'status', 'relevance'] as const;
export type QueueSortField = (typeof queueSortFields)[number];
export const queueSort = z.object({ field: z.enum(queueSortFields), direction: z.enum(['asc', 'desc']) }).strict();
export type QueueSort = z.output<typeof queueSort>;

export const queuePageParams = z
  .object({
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
    sort: queueSort.optional(),
    filter: queueFilter.default({ view: 'all' }),
  })
  .strict();
export type QueuePageParams = z.output<typeof queuePageParams>;

/** One running SLA clock of a row: the renderer counts it down between pushes. */
export interface QueueClock {
  clock: SlaClockKind;
  /** ISO; while paused, the earliest it can be. */
  dueAt: string;
  /** ISO: from then on the clock is in warning (75 % of the target by default). */
  warnAt: string;
  paused: boolean;
}

export interface QueueRow extends TicketSummary {
  customerTier: Tier;
  region: string;
  productLine: string;
  teamId: string;
  assigneeId: string;
  pendingReason: PendingReason | null;
  clocks: QueueClock[];
}

export interface QueuePage extends Page<QueueRow> {
  /** The search's terms as the index understood them, for highlighting; [] without a search. */
  terms: string[];
  /** The search matched more than could be ranked: the rows are the best of the newest matches. */
  searchCapped: boolean;
}

/** Widths, order and visibility of the grid's columns, and its density. */
export const gridPrefs = z
  .object({
    columns: z.array(z.object({ field: z.string().min(1).max(40), width: z.number().int().min(40).max(2000).optional(), hidden: z.boolean().optional() }).strict()).max(40),
    density: z.enum(['compact', 'standard', 'comfortable']),
  })
  .strict();
export type GridPrefs = z.output<typeof gridPrefs>;

/** A view a user saved: filters, sort and columns under a name. */
export const savedViewInput = z
  .object({
    name: z.string().trim().min(1, 'validation.viewNameRequired').max(60, 'validation.viewNameTooLong'),
    filter: queueFilter,
    sort: queueSort.optional(),
    grid: gridPrefs.optional(),
  })
  .strict();
export interface SavedView extends z.output<typeof savedViewInput> {
  id: string;
}

/** A view reference in the route: a built-in name or `saved-<id>`. */
export const viewKey = z.string().min(1).max(80);

export interface QueueSettings {
  views: SavedView[];
  /** What `#/queue` opens. */
  defaultView: string;
  /** Per view key. */
  grid: Record<string, GridPrefs>;
}

/** A choice in a filter: the stored id and what the user reads (Chinese name where there is one). */
export interface FilterOption {
  id: string;
  label: string;
  labelZh?: string;
}

/** The choices of the filters that name records, from the local store. */
export interface QueueFilterOptions {
  teams: FilterOption[];
  people: FilterOption[];
  customers: FilterOption[];
  productLines: string[];
  regions: string[];
}

/** The signed-in user's team: open tickets per assignee ('' for unassigned), the manager's dashboard tile. */
export interface TeamLoad {
  teamId: string | null;
  rows: { assigneeId: string; open: number; critical: number; dueToday: number }[];
}

/** Queues: paged, filtered, searched; the user's own views and grid settings (kept on this device, per user). */
export const queueApi = slice({
  commands: {
    'queue.saveView': command<SavedView>()(savedViewInput.extend({ id: z.string().min(1).max(64).optional() }).strict()),
    'queue.deleteView': command<{ id: string }>()(z.object({ id: z.string().min(1).max(64) }).strict()),
    'queue.setDefaultView': command<{ view: string }>()(z.object({ view: viewKey }).strict()),
    'queue.saveGrid': command<{ view: string }>()(z.object({ view: viewKey, grid: gridPrefs }).strict()),
    'queue.rebuildSearch': command<{ rows: number }>()(z.object({}).strict()),
  },
  liveQueries: {
    'queue.page': liveQuery<QueuePage>()(queuePageParams),
    'queue.settings': liveQuery<QueueSettings>()(z.object({}).strict()),
    'queue.filterOptions': liveQuery<QueueFilterOptions>()(z.object({}).strict()),
    'queue.teamLoad': liveQuery<TeamLoad>()(z.object({}).strict()),
  },
});
