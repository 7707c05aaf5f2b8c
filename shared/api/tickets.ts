import { z } from 'zod';

import {
  CHANNELS,
  PRIORITIES,
  SEVERITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  type Channel,
  type Priority,
  type Severity,
  type TicketStatus,
  type TicketType,
} from '../schema/enums';
import { command, liveQuery, slice } from './define';
import { pageParams, type Page } from './paging';

export const severities = SEVERITIES;
export const ticketTypes = TICKET_TYPES;
export const channels = CHANNELS;
export const ticketStatuses = TICKET_STATUSES;
export const priorities = PRIORITIES;

/**
 * What the "new ticket" form sends. Messages are i18n keys: the renderer translates them,
 * so field errors show in the user's language.
 */
export const createTicketInput = z
  .object({
    title: z.string().trim().min(3, 'validation.titleTooShort').max(200, 'validation.titleTooLong'),
    description: z.string().max(10_000, 'validation.descriptionTooLong').default(''),
    severity: z.enum(severities, 'validation.severityRequired'),
    type: z.enum(ticketTypes, 'validation.typeRequired'),
    channel: z.enum(channels, 'validation.channelRequired'),
    customerName: z.string().trim().min(1, 'validation.customerRequired').max(200, 'validation.customerTooLong'),
  })
  .strict();
export type CreateTicketInput = z.input<typeof createTicketInput>;

export const ticketListParams = z
  .object({
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict();
export type TicketListParams = z.output<typeof ticketListParams>;

export const ticketSortFields = ['createdAt', 'updatedAt', 'slaDueAt', 'severity', 'priority', 'status'] as const;
export type TicketSortField = (typeof ticketSortFields)[number];

/**
 * The built-in queues. Main resolves them for the signed-in user (or the device's local
 * identity before any sign-in), so "mine" and "my team" mean the same on every screen.
 */
export const queueViews = ['mine', 'team', 'unassigned', 'open', 'pending', 'resolved', 'all'] as const;
export type QueueView = (typeof queueViews)[number];

export const ticketFilter = z
  .object({
    view: z.enum(queueViews).optional(),
    status: z.array(z.enum(ticketStatuses)).max(ticketStatuses.length).optional(),
    severity: z.array(z.enum(severities)).max(severities.length).optional(),
    priority: z.array(z.enum(priorities)).max(priorities.length).optional(),
    teamId: z.string().max(64).optional(),
    assigneeId: z.string().max(64).optional(),
  })
  .strict();
export type TicketFilter = z.output<typeof ticketFilter>;

export const ticketPageParams = pageParams(ticketSortFields, ticketFilter);
export type TicketPageParams = z.output<typeof ticketPageParams>;

/** A ticket number as the user types or links it: a server number or a provisional one. */
export const ticketByNumberParams = z.object({ number: z.string().trim().min(1).max(40) }).strict();

export interface TicketSummary {
  id: string;
  /** Server-assigned number, or a provisional one until the ticket first syncs. */
  number: string;
  /** True while the number is provisional (the ticket has not reached the server yet). */
  provisional: boolean;
  title: string;
  customerName: string;
  severity: Severity;
  priority: Priority;
  status: TicketStatus;
  type: TicketType;
  channel: Channel;
  createdAt: string;
  updatedAt: string;
  /** Next SLA due time, or null when no clock runs. */
  slaDueAt: string | null;
}

export interface TicketDetail extends TicketSummary {
  description: string;
  region: string;
  contactName: string;
  respondedAt: string | null;
  restoredAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
}

/** Tickets: creating them and the queues that list them. */
export const ticketsApi = slice({
  commands: {
    'tickets.create': command<TicketSummary>()(createTicketInput),
  },
  liveQueries: {
    'tickets.list': liveQuery<TicketSummary[]>()(ticketListParams),
    'tickets.page': liveQuery<Page<TicketSummary>>()(ticketPageParams),
    'tickets.byNumber': liveQuery<TicketDetail | null>()(ticketByNumberParams),
  },
});
