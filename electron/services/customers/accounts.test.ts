import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { of } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerAccount, CustomerDirectory, DirectoryParams } from '../../../shared/api/customers';
import { aContactLog, aCustomer, anAccountPlan, anAsset, anEvent, aPerson, aProblem, aTeam, aTicket, iso, newId } from '../../../shared/domain/testing/builders';
import { createCore, type Core } from '../../core/core';
import type { Worker } from '../ticketWork/viewer';
import { createCustomerAccounts } from './accounts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-20T04:00:00.000Z');

// The account view and relationship records on a real SQLite store: tickets pass the shared
// read rule, the cadence follows the contact logs, and the write rules match the server's.
describe('customer accounts (SQLite)', () => {
  let dir: string;
  let core: Core;
  const team = aTeam({ id: newId(), name: 'East field', region: 'cn-east' });
  const otherTeam = aTeam({ id: newId(), name: 'South field', region: 'cn-south' });
  const mgr = aPerson({ id: newId(), username: 'mia', displayName: 'Mia Manager', roles: ['manager'], region: 'cn-east', teamId: null });
  const tech = aPerson({ id: newId(), username: 'tom', displayName: 'Tom Tech', roles: ['technician'], region: 'cn-east', teamId: team.id });
  const key = aCustomer({ id: newId(), code: 'KA-001', name: 'Shenzhen Metro', nameZh: '深圳地铁', tier: 'key', sites: [{ id: newId(), name: 'Futian depot', region: 'cn-south', timeZone: 'Asia/Shanghai', address: '' }] });
  const keyOnTime = aCustomer({ id: newId(), code: 'KA-002', name: 'Pearl Power', nameZh: '珠江电力', tier: 'key', sites: [] });
  const general = aCustomer({ id: newId(), code: 'GA-003', name: 'Lake Water', nameZh: '湖水务', tier: 'general', sites: [] });

  const workerOf = (p: typeof mgr): Worker => ({
    me: p.id,
    roles: new Set(p.roles),
    roleList: p.roles,
    region: p.region,
    teamId: p.teamId,
    managedTeams: new Set(),
    teamRegions: new Map([[team.id, team.region], [otherTeam.id, otherTeam.region]]),
  });
  const accountsFor = (p: typeof mgr) => createCustomerAccounts({ db: core.db, settings: core.settings, currentUser: () => null, identity$: of(null), clock: () => NOW, viewer: async () => workerOf(p) });

  const first = <T>(watch: (emit: (v: T) => void, onError: (e: unknown) => void) => () => void): Promise<T> =>
    new Promise((resolve, reject) => {
      let stop: (() => void) | null = null;
      let done = false;
      stop = watch(
        (v) => {
          done = true;
          stop?.();
          resolve(v);
        },
        reject,
      );
      if (done) stop();
    });
  const directory = (p: typeof mgr, params: DirectoryParams) =>
    first<CustomerDirectory>((emit, onError) => accountsFor(p).watchDirectory({ search: '', show: 'all', offset: 0, limit: 50, ...params }, emit, onError));
  const account = (p: typeof mgr, id: string) => first<CustomerAccount | null>((emit, onError) => accountsFor(p).watchAccount(id, emit, onError));

  const readable = aTicket({ customerId: key.id, siteId: key.sites[0]!.id, teamId: team.id, region: 'cn-east', title: 'Depot switch down', status: 'resolved', resolvedAt: iso(NOW - 20 * DAY), createdAt: iso(NOW - 21 * DAY) });
  const hidden = aTicket({ customerId: key.id, siteId: key.sites[0]!.id, teamId: otherTeam.id, region: 'cn-south', title: 'Hidden south ticket' });
  const asset = anAsset({ id: newId(), customerId: key.id, siteId: key.sites[0]!.id, assetCode: 'AS-900001' });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-customers-'));
    core = await createCore({ dataDir: dir, shell: 'harness', version: '1.0.0' });
    await core.db.teams.bulkInsert([team, otherTeam]);
    await core.db.people.bulkInsert([mgr, tech]);
    await core.db.customers.bulkInsert([key, keyOnTime, general]);
    await core.db.assets.insert(asset);
    await core.db.tickets.bulkInsert([readable, hidden]);
    await core.db.ticketEvents.insert(anEvent('csat', { ticketId: readable.id, score: 4, at: iso(NOW - 19 * DAY) }));
    await core.db.problems.insert(aProblem({ id: newId(), title: 'Depot switch resets', ticketIds: [readable.id], assetIds: [] }));
    await core.db.problems.insert(aProblem({ id: newId(), title: 'Unrelated problem', ticketIds: [newId()], assetIds: [] }));
    await core.db.records.bulkInsert([
      anAccountPlan({ ref: key.id, body: { managerId: mgr.id } }),
      anAccountPlan({ ref: keyOnTime.id, body: { managerId: mgr.id } }),
      aContactLog({ ref: key.id, body: { at: iso(NOW - 10 * DAY), by: tech.id, channel: 'visit' } }),
      aContactLog({ ref: keyOnTime.id, body: { at: iso(NOW - 2 * DAY), by: mgr.id } }),
    ]);
  });
  afterAll(async () => {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists a key account’s overdue contact for its account manager, and finds customers by Chinese name', async () => {
    const mine = await directory(mgr, {});
    expect(mine.myOverdue.map((r) => r.code)).toEqual(['KA-001']);
    expect(mine.myOverdue[0]!.cadence).toMatchObject({ targetDays: 7, overdue: true, overdueDays: 3 });
    expect(mine.rows.map((r) => r.code)).toEqual(['KA-001', 'KA-002', 'GA-003']);
    // Overdue: the general account never contacted comes before a key account three days late.
    expect((await directory(mgr, { show: 'overdue' })).rows.map((r) => r.code)).toEqual(['GA-003', 'KA-001']);
    expect((await directory(mgr, { show: 'myOverdue' })).rows.map((r) => r.code)).toEqual(['KA-001']);
    expect((await directory(tech, { show: 'myOverdue' })).rows).toEqual([]);
    expect((await directory(tech, { search: '地铁' })).rows.map((r) => r.name)).toEqual(['Shenzhen Metro']);
    expect((await directory(tech, { search: 'ga-0' })).rows.map((r) => r.code)).toEqual(['GA-003']);
  });

  it('shows only the tickets the viewer may read, with the month’s CSAT, assets per site and the linked problems', async () => {
    const view = (await account(tech, key.id))!;
    expect(view.recentTickets.map((t) => t.title)).toEqual(['Depot switch down']);
    expect([...view.openTickets, ...view.recentTickets].map((t) => t.title)).not.toContain('Hidden south ticket');
    expect(view.sites).toEqual([expect.objectContaining({ name: 'Futian depot', assets: 1 })]);
    expect(view.problems.map((p) => [p.title, p.tickets])).toEqual([['Depot switch resets', 1]]);
    expect(view.months).toHaveLength(12);
    expect(view.months.at(-1)).toMatchObject({ month: '2026-11', csatResponses: 1, csatAverage: 4 });
    expect(view.plan).toMatchObject({ managerId: mgr.id, managerName: 'Mia Manager', exists: true });
    expect(view.contactLog.map((l) => [l.channel, l.byName])).toEqual([['visit', 'Tom Tech']]);
    expect(view.canEditPlan).toBe(false);
    expect((await account(mgr, 'KA-001'))!.canAssignManager).toBe(true);
    expect(await account(mgr, newId())).toBeNull();
  });

  it('logs a contact in the viewer’s own name, which brings the account back on time', async () => {
    const { id } = await accountsFor(tech).logContact({ customerId: key.id, channel: 'call', contactName: ' Li Wei ', at: iso(NOW - 3_600_000), summary: ' Weekly call 周例会 ', nextStep: '' });
    const stored = (await core.db.records.findOne(id).exec())!.toJSON();
    expect(stored).toMatchObject({ kind: 'contactLog', ref: key.id, ref2: 'Li Wei', body: { by: tech.id, contactName: 'Li Wei', summary: 'Weekly call 周例会' } });
    expect((await directory(mgr, {})).myOverdue).toEqual([]);
    expect((await account(mgr, key.id))!.cadence).toMatchObject({ overdue: false, dueOn: '2026-11-27' });
    await expect(accountsFor(tech).logContact({ customerId: key.id, channel: 'call', contactName: '', at: iso(NOW + 2 * DAY), summary: 'x', nextStep: '' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('lets managers set up plans, the account manager keep theirs, and nobody else', async () => {
    await expect(accountsFor(tech).savePlan({ customerId: general.id, managerId: tech.id, cadenceDays: 30, notes: '' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await accountsFor(mgr).savePlan({ customerId: general.id, managerId: tech.id, cadenceDays: 30, notes: 'Monthly 每月' });
    expect((await account(tech, general.id))!).toMatchObject({ canEditPlan: true, canAssignManager: false, plan: { managerId: tech.id, cadenceDays: 30 }, cadence: { targetDays: 30 } });
    await accountsFor(tech).savePlan({ customerId: general.id, managerId: tech.id, cadenceDays: 14, notes: '' });
    await expect(accountsFor(tech).savePlan({ customerId: general.id, managerId: mgr.id, cadenceDays: 14, notes: '' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await core.db.records.findOne(general.id).exec())!.toJSON()).toMatchObject({ kind: 'account', body: { managerId: tech.id, cadenceDays: 14 } });
  });

  it('answers through the router, decoding the input', async () => {
    const bad = await core.router.dispatch('customers.logContact', { customerId: key.id, channel: 'fax', contactName: '', at: iso(NOW), summary: ' ', nextStep: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const paths = bad.ok ? [] : (bad.error.fields ?? []).map((f) => `${f.path}:${f.message}`);
    expect(paths).toEqual(['channel:validation.channelRequired', 'summary:validation.summaryRequired']);
    const seen: unknown[] = [];
    const sub = core.router.subscribe('customers.directory', { show: 'overdue' }, (r) => seen.push(r));
    expect(sub.ok).toBe(true);
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    if (sub.ok) sub.value();
    expect(seen[0]).toMatchObject({ ok: true });
  });
});
