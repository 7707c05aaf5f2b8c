/**
 * Ticket commands of the main process. Inputs arrive already decoded by the
 * router; every document written here is also checked against the shared schema, so a bug
 * here cannot put an invalid record into the store that sync would later refuse.
 */
import type { z } from 'zod';
import type { createTicketInput, TicketSummary } from '../../../shared/api/tickets';
import { NONE, ticketCustomerFields, validateDocument, type Customer, type Person, type Policy, type Ticket } from '../../../shared/schema';
import { slaDueAtField, slaState } from '../../../shared/domain/sla';
import { slaContextFrom } from '../../../shared/domain/context';
import { defaultProblemReport, priorityFor } from '../../../shared/domain/priority';
import { NEW_TICKET_STATE } from '../../../shared/domain/lifecycle';
import { provisionalTicketNumber } from '../../../shared/domain/ticketNumber';
import type { SessionUser } from '../../../shared/sync/protocol';
import type { CimsDatabase } from '../../db/open';
import type { SettingsStore } from '../../core/settings';
import { DomainError } from '../../core/errors';
import { newId } from '../../core/settings';
import type { CustomerService } from '../customers/customers';
import { toSummary } from './summary';

type CreateTicket = z.output<typeof createTicketInput>;

const checked = <T>(collection: Parameters<typeof validateDocument>[0], doc: T): T => {
  const result = validateDocument(collection, doc);
  if (!result.ok) throw new DomainError('VALIDATION_FAILED', `${collection}: ${result.errors.join('; ')}`);
  return doc;
};

export const createTicketService = (
  db: CimsDatabase,
  settings: SettingsStore,
  customers: CustomerService,
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

  return {
    async create(input: CreateTicket): Promise<TicketSummary> {
      const now = clock().toISOString();
      const who = await owner();
      const customer = await customers.findOrCreateByName(input.customerName, who.region, now);
      const site = customer.sites[0];
      if (!site) throw new DomainError('VALIDATION_FAILED', 'The customer has no site');
      const counter = settings.get().ticketCounter + 1;
      const { deviceId } = await settings.update({ ticketCounter: counter });
      const ticket: Ticket = {
        id: newId(),
        createdAt: now,
        updatedAt: now,
        number: null,
        provisionalNumber: provisionalTicketNumber(deviceId, counter),
        type: input.type,
        channel: input.channel,
        title: input.title,
        description: input.description,
        customerId: customer.id,
        ...ticketCustomerFields(customer),
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
  };
};
export type TicketService = ReturnType<typeof createTicketService>;
