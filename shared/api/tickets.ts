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

/** A reference the form picked from the local store; '' when none. Main looks it up. */
const ref = () => z.string().trim().max(64, 'validation.invalid');

/** The caller to contact about the ticket, prefilled from the customer and editable. */
export const ticketContactInput = z
  .object({
    name: z.string().trim().min(1, 'validation.contactRequired').max(120, 'validation.contactTooLong'),
    phone: z.string().trim().max(40, 'validation.phoneTooLong').default(''),
    email: z.union([z.literal(''), z.email('validation.emailInvalid').max(200, 'validation.emailInvalid')]).default(''),
  })
  .strict();

/**
 * What the "new ticket" form sends. The customer, site and asset are picked from the local
 * store (main checks they exist and belong together); a first-time caller is recorded by
 * name instead (`newCustomerName`, with its first site). Messages are i18n keys: the
 * renderer translates them, so field errors show in the user's language.
 */
export const createTicketInput = z
  .object({
    title: z.string().trim().min(3, 'validation.titleTooShort').max(200, 'validation.titleTooLong'),
    description: z.string().max(10_000, 'validation.descriptionTooLong').default(''),
    severity: z.enum(severities, 'validation.severityRequired'),
    type: z.enum(ticketTypes, 'validation.typeRequired'),
    channel: z.enum(channels, 'validation.channelRequired'),
    customerId: ref().default(''),
    newCustomerName: z.string().trim().max(200, 'validation.customerTooLong').default(''),
    siteId: ref().default(''),
    assetId: ref().default(''),
    contact: ticketContactInput,
    // TL 9000: a problem report asks for the cause to be removed; otherwise restore only.
    problemReport: z.boolean(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (!input.customerId && !input.newCustomerName)
      ctx.addIssue({ code: 'custom', path: ['customerId'], message: 'validation.customerRequired' });
    if (input.customerId && input.newCustomerName)
      ctx.addIssue({ code: 'custom', path: ['newCustomerName'], message: 'validation.invalid' });
    if (input.customerId && !input.siteId) ctx.addIssue({ code: 'custom', path: ['siteId'], message: 'validation.siteRequired' });
    if (input.newCustomerName && input.assetId) ctx.addIssue({ code: 'custom', path: ['assetId'], message: 'validation.assetNotAtCustomer' });
  });
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
