/**
 * Ticket commands and queries of the main process. Inputs arrive already decoded by the
 * router; every document written here is also checked against the shared schema, so a bug
 * here cannot put an invalid record into the store that sync would later refuse.
 */
import type { z } from 'zod';
import type { createTicketInput, TicketListParams, TicketSummary } from '../../shared/api/tickets';
import { NONE, validateDocument, type Customer, type Person, type Policy, type Ticket } from '../../shared/schema';
import { slaDueAtField, slaState } from '../../shared/domain/sla';
import { slaContextFrom } from '../../shared/domain/context';
import { defaultProblemReport, priorityFor } from '../../shared/domain/priority';
import { NEW_TICKET_STATE } from '../../shared/domain/lifecycle';
import type { SessionUser } from '../../shared/sync/protocol';
import type { CimsDatabase } from '../db/open';
import type { SettingsStore } from '../core/settings';
import { DomainError } from '../core/errors';
import { newId } from '../core/settings';

type CreateTicket = z.output<typeof createTicketInput>;

export const ticketNumber = (ticket: Pick<Ticket, 'number' | 'provisionalNumber'>): string =>
  ticket.number === null ? ticket.provisionalNumber : `T-${String(ticket.number).padStart(6, '0')}`;

export const toSummary = (ticket: Ticket, customerName: string): TicketSummary => ({
  id: ticket.id,
  number: ticketNumber(ticket),
  title: ticket.title,
  customerName,
  severity: ticket.severity,
  priority: ticket.priority,
  status: ticket.status,
  createdAt: ticket.createdAt,
});

const checked = <T>(collection: Parameters<typeof validateDocument>[0], doc: T): T => {
  const result = validateDocument(collection, doc);
  if (!result.ok) throw new DomainError('VALIDATION_FAILED', `${collection}: ${result.errors.join('; ')}`);
  return doc;
};

export const createTicketService = (
  db: CimsDatabase,
  settings: SettingsStore,
  currentUser: () => SessionUser | null = () => null,
  clock: () => Date = () => new Date(),
) => {
  /**
   * Where new work belongs. Signed in: the user's team and region from the synced people and
   * teams (a manager without a team files into the first-line team of their region). Before
   * any sign-in: the device's local identity.
   */
  const owner = async (): Promise<{ personId: string; teamId: string; region: string }> => {
    const { localPersonId, localTeamId, region } = settings.get();
    const user = currentUser();
    if (!user) return { personId: localPersonId, teamId: localTeamId, region };
    const person = (await db.people.findOne(user.id).exec())?.toJSON() as Person | undefined;
    const userRegion = person?.region ?? region;
    const teamId =
      user.teamId ??
      ((await db.teams.findOne({ selector: { region: userRegion, level: 'L1', active: true } }).exec())?.id as string | undefined) ??
      localTeamId;
    return { personId: user.id, teamId, region: userRegion };
  };

  /** The queue's due time, from the synced SLA policies and calendars (shipped defaults before any sync). */
  const firstDue = async (ticket: Ticket, customer: Customer): Promise<string> => {
    const policies = (await db.policies.find({ selector: { kind: { $in: ['sla', 'calendar'] } } }).exec()).map(
      (doc) => doc.toJSON() as Policy,
    );
    const context = slaContextFrom({ customers: [customer], policies })(ticket);
    return slaDueAtField(slaState({ ticket, events: [], ...context, now: Date.parse(ticket.createdAt) }));
  };

  /** Finds the customer by exact name, or records a new one for a first-time caller. */
  const customerFor = async (name: string, region: string, now: string): Promise<Customer> => {
    const existing = await db.customers.findOne({ selector: { name } }).exec();
    if (existing) return existing.toJSON() as Customer;
    const { timeZone } = settings.get();
    const customer: Customer = {
      id: newId(),
      createdAt: now,
      updatedAt: now,
      code: `NEW-${newId().slice(-6).toUpperCase()}`,
      name,
      tier: 'general',
      region,
      timeZone,
      contacts: [],
      sites: [{ id: newId(), name, region, timeZone, address: '' }],
      active: true,
    };
    await db.customers.insert(checked('customers', customer));
    return customer;
  };

  return {
    async create(input: CreateTicket): Promise<TicketSummary> {
      const now = clock().toISOString();
      const who = await owner();
      const customer = await customerFor(input.customerName, who.region, now);
      const site = customer.sites[0];
      if (!site) throw new DomainError('VALIDATION_FAILED', 'The customer has no site');
      const counter = settings.get().ticketCounter + 1;
      const { deviceId } = await settings.update({ ticketCounter: counter });
      const ticket: Ticket = {
        id: newId(),
        createdAt: now,
        updatedAt: now,
        number: null,
        provisionalNumber: `~${deviceId}-${String(counter).padStart(4, '0')}`,
        type: input.type,
        channel: input.channel,
        title: input.title,
        description: input.description,
        customerId: customer.id,
        siteId: site.id,
        region: site.region,
        contact: { name: customer.contacts[0]?.name ?? customer.name },
        assetId: NONE,
        productLine: '',
        severity: input.severity,
        priority: priorityFor({ severity: input.severity, tier: customer.tier, type: input.type }),
        problemReport: defaultProblemReport(input.type),
        ...NEW_TICKET_STATE,
        teamId: who.teamId,
        assigneeId: NONE,
        createdBy: who.personId,
        subjectPersonId: null,
        tags: [],
      };
      ticket.slaDueAt = await firstDue(ticket, customer);
      await db.tickets.insert(checked('tickets', ticket));
      return toSummary(ticket, customer.name);
    },

    /** Newest first; re-emits after every change to tickets or customers. */
    watchList(params: TicketListParams, emit: (value: TicketSummary[]) => void, onError: (error: unknown) => void) {
      const query = db.tickets.find({ sort: [{ createdAt: 'desc' }, { id: 'desc' }], limit: params.limit });
      const subscription = query.$.subscribe({
        next: async (docs) => {
          try {
            const ids = [...new Set(docs.map((d) => d.customerId))];
            const customers = await db.customers.findByIds(ids).exec();
            emit(docs.map((d) => toSummary(d.toJSON() as Ticket, customers.get(d.customerId)?.name ?? '')));
          } catch (error) {
            onError(error);
          }
        },
        error: onError,
      });
      return () => subscription.unsubscribe();
    },
  };
};
export type TicketService = ReturnType<typeof createTicketService>;
