/**
 * What the stocktake services read from the local store: the stocktake, its counts and
 * resolutions (all from `records`), the register (assets), sites and people's names, and the
 * signed-in user with their region, so main refuses what the server would refuse.
 */
import {
  assetIndex,
  stocktakeResult,
  type AssetIndex,
  type StocktakeResult,
} from '../../../shared/domain/stocktake';
import type { Asset, Customer, Person, Team } from '../../../shared/schema';
import type {
  StocktakeCountRecord,
  StocktakeRecord,
  StocktakeResolutionRecord,
} from '../../../shared/schema/records';
import type { SessionUser } from '../../../shared/sync/protocol';
import type { CimsDatabase } from '../../db/open';
import { DomainError } from '../../core/errors';

export interface StocktakeViewer {
  id: string;
  roles: string[];
  region: string | null;
  teamRegion: string | null;
}

export const isAssetManager = (v: StocktakeViewer | null): boolean =>
  !!v && (v.roles.includes('admin') || v.roles.includes('manager'));

/** The server's rule (server/access/records/stocktake.ts): field staff of the region, or asset managers. */
export const countsIn = (v: StocktakeViewer | null, region: string): boolean =>
  !!v &&
  (isAssetManager(v) ||
    ((v.roles.includes('technician') || v.roles.includes('engineer')) &&
      (v.region === region || v.teamRegion === region)));

export const viewerFrom = async (
  db: CimsDatabase,
  user: SessionUser | null,
): Promise<StocktakeViewer | null> => {
  if (!user) return null;
  const person = (await db.people.findOne(user.id).exec())?.toJSON() as Person | undefined;
  const teamId = user.teamId ?? person?.teamId ?? null;
  const team = teamId ? ((await db.teams.findOne(teamId).exec())?.toJSON() as Team | undefined) : undefined;
  return { id: user.id, roles: user.roles, region: person?.region ?? null, teamRegion: team?.region ?? null };
};

export interface SiteFacts {
  customerId: string;
  customerName: string;
  siteName: string;
  region: string;
}

export const createStocktakeStore = (db: CimsDatabase) => {
  // The register's index is rebuilt only when assets change: a scanner sends a scan every second.
  let index: { at: number; value: AssetIndex; assets: Map<string, Asset> } | null = null;
  let assetsChanged = 0;
  const sub = db.assets.$.subscribe(() => assetsChanged++);

  const assets = async () => {
    if (index?.at !== assetsChanged) {
      const at = assetsChanged;
      const all = (await db.assets.find().exec()).map((d) => d.toJSON() as Asset);
      index = { at, value: assetIndex(all), assets: new Map(all.map((a) => [a.id, a])) };
    }
    return index;
  };

  const sites = async (): Promise<Map<string, SiteFacts>> => {
    const customers = (await db.customers.find().exec()).map((d) => d.toJSON() as Customer);
    return new Map(
      customers.flatMap((c) =>
        c.sites.map(
          (s) =>
            [
              s.id,
              {
                customerId: c.id,
                customerName: c.nameZh ? `${c.name} / ${c.nameZh}` : c.name,
                siteName: s.name,
                region: s.region,
              },
            ] as const,
        ),
      ),
    );
  };

  const stocktake = async (id: string): Promise<StocktakeRecord> => {
    const doc = await db.records.findOne(id).exec();
    const r = doc?.toJSON() as StocktakeRecord | undefined;
    if (!r || r.kind !== 'stocktake') throw new DomainError('NOT_FOUND', 'No such stocktake');
    return r;
  };

  const counts = async (stocktakeId: string) =>
    (await db.records.find({ selector: { kind: 'stocktakeCount', ref: stocktakeId } }).exec()).map(
      (d) => d.toJSON() as StocktakeCountRecord,
    );
  const resolutions = async (stocktakeId: string) =>
    (await db.records.find({ selector: { kind: 'stocktakeResolution', ref: stocktakeId } }).exec()).map(
      (d) => d.toJSON() as StocktakeResolutionRecord,
    );

  const names = async (): Promise<Map<string, string>> =>
    new Map((await db.people.find().exec()).map((d) => [d.id, (d.toJSON() as Person).displayName]));

  /** The live result of a stocktake: a pure function of its counts (shared/domain/stocktake.ts). */
  const result = async (
    st: StocktakeRecord,
  ): Promise<{ result: StocktakeResult; counts: StocktakeCountRecord[] }> => {
    const [all, res, reg] = await Promise.all([counts(st.id), resolutions(st.id), assets()]);
    return {
      result: stocktakeResult({
        expected: st.body.expected,
        region: st.body.region,
        counts: all,
        resolutions: res,
        lookup: (code) => reg.value.match(code).assetId,
      }),
      counts: all,
    };
  };

  return { assets, sites, stocktake, counts, resolutions, names, result, close: () => sub.unsubscribe() };
};
export type StocktakeStore = ReturnType<typeof createStocktakeStore>;
