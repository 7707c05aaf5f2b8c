/**
 * Customer records of the main process. Other features reach customers only through this
 * service, so the rules for creating one live in one place.
 */
import { validateDocument, type Customer } from '../../../shared/schema';
import type { CimsDatabase } from '../../db/open';
import { DomainError } from '../../core/errors';
import { newId, type SettingsStore } from '../../core/settings';

export const createCustomerService = (db: CimsDatabase, settings: SettingsStore) => ({
  /** Finds the customer by exact name, or records a new one for a first-time caller. */
  async findOrCreateByName(name: string, region: string, now: string): Promise<Customer> {
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
    const checked = validateDocument('customers', customer);
    if (!checked.ok) throw new DomainError('VALIDATION_FAILED', `customers: ${checked.errors.join('; ')}`);
    await db.customers.insert(customer);
    return customer;
  },

  /** Names by id, for the rows of a list. */
  async namesByIds(ids: readonly string[]): Promise<Map<string, string>> {
    const found = await db.customers.findByIds([...new Set(ids)]).exec();
    return new Map([...found].map(([id, doc]) => [id, doc.name]));
  },
});
export type CustomerService = ReturnType<typeof createCustomerService>;
