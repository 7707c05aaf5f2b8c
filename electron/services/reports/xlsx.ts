import type ExcelJS from 'exceljs';
import type { ReportWorkbook, ReportWorkbookInput } from '../../../shared/api/reports';

/**
 * ExcelJS (with its zip and stream packages) is loaded on the first export, not with the main
 * process: it is a large part of start-up time and memory, and most sessions never export.
 */
export const loadExcel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

// Plain figures ("12", "-3.5", "100") become numbers so a spreadsheet can sum them; anything
// else (formatted or localised text, names, dates) stays text exactly as the screen shows it.
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A report table as an .xlsx workbook: one sheet, the header row bold and frozen. Cells are
 * written as values, never formulas (RELIABILITY B5: data is never run).
 */
export async function reportWorkbook(input: ReportWorkbookInput): Promise<ReportWorkbook> {
  const book = new (await loadExcel()).Workbook();
  book.creator = 'CIMS';
  const sheet = book.addWorksheet(input.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(input.columns).font = { bold: true };
  for (const row of input.rows) sheet.addRow(row.map((v) => (PLAIN_NUMBER.test(v) ? Number(v) : v)));
  sheet.columns.forEach((c, i) => {
    c.width = Math.min(40, Math.max(8, input.columns[i]?.length ?? 8) + 2);
  });
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  return { fileName: `${input.fileName}.xlsx`, base64: buffer.toString('base64') };
}
