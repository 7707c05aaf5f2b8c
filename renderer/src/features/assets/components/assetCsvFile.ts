import Papa from 'papaparse';
import { ASSET_CSV_COLUMNS, MAX_ASSET_CSV_BYTES, MAX_ASSET_CSV_ROWS, REQUIRED_ASSET_COLUMNS, type AssetCsvRow } from '../../../../../shared/domain/assetCsv';

export type AssetCsvReadError = { kind: 'tooLarge' } | { kind: 'unreadable' } | { kind: 'missingColumns'; columns: string[] } | { kind: 'noRows' };
export type AssetCsvRead = { ok: true; rows: Partial<AssetCsvRow>[] } | { ok: false; error: AssetCsvReadError };

/** Longer values (than any column allows) are cut to what the contract carries; the row check still calls them too long. */
const MAX_VALUE = 500;

/** UTF-8 (with or without BOM), else GBK (Excel on a Chinese Windows); anything else is refused. */
const decode = (bytes: Uint8Array): string | null => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gbk', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
};

/** Reads an assets CSV: the size is checked before the file is read; only known columns are kept. */
export const readAssetCsv = async (file: Blob): Promise<AssetCsvRead> => {
  if (file.size > MAX_ASSET_CSV_BYTES) return { ok: false, error: { kind: 'tooLarge' } };
  const text = decode(new Uint8Array(await file.arrayBuffer()));
  if (text === null) return { ok: false, error: { kind: 'unreadable' } };
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim(), preview: MAX_ASSET_CSV_ROWS });
  const header = parsed.meta.fields ?? [];
  const missing = REQUIRED_ASSET_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) return { ok: false, error: { kind: 'missingColumns', columns: missing } };
  if (parsed.data.length === 0) return { ok: false, error: { kind: 'noRows' } };
  const rows = parsed.data.map((raw) => Object.fromEntries(ASSET_CSV_COLUMNS.filter((c) => typeof raw[c] === 'string').map((c) => [c, raw[c]!.slice(0, MAX_VALUE)])) as Partial<AssetCsvRow>);
  return { ok: true, rows };
};
