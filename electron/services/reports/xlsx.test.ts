import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { reportWorkbook } from './xlsx';

describe('report workbooks', () => {
  it('writes the table with its header, numbers as numbers, text and Chinese as text, nothing as a formula', async () => {
    const out = await reportWorkbook({
      title: 'TL 9000 质量度量',
      fileName: 'tl9000-2026-01-2026-03',
      columns: ['月份', '产品线', 'NPR', 'FRT %'],
      rows: [
        ['2026-01', 'OTN', '3', '100'],
        ['2026-02', '=HYPERLINK("http://x")', '2.4', '—'],
      ],
    });
    expect(out.fileName).toBe('tl9000-2026-01-2026-03.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('TL 9000 质量度量');
    expect(sheet.getRow(1).values).toEqual([undefined, '月份', '产品线', 'NPR', 'FRT %']);
    expect(sheet.getRow(2).values).toEqual([undefined, '2026-01', 'OTN', 3, 100]);
    expect(sheet.getCell('B3').value).toBe('=HYPERLINK("http://x")');
    expect(sheet.getCell('B3').formula).toBeUndefined();
    expect(sheet.getCell('C3').value).toBe(2.4);
    expect(sheet.getCell('D3').value).toBe('—');
  });
});
