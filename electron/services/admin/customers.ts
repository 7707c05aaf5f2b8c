/**
 * Customer accounts for the admin screens: a CSV import writes to the local store (the sync
 * pushes them; the server validates every document and lets only admins and managers write
 * customers), paged reading, and the export's rows.
 */
import type { Observable } from 'rxjs';
import type { CustomerPageParams, CustomerRow } from '../../../shared/api/admin';
import type { Page } from '../../../shared/api/paging';
import { customerCsvRow, type CustomerCsvRow, type CustomerDraft } from '../../../shared/domain/customerCsv';
import { customerFormValues, customerFromForm, type CustomerFormInput, type CustomerFormValues } from '../../../shared/domain/customerForm';
import { validateDocument, type Customer } from '../../../shared/schema';
import { DomainError } from '../../core/errors';
import { page$ } from '../../core/live';
import { newId } from '../../core/settings';
import type { CimsDatabase } from '../../db/open';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const createAdminCustomers = (db: CimsDatabase, isAdmin: () => boolean) => ({
  /** Creates or updates customers by code; all rows of a chunk are checked before any is written. */
  async importDrafts(drafts: readonly CustomerDraft[], now = new Date().toISOString()): Promise<{ created: number; updated: number }> {
    if (!isAdmin()) throw new DomainError('FORBIDDEN', 'Only administrators import customers');
    const existing = await db.customers.find({ selector: { code: { $in: drafts.map((d) => d.code) } } }).exec();
    const byCode = new Map(existing.map((d) => [d.code, d.toJSON() as Customer]));
    const docs: Customer[] = [];
    for (const d of drafts) {
      const old = byCode.get(d.code);
      const contacts = d.contact ? [{ name: d.contact.name, ...(d.contact.phone ? { phone: d.contact.phone } : {}), ...(d.contact.email ? { email: d.contact.email } : {}) }] : [];
      const sites = d.site ? [{ id: old?.sites[0]?.id ?? newId(), name: d.site.name, region: d.region, timeZone: d.timeZone, address: d.site.address }] : [];
      const doc: Customer = {
        id: old?.id ?? newId(),
        createdAt: old?.createdAt ?? now,
        updatedAt: now,
        code: d.code,
        name: d.name,
        ...(d.nameZh ? { nameZh: d.nameZh } : {}),
        tier: d.tier,
        region: d.region,
        timeZone: d.timeZone,
        // The file holds the main contact and first site; the others an account has are kept.
        contacts: [...contacts, ...(old?.contacts.slice(contacts.length ? 1 : 0) ?? [])].slice(0, 50),
        sites: [...sites, ...(old?.sites.slice(sites.length ? 1 : 0) ?? [])].slice(0, 500),
        active: old?.active ?? true,
      };
      const checked = validateDocument('customers', doc);
      if (!checked.ok) throw new DomainError('VALIDATION_FAILED', `customer ${d.code}: ${checked.errors.join('; ')}`, [{ path: d.code, code: 'invalid', message: checked.errors.join('; ') }]);
      docs.push(doc);
    }
    const result = await db.customers.bulkUpsert(docs);
    if (result.error.length > 0) throw new DomainError('STORAGE_FAILED', `${result.error.length} customers could not be written`);
    return { created: docs.length - byCode.size, updated: byCode.size };
  },

  async get(id: string): Promise<CustomerFormInput | null> {
    if (!isAdmin()) throw new DomainError('FORBIDDEN', 'Only administrators edit customers');
    const doc = await db.customers.findOne(id).exec();
    return doc ? customerFormValues(doc.toJSON() as Customer, doc.timeZone) : null;
  },

  /** Creates or changes one account from the admin form; a code another account has is refused on the field. */
  async save(id: string | null, values: CustomerFormValues, now = new Date().toISOString()): Promise<{ id: string }> {
    if (!isAdmin()) throw new DomainError('FORBIDDEN', 'Only administrators edit customers');
    const old = id ? await db.customers.findOne(id).exec() : null;
    if (id && !old) throw new DomainError('NOT_FOUND', `customer ${id} not found`);
    const sameCode = await db.customers.findOne({ selector: { code: values.code } }).exec();
    if (sameCode && sameCode.id !== id) throw new DomainError('VALIDATION_FAILED', `code ${values.code} is taken`, [{ path: 'code', code: 'duplicate', message: 'validation.customerCodeTaken' }]);
    // A site assets still stand at stays: removing it would leave them nowhere.
    const kept = new Set(values.sites.map((s) => s.id).filter(Boolean));
    const removed = (old?.sites ?? []).filter((s) => !kept.has(s.id)).map((s) => s.id);
    if (removed.length > 0) {
      const inUse = await db.assets.count({ selector: { siteId: { $in: removed } } }).exec();
      if (inUse > 0) throw new DomainError('VALIDATION_FAILED', `${inUse} assets stand at a removed site`, [{ path: 'sites', code: 'in_use', message: 'validation.siteInUse' }]);
    }
    const doc = customerFromForm(values, old ? (old.toJSON() as Customer) : null, { newId, now });
    const checked = validateDocument('customers', doc);
    if (!checked.ok) throw new DomainError('VALIDATION_FAILED', `customer ${values.code}: ${checked.errors.join('; ')}`);
    await db.customers.upsert(doc);
    return { id: doc.id };
  },

  async exportRows(): Promise<CustomerCsvRow[]> {
    const docs = await db.customers.find({ sort: [{ code: 'asc' }] }).exec();
    return docs.map((d) => customerCsvRow(d.toJSON() as Customer));
  },

  page$(params: CustomerPageParams): Observable<Page<CustomerRow>> {
    const search = params.filter?.search;
    const selector = search ? { $or: [{ code: { $regex: escapeRegex(search), $options: 'i' } }, { name: { $regex: escapeRegex(search), $options: 'i' } }] } : {};
    return page$(
      db.customers,
      { selector, sort: [{ code: params.sort?.direction ?? 'asc' }], offset: params.offset, limit: params.limit },
      (docs) =>
        (docs as Customer[]).map((c) => ({
          id: c.id,
          code: c.code,
          name: c.name,
          nameZh: c.nameZh ?? null,
          tier: c.tier,
          region: c.region,
          timeZone: c.timeZone,
          contacts: c.contacts.length,
          sites: c.sites.length,
          active: c.active,
        })),
    );
  },
});
export type AdminCustomers = ReturnType<typeof createAdminCustomers>;
