import { BehaviorSubject } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScopeOptions, StocktakeView } from '../../../shared/api/stocktakes';
import { aCustomer, anAsset, newId } from '../../../shared/domain/testing/builders';
import type { Asset } from '../../../shared/schema';
import type { StocktakeRecord } from '../../../shared/schema/records';
import type { CimsDatabase } from '../../db/open';
import type { StocktakeViewer } from './store';
import { openStocktakeService, refused, stocktakePeople, viewerOf, type StocktakeService } from './testing/service';

/**
 * A stocktake opened for a region (OpenStocktakeForm's "region" scope, `{ scope: 'region',
 * region }`), on a real SQLite store: it expects the assets in service or spare of every site
 * of the region, whichever customer holds it, and counts, figures and reconciliation work as
 * for one site.
 */
const east1 = newId();
const east2 = newId();
const south = newId();
const eastOther = newId();
const customerA = aCustomer({
  id: newId(),
  code: 'CU-A',
  name: 'East Telecom',
  sites: [
    { id: east1, name: 'Hangzhou 机房 1', region: 'cn-east', timeZone: 'Asia/Shanghai', address: 'Hangzhou' },
    { id: east2, name: 'Ningbo 机房 2', region: 'cn-east', timeZone: 'Asia/Shanghai', address: 'Ningbo' },
    {
      id: south,
      name: 'Shenzhen 机房 3',
      region: 'cn-south',
      timeZone: 'Asia/Shanghai',
      address: 'Shenzhen',
    },
  ],
});
const customerB = aCustomer({
  id: newId(),
  code: 'CU-B',
  name: 'Coast Mobile',
  sites: [
    { id: eastOther, name: 'Wenzhou 机房', region: 'cn-east', timeZone: 'Asia/Shanghai', address: 'Wenzhou' },
  ],
});
const asset = (code: string, customerId: string, siteId: string, over: Partial<Asset> = {}) =>
  anAsset({
    id: newId(),
    assetCode: code,
    serial: `SN-${code}`,
    rfidTag: `E200-${code}`,
    customerId,
    siteId,
    ...over,
  });
const h1 = [1, 2, 3].map((i) => asset(`AS-H-${i}`, customerA.id, east1));
const retiredH = asset('AS-H-9', customerA.id, east1, { status: 'retired' });
const n1 = asset('AS-N-1', customerA.id, east2);
const spareN = asset('AS-N-2', customerA.id, east2, { status: 'spare' });
const w = [1, 2].map((i) => asset(`AS-W-${i}`, customerB.id, eastOther));
const s = [1, 2].map((i) => asset(`AS-S-${i}`, customerA.id, south));
const expectedCodes = ['AS-H-1', 'AS-H-2', 'AS-H-3', 'AS-N-1', 'AS-N-2', 'AS-W-1', 'AS-W-2'];

const { manager, tech, eng, south: southTech } = stocktakePeople();
const as = viewerOf;

describe('a stocktake of a region in main', () => {
  const viewer = new BehaviorSubject<StocktakeViewer | null>(null);
  let service: StocktakeService;
  let db: CimsDatabase;
  let commands: StocktakeService['commands'];
  let queries: StocktakeService['queries'];
  let id = '';

  beforeAll(async () => {
    service = await openStocktakeService(viewer, async (into) => {
      await into.customers.bulkInsert([customerA, customerB]);
      await into.assets.bulkInsert([...h1, retiredH, n1, spareN, ...w, ...s]);
      await into.people.bulkInsert([manager, tech, eng, southTech]);
    });
    ({ db, commands, queries } = service);
  });
  afterAll(() => service.close());

  const view = (until: (v: StocktakeView) => boolean) => service.view(id, until);

  it('the scopes offer each region with the assets a stocktake would expect there', async () => {
    viewer.next(as(manager));
    const scopes = await new Promise<ScopeOptions>((resolve, reject) => {
      const stop = queries.watchScopes((v) => {
        setTimeout(() => stop(), 0);
        resolve(v);
      }, reject);
    });
    expect(scopes.regions).toEqual([
      { region: 'cn-east', assets: 7 },
      { region: 'cn-south', assets: 2 },
    ]);
  });

  it('only an asset manager opens it; it expects the in-service and spare assets of every site of the region, of every customer', async () => {
    viewer.next(as(tech));
    await refused(commands.open({ scope: 'region', region: 'cn-east', title: '' }), 'FORBIDDEN');
    expect(await db.records.count({ selector: { kind: 'stocktake' } }).exec()).toBe(0);
    viewer.next(as(manager));
    const summary = await commands.open({ scope: 'region', region: 'cn-east', title: '' });
    id = summary.id;
    expect(summary).toMatchObject({
      scope: 'region',
      region: 'cn-east',
      status: 'counting',
      expected: 7,
      found: 0,
      missing: 7,
      unexpected: 0,
      siteName: null,
      customerName: null,
    });
    expect(summary.title).toMatch(/^cn-east \d{4}-\d{2}-\d{2}$/);
    const st = (await db.records.findOne(id).exec())!.toJSON() as StocktakeRecord;
    expect(st).toMatchObject({
      ref: 'region:cn-east',
      ref2: '',
      body: { scope: 'region', region: 'cn-east', customerId: null, siteId: null },
    });
    const byId = new Map([...h1, retiredH, n1, spareN, ...w, ...s].map((a) => [a.id, a.assetCode]));
    expect(st.body.expected.map((x) => byId.get(x))).toEqual(expectedCodes);
  });

  it('two counters of the region: found across sites and customers, an asset of another region, a retired one and an unknown code unexpected, the rest missing', async () => {
    viewer.next(as(tech));
    const outcomes: string[] = [];
    outcomes.push((await commands.scan({ stocktakeId: id, code: 'AS-H-1' })).outcome);
    outcomes.push((await commands.scan({ stocktakeId: id, code: 'as-h-2' })).outcome);
    outcomes.push((await commands.scan({ stocktakeId: id, code: spareN.rfidTag })).outcome);
    outcomes.push((await commands.scan({ stocktakeId: id, code: retiredH.assetCode })).outcome);
    viewer.next(as(eng));
    outcomes.push((await commands.scan({ stocktakeId: id, code: w[0]!.serial })).outcome);
    outcomes.push((await commands.scan({ stocktakeId: id, code: 'AS-W-2' })).outcome);
    outcomes.push((await commands.scan({ stocktakeId: id, code: 'AS-H-1' })).outcome);
    outcomes.push((await commands.scan({ stocktakeId: id, code: s[0]!.assetCode })).outcome);
    outcomes.push((await commands.scan({ stocktakeId: id, code: 'XX-NOT-REGISTERED' })).outcome);
    expect(outcomes).toEqual([
      'found',
      'found',
      'found',
      'unexpected',
      'found',
      'found',
      'duplicate',
      'unexpected',
      'unknown',
    ]);

    // Field staff of another region may not count here.
    viewer.next(as(southTech));
    await refused(commands.scan({ stocktakeId: id, code: 'AS-N-1' }), 'FORBIDDEN');

    viewer.next(as(manager));
    const v = await view((x) => x.totals.scans === 9);
    expect(v.totals).toEqual({
      expected: 7,
      found: 5,
      missing: 2,
      unexpected: 3,
      scans: 9,
      duplicates: 1,
      counters: 2,
      resolved: 0,
      open: 5,
    });
    expect(v.summary).toMatchObject({ expected: 7, found: 5, missing: 2, unexpected: 3, open: 5 });
    expect(v.found.map((f) => f.assetCode)).toEqual(['AS-H-1', 'AS-H-2', 'AS-N-2', 'AS-W-1', 'AS-W-2']);
    expect(v.found.find((f) => f.assetCode === 'AS-H-1')).toMatchObject({
      scans: 2,
      countedBy: expect.arrayContaining(['Tech Zhang', 'Engineer Wang']),
    });
    expect(v.missing.map((m) => m.assetCode)).toEqual(['AS-H-3', 'AS-N-1']);
    expect(v.unexpected.map((u) => u.asset?.assetCode ?? u.scannedCode).sort()).toEqual([
      'AS-H-9',
      'AS-S-1',
      'XX-NOT-REGISTERED',
    ]);
    expect(await db.records.count({ selector: { kind: 'stocktakeCount', ref: id } }).exec()).toBe(9);
  });

  it('the asset manager reconciles and closes it with the same figures; the register is left as it was', async () => {
    viewer.next(as(manager));
    await commands.endCounting({ stocktakeId: id });
    viewer.next(as(tech));
    await refused(commands.scan({ stocktakeId: id, code: 'AS-N-1' }), 'CONFLICT');
    viewer.next(as(manager));
    await refused(commands.close({ stocktakeId: id }), 'CONFLICT');
    await commands.resolve({ stocktakeId: id, key: h1[2]!.id, resolution: 'missing', note: '' });
    await commands.resolve({
      stocktakeId: id,
      key: n1.id,
      resolution: 'missing',
      note: 'not found in Ningbo',
    });
    await commands.resolve({
      stocktakeId: id,
      key: retiredH.id,
      resolution: 'wrong_data',
      note: 'still in use',
    });
    await commands.resolve({ stocktakeId: id, key: 'XX-NOT-REGISTERED', resolution: 'new', note: '' });
    // "Moved" is recorded, but a region has no one site to move the asset to: the register keeps it where it was.
    expect(await commands.resolve({ stocktakeId: id, key: s[0]!.id, resolution: 'moved', note: '' })).toEqual(
      { assetUpdated: false },
    );
    expect(((await db.assets.findOne(s[0]!.id).exec())!.toJSON() as Asset).siteId).toBe(south);
    const closed = await commands.close({ stocktakeId: id });
    expect(closed).toMatchObject({
      status: 'closed',
      scope: 'region',
      expected: 7,
      found: 5,
      missing: 2,
      unexpected: 3,
      open: 0,
    });
    const st = (await db.records.findOne(id).exec())!.toJSON() as StocktakeRecord;
    expect(st.body.closedResult).toEqual({ expected: 7, found: 5, missing: 2, unexpected: 3, scans: 9 });
  });
});
