import { z } from 'zod';
import { CHANNELS, SEVERITIES, TICKET_TYPES, type Priority, type Tier } from '../schema/enums';
import { liveQuery, slice } from './define';
import type { TicketSummary } from './tickets';

/**
 * Recording a new ticket (DOMAIN "Record"): the lookups the form needs from the local store
 * and what the ticket would be before it is saved. All of it answers offline.
 */

export const customerSearchParams = z
  .object({
    text: z.string().max(200).default(''),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .strict();

export interface CustomerOption {
  id: string;
  code: string;
  name: string;
  nameZh: string;
  tier: Tier;
  region: string;
  sites: { id: string; name: string; region: string; timeZone: string }[];
  contacts: { name: string; phone: string; email: string }[];
}

/** A code as typed or scanned (a scanner types the code and Enter). */
export const assetLookupParams = z.object({ code: z.string().trim().max(80).default('') }).strict();

export interface AssetOption {
  id: string;
  assetCode: string;
  serial: string;
  model: string;
  productLine: string;
  customerId: string;
  siteId: string;
}

export const ticketPreviewParams = z
  .object({
    customerId: z.string().max(64).default(''),
    siteId: z.string().max(64).default(''),
    assetId: z.string().max(64).default(''),
    severity: z.enum(SEVERITIES).default('major'),
    type: z.enum(TICKET_TYPES).default('fault'),
    channel: z.enum(CHANNELS).default('phone'),
    title: z.string().max(400).default(''),
  })
  .strict();
export type TicketPreviewParams = z.output<typeof ticketPreviewParams>;

export interface SlaDue {
  /** When the clock falls due if nothing happens, or null when it has no target. */
  dueAt: string | null;
  targetMinutes: number | null;
  mode: '24x7' | 'business';
}

export interface TicketPreview {
  tier: Tier;
  priority: Priority;
  /** Calendar of the site's region and its zone, in which business hours count. */
  timeZone: string;
  due: { firstResponse: SlaDue; restore: SlaDue; fix: SlaDue };
  /** Open tickets of the same customer (and asset) with a similar title, most similar first. */
  duplicates: TicketSummary[];
}

export const intakeApi = slice({
  commands: {},
  liveQueries: {
    'intake.customers': liveQuery<CustomerOption[]>()(customerSearchParams),
    'intake.asset': liveQuery<AssetOption | null>()(assetLookupParams),
    'intake.preview': liveQuery<TicketPreview>()(ticketPreviewParams),
  },
});
