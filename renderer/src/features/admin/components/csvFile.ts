import Papa from 'papaparse';
import { CUSTOMER_CSV_COLUMNS, MAX_CUSTOMER_CSV_BYTES, MAX_CUSTOMER_CSV_ROWS, type CustomerCsvRow } from '../../../../../shared/domain/customerCsv';

export type CsvReadError = { kind: 'tooLarge' } | { kind: 'unreadable' } | { kind: 'missingColumns'; columns: string[] } | { kind: 'noRows' };
export type CsvRead = { ok: true; encoding: 'UTF-8' | 'GBK'; rows: Partial<CustomerCsvRow>[] } | { ok: false; error: CsvReadError };

const REQUIRED = ['code', 'name', 'tier', 'region', 'timeZone'];

/**
 * Text of a CSV file: UTF-8 (with or without BOM) when it decodes as such, else GBK, which is
 * what Excel on a Chinese Windows writes by default; anything else is refused, not guessed.
 */
export const decodeCsv = (bytes: Uint8Array): { encoding: 'UTF-8' | 'GBK'; text: string } | null => {
  try {
    return { encoding: 'UTF-8', text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    try {
      return { encoding: 'GBK', text: new TextDecoder('gbk', { fatal: true }).decode(bytes) };
    } catch {
      return null;
    }
  }
};

/** Reads and parses a customers CSV; the size is checked before the file is read. */
export const readCustomerCsv = async (file: Blob): Promise<CsvRead> => {
  if (file.size > MAX_CUSTOMER_CSV_BYTES) return { ok: false, error: { kind: 'tooLarge' } };
  const decoded = decodeCsv(new Uint8Array(await file.arrayBuffer()));
  if (!decoded) return { ok: false, error: { kind: 'unreadable' } };
  const parsed = Papa.parse<Partial<CustomerCsvRow>>(decoded.text, { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim(), preview: MAX_CUSTOMER_CSV_ROWS });
  const header = parsed.meta.fields ?? [];
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) return { ok: false, error: { kind: 'missingColumns', columns: missing } };
  if (parsed.data.length === 0) return { ok: false, error: { kind: 'noRows' } };
  return { ok: true, encoding: decoded.encoding, rows: parsed.data };
};

export const customerCsvText = (rows: readonly CustomerCsvRow[]): string =>
  // A BOM so that Excel opens the UTF-8 file with its Chinese intact; formulae escaped.
  '\uFEFF' + Papa.unparse({ fields: [...CUSTOMER_CSV_COLUMNS], data: rows.map((r) => CUSTOMER_CSV_COLUMNS.map((c) => r[c])) }, { escapeFormulae: true });
