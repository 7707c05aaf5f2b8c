/**
 * A ticket as the new-ticket form describes it, before it is saved: the one function that
 * builds the document, so the priority and SLA due times shown before saving are those the
 * saved ticket gets.
 */
import type { z } from 'zod';
import type { createTicketInput } from '../../../shared/api/tickets';
import type { SlaDue } from '../../../shared/api/intake';
import { NONE, ticketCustomerFields, type Asset, type Customer, type Policy, type Site, type Ticket } from '../../../shared/schema';
import { slaContextFrom } from '../../../shared/domain/context';
import { slaDueAtField, slaState, type SlaClock } from '../../../shared/domain/sla';
import { priorityFor } from '../../../shared/domain/priority';
import { NEW_TICKET_STATE } from '../../../shared/domain/lifecycle';
import type { CimsDatabase } from '../../db/open';

export type TicketDraftInput = Pick<
  z.output<typeof createTicketInput>,
  'title' | 'description' | 'severity' | 'type' | 'channel' | 'problemReport' | 'contact'
>;

export interface TicketDraftFacts {
  id: string;
  provisionalNumber: string;
  now: string;
  customer: Customer;
  site: Site;
  asset: Asset | null;
  owner: { personId: string; teamId: string };
  policies: readonly Policy[];
}

/** The synced SLA, calendar and priority policies (the shipped defaults apply before any sync). */
export const ticketPolicies = async (db: CimsDatabase): Promise<Policy[]> =>
  (await db.policies.find({ selector: { kind: { $in: ['sla', 'calendar', 'priority'] } } }).exec()).map((doc) => doc.toJSON() as Policy);

const priorityPolicy = (policies: readonly Policy[]) =>
  policies.find((p): p is Extract<Policy, { kind: 'priority' }> => p.kind === 'priority' && p.active)?.priority;

/** Empty optional contact fields are left out: the stored contact has no empty phone or email. */
const contactOf = (contact: TicketDraftInput['contact']): Ticket['contact'] => ({
  name: contact.name,
  ...(contact.phone ? { phone: contact.phone } : {}),
  ...(contact.email ? { email: contact.email } : {}),
});

export const ticketFromDraft = (input: TicketDraftInput, facts: TicketDraftFacts): Ticket => {
  const { customer, site, asset } = facts;
  const ticket: Ticket = {
    id: facts.id,
    createdAt: facts.now,
    updatedAt: facts.now,
    number: null,
    provisionalNumber: facts.provisionalNumber,
    type: input.type,
    channel: input.channel,
    title: input.title,
    description: input.description,
    customerId: customer.id,
    ...ticketCustomerFields(customer),
    siteId: site.id,
    region: site.region,
    contact: contactOf(input.contact),
    assetId: asset?.id ?? NONE,
    productLine: asset?.productLine ?? '',
    severity: input.severity,
    priority: priorityFor({ severity: input.severity, tier: customer.tier, type: input.type }, priorityPolicy(facts.policies)),
    problemReport: input.problemReport,
    ...NEW_TICKET_STATE,
    teamId: facts.owner.teamId,
    assigneeId: NONE,
    createdBy: facts.owner.personId,
    subjectPersonId: null,
    tags: [],
  };
  ticket.slaDueAt = slaDueAtField(ticketSla(ticket, customer, facts.policies));
  return ticket;
};

export const ticketSla = (ticket: Ticket, customer: Customer, policies: readonly Policy[]) => {
  const context = slaContextFrom({ customers: [customer], policies })(ticket);
  return slaState({ ticket, events: [], ...context, now: Date.parse(ticket.createdAt) });
};

const dueOf = (clock: SlaClock): SlaDue => ({
  dueAt: clock.dueAt === null ? null : new Date(clock.dueAt).toISOString(),
  targetMinutes: clock.targetMinutes,
  mode: clock.mode,
});

/** The three clocks of a fresh ticket, as the form shows them. */
export const dueTimes = (ticket: Ticket, customer: Customer, policies: readonly Policy[]) => {
  const state = ticketSla(ticket, customer, policies);
  return { firstResponse: dueOf(state.firstResponse), restore: dueOf(state.restore), fix: dueOf(state.fix) };
};

