/**
 * The asset registry on a real store (SQLite in a temp folder, the real core and router):
 * search, the asset page, register and edit with every refusal leaving the store as it was,
 * lifecycle and custody steps, and the CSV import.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetDetail, AssetSearchResult, UnknownCodeRow } from '../../../shared/api/assets';
import type { Result } from '../../../shared/api/result';
import type { CheckedAssetRow } from '../../../shared/domain/assetCsv';
import { aCustomer, anAsset, aProblem, aTicket, newId } from '../../../shared/domain/testing/builders';
import type { Asset } from '../../../shared/schema';
import { createCore, type Core } from '../../core/core';

const customer = aCustomer({ id: newId(), code: 'CM-SH', name: 'China Mobile Shanghai', tier: 'key' });
const site = customer.sites[0]!;
const otherSite = {
  id: newId(),
  name: 'Hongqiao',
  region: 'cn-east',
  timeZone: 'Asia/Shanghai',
  address: '',
};
customer.sites.push(otherSite);
const rack = anAsset({
  id: newId(),
  assetCode: 'AS-RACK-1',
  serial: 'SN-R1',
  rfidTag: 'E200RACK1',
  kind: 'rack',
  customerId: customer.id,
  siteId: site.id,
  parentId: null,
});
const shelf = anAsset({
  id: newId(),
  assetCode: 'AS-SHELF-1',
  serial: 'SN-S1',
  rfidTag: '',
  kind: 'shelf',
  customerId: customer.id,
  siteId: site.id,
  parentId: rack.id,
});
const board = anAsset({
  id: newId(),
  assetCode: 'AS-BOARD-1',
  serial: 'SN-B1',
  rfidTag: 'E200BOARD1',
  kind: 'board',
  model: 'TN52ND2',
  customerId: customer.id,
  siteId: site.id,
  parentId: shelf.id,
});
const problem = aProblem({ id: newId(), title: 'Laser degradation on TN52ND2' });
const openTicket = aTicket({
  id: newId(),
  assetId: board.id,
  customerId: customer.id,
  siteId: site.id,
  title: 'Board alarm',
  status: 'in_progress',
  problemId: problem.id,
});
const closedTicket = aTicket({
  id: newId(),
  assetId: board.id,
  customerId: customer.id,
  siteId: site.id,
  title: 'Old alarm',
  status: 'closed',
  closedAt: '2024-02-01T00:00:00.000Z',
  resolvedAt: '2024-01-30T00:00:00.000Z',
  restoredAt: '2024-01-29T00:00:00.000Z',
  respondedAt: '2024-01-28T00:00:00.000Z',
});

const fieldsOf = (a: Asset) => ({
  assetCode: a.assetCode,
  serial: a.serial,
  rfidTag: a.rfidTag,
  model: a.model,
  productLine: a.productLine,
  kind: a.kind,
  customerId: a.customerId,
  siteId: a.siteId,
  parentId: a.parentId,
  installDate: a.installDate,
  warrantyEnd: a.warrantyEnd,
  contractEnd: a.contractEnd,
  ownership: a.ownership,
});

describe('the asset registry on a real store', () => {
  let dir: string;
  let core: Core;
  const live = async <T>(name: string, params: object, until: (v: T) => boolean = () => true): Promise<T> => {
    const seen: Result<unknown>[] = [];
    const sub = core.router.subscribe(name, params, (r) => seen.push(r));
    await expect.poll(() => seen.some((r) => r.ok && until(r.value as T))).toBe(true);
    if (sub.ok) sub.value();
    return (seen.filter((r) => r.ok).at(-1) as { value: T }).value;
  };
  const stored = async () => (await core.db.assets.find().exec()).map((d) => d.toJSON() as Asset);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-assets-'));
    core = await createCore({ dataDir: dir, shell: 'harness', version: '1.0.0' });
    await core.db.customers.insert(customer);
    await core.db.assets.bulkInsert([rack, shelf, board]);
    await core.db.problems.insert(problem);
    await core.db.tickets.bulkInsert([openTicket, closedTicket]);
  });
  afterAll(async () => {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('searches by code, serial, RFID tag, model, customer and site', async () => {
    const codes = async (search: string) =>
      (await live<AssetSearchResult>('assets.search', { search })).rows.map((r) => r.assetCode);
    expect(await codes('board-1')).toEqual(['AS-BOARD-1']);
    expect(await codes('SN-S1')).toEqual(['AS-SHELF-1']);
    expect(await codes('e200rack')).toEqual(['AS-RACK-1']);
    expect(await codes('TN52')).toEqual(['AS-BOARD-1']);
    expect(await codes('Mobile Shanghai')).toEqual(['AS-BOARD-1', 'AS-RACK-1', 'AS-SHELF-1']);
    expect((await live<AssetSearchResult>('assets.search', { search: 'Pudong' })).rows[0]).toMatchObject({
      siteName: 'Pudong DC',
      customerName: 'China Mobile Shanghai',
    });
  });

  it('opens an asset by its code, serial or tag as scanned, with its tree, history, tickets and problems', async () => {
    const d = await live<AssetDetail | null>('assets.detail', { code: 'e200board1' }, (v) => v !== null);
    expect(d).toMatchObject({
      id: board.id,
      siteName: 'Pudong DC',
      ancestors: [{ assetCode: 'AS-RACK-1' }, { assetCode: 'AS-SHELF-1' }],
    });
    expect(d!.tree).toMatchObject({
      assetCode: 'AS-RACK-1',
      children: [{ assetCode: 'AS-SHELF-1', children: [{ assetCode: 'AS-BOARD-1' }] }],
    });
    // Open tickets first.
    expect(d!.tickets.map((t) => [t.title, t.open])).toEqual([
      ['Board alarm', true],
      ['Old alarm', false],
    ]);
    expect(d!.problems).toEqual([{ id: problem.id, title: problem.title, status: problem.status }]);
    expect(d!.lifecycle.map((s) => s.state)).toEqual(['registered', 'in_service']);
    expect(await live<AssetDetail | null>('assets.detail', { code: 'AS-NOPE' })).toBeNull();
  });

  it('registers an asset; a duplicate code or tag, an ancestor cycle and an unknown site are refused, nothing written', async () => {
    const before = await stored();
    const bad = async (fields: object, id?: string) => {
      const r = await core.router.dispatch('assets.save', { ...(id ? { id } : {}), fields });
      expect(r.ok).toBe(false);
      return (r as { error: { code: string; fields?: { path: string; code: string }[] } }).error;
    };
    expect((await bad({ ...fieldsOf(board), assetCode: ' as-rack-1 ', rfidTag: '' })).fields).toEqual([
      expect.objectContaining({ path: 'assetCode', code: 'duplicateCode' }),
    ]);
    expect((await bad({ ...fieldsOf(board), assetCode: 'AS-NEW-1', rfidTag: 'E200RACK1' })).fields).toEqual([
      expect.objectContaining({ path: 'rfidTag', code: 'duplicateTag' }),
    ]);
    expect((await bad({ ...fieldsOf(rack), parentId: board.id }, rack.id)).fields).toEqual([
      expect.objectContaining({ path: 'parentId', code: 'parentCycle' }),
    ]);
    expect(
      (await bad({ ...fieldsOf(board), assetCode: 'AS-NEW-2', rfidTag: '', siteId: newId() })).fields,
    ).toEqual([expect.objectContaining({ path: 'siteId', code: 'unknownSite' })]);
    expect(
      (await bad({ ...fieldsOf(board), assetCode: 'AS-NEW-3', rfidTag: '', siteId: otherSite.id })).fields,
    ).toEqual([expect.objectContaining({ path: 'parentId', code: 'parentElsewhere' })]);
    expect(await stored()).toEqual(before);

    const created = await core.router.dispatch('assets.save', {
      fields: { ...fieldsOf(board), assetCode: 'AS-NEW-4', serial: 'SN-N4', rfidTag: '', ownership: 'ours' },
    });
    expect(created.ok).toBe(true);
    const doc = (await stored()).find((a) => a.assetCode === 'AS-NEW-4')!;
    expect(doc).toMatchObject({ parentId: shelf.id, ownership: 'ours', status: 'in_service', custody: [] });
    expect(doc.lifecycle.map((s) => s.state)).toEqual(['registered', 'in_service']);
    // Editing keeps its own code without calling it a duplicate, and keeps the history.
    const edited = await core.router.dispatch('assets.save', {
      id: doc.id,
      fields: { ...fieldsOf(doc), model: 'TN52ND2-B', contractEnd: '2029-01-01' },
    });
    expect(edited.ok).toBe(true);
    expect((await stored()).find((a) => a.id === doc.id)).toMatchObject({
      model: 'TN52ND2-B',
      contractEnd: '2029-01-01',
      lifecycle: doc.lifecycle,
    });
  });

  it('adds lifecycle steps in order and custody events for customer property only', async () => {
    expect(
      (
        await core.router.dispatch('assets.addLifecycle', {
          id: board.id,
          state: 'under_maintenance',
          at: '2026-03-01',
          note: 'RMA',
        })
      ).ok,
    ).toBe(true);
    expect((await stored()).find((a) => a.id === board.id)).toMatchObject({
      status: 'under_repair',
      lifecycle: [{}, {}, { state: 'under_maintenance', note: 'RMA' }],
    });
    const refused = await core.router.dispatch('assets.addLifecycle', {
      id: board.id,
      state: 'acquired',
      at: '2026-03-02',
      note: '',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', fields: [{ path: 'state', code: 'lifecycle.notAllowed' }] },
    });
    expect(
      (
        await core.router.dispatch('assets.addCustody', {
          id: board.id,
          event: 'received',
          at: '2026-03-01',
          note: 'repair centre',
        })
      ).ok,
    ).toBe(true);
    const notHeld = await core.router.dispatch('assets.addCustody', {
      id: rack.id,
      event: 'returned',
      at: '2026-03-01',
      note: '',
    });
    expect(notHeld).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'event', code: 'custody.notHeld' }] },
    });
    const d = await live<AssetDetail | null>(
      'assets.detail',
      { code: 'AS-BOARD-1' },
      (v) => v?.custody.length === 1,
    );
    expect(d).toMatchObject({ inOurCustody: true, custody: [{ event: 'received', note: 'repair centre' }] });
  });

  it('imports CSV rows: the check writes nothing, the import registers the good rows with their parents', async () => {
    const rows = [
      {
        assetCode: 'AS-CSV-R',
        serial: 'SN-CR',
        model: 'OSN-9800',
        productLine: 'transport',
        kind: 'rack',
        customerCode: 'CM-SH',
        siteName: 'Hongqiao',
        installDate: '2025-05-01',
      },
      {
        assetCode: 'AS-CSV-B',
        serial: 'SN-CB',
        model: 'TN52',
        productLine: 'transport',
        kind: 'board',
        customerCode: 'CM-SH',
        siteName: 'Hongqiao',
        parentCode: 'AS-CSV-R',
        installDate: '2025-05-01',
      },
      {
        assetCode: 'AS-CSV-X',
        serial: 'SN-CX',
        model: 'TN52',
        productLine: 'transport',
        kind: 'board',
        customerCode: 'CM-SH',
        siteName: 'Atlantis',
        installDate: '2025-05-01',
      },
    ];
    const count = (await stored()).length;
    const check = await core.router.dispatch('assets.import.check', { rows });
    expect((check as { value: CheckedAssetRow[] }).value.map((r) => r.errors)).toEqual([
      [],
      [],
      [{ field: 'siteName', code: 'unknownSite' }],
    ]);
    expect((await stored()).length).toBe(count);
    expect(await core.router.dispatch('assets.import', { rows })).toEqual({
      ok: true,
      value: { created: 2, skipped: 1 },
    });
    const after = await stored();
    const r = after.find((a) => a.assetCode === 'AS-CSV-R')!;
    expect(after.find((a) => a.assetCode === 'AS-CSV-B')).toMatchObject({
      parentId: r.id,
      siteId: otherSite.id,
    });
    // Importing the same file again registers nothing: every code is now taken.
    expect(await core.router.dispatch('assets.import', { rows })).toEqual({
      ok: true,
      value: { created: 0, skipped: 3 },
    });
  });

  it('notes an unknown scanned code once for the asset team; registering an asset with it closes the note', async () => {
    const first = await core.router.dispatch('assets.noteUnknown', {
      code: 'AS-LABEL-9',
      source: 'scan',
      note: 'rack 3',
    });
    const again = await core.router.dispatch('assets.noteUnknown', {
      code: ' as-label-9',
      source: 'ticket',
      note: '',
    });
    expect(first).toMatchObject({ ok: true, value: { created: true } });
    expect(again).toEqual({
      ok: true,
      value: { id: (first as { value: { id: string } }).value.id, created: false },
    });
    expect(await live<UnknownCodeRow[]>('assets.unknownCodes', {}, (v) => v.length === 1)).toMatchObject([
      { code: 'AS-LABEL-9', source: 'scan', note: 'rack 3' },
    ]);
    expect(
      (await core.router.dispatch('assets.noteUnknown', { code: 'x'.repeat(500), source: 'scan', note: '' }))
        .ok,
    ).toBe(false);
    const saved = await core.router.dispatch('assets.save', {
      fields: { ...fieldsOf(rack), assetCode: 'AS-LABEL-9', serial: 'SN-L9', rfidTag: '', parentId: null },
    });
    expect(saved.ok).toBe(true);
    expect(await live<UnknownCodeRow[]>('assets.unknownCodes', {}, (v) => v.length === 0)).toEqual([]);
    const record = (await core.db.records.find({ selector: { kind: 'unknownAsset' } }).exec()).map(
      (d) => d.toJSON() as { status: string; ref2: string },
    );
    expect(record).toEqual([
      expect.objectContaining({ status: 'registered', ref2: (saved as { value: { id: string } }).value.id }),
    ]);
  });
});
