import type { CimsRecord } from '../schema';
import type { Asset, Customer, Person } from '../schema';
import type { DemoOrg, Rng } from './demoOrg';
import { expectedAssets } from './stocktake';

const DAY = 86_400_000;

/**
 * Last year's stocktake of one cn-east site (the second cn-east customer's first site):
 * counted by a field technician, one board not found and resolved as missing, closed.
 * Generated after every other demo record, so those stay what they were.
 */
export function generateStocktakes(rng: Rng, org: Pick<DemoOrg, 'customers' | 'assets' | 'people' | 'fieldTeams'>, end: number): CimsRecord[] {
  const customer = org.customers.filter((c: Customer) => c.region === 'cn-east')[1];
  const site = customer?.sites[0];
  const counter = org.fieldTeams.get('cn-east')?.members[0];
  const manager = org.people.find((p: Person) => p.region === 'cn-east' && p.title === 'service_manager');
  if (!customer || !site || !counter || !manager) return [];
  const expected = expectedAssets(org.assets, { scope: 'site', siteId: site.id }, () => site.region);
  if (expected.length < 2) return [];
  const opened = end - 300 * DAY;
  const closed = opened + 3 * DAY;
  const iso = (ms: number) => new Date(ms).toISOString();
  const id = rng.id(opened);
  const missing = expected[expected.length - 1]!;
  const counts: CimsRecord[] = expected.slice(0, -1).map((a: Asset, i) => ({
    id: rng.id(opened + DAY + i * 60_000),
    createdAt: iso(opened + DAY + i * 60_000),
    updatedAt: iso(opened + DAY + i * 60_000),
    kind: 'stocktakeCount',
    ref: id,
    ref2: a.id,
    status: '',
    body: { scannedCode: a.assetCode, matchedBy: 'code', region: site.region, countedBy: counter.id, at: iso(opened + DAY + i * 60_000), deviceId: 'DEMO' },
  }));
  return [
    {
      id,
      createdAt: iso(opened),
      updatedAt: iso(closed),
      kind: 'stocktake',
      ref: site.id,
      ref2: customer.id,
      status: 'closed',
      body: {
        title: `${site.name} ${iso(opened).slice(0, 4)}`,
        scope: 'site',
        region: site.region,
        customerId: customer.id,
        siteId: site.id,
        expected: expected.map((a) => a.id),
        openedBy: manager.id,
        openedAt: iso(opened),
        countingEndedAt: iso(opened + 2 * DAY),
        closedBy: manager.id,
        closedAt: iso(closed),
        closedResult: { expected: expected.length, found: expected.length - 1, missing: 1, unexpected: 0, scans: counts.length },
      },
    },
    ...counts,
    {
      id: rng.id(closed),
      createdAt: iso(closed),
      updatedAt: iso(closed),
      kind: 'stocktakeResolution',
      ref: id,
      ref2: missing.id,
      status: 'missing',
      body: { note: 'Not on site; the customer returned it. 客户已退回。', by: manager.id, at: iso(closed), assetUpdated: false },
    },
  ];
}
