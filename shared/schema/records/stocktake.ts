import { z } from 'zod';
import { id, isoTime, name, NONE, text } from '../primitives';
import { RECORD_REF_LENGTH, recordKind } from './kind';

// Stocktakes of the installed base (seed: 清查盘点; DOMAIN.md "Stocktake and customer property").
// Three kinds, so that what two people write at the same time never lands in one record:
//
// - `stocktake`: the header, kept by asset managers (managers, admins). ref = the site (its
//   id) or `region:<code>`, ref2 = the customer of a site ('' for a region). `expected` is a
//   snapshot of the assets registered in the scope (in service or spare) taken when it is
//   opened: a stocktake checks the register as it stood then, and assets registered later are
//   "unexpected" rather than silently expected. Bounded at STOCKTAKE_MAX_EXPECTED ids (about
//   190 kB); a larger scope is split into sites.
// - `stocktakeCount`: one scan, append-only (RELIABILITY D5; the server refuses a change).
//   ref = the stocktake, ref2 = the asset matched on the counting device ('' when the code
//   matched none). Two technicians' counts add up; a duplicate scan is kept and counted once.
// - `stocktakeResolution`: the asset manager's decision on one discrepancy. ref = the
//   stocktake, ref2 = the asset id, or the scanned code of an unknown asset.

export const STOCKTAKE_STATUSES = ['counting', 'reconciling', 'closed'] as const;
export type StocktakeStatus = (typeof STOCKTAKE_STATUSES)[number];
export const STOCKTAKE_SCOPES = ['site', 'region'] as const;
export const STOCKTAKE_MAX_EXPECTED = 5000;
/** Longest scanned code kept: barcodes and EPC RFID tags are far shorter. */
export const SCANNED_CODE_LENGTH = RECORD_REF_LENGTH;
export const MATCHED_BY = ['code', 'rfid', 'serial', 'none'] as const;
export type MatchedBy = (typeof MATCHED_BY)[number];
export const RESOLUTIONS = ['moved', 'missing', 'new', 'wrong_data'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

const regionCode = () => name(40);

export const stocktakeRecord = recordKind('stocktake', {
  ref: name(RECORD_REF_LENGTH),
  ref2: z.union([id(), z.literal(NONE)]),
  status: z.enum(STOCKTAKE_STATUSES),
  body: {
    title: name(200),
    scope: z.enum(STOCKTAKE_SCOPES),
    /** The region of the site, or the region counted: who may count is decided by it. */
    region: regionCode(),
    customerId: id().nullable(),
    siteId: id().nullable(),
    expected: z.array(id()).max(STOCKTAKE_MAX_EXPECTED),
    openedBy: id(),
    openedAt: isoTime(),
    countingEndedAt: isoTime().nullable(),
    closedBy: id().nullable(),
    closedAt: isoTime().nullable(),
    /** The figures when it was closed: the result kept even if the register changes later. */
    closedResult: z
      .strictObject({ expected: z.number().int().min(0), found: z.number().int().min(0), missing: z.number().int().min(0), unexpected: z.number().int().min(0), scans: z.number().int().min(0) })
      .nullable(),
  },
});
export type StocktakeRecord = z.infer<typeof stocktakeRecord>;

export const stocktakeCountRecord = recordKind('stocktakeCount', {
  ref: id(),
  ref2: z.union([id(), z.literal(NONE)]),
  status: z.literal(''),
  body: {
    scannedCode: name(SCANNED_CODE_LENGTH),
    matchedBy: z.enum(MATCHED_BY),
    /** Copied from the stocktake: the server checks the counter belongs to it (records/stocktake.ts). */
    region: regionCode(),
    countedBy: id(),
    at: isoTime(),
    deviceId: text(80),
  },
});
export type StocktakeCountRecord = z.infer<typeof stocktakeCountRecord>;

export const stocktakeResolutionRecord = recordKind('stocktakeResolution', {
  ref: id(),
  ref2: name(RECORD_REF_LENGTH),
  status: z.enum(RESOLUTIONS),
  body: {
    note: text(2000),
    by: id(),
    at: isoTime(),
    /** For `moved`: the asset's site was changed to the stocktake's (electron/services/stocktakes). */
    assetUpdated: z.boolean(),
  },
});
export type StocktakeResolutionRecord = z.infer<typeof stocktakeResolutionRecord>;
