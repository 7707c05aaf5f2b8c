import { z } from 'zod';
import type { BacklogReport, CsatReport, EscalationReport, ProblemsReport, ReportName, SlaReport, Tl9000Report } from '../domain/reports';
import { REPORT_NAMES } from '../domain/reports';
import { SEVERITIES, TIERS } from '../schema/enums';
import { command, slice } from './define';

/**
 * The quality reports: one query shape for every report (the server's `GET /reports/<name>`
 * query string and the app's `reports.run` command), and the JSON each report answers. The
 * server and the app's offline path compute the same figures (shared/domain/reports.ts).
 */
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'validation.month');
const code = z.string().trim().min(1).max(60);

export const reportQuerySchema = z
  .object({
    from: month,
    to: month,
    productLine: code.optional(),
    region: code.optional(),
    teamId: code.optional(),
    severity: z.enum(SEVERITIES).optional(),
    tier: z.enum(TIERS).optional(),
  })
  .strict();
export type ReportQuery = z.output<typeof reportQuerySchema>;

const n = z.number();
const count = z.number().int().nonnegative();
const rate = z.number().nullable();
const meta = {
  from: month,
  to: month,
  months: z.array(month),
  generatedAt: z.string(),
  calendarFallbacks: z.array(z.string()),
};
const severityOrAll = z.enum([...SEVERITIES, 'all']);

const tl9000Row = z.object({
  month: month,
  productLine: z.string(),
  severity: severityOrAll,
  reports: count,
  unitMonths: count,
  fixesDelivered: count,
  fixesOnTime: count,
  overdue: count,
  overdueClosed: count,
  overdueAtEnd: count,
  npr: rate,
  frtPercent: rate,
  ofrPercent: rate,
});
export const tl9000ReportSchema = z.object({ ...meta, rows: z.array(tl9000Row), totals: z.array(tl9000Row) });

export const slaReportSchema = z.object({
  ...meta,
  rows: z.array(
    z.object({ month, teamId: z.string(), severity: z.enum(SEVERITIES), tier: z.enum(TIERS), clock: z.enum(['firstResponse', 'restore', 'fix']), measured: count, met: count, percent: rate }),
  ),
});

const bySeverity = z.object({ critical: count, major: count, minor: count });
export const backlogReportSchema = z.object({
  generatedAt: z.string(),
  buckets: z.array(z.object({ label: z.string(), total: count, bySeverity })),
  byStatus: z.record(z.string(), count),
  open: count,
});

export const escalationReportSchema = z.object({
  ...meta,
  rate: z.array(z.object({ month, tickets: count, escalated: count, percent: rate })),
  byLevel: z.array(z.object({ axis: z.string(), toLevel: z.string(), count })),
  acknowledge: z.object({ raised: count, acknowledged: count, averageMinutes: rate, maxMinutes: rate }),
});

export const csatReportSchema = z.object({
  ...meta,
  responses: count,
  average: rate,
  distribution: z.tuple([count, count, count, count, count]),
  trend: z.array(z.object({ month, responses: count, average: rate })),
  verbatims: z.array(z.object({ ticketId: z.string(), at: z.string(), score: n, reason: z.string() })),
});

export const problemsReportSchema = z.object({
  generatedAt: z.string(),
  byStatus: z.record(z.string(), count),
  overdueActions: z.array(z.object({ problemId: z.string(), title: z.string(), actionId: z.string(), description: z.string(), ownerId: z.string(), dueDate: z.string() })),
  effectiveness: z.object({ checked: count, effective: count, percent: rate }),
});

export interface ReportResults {
  tl9000: Tl9000Report;
  sla: SlaReport;
  backlog: BacklogReport;
  escalations: EscalationReport;
  csat: CsatReport;
  problems: ProblemsReport;
}

export const reportSchemas = {
  tl9000: tl9000ReportSchema,
  sla: slaReportSchema,
  backlog: backlogReportSchema,
  escalations: escalationReportSchema,
  csat: csatReportSchema,
  problems: problemsReportSchema,
} as const satisfies Record<ReportName, z.ZodType>;

export const reportNames = REPORT_NAMES;
export type { ReportName };

/** Where the figures came from: the central server over all data, or this device's store. */
export type ReportSource = 'server' | 'local';
export interface ReportAnswer<N extends ReportName = ReportName> {
  report: N;
  source: ReportSource;
  data: ReportResults[N];
}

export const runReportInput = z.object({ report: z.enum(REPORT_NAMES), query: reportQuerySchema }).strict();

/** A report table as shown (the same texts as its CSV), to be written as a workbook. */
export const reportWorkbookInput = z
  .object({
    title: z.string().trim().min(1).max(120),
    fileName: z.string().regex(/^[\w.-]{1,100}$/),
    columns: z.array(z.string().max(120)).min(1).max(40),
    rows: z.array(z.array(z.string().max(2000)).max(40)).max(20_000),
  })
  .strict();
export type ReportWorkbookInput = z.output<typeof reportWorkbookInput>;
export interface ReportWorkbook {
  fileName: string;
  /** The .xlsx file, base64 (IPC and the harness carry JSON). */
  base64: string;
}

/** The quarterly management review pack: one PDF of every report over a period and scope (product line, region, team), in a language. */
export const reviewPackInput = z.object({ query: reportQuerySchema.omit({ severity: true, tier: true }), locale: z.enum(['en', 'zh-CN']) }).strict();
export type ReviewPackInput = z.output<typeof reviewPackInput>;

export const reportsApi = slice({
  commands: {
    /** An XLSX workbook of a report table, written in main (exceljs runs in Node). */
    'reports.xlsx': command<ReportWorkbook>()(reportWorkbookInput),
    /** Online: the server's report over all data in scope; offline: the same over local data. */
    'reports.run': command<ReportAnswer>()(runReportInput),
    /** The review pack as a PDF, printed in main from its print view (`#/reports/review-pack`). */
    'reports.reviewPackPdf': command<{ fileName: string; base64: string }>()(reviewPackInput),
  },
  liveQueries: {},
});
