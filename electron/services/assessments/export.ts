/**
 * A cycle as a table for HR. Only the assessments the caller may see go in (Z5: exports obey
 * the read rules like every other path), and text leaves as text: a cell that a spreadsheet
 * would run as a formula is prefixed (RELIABILITY B5).
 */
import { calibratedScores, displayScore } from '../../../shared/domain/assessment';
import type { Assessment, AssessmentCycle, AssessmentTemplate } from '../../../shared/schema';
import { personRef, type Org } from './org';
import { loadExcel } from '../reports/xlsx';

const FORMULA_START = /^[=+\-@\t\r]/;

export const csvCell = (value: string | number | null): string => {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The cycle's table: a header and one row per assessment (the calibrated scores, the exact total shown to 2 decimals). */
export const cycleTable = (cycle: AssessmentCycle, assessments: readonly Assessment[], template: AssessmentTemplate, org: Org): { header: string[]; rows: (string | number | null)[][] } => {
  const header = ['cycle', 'person', 'username', 'team', 'manager', 'phase', ...template.criteria.map((c) => c.key), 'total', 'outcome', 'acknowledgedAt', 'acknowledgementComment'];
  const rows = assessments.map((a) => {
    const person = org.people.get(a.personId);
    const teamId = person?.teamId;
    const scores = new Map(calibratedScores(a).map((s) => [s.criterion, s.score]));
    return [
      cycle.name,
      personRef(org, a.personId).name,
      person?.username ?? '',
      teamId ? (org.teams.get(teamId)?.name ?? '') : '',
      personRef(org, a.managerId).name,
      a.phase,
      ...template.criteria.map((c) => scores.get(c.key) ?? null),
      a.total === null ? null : displayScore(a.total),
      a.outcome,
      a.acknowledgement?.at ?? null,
      a.acknowledgement?.comment ?? null,
    ];
  });
  return { header, rows };
};

export const cycleCsv = (cycle: AssessmentCycle, assessments: readonly Assessment[], template: AssessmentTemplate, org: Org): string => {
  const { header, rows } = cycleTable(cycle, assessments, template, org);
  // A BOM so spreadsheet programs read the Chinese names as UTF-8.
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
};

/**
 * The same table as an .xlsx workbook for HR: one sheet, the header bold and frozen, scores and
 * totals as numbers, every text a plain value (never a formula, RELIABILITY B5). Base64: IPC and
 * the harness carry JSON.
 */
export const cycleXlsx = async (cycle: AssessmentCycle, assessments: readonly Assessment[], template: AssessmentTemplate, org: Org): Promise<string> => {
  const { header, rows } = cycleTable(cycle, assessments, template, org);
  const book = new (await loadExcel()).Workbook();
  book.creator = 'CIMS';
  const sheet = book.addWorksheet(cycle.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((v) => v ?? ''));
  sheet.columns.forEach((c, i) => {
    c.width = Math.min(40, Math.max(10, (header[i]?.length ?? 8) + 2));
  });
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
};
