/**
 * Stocktake commands of the main process. Each checks the rule the server enforces
 * (server/access/records/stocktake.ts) before it writes, and writes records that pass the
 * shared schema, to the local store first: counting works offline and syncs later.
 */
import type { z } from 'zod';
import type {
  exportInput,
  openStocktakeInput,
  resolveInput,
  scanInput,
  ScanResult,
  StocktakeSummary,
} from '../../../shared/api/stocktakes';
import { expectedAssets, resolutionsFor } from '../../../shared/domain/stocktake';
import {
  recordSchema,
  STOCKTAKE_MAX_EXPECTED,
  type CimsRecord,
  type StocktakeRecord,
} from '../../../shared/schema/records';
import type { CimsDatabase } from '../../db/open';
import { DomainError } from '../../core/errors';
import { newId } from '../../core/settings';
import { moveAssetToSite } from './assets';
import { stocktakeExport } from './export';
import { summaryOf } from './summary';
import { countsIn, isAssetManager, type StocktakeStore, type StocktakeViewer } from './store';

type Input<S extends z.ZodType> = z.output<S>;

const checked = <R extends CimsRecord>(record: R): R => {
  const r = recordSchema.safeParse(record);
  if (!r.success)
    throw new DomainError(
      'VALIDATION_FAILED',
      `records: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return record;
};

export interface StocktakeCommandDeps {
  db: CimsDatabase;
  store: StocktakeStore;
  viewer: () => Promise<StocktakeViewer | null>;
  deviceId: () => string;
  clock?: () => Date;
}

export const createStocktakeCommands = ({
  db,
  store,
  viewer,
  deviceId,
  clock = () => new Date(),
}: StocktakeCommandDeps) => {
  const me = async (): Promise<StocktakeViewer> => {
    const v = await viewer();
    if (!v) throw new DomainError('UNAUTHORIZED', 'Sign in to work on stocktakes');
    return v;
  };
  const manager = async () => {
    const v = await me();
    if (!isAssetManager(v))
      throw new DomainError('FORBIDDEN', 'Stocktakes are opened, resolved and closed by asset managers');
    return v;
  };
  const save = async (st: StocktakeRecord, patch: Partial<StocktakeRecord>): Promise<StocktakeSummary> => {
    const next = checked({ ...st, ...patch, updatedAt: clock().toISOString() });
    await db.records.upsert(next);
    return summaryOf(next, (await store.result(next)).result, await store.sites());
  };

  return {
    /** An asset manager opens a stocktake; it expects what the register holds in its scope now. */
    async open(input: Input<typeof openStocktakeInput>): Promise<StocktakeSummary> {
      const v = await manager();
      const sites = await store.sites();
      const { assets } = await store.assets();
      const now = clock().toISOString();
      const site = input.scope === 'site' ? sites.get(input.siteId) : undefined;
      if (input.scope === 'site' && (!site || site.customerId !== input.customerId))
        throw new DomainError('NOT_FOUND', 'No such site');
      const region = input.scope === 'site' ? site!.region : input.region;
      const expected = expectedAssets(
        [...assets.values()],
        input.scope === 'site' ? { scope: 'site', siteId: input.siteId } : { scope: 'region', region },
        (id) => sites.get(id)?.region ?? null,
      );
      if (expected.length > STOCKTAKE_MAX_EXPECTED) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `The scope holds ${expected.length} assets; a stocktake takes at most ${STOCKTAKE_MAX_EXPECTED}`,
          [{ path: 'scope', code: 'too_big', message: 'validation.scopeTooBig' }],
        );
      }
      const defaultTitle = site ? `${site.siteName} ${now.slice(0, 10)}` : `${region} ${now.slice(0, 10)}`;
      const st = checked({
        id: newId(),
        createdAt: now,
        updatedAt: now,
        kind: 'stocktake',
        ref: input.scope === 'site' ? input.siteId : `region:${region}`,
        ref2: input.scope === 'site' ? input.customerId : '',
        status: 'counting',
        body: {
          title: input.title || defaultTitle,
          scope: input.scope,
          region,
          customerId: input.scope === 'site' ? input.customerId : null,
          siteId: input.scope === 'site' ? input.siteId : null,
          expected: expected.map((a) => a.id),
          openedBy: v.id,
          openedAt: now,
          countingEndedAt: null,
          closedBy: null,
          closedAt: null,
          closedResult: null,
        },
      } satisfies StocktakeRecord);
      await db.records.insert(st);
      return summaryOf(st, (await store.result(st)).result, sites);
    },

    /**
     * One scan: kept as its own record whatever it matched. An unknown code is recorded as
     * unexpected, never dropped; a repeated scan is kept and counted once in the result.
     */
    async scan(input: Input<typeof scanInput>): Promise<ScanResult> {
      const v = await me();
      const st = await store.stocktake(input.stocktakeId);
      if (!countsIn(v, st.body.region))
        throw new DomainError('FORBIDDEN', 'Counts come from field staff of the stocktake’s region');
      if (st.status !== 'counting') throw new DomainError('CONFLICT', 'Counting of this stocktake has ended');
      const reg = await store.assets();
      const match = reg.value.match(input.code);
      const before = (await store.result(st)).result;
      const now = clock().toISOString();
      await db.records.insert(
        checked({
          id: newId(),
          createdAt: now,
          updatedAt: now,
          kind: 'stocktakeCount',
          ref: st.id,
          ref2: match.assetId ?? '',
          status: '',
          body: {
            scannedCode: input.code,
            matchedBy: match.matchedBy,
            region: st.body.region,
            countedBy: v.id,
            at: now,
            deviceId: deviceId(),
          },
        }),
      );
      const assetCode = match.assetId ? (reg.assets.get(match.assetId)?.assetCode ?? null) : null;
      if (match.assetId === null) return { outcome: 'unknown', scannedCode: input.code, assetCode };
      const seen =
        before.found.some((f) => f.assetId === match.assetId) ||
        before.unexpected.some((u) => u.assetId === match.assetId);
      const outcome = seen ? 'duplicate' : st.body.expected.includes(match.assetId) ? 'found' : 'unexpected';
      return { outcome, scannedCode: input.code, assetCode };
    },

    /** Counting ends; the discrepancies go to reconciliation. */
    async endCounting(input: { stocktakeId: string }): Promise<StocktakeSummary> {
      await manager();
      const st = await store.stocktake(input.stocktakeId);
      if (st.status !== 'counting') throw new DomainError('CONFLICT', 'Counting has ended already');
      return save(st, {
        status: 'reconciling',
        body: { ...st.body, countingEndedAt: clock().toISOString() },
      });
    },

    /** The asset manager's decision on one discrepancy (or a found asset whose data is wrong). */
    async resolve(input: Input<typeof resolveInput>): Promise<{ assetUpdated: boolean }> {
      const v = await manager();
      const st = await store.stocktake(input.stocktakeId);
      if (st.status === 'closed') throw new DomainError('CONFLICT', 'The stocktake is closed');
      const { result } = await store.result(st);
      const missing = result.missing.find((m) => m.assetId === input.key);
      const unexpected = result.unexpected.find((u) => u.key === input.key);
      const found = result.found.find((f) => f.assetId === input.key);
      const allowed = missing
        ? resolutionsFor({ kind: 'missing' })
        : unexpected
          ? resolutionsFor({ kind: 'unexpected', known: unexpected.assetId !== null })
          : found
            ? ['wrong_data']
            : [];
      if (allowed.length === 0) throw new DomainError('NOT_FOUND', 'Nothing of this stocktake has that key');
      if (!allowed.includes(input.resolution)) {
        throw new DomainError('VALIDATION_FAILED', `${input.resolution} does not fit this line`, [
          { path: 'resolution', code: 'invalid', message: 'validation.resolutionDoesNotFit' },
        ]);
      }
      const now = clock().toISOString();
      // An asset registered elsewhere and found here moved here: the register follows (assets.ts).
      const moveHere =
        input.resolution === 'moved' && unexpected?.assetId && st.body.siteId && st.body.customerId;
      const assetUpdated = moveHere
        ? await moveAssetToSite(
            db,
            unexpected.assetId!,
            { customerId: st.body.customerId!, siteId: st.body.siteId! },
            now,
          )
        : false;
      // One resolution record per line, revised in place by the asset managers.
      const existing = await db.records
        .findOne({ selector: { kind: 'stocktakeResolution', ref: st.id, ref2: input.key } })
        .exec();
      const record = checked({
        id: existing?.id ?? newId(),
        createdAt: existing ? String(existing.get('createdAt')) : now,
        updatedAt: now,
        kind: 'stocktakeResolution',
        ref: st.id,
        ref2: input.key,
        status: input.resolution,
        body: { note: input.note, by: v.id, at: now, assetUpdated },
      });
      await db.records.upsert(record);
      return { assetUpdated };
    },

    /** Closes the stocktake, keeping its figures; every discrepancy must be resolved first. */
    async close(input: { stocktakeId: string }): Promise<StocktakeSummary> {
      const v = await manager();
      const st = await store.stocktake(input.stocktakeId);
      if (st.status === 'closed') throw new DomainError('CONFLICT', 'The stocktake is closed already');
      const { result } = await store.result(st);
      if (result.totals.open > 0)
        throw new DomainError('CONFLICT', `${result.totals.open} discrepancies are not resolved`);
      const now = clock().toISOString();
      const t = result.totals;
      return save(st, {
        status: 'closed',
        body: {
          ...st.body,
          countingEndedAt: st.body.countingEndedAt ?? now,
          closedBy: v.id,
          closedAt: now,
          closedResult: {
            expected: t.expected,
            found: t.found,
            missing: t.missing,
            unexpected: t.unexpected,
            scans: t.scans,
          },
        },
      });
    },

    async export(input: Input<typeof exportInput>) {
      await me();
      return stocktakeExport(store, await store.stocktake(input.stocktakeId), input.format);
    },
  };
};
export type StocktakeCommands = ReturnType<typeof createStocktakeCommands>;
