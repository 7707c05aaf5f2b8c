/**
 * Ticket commands of the main process. Inputs arrive already decoded by the
 * router; every document written here is also checked against the shared schema, so a bug
 * here cannot put an invalid record into the store that sync would later refuse.
 */
import type { z } from 'zod';
import type { createTicketInput, TicketSummary } from '../../../shared/api/tickets';
import { validateDocument, type Asset, type Customer, type Person, type Site } from '../../../shared/schema';
import { provisionalTicketNumber } from '../../../shared/domain/ticketNumber';
import type { SessionUser } from '../../../shared/sync/protocol';
import type { CimsDatabase } from '../../db/open';
import type { SettingsStore } from '../../core/settings';
import { DomainError } from '../../core/errors';
import { newId } from '../../core/settings';
import type { CustomerService } from '../customers/customers';
import { ticketFromDraft, ticketPolicies } from './draft';
import { toSummary } from './summary';

type CreateTicket = z.output<typeof createTicketInput>;

const checked = <T>(collection: Parameters<typeof validateDocument>[0], doc: T): T => {
  const result = validateDocument(collection, doc);
  if (!result.ok) throw new DomainError('VALIDATION_FAILED', `${collection}: ${result.errors.join('; ')}`);
  return doc;
};

/** A reference the form sent that this store does not hold (deleted, or never synced here). */
const unknown = (field: 'customerId' | 'siteId' | 'assetId', key: string) =>
  new DomainError('NOT_FOUND', `${field}: no such record on this computer`, [{ path: field, code: 'not_found', message: `validation.${key}` }]);

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

  /**
   * The customer, site and asset the form picked, checked against the store: each must exist
   * and belong together, else a coded error naming the field, and nothing is written.
   */
  const resolveParties = async (input: CreateTicket, region: string, now: string): Promise<{ customer: Customer; site: Site; asset: Asset | null }> => {
    if (!input.customerId) {
      // A first-time caller: recorded with one site, no asset known yet.
      const customer = await customers.findOrCreateByName(input.newCustomerName, region, now);
      const site = customer.sites[0];
      if (!site) throw unknown('siteId', 'siteUnknown');
      return { customer, site, asset: null };
    }
    const customer = (await db.customers.findOne(input.customerId).exec())?.toJSON() as Customer | undefined;
    if (!customer) throw unknown('customerId', 'customerUnknown');
    const site = customer.sites.find((s) => s.id === input.siteId);
    if (!site) throw unknown('siteId', 'siteUnknown');
    if (!input.assetId) return { customer, site, asset: null };
    const asset = (await db.assets.findOne(input.assetId).exec())?.toJSON() as Asset | undefined;
    if (!asset) throw unknown('assetId', 'assetUnknown');
    if (asset.customerId !== customer.id || asset.siteId !== site.id)
      throw new DomainError('VALIDATION_FAILED', 'assetId: the asset is not at this customer site', [
        { path: 'assetId', code: 'custom', message: 'validation.assetNotAtCustomer' },
      ]);
    return { customer, site, asset };
  };

  return {
    async create(input: CreateTicket): Promise<TicketSummary> {
      const now = clock().toISOString();
      const who = await owner();
      const { customer, site, asset } = await resolveParties(input, who.region, now);
      const policies = await ticketPolicies(db);
      const counter = settings.get().ticketCounter + 1;
      const { deviceId } = await settings.update({ ticketCounter: counter });
      const ticket = ticketFromDraft(input, {
        id: newId(),
        provisionalNumber: provisionalTicketNumber(deviceId, counter),
        now,
        customer,
        site,
        asset,
        owner: who,
        policies,
      });
      await db.tickets.insert(checked('tickets', ticket));
      return toSummary(ticket, customer.name);
    },
  };
};
export type TicketService = ReturnType<typeof createTicketService>;
