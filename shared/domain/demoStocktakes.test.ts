import { describe, expect, it } from 'vitest';
import { recordSchema, type StocktakeCountRecord, type StocktakeRecord, type StocktakeResolutionRecord } from '../schema/records';
import { generateDemoData } from './demo';
import { stocktakeResult } from './stocktake';

describe('demo stocktake', () => {
  it('is a valid closed stocktake whose kept figures are what its counts give', () => {
    const { records } = generateDemoData({ tickets: 20 });
    for (const r of records) expect(recordSchema.safeParse(r).success).toBe(true);
    const st = records.find((r): r is StocktakeRecord => r.kind === 'stocktake')!;
    const counts = records.filter((r): r is StocktakeCountRecord => r.kind === 'stocktakeCount' && r.ref === st.id);
    const resolutions = records.filter((r): r is StocktakeResolutionRecord => r.kind === 'stocktakeResolution' && r.ref === st.id);
    const result = stocktakeResult({ expected: st.body.expected, region: st.body.region, counts, resolutions });
    expect(st.status).toBe('closed');
    expect(st.body.closedResult).toEqual({ expected: result.totals.expected, found: result.totals.found, missing: result.totals.missing, unexpected: result.totals.unexpected, scans: result.totals.scans });
    expect(result.totals.open).toBe(0);
  });
});
