import { z } from 'zod';

import { CHANNELS, SEVERITIES, TICKET_TYPES } from '../schema/enums';

export const severities = SEVERITIES;
export const ticketTypes = TICKET_TYPES;
export const channels = CHANNELS;

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

export interface TicketSummary {
  id: string;
  /** Server-assigned number, or a provisional one (`~` prefix) until the ticket first syncs. */
  number: string;
  title: string;
  customerName: string;
  severity: (typeof severities)[number];
  priority: string;
  status: string;
  createdAt: string;
}
