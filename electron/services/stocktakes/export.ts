/**
 * A stocktake's result as a file: one line per expected, found or unexpected asset with its
 * state and resolution. CSV through papaparse with formulae escaped, XLSX through the reports'
 * workbook writer; either way text stays text (RELIABILITY B5).
 */
import Papa from 'papaparse';
import type { StocktakeExport } from '../../../shared/api/stocktakes';
import type { StocktakeRecord } from '../../../shared/schema/records';
import { reportWorkbook } from '../reports/xlsx';
import { resultLines } from './summary';
import type { StocktakeStore } from './store';

const COLUMNS = [
  'stocktake',
  'state',
  'assetCode',
  'scannedCode',
  'serial',
  'model',
  'registeredAt',
  'scans',
  'countedBy',
  'resolution',
  'note',
  'resolvedBy',
  'resolvedAt',
];

export async function stocktakeExport(
  store: StocktakeStore,
  st: StocktakeRecord,
  format: 'csv' | 'xlsx',
): Promise<StocktakeExport> {
  const [{ result }, reg, sites, names] = await Promise.all([
    store.result(st),
    store.assets(),
    store.sites(),
    store.names(),
  ]);
  const lines = resultLines(st, result, reg.assets, sites, names);
  const res = (r: { resolution: string; note: string; by: string; at: string } | null) => [
    r?.resolution ?? '',
    r?.note ?? '',
    r?.by ?? '',
    r?.at ?? '',
  ];
  const rows: string[][] = [
    ...lines.found.map((l) => [
      st.body.title,
      'found',
      l.assetCode,
      '',
      l.serial,
      l.model,
      l.registeredAt ?? '',
      String(l.scans),
      l.countedBy.join('; '),
      ...res(l.resolution),
    ]),
    ...lines.missing.map((l) => [
      st.body.title,
      'missing',
      l.assetCode,
      '',
      l.serial,
      l.model,
      l.registeredAt ?? '',
      '0',
      '',
      ...res(l.resolution),
    ]),
    ...lines.unexpected.map((l) => [
      st.body.title,
      'unexpected',
      l.asset?.assetCode ?? '',
      l.scannedCode,
      l.asset?.serial ?? '',
      l.asset?.model ?? '',
      l.asset?.registeredAt ?? '',
      String(l.scans),
      l.countedBy.join('; '),
      ...res(l.resolution),
    ]),
  ];
  const base = `stocktake-${st.body.title.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 60)}`;
  if (format === 'xlsx') {
    const book = await reportWorkbook({ title: 'Stocktake', fileName: base, columns: COLUMNS, rows });
    return {
      fileName: book.fileName,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: book.base64,
      rows: rows.length,
    };
  }
  // A BOM so spreadsheet programs read Chinese names as UTF-8.
  const csv = `\uFEFF${Papa.unparse({ fields: COLUMNS, data: rows }, { escapeFormulae: true, newline: '\r\n' })}\r\n`;
  return {
    fileName: `${base}.csv`,
    contentType: 'text/csv',
    base64: Buffer.from(csv, 'utf8').toString('base64'),
    rows: rows.length,
  };
}
