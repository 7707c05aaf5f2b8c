/**
 * Stocktake live queries: the list, one stocktake's live result and the scopes an asset
 * manager may open one for. Each re-emits after every change of records, assets, customers,
 * people or the signed-in user: a count synced from the other technician shows at once.
 */
import { combineLatest, debounceTime, map, merge, of, type Observable } from 'rxjs';
import type {
  RecentScan,
  ScopeOptions,
  StocktakeSummary,
  StocktakeView,
} from '../../../shared/api/stocktakes';
import { EXPECTED_STATUSES, normaliseCode } from '../../../shared/domain/stocktake';
import type { StocktakeRecord } from '../../../shared/schema/records';
import type { CimsDatabase } from '../../db/open';
import { recordChanges$ } from '../../db/record-changes';
import { liveFrom, type Emit, type OnError } from '../../core/live';
import { resultLines, summaryOf } from './summary';
import { countsIn, isAssetManager, type StocktakeStore, type StocktakeViewer } from './store';

const RECENT = 8;

export const createStocktakeQueries = (
  db: CimsDatabase,
  store: StocktakeStore,
  viewer$: Observable<StocktakeViewer | null>,
) => {
  const tick = <T>(o: Observable<T>) => o.pipe(map(() => null));
  const changes$ = merge(
    of(null),
    tick(recordChanges$(db, ['stocktake', 'stocktakeCount', 'stocktakeResolution'])),
    tick(db.assets.$),
    tick(db.customers.$),
    tick(db.people.$),
  ).pipe(debounceTime(30));
  const watch = <R>(
    compute: (viewer: StocktakeViewer | null) => Promise<R>,
    emit: Emit<R>,
    onError: OnError,
  ) => liveFrom(combineLatest([viewer$, changes$]), ([viewer]) => compute(viewer), emit, onError);

  const list = async (
    viewer: StocktakeViewer | null,
  ): Promise<{ rows: StocktakeSummary[]; canOpen: boolean }> => {
    if (!viewer) return { rows: [], canOpen: false };
    const docs = await db.records
      .find({ selector: { kind: 'stocktake' }, sort: [{ updatedAt: 'desc' }] })
      .exec();
    const sites = await store.sites();
    const rows = await Promise.all(
      docs.map(async (d) => {
        const st = d.toJSON() as StocktakeRecord;
        return summaryOf(st, (await store.result(st)).result, sites);
      }),
    );
    // Open ones first, newest first within each.
    rows.sort(
      (x, y) =>
        Number(x.status === 'closed') - Number(y.status === 'closed') || y.openedAt.localeCompare(x.openedAt),
    );
    return { rows, canOpen: isAssetManager(viewer) };
  };

  const detail = async (viewer: StocktakeViewer | null, id: string): Promise<StocktakeView | null> => {
    if (!viewer) return null;
    const st = await store.stocktake(id).catch(() => null);
    if (!st) return null;
    const [{ result, counts }, reg, sites, names] = await Promise.all([
      store.result(st),
      store.assets(),
      store.sites(),
      store.names(),
    ]);
    const lines = resultLines(st, result, reg.assets, sites, names);
    // Each recent scan's outcome as the result sees it now (a duplicate is a later scan of the same thing).
    const firstOf = new Map<string, string>();
    const ordered = [...counts].sort((x, y) =>
      x.body.at === y.body.at ? x.id.localeCompare(y.id) : x.body.at < y.body.at ? -1 : 1,
    );
    const expected = new Set(st.body.expected);
    const recent: RecentScan[] = ordered.map((c) => {
      const assetId = c.ref2 !== '' ? c.ref2 : reg.value.match(c.body.scannedCode).assetId;
      const key = assetId ?? normaliseCode(c.body.scannedCode);
      const duplicate = firstOf.has(key);
      if (!duplicate) firstOf.set(key, c.id);
      const outcome = duplicate
        ? 'duplicate'
        : assetId === null
          ? 'unknown'
          : expected.has(assetId)
            ? 'found'
            : 'unexpected';
      return {
        id: c.id,
        scannedCode: c.body.scannedCode,
        assetCode: assetId ? (reg.assets.get(assetId)?.assetCode ?? null) : null,
        outcome,
        by: names.get(c.body.countedBy) ?? c.body.countedBy.slice(0, 8),
        at: c.body.at,
      };
    });
    return {
      summary: summaryOf(st, result, sites),
      totals: result.totals,
      ...lines,
      recent: recent.reverse().slice(0, RECENT),
      can: {
        count: st.status === 'counting' && countsIn(viewer, st.body.region),
        manage: isAssetManager(viewer) && st.status !== 'closed',
      },
    };
  };

  const scopes = async (viewer: StocktakeViewer | null): Promise<ScopeOptions> => {
    if (!isAssetManager(viewer)) return { sites: [], regions: [] };
    const [sites, reg] = await Promise.all([store.sites(), store.assets()]);
    const all = [...reg.assets.values()];
    const regionOf = (siteId: string) => sites.get(siteId)?.region ?? null;
    const perSite = new Map<string, number>();
    const perRegion = new Map<string, number>();
    for (const a of all.filter((x) => EXPECTED_STATUSES.includes(x.status))) {
      perSite.set(a.siteId, (perSite.get(a.siteId) ?? 0) + 1);
      const region = regionOf(a.siteId);
      if (region) perRegion.set(region, (perRegion.get(region) ?? 0) + 1);
    }
    return {
      sites: [...sites]
        .map(([siteId, s]) => ({
          customerId: s.customerId,
          customerName: s.customerName,
          siteId,
          siteName: s.siteName,
          region: s.region,
          assets: perSite.get(siteId) ?? 0,
        }))
        .sort((x, y) => x.customerName.localeCompare(y.customerName) || x.siteName.localeCompare(y.siteName)),
      regions: [...new Set([...sites.values()].map((s) => s.region))]
        .sort()
        .map((region) => ({ region, assets: perRegion.get(region) ?? 0 })),
    };
  };

  return {
    watchList: (emit: Emit<{ rows: StocktakeSummary[]; canOpen: boolean }>, onError: OnError) =>
      watch(list, emit, onError),
    watchDetail: (id: string, emit: Emit<StocktakeView | null>, onError: OnError) =>
      watch((v) => detail(v, id), emit, onError),
    watchScopes: (emit: Emit<ScopeOptions>, onError: OnError) => watch(scopes, emit, onError),
  };
};
