/**
 * The customer account view and the relationship records (contact logs, account plans) in
 * the main process. Reads are live over the local store, which holds only what the server let
 * the user pull; tickets still pass the shared read rule (canReadTicket, in figures.ts), so the page never
 * shows a ticket the user may not see. Writes are checked with the server's rules first.
 */
import { auditTime, combineLatest, map, merge, startWith, timer, type Observable } from 'rxjs';
import type { AccountPlanInput, ContactLogInput, CustomerAccount, CustomerDirectory, CustomerDirectoryRow, DirectoryParams } from '../../../shared/api/customers';
import { byUrgency, cadenceStatus } from '../../../shared/domain/cadence';
import { contactKey, recordSchema, type AccountPlanRecord, type ContactLogRecord, type Customer, type Person } from '../../../shared/schema';
import type { SessionUser } from '../../../shared/sync/protocol';
import { DomainError } from '../../core/errors';
import { liveFrom, type Emit, type OnError } from '../../core/live';
import { newId, type SettingsStore } from '../../core/settings';
import type { CimsDatabase } from '../../db/open';
import { recordChanges$ } from '../../db/record-changes';
import { workerOf, type Worker } from '../ticketWork/viewer';
import { accountFigures } from './figures';

/** Time alone moves an account into "overdue": lists are recomputed this often without a change. */
const REFRESH_MS = 5 * 60_000;
const SETTLE_MS = 150;
const MY_OVERDUE_LIMIT = 50;
const LOG_LIMIT = 200;

const isManager = (w: Worker) => w.roles.has('manager') || w.roles.has('admin');

export interface AccountsOptions {
  db: CimsDatabase;
  settings: SettingsStore;
  currentUser: () => SessionUser | null;
  identity$: Observable<unknown>;
  clock?: () => number;
  /** Who acts; by default the signed-in user (tests pass one). */
  viewer?: () => Promise<Worker>;
}

export const createCustomerAccounts = (options: AccountsOptions) => {
  const { db, settings, currentUser, identity$ } = options;
  const clock = options.clock ?? (() => Date.now());
  const viewer = options.viewer ?? (() => workerOf(db, settings, currentUser()));
  const ping = <T>(source: Observable<T>) => source.pipe(map(() => null), startWith(null));

  const plans = async (): Promise<Map<string, AccountPlanRecord>> => {
    const docs = await db.records.find({ selector: { kind: 'account' } }).exec();
    return new Map(docs.map((d) => d.toJSON() as AccountPlanRecord).map((p) => [p.ref, p]));
  };
  const contactTimes = async (): Promise<Map<string, string[]>> => {
    const docs = await db.records.find({ selector: { kind: 'contactLog' } }).exec();
    const out = new Map<string, string[]>();
    for (const d of docs) {
      const r = d.toJSON() as ContactLogRecord;
      const list = out.get(r.ref) ?? [];
      list.push(r.body.at);
      out.set(r.ref, list);
    }
    return out;
  };
  const peopleNames = async (): Promise<Map<string, string>> => new Map((await db.people.find().exec()).map((d) => [d.id, d.displayName]));

  const directory = async (params: Required<DirectoryParams>): Promise<CustomerDirectory> => {
    const now = clock();
    const [w, customerDocs, planMap, times, names] = await Promise.all([viewer(), db.customers.find({ selector: { active: true } }).exec(), plans(), contactTimes(), peopleNames()]);
    const all: CustomerDirectoryRow[] = customerDocs.map((d) => {
      const c = d.toJSON() as Customer;
      const plan = planMap.get(c.id);
      const managerId = plan?.body.managerId || null;
      return {
        id: c.id,
        code: c.code,
        name: c.name,
        nameZh: c.nameZh ?? null,
        tier: c.tier,
        region: c.region,
        accountManagerId: managerId,
        accountManagerName: managerId ? (names.get(managerId) ?? null) : null,
        cadence: cadenceStatus({ tier: c.tier, timeZone: c.timeZone, cadenceDays: plan?.body.cadenceDays ?? null, contactTimes: times.get(c.id) ?? [] }, now),
      };
    });
    const myOverdue = all.filter((r) => r.cadence.overdue && r.accountManagerId === w.me).sort(byUrgency);
    const needle = params.search.trim().toLowerCase();
    const matches = (r: CustomerDirectoryRow) => !needle || [r.code, r.name, r.nameZh ?? ''].some((s) => s.toLowerCase().includes(needle));
    const shown = all.filter((r) => matches(r) && (params.show === 'all' || (r.cadence.overdue && (params.show === 'overdue' || r.accountManagerId === w.me))));
    // The overdue lists put the most urgent first; the whole directory is by tier, then code.
    shown.sort(params.show === 'all' ? (a, b) => (a.tier === b.tier ? a.code.localeCompare(b.code) : a.tier === 'key' ? -1 : 1) : byUrgency);
    return { rows: shown.slice(params.offset, params.offset + params.limit), total: shown.length, myOverdue: myOverdue.slice(0, MY_OVERDUE_LIMIT) };
  };

  const findCustomer = async (idOrCode: string): Promise<Customer | null> => {
    const doc = (await db.customers.findOne(idOrCode).exec()) ?? (await db.customers.findOne({ selector: { code: idOrCode } }).exec());
    return doc ? (doc.toJSON() as Customer) : null;
  };

  const account = async (idOrCode: string): Promise<CustomerAccount | null> => {
    const now = clock();
    const customer = await findCustomer(idOrCode);
    if (!customer) return null;
    const [w, planDoc, logDocs, people] = await Promise.all([
      viewer(),
      db.records.findOne(customer.id).exec(),
      db.records.find({ selector: { kind: 'contactLog', ref: customer.id } }).exec(),
      db.people.find().exec(),
    ]);
    const names = new Map(people.map((d) => [d.id, d.displayName]));
    const plan = planDoc?.kind === 'account' ? (planDoc.toJSON() as AccountPlanRecord) : null;
    const logs = logDocs.map((d) => d.toJSON() as ContactLogRecord).sort((a, b) => (a.body.at < b.body.at ? 1 : a.body.at > b.body.at ? -1 : 0));
    const managerId = plan?.body.managerId || null;
    const figures = await accountFigures(db, customer, w, now);
    return {
      id: customer.id,
      code: customer.code,
      name: customer.name,
      nameZh: customer.nameZh ?? null,
      tier: customer.tier,
      region: customer.region,
      timeZone: customer.timeZone,
      active: customer.active,
      contacts: customer.contacts.map((c) => ({ name: c.name, phone: c.phone ?? null, email: c.email ?? null })),
      sites: customer.sites.map((s) => ({ id: s.id, name: s.name, region: s.region, timeZone: s.timeZone, address: s.address, assets: figures.assetsBySite.get(s.id) ?? 0 })),
      plan: { managerId, managerName: managerId ? (names.get(managerId) ?? null) : null, cadenceDays: plan?.body.cadenceDays ?? null, notes: plan?.body.notes ?? '', exists: plan !== null },
      cadence: cadenceStatus({ tier: customer.tier, timeZone: customer.timeZone, cadenceDays: plan?.body.cadenceDays ?? null, contactTimes: logs.map((l) => l.body.at) }, now),
      canEditPlan: isManager(w) || (managerId !== null && managerId === w.me),
      canAssignManager: isManager(w),
      managers: people
        .map((d) => d.toJSON() as Person)
        .filter((p) => p.active && p.roles.includes('manager'))
        .map((p) => ({ id: p.id, name: p.displayName }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      openTickets: figures.openTickets,
      openTotal: figures.openTotal,
      recentTickets: figures.recentTickets,
      months: figures.months,
      problems: figures.problems,
      contactLog: logs.slice(0, LOG_LIMIT).map((l) => ({ id: l.id, channel: l.body.channel, contactName: l.body.contactName, at: l.body.at, by: l.body.by, byName: names.get(l.body.by) ?? '', summary: l.body.summary, nextStep: l.body.nextStep })),
      me: w.me,
    };
  };

  const write = async (record: unknown) => {
    const checked = recordSchema.safeParse(record);
    if (!checked.success) throw new DomainError('VALIDATION_FAILED', checked.error.message);
    await db.records.upsert(checked.data);
  };

  return {
    watchDirectory(params: Required<DirectoryParams>, emit: Emit<CustomerDirectory>, onError: OnError) {
      const changes = merge(db.customers.$, recordChanges$(db, ['contactLog', 'account']), db.people.$).pipe(auditTime(SETTLE_MS));
      return liveFrom(combineLatest([ping(changes), timer(0, REFRESH_MS), identity$]), () => directory(params), emit, onError);
    },

    watchAccount(id: string, emit: Emit<CustomerAccount | null>, onError: OnError) {
      const changes = merge(db.customers.$, recordChanges$(db, ['contactLog', 'account']), db.people.$, db.tickets.$, db.ticketEvents.$, db.assets.$, db.problems.$, db.policies.$).pipe(auditTime(SETTLE_MS));
      return liveFrom(combineLatest([ping(changes), timer(0, REFRESH_MS), identity$]), () => account(id), emit, onError);
    },

    /** A contact, always in the viewer's own name (the server refuses any other author). */
    async logContact(input: Required<ContactLogInput>): Promise<{ id: string }> {
      const now = clock();
      const customer = await findCustomer(input.customerId);
      if (!customer) throw new DomainError('NOT_FOUND', 'No such customer');
      if (Date.parse(input.at) > now + 60_000) throw new DomainError('VALIDATION_FAILED', 'A contact cannot be logged ahead of time', [{ path: 'at', code: 'invalid', message: 'validation.atInFuture' }]);
      const w = await viewer();
      const at = new Date(now).toISOString();
      const record: ContactLogRecord = {
        id: newId(),
        createdAt: at,
        updatedAt: at,
        kind: 'contactLog',
        ref: customer.id,
        ref2: contactKey(input.contactName),
        status: 'done',
        body: { channel: input.channel, contactName: input.contactName.trim(), at: input.at, by: w.me, summary: input.summary.trim(), nextStep: input.nextStep.trim() },
      };
      await write(record);
      return { id: record.id };
    },

    /** Creates or changes the account plan; only managers name the account manager. */
    async savePlan(input: Required<AccountPlanInput>): Promise<{ id: string }> {
      const customer = await findCustomer(input.customerId);
      if (!customer) throw new DomainError('NOT_FOUND', 'No such customer');
      const w = await viewer();
      const oldDoc = await db.records.findOne(customer.id).exec();
      const old = oldDoc ? (oldDoc.toJSON() as AccountPlanRecord) : null;
      const keeper = old?.body.managerId ?? '';
      if (!isManager(w)) {
        if (!old || keeper !== w.me) throw new DomainError('FORBIDDEN', 'Account plans are kept by managers and the account manager');
        if (input.managerId !== keeper) throw new DomainError('FORBIDDEN', 'Only a manager names another account manager', [{ path: 'managerId', code: 'invalid', message: 'validation.onlyManagerAssigns' }]);
      }
      const at = new Date(clock()).toISOString();
      const record: AccountPlanRecord = {
        id: customer.id,
        createdAt: old?.createdAt ?? at,
        updatedAt: at,
        kind: 'account',
        ref: customer.id,
        ref2: '',
        status: 'active',
        body: { managerId: input.managerId, cadenceDays: input.cadenceDays, notes: input.notes.trim() },
      };
      await write(record);
      return { id: record.id };
    },
  };
};
export type CustomerAccounts = ReturnType<typeof createCustomerAccounts>;
