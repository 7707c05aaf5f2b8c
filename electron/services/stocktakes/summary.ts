import type {
  AssetLine,
  ResolutionView,
  StocktakeSummary,
  UnexpectedLine,
} from '../../../shared/api/stocktakes';
import type { StocktakeResult } from '../../../shared/domain/stocktake';
import type { Asset } from '../../../shared/schema';
import type { StocktakeRecord } from '../../../shared/schema/records';
import type { SiteFacts } from './store';

export const summaryOf = (
  st: StocktakeRecord,
  r: StocktakeResult,
  sites: Map<string, SiteFacts>,
): StocktakeSummary => {
  const site = st.body.siteId ? sites.get(st.body.siteId) : undefined;
  return {
    id: st.id,
    title: st.body.title,
    status: st.status,
    scope: st.body.scope,
    region: st.body.region,
    customerName: site?.customerName ?? null,
    siteName: site?.siteName ?? null,
    openedBy: st.body.openedBy,
    openedAt: st.body.openedAt,
    closedAt: st.body.closedAt,
    expected: r.totals.expected,
    found: r.totals.found,
    missing: r.totals.missing,
    unexpected: r.totals.unexpected,
    open: r.totals.open,
  };
};

/** The lines of a result with the register's facts and people's names, as the screens and the export show them. */
export const resultLines = (
  st: StocktakeRecord,
  r: StocktakeResult,
  assets: Map<string, Asset>,
  sites: Map<string, SiteFacts>,
  names: Map<string, string>,
) => {
  const name = (id: string) => names.get(id) ?? id.slice(0, 8);
  const resolution = (v: StocktakeResult['missing'][number]['resolution']): ResolutionView | null =>
    v ? { ...v, by: name(v.by) } : null;
  const assetFacts = (id: string): Omit<AssetLine, 'scans' | 'countedBy' | 'resolution'> => {
    const a = assets.get(id);
    const elsewhere = a && a.siteId !== st.body.siteId ? (sites.get(a.siteId)?.siteName ?? null) : null;
    return {
      assetId: id,
      assetCode: a?.assetCode ?? id.slice(0, 8),
      serial: a?.serial ?? '',
      model: a?.model ?? '',
      kind: a?.kind ?? null,
      registeredAt: st.body.scope === 'site' ? elsewhere : null,
    };
  };
  const byCode = (x: { assetCode: string }, y: { assetCode: string }) =>
    x.assetCode.localeCompare(y.assetCode);
  const found: AssetLine[] = r.found
    .map((f) => ({
      ...assetFacts(f.assetId),
      scans: f.scans,
      countedBy: f.countedBy.map(name),
      resolution: resolution(f.resolution),
    }))
    .sort(byCode);
  const missing: AssetLine[] = r.missing
    .map((m) => ({ ...assetFacts(m.assetId), scans: 0, countedBy: [], resolution: resolution(m.resolution) }))
    .sort(byCode);
  const unexpected: UnexpectedLine[] = r.unexpected.map((u) => ({
    key: u.key,
    scannedCode: u.scannedCode,
    asset: u.assetId ? assetFacts(u.assetId) : null,
    scans: u.scans,
    countedBy: u.countedBy.map(name),
    resolution: resolution(u.resolution),
  }));
  return { found, missing, unexpected };
};
