import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetOption, CustomerOption, TicketPreview } from '../../../shared/api/intake';
import type { CreateTicketInput, TicketSummary } from '../../../shared/api/tickets';
import type { Result } from '../../../shared/api/result';
import type { Ticket } from '../../../shared/schema';
import { aCustomer, anAsset, aTicket, newId } from '../../../shared/domain/testing/builders';
import { createCore, type Core } from '../../core/core';

const latest = <T>(seen: Result<unknown>[]): T => (seen.at(-1) as { ok: true; value: T }).value;

const key = aCustomer({ id: newId(), code: 'CM-SH', name: 'China Mobile Shanghai', nameZh: '中国移动 上海', tier: 'key' });
const keySite = key.sites[0]!;
const general = aCustomer({
  id: newId(),
  code: 'NW-01',
  name: 'Northwind Power',
  nameZh: '',
  tier: 'general',
  contacts: [],
  sites: [{ id: newId(), name: 'Plant 1', region: 'cn-east', timeZone: 'Asia/Shanghai', address: '' }],
});
const asset = anAsset({ id: newId(), assetCode: 'AS-7781', serial: 'SN-7781', customerId: key.id, siteId: keySite.id });
const otherAsset = anAsset({ id: newId(), assetCode: 'AS-9000', serial: 'SN-9000', customerId: general.id, siteId: general.sites[0]!.id });
const openTicket = aTicket({ id: newId(), customerId: key.id, siteId: keySite.id, assetId: asset.id, title: 'Fibre cut at Pudong 光缆中断', customerName: key.name, customerTier: 'key' });

const valid = (over: Partial<CreateTicketInput> = {}): CreateTicketInput => ({
  title: 'Fibre cut again',
  severity: 'major',
  type: 'fault',
  channel: 'phone',
  customerId: key.id,
  siteId: keySite.id,
  assetId: asset.id,
  contact: { name: 'Li Wei', phone: '+86 21 5555 0101' },
  problemReport: false,
  ...over,
});

describe('new ticket on a real store', () => {
  let dir: string;
  let core: Core;
  const ticketCount = async () => (await core.db.tickets.find().exec()).length;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-intake-'));
    core = await createCore({ dataDir: dir, shell: 'harness', version: '1.0.0' });
    await core.db.customers.bulkInsert([key, general]);
    await core.db.assets.bulkInsert([asset, otherAsset]);
    await core.db.tickets.insert(openTicket);
  });
  afterAll(async () => {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('finds customers by name, Chinese name or code, key accounts first, and follows changes', async () => {
    const seen: Result<unknown>[] = [];
    const sub = core.router.subscribe('intake.customers', { text: '' }, (r) => seen.push(r));
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(1);
    expect(latest<CustomerOption[]>(seen).map((c) => c.code)).toEqual(['CM-SH', 'NW-01']);
    if (sub.ok) sub.value();

    const zh: Result<unknown>[] = [];
    core.router.subscribe('intake.customers', { text: '移动' }, (r) => zh.push(r));
    await expect.poll(() => zh.length).toBeGreaterThanOrEqual(1);
    expect(latest<CustomerOption[]>(zh)).toMatchObject([{ id: key.id, tier: 'key', sites: [{ id: keySite.id }], contacts: [{ name: 'Li Wei' }] }]);

    const byCode: Result<unknown>[] = [];
    core.router.subscribe('intake.customers', { text: 'nw-0' }, (r) => byCode.push(r));
    await expect.poll(() => byCode.length).toBeGreaterThanOrEqual(1);
    expect(latest<CustomerOption[]>(byCode).map((c) => c.id)).toEqual([general.id]);
    // A customer arriving (by sync) appears in an open search.
    await core.db.customers.insert(aCustomer({ id: newId(), code: 'NW-02', name: 'Northwind Gas', tier: 'general' }));
    await expect.poll(() => latest<CustomerOption[]>(byCode).length).toBe(2);
  });

  it('looks an asset up by code, serial as scanned, and answers null for an unknown code', async () => {
    for (const code of ['AS-7781', ' SN-7781 ']) {
      const seen: Result<unknown>[] = [];
      core.router.subscribe('intake.asset', { code }, (r) => seen.push(r));
      await expect.poll(() => seen.length).toBeGreaterThanOrEqual(1);
      expect(latest<AssetOption | null>(seen)).toMatchObject({ id: asset.id, customerId: key.id, siteId: keySite.id, model: 'OSN-9800' });
    }
    const none: Result<unknown>[] = [];
    core.router.subscribe('intake.asset', { code: 'AS-404' }, (r) => none.push(r));
    await expect.poll(() => none.length).toBeGreaterThanOrEqual(1);
    expect(none.at(-1)).toEqual({ ok: true, value: null });
  });

  it('previews priority, SLA due times and the open duplicate before saving', async () => {
    const before = Date.now();
    const seen: Result<unknown>[] = [];
    core.router.subscribe(
      'intake.preview',
      { customerId: key.id, siteId: keySite.id, assetId: asset.id, severity: 'critical', type: 'fault', title: '光缆中断' },
      (r) => seen.push(r),
    );
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(1);
    const preview = latest<TicketPreview>(seen);
    expect(preview).toMatchObject({ tier: 'key', priority: 'P1', duplicates: [{ id: openTicket.id }] });
    // Critical for a key account: first response in 7.5 minutes around the clock, restore in 4 h.
    expect(preview.due.firstResponse).toMatchObject({ targetMinutes: 7.5, mode: '24x7' });
    const due = Date.parse(preview.due.firstResponse.dueAt!);
    expect(due - before).toBeGreaterThanOrEqual(7.5 * 60_000 - 1000);
    expect(due - Date.now()).toBeLessThanOrEqual(7.5 * 60_000);
    expect(preview.due.restore.targetMinutes).toBe(240);

    const minor: Result<unknown>[] = [];
    core.router.subscribe('intake.preview', { customerId: general.id, severity: 'minor', type: 'fault', title: '光缆中断' }, (r) => minor.push(r));
    await expect.poll(() => minor.length).toBeGreaterThanOrEqual(1);
    expect(latest<TicketPreview>(minor)).toMatchObject({ tier: 'general', priority: 'P3', duplicates: [], due: { restore: { dueAt: null } } });
  });

  it('stores the picked customer, site, asset, contact and problem-report flag', async () => {
    const result = await core.router.dispatch('tickets.create', valid({ severity: 'minor' }));
    expect(result.ok).toBe(true);
    const summary = (result as { ok: true; value: TicketSummary }).value;
    const stored = (await core.db.tickets.findOne(summary.id).exec())!.toJSON() as Ticket;
    expect(stored).toMatchObject({
      customerId: key.id,
      customerName: key.name,
      customerTier: 'key',
      siteId: keySite.id,
      region: keySite.region,
      assetId: asset.id,
      productLine: asset.productLine,
      contact: { name: 'Li Wei', phone: '+86 21 5555 0101' },
      problemReport: false,
      // Minor for a key account is P2 (DOMAIN priority matrix).
      priority: 'P2',
    });
    expect(stored.contact).not.toHaveProperty('email');
    expect(stored.slaDueAt).not.toBe('9999-12-31T23:59:59.999Z');
  });

  it('refuses an unknown customer, site or asset and an asset of another customer, writing nothing', async () => {
    const count = await ticketCount();
    const cases: [Partial<CreateTicketInput>, string, string, string][] = [
      [{ customerId: newId() }, 'NOT_FOUND', 'customerId', 'validation.customerUnknown'],
      [{ siteId: newId() }, 'NOT_FOUND', 'siteId', 'validation.siteUnknown'],
      [{ siteId: general.sites[0]!.id }, 'NOT_FOUND', 'siteId', 'validation.siteUnknown'],
      [{ assetId: newId() }, 'NOT_FOUND', 'assetId', 'validation.assetUnknown'],
      [{ assetId: otherAsset.id }, 'VALIDATION_FAILED', 'assetId', 'validation.assetNotAtCustomer'],
      [{ siteId: '' }, 'VALIDATION_FAILED', 'siteId', 'validation.siteRequired'],
      [{ customerId: '' }, 'VALIDATION_FAILED', 'customerId', 'validation.customerRequired'],
      [{ contact: { name: '  ' } }, 'VALIDATION_FAILED', 'contact.name', 'validation.contactRequired'],
      [{ contact: { name: 'A', email: 'not-mail' } }, 'VALIDATION_FAILED', 'contact.email', 'validation.emailInvalid'],
    ];
    for (const [over, code, path, message] of cases) {
      const result = await core.router.dispatch('tickets.create', valid(over));
      expect(result, path).toMatchObject({ ok: false, error: { code } });
      const fields = !result.ok ? (result.error.fields ?? []) : [];
      expect(fields.map((f) => [f.path, f.message])).toContainEqual([path, message]);
    }
    expect(await ticketCount()).toBe(count);
  });

  it('records a first-time caller as a new customer with one site', async () => {
    const result = await core.router.dispatch('tickets.create', valid({ customerId: '', siteId: '', assetId: '', newCustomerName: 'Walk-in Telecom' }));
    expect(result.ok).toBe(true);
    const created = (await core.db.customers.findOne({ selector: { name: 'Walk-in Telecom' } }).exec())!;
    const stored = (await core.db.tickets.findOne((result as { ok: true; value: TicketSummary }).value.id).exec())!.toJSON() as Ticket;
    expect(stored).toMatchObject({ customerId: created.id, siteId: created.sites[0]!.id, customerTier: 'general', assetId: '' });
  });
});
