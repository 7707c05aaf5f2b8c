import ExcelJS from 'exceljs';
import { BehaviorSubject } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanInput, type StocktakeView } from '../../../shared/api/stocktakes';
import { aCustomer, anAsset, newId } from '../../../shared/domain/testing/builders';
import type { Asset } from '../../../shared/schema';
import type { CimsDatabase } from '../../db/open';
import type { StocktakeViewer } from './store';
import { openStocktakeService, refused, stocktakePeople, viewerOf, type StocktakeService } from './testing/service';

/**
 * Stocktakes in main on a real SQLite store: a site of 30 assets counted by two people, an
 * unknown code kept, the asset manager's reconciliation and the export.
 */
const site = newId();
const otherSite = newId();
const customer = aCustomer({
  id: newId(),
  sites: [
    { id: site, name: 'Hangzhou 机房 1', region: 'cn-east', timeZone: 'Asia/Shanghai', address: 'Hangzhou' },
    { id: otherSite, name: 'Ningbo 机房 2', region: 'cn-east', timeZone: 'Asia/Shanghai', address: 'Ningbo' },
  ],
});
const onSite = Array.from({ length: 30 }, (_, i) =>
  anAsset({
    id: newId(),
    assetCode: `AS-${String(i + 1).padStart(6, '0')}`,
    serial: `SN${i + 1}`,
    rfidTag: `E200${i + 1}`,
    customerId: customer.id,
    siteId: site,
  }),
);
const retired = anAsset({
  id: newId(),
  assetCode: 'AS-000099',
  serial: 'SN99',
  rfidTag: '',
  customerId: customer.id,
  siteId: site,
  status: 'retired',
});
const strayed = anAsset({
  id: newId(),
  assetCode: 'AS-000500',
  serial: 'SN500',
  rfidTag: 'E200500',
  customerId: customer.id,
  siteId: otherSite,
});
const { manager, tech, eng, south } = stocktakePeople();
const as = viewerOf;

describe('stocktakes in main', () => {
  const viewer = new BehaviorSubject<StocktakeViewer | null>(null);
  let service: StocktakeService;
  let db: CimsDatabase;
  let commands: StocktakeService['commands'];
  let queries: StocktakeService['queries'];
  let id = '';

  beforeAll(async () => {
    service = await openStocktakeService(viewer, async (into) => {
      await into.customers.insert(customer);
      await into.assets.bulkInsert([...onSite, retired, strayed]);
      await into.people.bulkInsert([manager, tech, eng, south]);
    });
    ({ db, commands, queries } = service);
  });
  afterAll(() => service.close());

  const view = (until: (v: StocktakeView) => boolean) => service.view(id, until);

  it('only an asset manager opens one; it expects the site’s assets in service or spare', async () => {
    viewer.next(as(tech));
    await refused(
      commands.open({ scope: 'site', customerId: customer.id, siteId: site, title: '' }),
      'FORBIDDEN',
    );
    viewer.next(as(manager));
    const summary = await commands.open({ scope: 'site', customerId: customer.id, siteId: site, title: '' });
    id = summary.id;
    expect(summary).toMatchObject({
      status: 'counting',
      expected: 30,
      found: 0,
      missing: 30,
      siteName: 'Hangzhou 机房 1',
      region: 'cn-east',
    });
  });

  it('two counters: 28 found (duplicates once), a stray asset and an unknown code unexpected, 2 missing', async () => {
    viewer.next(as(tech));
    const outcomes: string[] = [];
    for (const a of onSite.slice(0, 15))
      outcomes.push((await commands.scan({ stocktakeId: id, code: a.assetCode })).outcome);
    // The same asset again, by RFID tag and lower-case code: kept, counted once.
    outcomes.push((await commands.scan({ stocktakeId: id, code: onSite[0]!.rfidTag })).outcome);
    viewer.next(as(eng));
    for (const a of onSite.slice(14, 28))
      outcomes.push((await commands.scan({ stocktakeId: id, code: a.serial.toLowerCase() })).outcome);
    outcomes.push((await commands.scan({ stocktakeId: id, code: strayed.assetCode })).outcome);
    const unknown = await commands.scan({ stocktakeId: id, code: 'XX-NOT-REGISTERED' });
    expect(unknown).toEqual({ outcome: 'unknown', scannedCode: 'XX-NOT-REGISTERED', assetCode: null });
    expect(outcomes.filter((o) => o === 'found')).toHaveLength(28);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(2);
    expect(outcomes.at(-1)).toBe('unexpected');

    const v = await view((x) => x.totals.scans === 32);
    expect(v.totals).toMatchObject({
      expected: 30,
      found: 28,
      missing: 2,
      unexpected: 2,
      duplicates: 2,
      counters: 2,
      open: 4,
    });
    expect(v.missing.map((m) => m.assetCode)).toEqual(['AS-000029', 'AS-000030']);
    expect(v.unexpected.map((u) => u.asset?.assetCode ?? u.scannedCode).sort()).toEqual([
      'AS-000500',
      'XX-NOT-REGISTERED',
    ]);
    expect(v.unexpected.find((u) => u.asset)?.asset?.registeredAt).toBe('Ningbo 机房 2');
    expect(v.recent[0]).toMatchObject({
      scannedCode: 'XX-NOT-REGISTERED',
      outcome: 'unknown',
      by: 'Engineer Wang',
    });
    expect(v.can).toEqual({ count: true, manage: false });
    // Every scan is its own record: nothing was overwritten.
    expect(await db.records.count({ selector: { kind: 'stocktakeCount', ref: id } }).exec()).toBe(32);
  });

  it('refuses a count from another region and a 500-character code with a clear message', async () => {
    viewer.next(as(south));
    await refused(commands.scan({ stocktakeId: id, code: onSite[29]!.assetCode }), 'FORBIDDEN');
    const long = scanInput.safeParse({ stocktakeId: id, code: 'A'.repeat(500) });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toBe('validation.codeTooLong');
  });

  it('the asset manager ends counting, resolves every discrepancy (a move updates the register) and closes', async () => {
    viewer.next(as(manager));
    await commands.endCounting({ stocktakeId: id });
    viewer.next(as(tech));
    await refused(commands.scan({ stocktakeId: id, code: onSite[29]!.assetCode }), 'CONFLICT');
    viewer.next(as(manager));
    await refused(commands.close({ stocktakeId: id }), 'CONFLICT');
    await refused(
      commands.resolve({ stocktakeId: id, key: 'XX-NOT-REGISTERED', resolution: 'moved', note: '' }),
      'VALIDATION_FAILED',
    );
    expect(
      await commands.resolve({
        stocktakeId: id,
        key: strayed.id,
        resolution: 'moved',
        note: 'moved from Ningbo',
      }),
    ).toEqual({ assetUpdated: true });
    expect(((await db.assets.findOne(strayed.id).exec())!.toJSON() as Asset).siteId).toBe(site);
    await commands.resolve({
      stocktakeId: id,
      key: 'XX-NOT-REGISTERED',
      resolution: 'new',
      note: '=1+1 spare board, register it',
    });
    await commands.resolve({ stocktakeId: id, key: onSite[28]!.id, resolution: 'wrong_data', note: '' });
    await commands.resolve({
      stocktakeId: id,
      key: onSite[28]!.id,
      resolution: 'missing',
      note: 'not on site',
    });
    await commands.resolve({ stocktakeId: id, key: onSite[29]!.id, resolution: 'missing', note: '' });
    // A revised resolution replaces the line's earlier one (one record per line).
    expect(await db.records.count({ selector: { kind: 'stocktakeResolution', ref: id } }).exec()).toBe(4);
    const closed = await commands.close({ stocktakeId: id });
    expect(closed).toMatchObject({ status: 'closed', found: 28, missing: 2, unexpected: 2, open: 0 });
    const v = await view((x) => x.summary.status === 'closed');
    expect(v.missing.find((m) => m.assetId === onSite[28]!.id)?.resolution).toMatchObject({
      resolution: 'missing',
      note: 'not on site',
      by: 'Manager Li',
    });
    expect(v.can.manage).toBe(false);
  });

  it('exports the result as CSV and XLSX, one line per asset, formulae escaped', async () => {
    const csv = await commands.export({ stocktakeId: id, format: 'csv' });
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(csv.rows).toBe(32);
    expect(text.split('\r\n').filter((l) => l.includes(',missing,'))).toHaveLength(2);
    expect(text).toContain('XX-NOT-REGISTERED');
    expect(text).toContain('not on site');
    expect(text).toContain(`"'=1+1 spare board, register it"`);
    const xlsx = await commands.export({ stocktakeId: id, format: 'xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.rowCount).toBe(33);
  });

  it('the list shows it with its figures; only asset managers may open', async () => {
    const list = await new Promise<{ rows: { id: string; found: number }[]; canOpen: boolean }>(
      (resolve, reject) => {
        const stop = queries.watchList((v) => {
          setTimeout(() => stop(), 0);
          resolve(v);
        }, reject);
      },
    );
    expect(list.canOpen).toBe(true);
    expect(list.rows.find((r) => r.id === id)?.found).toBe(28);
  });
});
