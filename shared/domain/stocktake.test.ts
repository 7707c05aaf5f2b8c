import { describe, expect, it } from 'vitest';
import { recordSchema } from '../schema/records';
import { assetIndex, expectedAssets, normaliseCode, resolutionsFor, stocktakeResult, type CountInput } from './stocktake';
import { anAsset, aStocktake, aStocktakeCount, aStocktakeResolution, iso, newId } from './testing/builders';

const site = newId();
const other = newId();
const assets = Array.from({ length: 5 }, (_, i) => anAsset({ assetCode: `AS-00000${i}`, serial: `SN${i}`, rfidTag: `E200${i}`, siteId: site }));
const expected = assets.map((a) => a.id);
let t = Date.parse('2026-03-02T01:00:00.000Z');
const count = (assetId: string, by: string, code = 'X', region = 'cn-east'): CountInput => aStocktakeCount({ ref2: assetId, body: { scannedCode: code, countedBy: by, at: iso(t++), region } });

describe('stocktake result', () => {
  it('two counters: found, missing and unexpected; a duplicate scan counts once', () => {
    const [a, b, c] = assets;
    const r = stocktakeResult({
      expected,
      region: 'cn-east',
      counts: [count(a!.id, 'tech'), count(b!.id, 'tech'), count(a!.id, 'eng'), count(c!.id, 'eng'), count('', 'eng', 'zz-unknown'), count('', 'tech', ' ZZ-UNKNOWN ')],
      resolutions: [],
    });
    expect(r.found.map((f) => f.assetId).sort()).toEqual([a!.id, b!.id, c!.id].sort());
    expect(r.found.find((f) => f.assetId === a!.id)).toMatchObject({ scans: 2, countedBy: ['eng', 'tech'] });
    expect(r.missing.map((m) => m.assetId)).toEqual([assets[3]!.id, assets[4]!.id]);
    // The unknown code scanned twice in two spellings is one unexpected line, never dropped.
    expect(r.unexpected).toHaveLength(1);
    expect(r.unexpected[0]).toMatchObject({ key: 'ZZ-UNKNOWN', assetId: null, scannedCode: 'zz-unknown', scans: 2 });
    expect(r.totals).toEqual({ expected: 5, found: 3, missing: 2, unexpected: 1, scans: 6, duplicates: 2, counters: 2, resolved: 0, open: 3 });
  });

  it('a registered asset not expected here is unexpected; a code the counting device did not know is matched now', () => {
    const elsewhere = anAsset({ assetCode: 'AS-999', siteId: other });
    const index = assetIndex([...assets, elsewhere]);
    const r = stocktakeResult({
      expected,
      region: 'cn-east',
      counts: [count(elsewhere.id, 'tech'), count('', 'tech', 'as-000004')],
      resolutions: [],
      lookup: (code) => index.match(code).assetId,
    });
    expect(r.unexpected.map((u) => u.assetId)).toEqual([elsewhere.id]);
    expect(r.found.map((f) => f.assetId)).toEqual([assets[4]!.id]);
  });

  it('the latest resolution of a discrepancy holds; counts of another region are kept out', () => {
    const gone = assets[0]!.id;
    const r = stocktakeResult({
      expected,
      region: 'cn-east',
      counts: [count(assets[1]!.id, 'tech', 'X', 'eu-central')],
      resolutions: [
        aStocktakeResolution({ ref2: gone, status: 'moved', body: { at: '2026-03-03T00:00:00.000Z', note: 'old' } }),
        aStocktakeResolution({ ref2: gone, status: 'missing', body: { at: '2026-03-04T00:00:00.000Z', note: 'not on site' } }),
      ],
    });
    expect(r.ignored).toBe(1);
    expect(r.totals.found).toBe(0);
    expect(r.missing.find((m) => m.assetId === gone)?.resolution).toMatchObject({ resolution: 'missing', note: 'not on site' });
    expect(r.totals).toMatchObject({ resolved: 1, open: 4 });
  });
});

describe('matching and scope', () => {
  it('finds an asset by code, RFID or serial, case-blind; nothing for an unknown code', () => {
    const index = assetIndex(assets);
    expect(index.match(' as-000002 ')).toEqual({ assetId: assets[2]!.id, matchedBy: 'code' });
    expect(index.match('e2003')).toEqual({ assetId: assets[3]!.id, matchedBy: 'rfid' });
    expect(index.match('SN1')).toEqual({ assetId: assets[1]!.id, matchedBy: 'serial' });
    expect(index.match('nothing')).toEqual({ assetId: null, matchedBy: 'none' });
    expect(normaliseCode('  ab ')).toBe('AB');
  });

  it('expects the assets in service or spare of the site or region, by code', () => {
    const retired = anAsset({ assetCode: 'AS-000100', siteId: site, status: 'retired' });
    const spare = anAsset({ assetCode: 'AS-000000A', siteId: site, status: 'spare' });
    const away = anAsset({ assetCode: 'AS-000200', siteId: other });
    const all = [retired, away, spare, ...assets];
    expect(expectedAssets(all, { scope: 'site', siteId: site }, () => 'cn-east').map((a) => a.assetCode)).toEqual(['AS-000000', 'AS-000000A', 'AS-000001', 'AS-000002', 'AS-000003', 'AS-000004']);
    expect(expectedAssets(all, { scope: 'region', region: 'eu-central' }, (s) => (s === other ? 'eu-central' : 'cn-east'))).toEqual([away]);
  });

  it('offers the resolutions that fit a discrepancy', () => {
    expect(resolutionsFor({ kind: 'missing' })).toContain('missing');
    expect(resolutionsFor({ kind: 'unexpected', known: false })).toEqual(['new', 'wrong_data']);
    expect(resolutionsFor({ kind: 'unexpected', known: true })).toContain('moved');
  });
});

describe('record kinds', () => {
  it('the builders are valid records; a 500-character code or an update of a count field out of bounds is refused', () => {
    for (const r of [aStocktake(), aStocktakeCount(), aStocktakeResolution()]) expect(recordSchema.safeParse(r).success).toBe(true);
    const long = recordSchema.safeParse(aStocktakeCount({ body: { scannedCode: 'A'.repeat(500) } }));
    expect(long.success).toBe(false);
    expect(JSON.stringify(long.error?.issues[0]?.path)).toContain('scannedCode');
    expect(recordSchema.safeParse(aStocktake({ body: { expected: Array.from({ length: 5001 }, () => newId()) } })).success).toBe(false);
  });
});
