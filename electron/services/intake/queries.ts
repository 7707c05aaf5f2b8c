/**
 * Live lookups of the new-ticket form over the local store: customers by name or code, an
 * asset by its code, and the ticket as it would be saved (priority, SLA due times, possible
 * duplicates). Each answers again when sync brings a change, and all work offline.
 */
import { combineLatest, map, merge, of, type Observable } from 'rxjs';
import type { AssetOption, CustomerOption, TicketPreview, TicketPreviewParams } from '../../../shared/api/intake';
import { NONE, type Asset, type Customer, type Policy, type Site, type Ticket } from '../../../shared/schema';
import { OPEN_STATUSES } from '../../../shared/domain/lifecycle';
import { possibleDuplicates } from '../../../shared/domain/duplicates';
import { DEFAULT_CALENDAR } from '../../../shared/domain/defaults';
import type { CimsDatabase } from '../../db/open';
import { liveFrom, type Emit, type OnError } from '../../core/live';
import { dueTimes, ticketFromDraft } from '../tickets/draft';
import { toSummary } from '../tickets/summary';

const customerOption = (c: Customer): CustomerOption => ({
  id: c.id,
  code: c.code,
  name: c.name,
  nameZh: c.nameZh ?? '',
  tier: c.tier,
  region: c.region,
  sites: c.sites.map((s) => ({ id: s.id, name: s.name, region: s.region, timeZone: s.timeZone })),
  contacts: c.contacts.map((p) => ({ name: p.name, phone: p.phone ?? '', email: p.email ?? '' })),
});

const assetOption = (a: Asset): AssetOption => ({
  id: a.id,
  assetCode: a.assetCode,
  serial: a.serial,
  model: a.model,
  productLine: a.productLine,
  customerId: a.customerId,
  siteId: a.siteId,
});

/** Key accounts first, then by name; a match at the start of a name or code before one inside it. */
const rank = (text: string) => (c: Customer) => {
  const starts = [c.name, c.nameZh ?? '', c.code].some((s) => s.toLowerCase().startsWith(text));
  return (c.tier === 'key' ? 0 : 2) + (starts ? 0 : 1);
};

const changes = (...sources: { $: Observable<unknown> }[]) =>
  merge(of(null), ...sources.map((s) => s.$.pipe(map(() => null))));

export const createIntakeQueries = (db: CimsDatabase) => ({
  watchCustomers(params: { text: string; limit: number }, emit: Emit<CustomerOption[]>, onError: OnError) {
    const text = params.text.trim().toLowerCase();
    return liveFrom(
      changes(db.customers),
      async () => {
        const all = (await db.customers.find({ selector: { active: true } }).exec()).map((d) => d.toJSON() as Customer);
        const hits = text
          ? all.filter((c) => [c.name, c.nameZh ?? '', c.code].some((s) => s.toLowerCase().includes(text)))
          : all;
        const order = rank(text);
        return hits
          .sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name))
          .slice(0, params.limit)
          .map(customerOption);
      },
      emit,
      onError,
    );
  },

  /** By asset code, else serial or RFID tag (what a scanner may read); null when unknown here. */
  watchAsset(params: { code: string }, emit: Emit<AssetOption | null>, onError: OnError) {
    const code = params.code.trim();
    return liveFrom(
      changes(db.assets),
      async () => {
        if (!code) return null;
        const doc =
          (await db.assets.findOne({ selector: { assetCode: code } }).exec()) ??
          (await db.assets.findOne({ selector: { $or: [{ serial: code }, { rfidTag: code }] } }).exec());
        return doc ? assetOption(doc.toJSON() as Asset) : null;
      },
      emit,
      onError,
    );
  },

  watchPreview(params: TicketPreviewParams, emit: Emit<TicketPreview>, onError: OnError) {
    // Query observables, not change streams: each emits only when its own result changes, so
    // a sync writing thousands of other tickets does not recompute (or starve) the preview.
    const open = db.tickets.find({ selector: { customerId: params.customerId || '\u0000none', status: { $in: [...OPEN_STATUSES] } } }).$;
    const customer$ = params.customerId ? db.customers.findOne(params.customerId).$ : of(null);
    const policies$ = db.policies.find({ selector: { kind: { $in: ['sla', 'calendar', 'priority'] } } }).$;
    return liveFrom(
      combineLatest([customer$, policies$, open]),
      async ([customerDoc, policyDocs, openDocs]) => {
        const customer = (customerDoc?.toJSON() as Customer | undefined) ?? undefined;
        const policies = policyDocs.map((d) => d.toJSON() as Policy);
        // Before a customer is chosen (or for a first-time caller): a general account at a
        // site of the default calendar's region.
        const facts: Customer = customer ?? {
          id: '00000000-0000-7000-8000-000000000000',
          createdAt: new Date(0).toISOString(),
          updatedAt: new Date(0).toISOString(),
          code: '-',
          name: '-',
          tier: 'general',
          region: DEFAULT_CALENDAR.region,
          timeZone: DEFAULT_CALENDAR.timeZone,
          contacts: [],
          sites: [],
          active: true,
        };
        const site: Site = facts.sites.find((s) => s.id === params.siteId) ??
          facts.sites[0] ?? { id: facts.id, name: '-', region: facts.region, timeZone: facts.timeZone, address: '' };
        const asset = params.assetId ? ((await db.assets.findOne(params.assetId).exec())?.toJSON() as Asset | undefined) ?? null : null;
        const ticket = ticketFromDraft(
          { ...params, description: '', problemReport: false, contact: { name: '-', phone: '', email: '' } },
          { id: facts.id, provisionalNumber: '-', now: new Date().toISOString(), customer: facts, site, asset, owner: { personId: facts.id, teamId: facts.id }, policies },
        );
        const calendar = policies.find((p) => p.kind === 'calendar' && p.active && p.calendar.region === site.region);
        const open = customer ? openDocs.map((d) => d.toJSON() as Ticket) : [];
        const duplicates = possibleDuplicates(
          { title: params.title, customerId: customer?.id ?? '', assetId: params.assetId || NONE },
          open.map((t) => ({ ...t, open: true })),
        );
        return {
          tier: facts.tier,
          priority: ticket.priority,
          timeZone: calendar?.kind === 'calendar' ? calendar.calendar.timeZone : site.timeZone,
          due: dueTimes(ticket, facts, policies),
          duplicates: duplicates.map((t) => toSummary(t, t.customerName)),
        };
      },
      emit,
      onError,
    );
  },
});
