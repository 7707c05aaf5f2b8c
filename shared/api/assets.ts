import { z } from 'zod';
import { ASSET_CSV_COLUMNS, MAX_ASSET_CSV_ROWS, type CheckedAssetRow } from '../domain/assetCsv';
import {
  ASSET_CUSTODY_EVENTS,
  ASSET_KINDS,
  ASSET_LIFECYCLE_STATES,
  ASSET_OWNERSHIPS,
  ASSET_STATUSES,
  type AssetCustodyEvent,
  type AssetKind,
  type AssetLifecycleState,
  type AssetOwnership,
  type AssetStatus,
  type TicketStatus,
} from '../schema/enums';
import { command, liveQuery, slice } from './define';

/** One line of the registry's search results. */
export interface AssetRow {
  id: string;
  assetCode: string;
  serial: string;
  rfidTag: string;
  model: string;
  kind: AssetKind;
  status: AssetStatus;
  ownership: AssetOwnership;
  customerName: string;
  siteName: string;
}

export interface AssetSearchResult {
  rows: AssetRow[];
  /** More matched than were sent. */
  more: boolean;
}

/** A node of the site / rack / shelf / board tree. */
export interface AssetTreeNode {
  id: string;
  assetCode: string;
  model: string;
  kind: AssetKind;
  status: AssetStatus;
  children: AssetTreeNode[];
}

export interface AssetHistoryStep {
  state: AssetLifecycleState;
  at: string;
  byName: string;
  note: string;
}

export interface AssetCustodyStep {
  event: AssetCustodyEvent;
  at: string;
  byName: string;
  note: string;
}

export interface AssetTicketRow {
  id: string;
  /** What the ticket page opens by (server number, or provisional until synced). */
  number: string;
  title: string;
  status: TicketStatus;
  createdAt: string;
  open: boolean;
  problemId: string | null;
}

export interface AssetProblemRow {
  id: string;
  title: string;
  status: string;
}

/** A code met by a scan or in a ticket that names no asset here, for the asset team. */
export interface UnknownCodeRow {
  id: string;
  code: string;
  source: 'scan' | 'ticket';
  reportedAt: string;
  reportedByName: string;
  note: string;
}

/** The fields the asset form edits. */
export interface AssetFields {
  assetCode: string;
  serial: string;
  rfidTag: string;
  model: string;
  productLine: string;
  kind: AssetKind;
  customerId: string;
  siteId: string;
  parentId: string | null;
  installDate: string;
  warrantyEnd: string | null;
  contractEnd: string | null;
  ownership: AssetOwnership;
}

export interface AssetDetail {
  id: string;
  updatedAt: string;
  fields: AssetFields;
  status: AssetStatus;
  customerCode: string;
  customerName: string;
  siteName: string;
  /** From the top of the tree down to the parent. */
  ancestors: { id: string; assetCode: string; kind: AssetKind }[];
  /** The whole hierarchy the asset belongs to (its topmost ancestor and all below). */
  tree: AssetTreeNode;
  lifecycle: AssetHistoryStep[];
  custody: AssetCustodyStep[];
  inOurCustody: boolean;
  tickets: AssetTicketRow[];
  problems: AssetProblemRow[];
  canEdit: boolean;
}

/** Customers and, for the chosen site, the assets that may hold this one. */
export interface AssetFormOptions {
  customers: { id: string; code: string; name: string; sites: { id: string; name: string }[] }[];
  parents: { id: string; assetCode: string; kind: AssetKind; model: string }[];
}

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date');
const assetId = z.string().min(1).max(64);
const note = z.string().max(500).default('');

export const assetFieldsInput = z
  .object({
    assetCode: z.string().trim().min(1).max(40),
    serial: z.string().trim().min(1).max(80),
    rfidTag: z.string().trim().max(64).default(''),
    model: z.string().trim().min(1).max(80),
    productLine: z.string().trim().min(1).max(60),
    kind: z.enum(ASSET_KINDS),
    customerId: assetId,
    siteId: assetId,
    parentId: assetId.nullable().default(null),
    installDate: date,
    warrantyEnd: date.nullable().default(null),
    contractEnd: date.nullable().default(null),
    ownership: z.enum(ASSET_OWNERSHIPS),
  })
  .strict();

const csvRow = z
  .object(Object.fromEntries(ASSET_CSV_COLUMNS.map((c) => [c, z.string().max(500).optional()])))
  .strict();
const csvRows = z.array(csvRow).min(1).max(MAX_ASSET_CSV_ROWS);

export const assetsApi = slice({
  commands: {
    /** Registers an asset (no id) or changes one; duplicate keys, cycles and unknown sites are field errors. */
    'assets.save': command<{ id: string; assetCode: string }>()(
      z
        .object({
          id: assetId.optional(),
          fields: assetFieldsInput,
          status: z.enum(ASSET_STATUSES).optional(),
        })
        .strict(),
    ),
    'assets.addLifecycle': command<{ id: string }>()(
      z.object({ id: assetId, state: z.enum(ASSET_LIFECYCLE_STATES), at: date, note }).strict(),
    ),
    'assets.addCustody': command<{ id: string }>()(
      z.object({ id: assetId, event: z.enum(ASSET_CUSTODY_EVENTS), at: date, note }).strict(),
    ),
    /** Notes a scanned code no asset has, for the asset team (once per open code). */
    'assets.noteUnknown': command<{ id: string; created: boolean }>()(
      z.object({ code: z.string().trim().min(1).max(80), source: z.enum(['scan', 'ticket']), note }).strict(),
    ),
    'assets.dismissUnknown': command<{ id: string }>()(z.object({ id: assetId }).strict()),
    /** Checks CSV rows against the store; nothing is written. */
    'assets.import.check': command<CheckedAssetRow[]>()(z.object({ rows: csvRows }).strict()),
    /** Checks the rows again and registers those without errors, all in one write. */
    'assets.import': command<{ created: number; skipped: number }>()(z.object({ rows: csvRows }).strict()),
  },
  liveQueries: {
    /** By asset code, serial, RFID tag, model, customer or site name. */
    'assets.search': liveQuery<AssetSearchResult>()(
      z
        .object({
          search: z.string().max(200).default(''),
          limit: z.number().int().min(1).max(500).default(100),
        })
        .strict(),
    ),
    /** An asset by code, serial or RFID tag (as scanned); null when none here has it. */
    'assets.detail': liveQuery<AssetDetail | null>()(z.object({ code: z.string().max(200) }).strict()),
    /** Open notes of unknown codes, newest first. */
    'assets.unknownCodes': liveQuery<UnknownCodeRow[]>()(z.object({}).strict()),
    'assets.formOptions': liveQuery<AssetFormOptions>()(
      z
        .object({ siteId: z.string().max(64).default(''), excludeId: z.string().max(64).default('') })
        .strict(),
    ),
  },
});
