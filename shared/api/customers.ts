import { z } from 'zod';
import type { CadenceStatus } from '../domain/cadence';
import type { CauseCategory, ProblemStatus, Tier } from '../schema/enums';
import { CONTACT_CHANNELS, MAX_CADENCE_DAYS, type ContactChannel } from '../schema/records/customers';
import { id, isoTime, text } from '../schema/primitives';
import type { TicketSummary } from './tickets';
import { command, liveQuery, slice } from './define';

// The customer account view for staff (#/customers, #/customers/:id): who the customer is,
// its sites and installed base, tickets, service figures, problems, and the relationship
// (contact log, account manager, cadence). Editing the customer itself is the admin screen's.

export interface CustomerDirectoryRow {
  id: string;
  code: string;
  name: string;
  nameZh: string | null;
  tier: Tier;
  region: string;
  accountManagerId: string | null;
  accountManagerName: string | null;
  cadence: CadenceStatus;
}

export interface CustomerDirectory {
  rows: CustomerDirectoryRow[];
  total: number;
  /** Overdue accounts whose account manager is the viewer, whatever the filter shows. */
  myOverdue: CustomerDirectoryRow[];
}

export const DIRECTORY_SHOWS = ['all', 'overdue', 'myOverdue'] as const;
export type DirectoryShow = (typeof DIRECTORY_SHOWS)[number];

export const directoryParams = z
  .object({
    /** Code, name or Chinese name, any part, any case. */
    search: z.string().max(100).default(''),
    show: z.enum(DIRECTORY_SHOWS).default('all'),
    offset: z.number().int().min(0).max(1_000_000).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type DirectoryParams = z.input<typeof directoryParams>;

export interface AccountSite {
  id: string;
  name: string;
  region: string;
  timeZone: string;
  address: string;
  assets: number;
}

export interface AccountContactLog {
  id: string;
  channel: ContactChannel;
  contactName: string;
  at: string;
  by: string;
  byName: string;
  summary: string;
  nextStep: string;
}

export interface AccountMonth {
  month: string;
  /** SLA clocks that stopped in the month, every clock kind together (as the SLA report counts them). */
  slaMeasured: number;
  slaMet: number;
  slaPercent: number | null;
  csatResponses: number;
  csatAverage: number | null;
}

export interface AccountProblem {
  id: string;
  title: string;
  status: ProblemStatus;
  causeCategory: CauseCategory;
  /** Of this customer's tickets and assets, how many the problem links. */
  tickets: number;
  assets: number;
}

export interface CustomerAccount {
  id: string;
  code: string;
  name: string;
  nameZh: string | null;
  tier: Tier;
  region: string;
  timeZone: string;
  active: boolean;
  contacts: { name: string; phone: string | null; email: string | null }[];
  sites: AccountSite[];
  plan: { managerId: string | null; managerName: string | null; cadenceDays: number | null; notes: string; exists: boolean };
  cadence: CadenceStatus;
  /** Whether the viewer may change the account plan (managers, admins, the account manager). */
  canEditPlan: boolean;
  /** Only a manager or admin names the account manager. */
  canAssignManager: boolean;
  /** People who may be named account manager (managers), for the plan form. */
  managers: { id: string; name: string }[];
  /** Open tickets the viewer may read, nearest SLA first. */
  openTickets: TicketSummary[];
  openTotal: number;
  /** Tickets resolved or closed most recently. */
  recentTickets: TicketSummary[];
  /** The last twelve months, oldest first. */
  months: AccountMonth[];
  problems: AccountProblem[];
  contactLog: AccountContactLog[];
  me: string;
}

/** What the contact form sends; messages are keys of the customers namespace. */
export const contactLogInput = z
  .object({
    customerId: id(),
    channel: z.enum(CONTACT_CHANNELS, { error: 'validation.channelRequired' }),
    contactName: text(120),
    at: isoTime(),
    summary: z.string().trim().min(1, { error: 'validation.summaryRequired' }).max(2000, { error: 'validation.summaryTooLong' }),
    nextStep: z.string().max(1000, { error: 'validation.nextStepTooLong' }).default(''),
  })
  .strict();
export type ContactLogInput = z.input<typeof contactLogInput>;

export const accountPlanInput = z
  .object({
    customerId: id(),
    managerId: z.union([id(), z.literal('')]),
    cadenceDays: z.number().int().min(1, { error: 'validation.cadenceRange' }).max(MAX_CADENCE_DAYS, { error: 'validation.cadenceRange' }).nullable(),
    notes: z.string().max(2000, { error: 'validation.notesTooLong' }).default(''),
  })
  .strict();
export type AccountPlanInput = z.input<typeof accountPlanInput>;

export const customersApi = slice({
  commands: {
    /** Logs a contact in the viewer's own name. */
    'customers.logContact': command<{ id: string }>()(contactLogInput),
    'customers.savePlan': command<{ id: string }>()(accountPlanInput),
  },
  liveQueries: {
    'customers.directory': liveQuery<CustomerDirectory>()(directoryParams),
    'customers.account': liveQuery<CustomerAccount | null>()(z.object({ id: z.string().min(1).max(80) }).strict()),
  },
});
