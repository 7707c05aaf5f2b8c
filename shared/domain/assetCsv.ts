/**
 * Assets as CSV rows, one new asset per row: what the asset team keeps in a spreadsheet when
 * a site is surveyed. Every row is checked before anything is written (the preview lists
 * each row's errors); a parent is named by its code and may be a row earlier in the file
 * (racks before their shelves), or an asset already registered.
 */
import { ASSET_KINDS, ASSET_OWNERSHIPS, ASSET_STATUSES, type AssetKind, type AssetOwnership, type AssetStatus } from '../schema/enums';
import { duplicateKeys, keyLookupOf, normalizeCode, type AssetKeyLookup } from './assets';

export const ASSET_CSV_COLUMNS = [
  'assetCode',
  'serial',
  'rfidTag',
  'model',
  'productLine',
  'kind',
  'customerCode',
  'siteName',
  'parentCode',
  'installDate',
  'warrantyEnd',
  'contractEnd',
  'ownership',
  'status',
] as const;
export type AssetCsvColumn = (typeof ASSET_CSV_COLUMNS)[number];
export type AssetCsvRow = Record<AssetCsvColumn, string>;
export const REQUIRED_ASSET_COLUMNS: readonly AssetCsvColumn[] = ['assetCode', 'serial', 'model', 'productLine', 'kind', 'customerCode', 'siteName', 'installDate'];

export const MAX_ASSET_CSV_BYTES = 5 * 1024 * 1024;
export const MAX_ASSET_CSV_ROWS = 5_000;

export const ASSET_ROW_ERRORS = [
  'required',
  'tooLong',
  'badDate',
  'badKind',
  'badStatus',
  'badOwnership',
  'unknownCustomer',
  'unknownSite',
  'unknownParent',
  'parentElsewhere',
  'ownParent',
  'duplicateCode',
  'duplicateTag',
] as const;
export type AssetRowErrorCode = (typeof ASSET_ROW_ERRORS)[number];
export interface AssetRowError {
  field: AssetCsvColumn;
  code: AssetRowErrorCode;
}

/** What an import writes for one row. */
export interface AssetDraft {
  assetCode: string;
  serial: string;
  rfidTag: string;
  model: string;
  productLine: string;
  kind: AssetKind;
  customerId: string;
  siteId: string;
  /** The parent's code ('' for none): resolved to an id when the rows are written. */
  parentCode: string;
  installDate: string;
  warrantyEnd: string | null;
  contractEnd: string | null;
  ownership: AssetOwnership;
  status: AssetStatus;
}

export interface CheckedAssetRow {
  /** 1-based line in the file, the header being line 1. */
  line: number;
  assetCode: string;
  draft: AssetDraft | null;
  errors: AssetRowError[];
}

/** What the rows are checked against: the store's customers, sites and assets. */
export interface AssetImportLookup {
  customerByCode(code: string): { id: string; sites: readonly { id: string; name: string }[] } | undefined;
  /** A registered asset by its normalised code (for parents). */
  assetByCode(code: string): { id: string; siteId: string } | undefined;
  keys: AssetKeyLookup;
}

const LIMITS: Record<AssetCsvColumn, number> = {
  assetCode: 40, serial: 80, rfidTag: 64, model: 80, productLine: 60, kind: 20, customerCode: 40, siteName: 200, parentCode: 40,
  installDate: 10, warrantyEnd: 10, contractEnd: 10, ownership: 20, status: 20,
};
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => DATE_RE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

// Spreadsheets in the seed's offices name kinds, statuses and owners in Chinese as well.
const KIND_WORDS: Record<string, AssetKind> = { 机柜: 'rack', 机框: 'shelf', 子架: 'shelf', 单板: 'board', 设备: 'unit' };
const STATUS_WORDS: Record<string, AssetStatus> = { 在用: 'in_service', 备用: 'spare', 维修中: 'under_repair', 退役: 'retired' };
const OWNER_WORDS: Record<string, AssetOwnership> = { 我方: 'ours', 自有: 'ours', 客户: 'customer', 客户财产: 'customer' };
const pick = <T extends string>(value: string, allowed: readonly T[], words: Record<string, T>): T | undefined =>
  (allowed as readonly string[]).includes(value.toLowerCase()) ? (value.toLowerCase() as T) : words[value];

/** Checks every row; a code or tag seen twice (in the store or earlier in the file) is an error. */
export function checkAssetRows(rows: readonly Partial<AssetCsvRow>[], lookup: AssetImportLookup): CheckedAssetRow[] {
  // Rows accepted so far: later rows may name them as parents, and must not repeat their keys.
  const inFile = keyLookupOf([]);
  const fileAssets = new Map<string, { siteId: string }>();
  return rows.map((raw, index) => {
    const v = Object.fromEntries(ASSET_CSV_COLUMNS.map((c) => [c, (raw[c] ?? '').trim()])) as AssetCsvRow;
    const errors: AssetRowError[] = [];
    const add = (field: AssetCsvColumn, code: AssetRowErrorCode) => errors.push({ field, code });
    for (const c of REQUIRED_ASSET_COLUMNS) if (v[c] === '') add(c, 'required');
    for (const c of ASSET_CSV_COLUMNS) if (v[c].length > LIMITS[c]) add(c, 'tooLong');
    for (const c of ['installDate', 'warrantyEnd', 'contractEnd'] as const) if (v[c] !== '' && !isDate(v[c])) add(c, 'badDate');
    const kind = v.kind === '' ? undefined : pick(v.kind, ASSET_KINDS, KIND_WORDS);
    if (v.kind !== '' && !kind) add('kind', 'badKind');
    const status = v.status === '' ? 'in_service' : pick(v.status, ASSET_STATUSES, STATUS_WORDS);
    if (!status) add('status', 'badStatus');
    const ownership = v.ownership === '' ? 'customer' : pick(v.ownership, ASSET_OWNERSHIPS, OWNER_WORDS);
    if (!ownership) add('ownership', 'badOwnership');

    const customer = v.customerCode === '' ? undefined : lookup.customerByCode(v.customerCode);
    if (v.customerCode !== '' && !customer) add('customerCode', 'unknownCustomer');
    const site = customer?.sites.find((s) => s.name.trim().toLowerCase() === v.siteName.toLowerCase());
    if (customer && v.siteName !== '' && !site) add('siteName', 'unknownSite');

    const code = normalizeCode(v.assetCode);
    const parentCode = normalizeCode(v.parentCode);
    if (parentCode !== '') {
      const parent = fileAssets.get(parentCode) ?? lookup.assetByCode(parentCode);
      if (parentCode === code) add('parentCode', 'ownParent');
      else if (!parent) add('parentCode', 'unknownParent');
      else if (site && parent.siteId !== site.id) add('parentCode', 'parentElsewhere');
    }
    const keys = { id: `row:${index}`, assetCode: v.assetCode, rfidTag: v.rfidTag };
    if (v.assetCode !== '') {
      for (const d of [...duplicateKeys(keys, lookup.keys), ...duplicateKeys(keys, inFile)]) {
        if (!errors.some((e) => e.field === d.field && e.code === d.code)) add(d.field, d.code);
      }
    }
    const ok = errors.length === 0 && kind && status && ownership && customer && site;
    if (ok) {
      inFile.add(keys);
      fileAssets.set(code, { siteId: site.id });
    }
    const draft: AssetDraft | null = ok
      ? {
          assetCode: v.assetCode,
          serial: v.serial,
          rfidTag: v.rfidTag,
          model: v.model,
          productLine: v.productLine,
          kind,
          customerId: customer.id,
          siteId: site.id,
          parentCode,
          installDate: v.installDate,
          warrantyEnd: v.warrantyEnd || null,
          contractEnd: v.contractEnd || null,
          ownership,
          status,
        }
      : null;
    return { line: index + 2, assetCode: v.assetCode, draft, errors };
  });
}
