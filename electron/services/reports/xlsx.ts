import ExcelJS from 'exceljs';
import type { ReportWorkbook, ReportWorkbookInput } from '../../../shared/api/reports';

// Plain figures ("12", "-3.5", "100") become numbers so a spreadsheet can sum them; anything
// else (formatted or localised text, names, dates) stays text exactly as the screen shows it.
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A report table as an .xlsx workbook: one sheet, the header row bold and frozen. Cells are
 * written as values, never formulas (RELIABILITY B5: data is never run).
 */
export async function reportWorkbook(input: ReportWorkbookInput): Promise<ReportWorkbook> {
  const book = new ExcelJS.Workbook();
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
