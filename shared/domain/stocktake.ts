/**
 * Stocktake rules (DOMAIN.md, "Stocktake and customer property"; seed 清查盘点): which assets a
 * stocktake expects, how a scanned code finds its asset, and the live result — expected,
 * found, unexpected, missing — as a pure function of the counts. Counts are never summed into
 * a stored number (RELIABILITY D5): two technicians' scans are all kept and the result is
 * computed from them, a duplicate scan counting once.
 */
import type { Asset } from '../schema/assets';
import type { MatchedBy, Resolution } from '../schema/records/stocktake';

/** Asset states a stocktake expects to find on site (DOMAIN.md: in service or spare). */
export const EXPECTED_STATUSES: readonly Asset['status'][] = ['in_service', 'spare'];

export type StocktakeScope = { scope: 'site'; siteId: string } | { scope: 'region'; region: string };
type AssetKeys = Pick<Asset, 'id' | 'assetCode' | 'serial' | 'rfidTag' | 'siteId' | 'status'>;

/** Scanners send codes in either case and with stray spaces; the register is matched case-blind. */
export const normaliseCode = (code: string): string => code.trim().toUpperCase();

/** The assets a new stocktake expects: those registered in its scope, in service or spare, by asset code. */
export function expectedAssets<A extends AssetKeys>(assets: readonly A[], scope: StocktakeScope, siteRegion: (siteId: string) => string | null): A[] {
  const inScope = (a: A) => (scope.scope === 'site' ? a.siteId === scope.siteId : siteRegion(a.siteId) === scope.region);
  return assets.filter((a) => inScope(a) && EXPECTED_STATUSES.includes(a.status)).sort((x, y) => x.assetCode.localeCompare(y.assetCode));
}

export interface AssetIndex {
  match(code: string): { assetId: string | null; matchedBy: MatchedBy };
}

/** Looks a scanned code up by asset code, then RFID tag, then serial number. */
export function assetIndex(assets: readonly AssetKeys[]): AssetIndex {
  const byCode = new Map<string, string>();
  const byRfid = new Map<string, string>();
  const bySerial = new Map<string, string>();
  for (const a of assets) {
    byCode.set(normaliseCode(a.assetCode), a.id);
    if (a.rfidTag.trim() !== '') byRfid.set(normaliseCode(a.rfidTag), a.id);
    bySerial.set(normaliseCode(a.serial), a.id);
  }
  return {
    match(code) {
      const key = normaliseCode(code);
      const hit = (map: Map<string, string>, matchedBy: MatchedBy) => (map.has(key) ? { assetId: map.get(key)!, matchedBy } : null);
      return hit(byCode, 'code') ?? hit(byRfid, 'rfid') ?? hit(bySerial, 'serial') ?? { assetId: null, matchedBy: 'none' };
    },
  };
}

export interface CountInput {
  id: string;
  /** The asset the counting device matched, '' when the code matched none there. */
  ref2: string;
  body: { scannedCode: string; countedBy: string; at: string; region: string };
}
export interface ResolutionInput {
  id: string;
  ref2: string;
  status: Resolution;
  body: { note: string; by: string; at: string };
}
export interface ResolutionView {
  resolution: Resolution;
  note: string;
  by: string;
  at: string;
}
export interface FoundLine {
  assetId: string;
  scans: number;
  countedBy: string[];
  firstAt: string;
  resolution: ResolutionView | null;
}
export interface MissingLine {
  assetId: string;
  resolution: ResolutionView | null;
}
export interface UnexpectedLine {
  /** The asset id, or the normalised code of an unknown one: what a resolution refers to. */
  key: string;
  assetId: string | null;
  scannedCode: string;
  scans: number;
  countedBy: string[];
  firstAt: string;
  resolution: ResolutionView | null;
}
export interface StocktakeResult {
  found: FoundLine[];
  missing: MissingLine[];
  unexpected: UnexpectedLine[];
  totals: {
    expected: number;
    found: number;
    missing: number;
    unexpected: number;
    /** Every scan kept, duplicates included. */
    scans: number;
    /** Scans of something already scanned (by anyone). */
    duplicates: number;
    /** People who counted. */
    counters: number;
    /** Discrepancies (missing and unexpected) with a resolution / without one. */
    resolved: number;
    open: number;
  };
  /** Counts that name another region than the stocktake's: kept, never counted. */
  ignored: number;
}

const latestResolutions = (resolutions: readonly ResolutionInput[]): Map<string, ResolutionView> => {
  const latest = new Map<string, ResolutionInput>();
  for (const r of resolutions) {
    const prev = latest.get(r.ref2);
    if (!prev || r.body.at > prev.body.at || (r.body.at === prev.body.at && r.id > prev.id)) latest.set(r.ref2, r);
  }
  return new Map([...latest].map(([k, r]) => [k, { resolution: r.status, note: r.body.note, by: r.body.by, at: r.body.at }]));
};

/**
 * The result of a stocktake from every count kept. `lookup` finds an asset for a code the
 * counting device could not match (its register may have been older than this one's).
 */
export function stocktakeResult(input: {
  expected: readonly string[];
  region: string;
  counts: readonly CountInput[];
  resolutions: readonly ResolutionInput[];
  lookup?: (code: string) => string | null;
}): StocktakeResult {
  const expected = new Set(input.expected);
  const resolutions = latestResolutions(input.resolutions);
  const groups = new Map<string, { assetId: string | null; scannedCode: string; scans: number; countedBy: Set<string>; firstAt: string }>();
  const counters = new Set<string>();
  let ignored = 0;
  let scans = 0;
  // Counts in time order, so "first" and the code shown are the first scan's.
  const counts = [...input.counts].sort((x, y) => (x.body.at === y.body.at ? x.id.localeCompare(y.id) : x.body.at < y.body.at ? -1 : 1));
  for (const c of counts) {
    if (c.body.region !== input.region) {
      ignored++;
      continue;
    }
    scans++;
    counters.add(c.body.countedBy);
    const assetId = c.ref2 !== '' ? c.ref2 : (input.lookup?.(c.body.scannedCode) ?? null);
    const key = assetId ?? normaliseCode(c.body.scannedCode);
    const g = groups.get(key) ?? { assetId, scannedCode: c.body.scannedCode, scans: 0, countedBy: new Set<string>(), firstAt: c.body.at };
    g.scans++;
    g.countedBy.add(c.body.countedBy);
    groups.set(key, g);
  }
  const found: FoundLine[] = [];
  const unexpected: UnexpectedLine[] = [];
  for (const [key, g] of groups) {
    const countedBy = [...g.countedBy].sort();
    if (g.assetId !== null && expected.has(g.assetId)) found.push({ assetId: g.assetId, scans: g.scans, countedBy, firstAt: g.firstAt, resolution: resolutions.get(key) ?? null });
    else unexpected.push({ key, assetId: g.assetId, scannedCode: g.scannedCode, scans: g.scans, countedBy, firstAt: g.firstAt, resolution: resolutions.get(key) ?? null });
  }
  const seen = new Set(found.map((f) => f.assetId));
  const missing: MissingLine[] = input.expected.filter((id) => !seen.has(id)).map((assetId) => ({ assetId, resolution: resolutions.get(assetId) ?? null }));
  const discrepancies = [...missing, ...unexpected];
  const resolved = discrepancies.filter((d) => d.resolution !== null).length;
  return {
    found,
    missing,
    unexpected,
    totals: {
      expected: expected.size,
      found: found.length,
      missing: missing.length,
      unexpected: unexpected.length,
      scans,
      duplicates: scans - groups.size,
      counters: counters.size,
      resolved,
      open: discrepancies.length - resolved,
    },
    ignored,
  };
}

/** Which resolutions fit a discrepancy: a missing asset was moved away or is missing; a scan was moved here, is new, or its data is wrong. */
export function resolutionsFor(line: { kind: 'missing' } | { kind: 'unexpected'; known: boolean }): Resolution[] {
  if (line.kind === 'missing') return ['missing', 'moved', 'wrong_data'];
  return line.known ? ['moved', 'wrong_data'] : ['new', 'wrong_data'];
}
