import { z } from 'zod';
import type { AssetKind } from '../schema/enums';
import { RESOLUTIONS, SCANNED_CODE_LENGTH, type Resolution, type StocktakeStatus } from '../schema/records/stocktake';
import { command, liveQuery, slice } from './define';

/**
 * Stocktakes (UI.md: #/stocktakes, #/stocktakes/:id; seed 清查盘点). An asset manager opens one
 * for a site or a region, field staff count it by scanning (offline too: every scan is a record
 * of the local store, synced later), the asset manager resolves each discrepancy and closes it.
 * Validation messages are i18n keys of the `stocktakes` namespace.
 */
export const resolutions = RESOLUTIONS;
export { SCANNED_CODE_LENGTH };

const docId = z.string().trim().min(1).max(64);
const title = z.string().trim().max(200, 'validation.titleTooLong');

export const openStocktakeInput = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('site'), customerId: docId, siteId: docId, title }).strict(),
  z.object({ scope: z.literal('region'), region: z.string().trim().min(1, 'validation.regionRequired').max(40), title }).strict(),
]);
export type OpenStocktakeInput = z.input<typeof openStocktakeInput>;

/** One scan as a scanner types it (fast keystrokes ending in Enter). */
export const scanInput = z
  .object({
    stocktakeId: docId,
    code: z.string().trim().min(1, 'validation.codeEmpty').max(SCANNED_CODE_LENGTH, 'validation.codeTooLong'),
  })
  .strict();

export const resolveInput = z
  .object({
    stocktakeId: docId,
    /** The asset id, or the code of an unknown asset, as the result names it. */
    key: z.string().trim().min(1).max(SCANNED_CODE_LENGTH),
    resolution: z.enum(RESOLUTIONS),
    note: z.string().max(2000, 'validation.noteTooLong').default(''),
  })
  .strict();

export const exportInput = z.object({ stocktakeId: docId, format: z.enum(['csv', 'xlsx']) }).strict();

export interface StocktakeSummary {
  id: string;
  title: string;
  status: StocktakeStatus;
  scope: 'site' | 'region';
  region: string;
  customerName: string | null;
  siteName: string | null;
  openedBy: string;
  openedAt: string;
  closedAt: string | null;
  expected: number;
  found: number;
  missing: number;
  unexpected: number;
  /** Discrepancies without a resolution. */
  open: number;
}

export interface ResolutionView {
  resolution: Resolution;
  note: string;
  by: string;
  at: string;
}

/** An asset of the register as a stocktake line shows it. */
export interface AssetLine {
  assetId: string;
  assetCode: string;
  serial: string;
  model: string;
  kind: AssetKind | null;
  /** Where the register has it now (site name), when not the stocktake's site. */
  registeredAt: string | null;
  scans: number;
  countedBy: string[];
  resolution: ResolutionView | null;
}

export interface UnexpectedLine {
  key: string;
  scannedCode: string;
  /** The registered asset the code matched, or null for an unknown code. */
  asset: Omit<AssetLine, 'scans' | 'countedBy' | 'resolution'> | null;
  scans: number;
  countedBy: string[];
  resolution: ResolutionView | null;
}

export type ScanOutcome = 'found' | 'duplicate' | 'unexpected' | 'unknown';

export interface RecentScan {
  id: string;
  scannedCode: string;
  assetCode: string | null;
  outcome: ScanOutcome;
  by: string;
  at: string;
}

export interface StocktakeView {
  summary: StocktakeSummary;
  totals: { expected: number; found: number; missing: number; unexpected: number; scans: number; duplicates: number; counters: number; resolved: number; open: number };
  found: AssetLine[];
  missing: AssetLine[];
  unexpected: UnexpectedLine[];
  /** The latest scans, newest first (this device's and, once synced, everyone's). */
  recent: RecentScan[];
  can: { count: boolean; manage: boolean };
}

export interface SiteOption {
  customerId: string;
  customerName: string;
  siteId: string;
  siteName: string;
  region: string;
  /** Assets a stocktake would expect there now. */
  assets: number;
}

export interface ScopeOptions {
  sites: SiteOption[];
  regions: { region: string; assets: number }[];
}

export interface ScanResult {
  outcome: ScanOutcome;
  scannedCode: string;
  assetCode: string | null;
}

export interface StocktakeExport {
  fileName: string;
  contentType: string;
  /** The file, base64 (IPC and the harness carry JSON). */
  base64: string;
  rows: number;
}

const byId = z.object({ stocktakeId: docId }).strict();

export const stocktakesApi = slice({
  commands: {
    'stocktakes.open': command<StocktakeSummary>()(openStocktakeInput),
    'stocktakes.scan': command<ScanResult>()(scanInput),
    'stocktakes.endCounting': command<StocktakeSummary>()(byId),
    'stocktakes.resolve': command<{ assetUpdated: boolean }>()(resolveInput),
    'stocktakes.close': command<StocktakeSummary>()(byId),
    'stocktakes.export': command<StocktakeExport>()(exportInput),
  },
  liveQueries: {
    'stocktakes.list': liveQuery<{ rows: StocktakeSummary[]; canOpen: boolean }>()(z.object({}).strict()),
    'stocktakes.detail': liveQuery<StocktakeView | null>()(byId),
    'stocktakes.scopes': liveQuery<ScopeOptions>()(z.object({}).strict()),
  },
});
