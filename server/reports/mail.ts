import ExcelJS from 'exceljs';
import nodemailer from 'nodemailer';
import type { Locale } from '../../shared/schema';
import type { PackFigures, ReportPackRecord } from '../../shared/schema/records';

// Report packs by mail (server/reports/packs.ts): a short summary in the subscription's
// language, as text and HTML, with the figures as an XLSX workbook. Sent through the SMTP
// server of CIMS_SMTP_URL; without one, packs are in the app only.

export interface PackMailer {
  send(pack: ReportPackRecord): Promise<void>;
}

const TEXT = {
  en: {
    subject: (m: string) => `CIMS monthly review pack ${m}`,
    intro: (m: string) => `The monthly review pack for ${m} is ready. The figures are attached; the full pack is in the CIMS app under Notifications.`,
    scopeAll: 'Scope: the whole organisation',
    scopeRegion: (r: string) => `Scope: region ${r}`,
    reports: 'TL 9000 problem reports',
    npr: 'NPR (per unit-year)',
    sla: 'SLA compliance (fix)',
    backlog: 'Open tickets (backlog)',
    escalated: 'Tickets escalated',
    csat: 'Customer satisfaction (average of 5)',
    problems: 'Overdue problem actions',
    figure: 'Figure',
    value: 'Value',
    sheetSummary: 'Summary',
    sheetTl9000: 'TL 9000',
    columns: ['Product line', 'Problem reports', 'Unit-months', 'NPR', 'Fixes delivered', 'Fixes on time', 'FRT %', 'Overdue', 'Overdue closed', 'OFR %'],
  },
  'zh-CN': {
    subject: (m: string) => `CIMS 月度管理评审报告 ${m}`,
    intro: (m: string) => `${m} 的月度管理评审报告已生成。数据见附件；完整报告请在 CIMS 应用的“通知”中查看。`,
    scopeAll: '范围：全组织',
    scopeRegion: (r: string) => `范围：区域 ${r}`,
    reports: 'TL 9000 问题报告数',
    npr: 'NPR（每单元年）',
    sla: 'SLA 达成率（修复）',
    backlog: '未关闭工单（积压）',
    escalated: '升级的工单',
    csat: '客户满意度（满分 5）',
    problems: '逾期的问题整改措施',
    figure: '指标',
    value: '数值',
    sheetSummary: '摘要',
    sheetTl9000: 'TL 9000',
    columns: ['产品线', '问题报告数', '单元月', 'NPR', '交付修复数', '按时修复数', 'FRT %', '逾期数', '逾期已关闭', 'OFR %'],
  },
} as const satisfies Record<Locale, unknown>;

const num = (v: number | null, digits = 1): string => (v === null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(digits));

/** The summary lines of a pack: label and value. */
function summary(f: PackFigures, t: (typeof TEXT)[Locale]): [string, string][] {
  const reports = f.tl9000.reduce((s, r) => s + r.reports, 0);
  const unitMonths = f.tl9000.reduce((s, r) => s + r.unitMonths, 0);
  return [
    [t.reports, String(reports)],
    [t.npr, num(unitMonths === 0 ? null : (reports * 12) / unitMonths, 2)],
    [t.sla, f.sla.fix.percent === null ? '—' : `${num(f.sla.fix.percent)} % (${f.sla.fix.met}/${f.sla.fix.measured})`],
    [t.backlog, String(f.backlog.open)],
    [t.escalated, `${f.escalations.escalated}/${f.escalations.tickets}`],
    [t.csat, `${num(f.csat.average, 2)} (n=${f.csat.responses})`],
    [t.problems, String(f.problems.overdueActions)],
  ];
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface PackMessage {
  subject: string;
  text: string;
  html: string;
  attachment: { filename: string; content: Buffer };
}

/** Subject, text, HTML and workbook of a pack's mail, in the pack's language. */
export async function packMessage(pack: ReportPackRecord): Promise<PackMessage> {
  const t = TEXT[pack.body.locale];
  const { month, figures, scope } = pack.body;
  const scopeLine = scope.all ? t.scopeAll : t.scopeRegion(scope.region ?? '');
  const lines = summary(figures, t);
  const text = [t.intro(month), scopeLine, '', ...lines.map(([k, v]) => `${k}: ${v}`)].join('\n');
  const html = `<p>${escapeHtml(t.intro(month))}</p><p>${escapeHtml(scopeLine)}</p><table>${lines.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;

  const book = new ExcelJS.Workbook();
  book.creator = 'CIMS';
  // Values only, never formulas (RELIABILITY B5).
  const first = book.addWorksheet(t.sheetSummary);
  first.addRow([t.figure, t.value]).font = { bold: true };
  for (const row of lines) first.addRow(row);
  first.getColumn(1).width = 36;
  first.getColumn(2).width = 24;
  const tl = book.addWorksheet(t.sheetTl9000, { views: [{ state: 'frozen', ySplit: 1 }] });
  tl.addRow([...t.columns]).font = { bold: true };
  for (const r of figures.tl9000) tl.addRow([r.productLine, r.reports, r.unitMonths, r.npr, r.fixesDelivered, r.fixesOnTime, r.frtPercent, r.overdue, r.overdueClosed, r.ofrPercent]);
  const content = Buffer.from(await book.xlsx.writeBuffer());
  return { subject: t.subject(month), text, html, attachment: { filename: `review-pack-${month}-${pack.body.locale}.xlsx`, content } };
}

/** Sends through the SMTP server of `url` (smtp:// or smtps://) from `from`. */
export function smtpMailer(url: string, from: string): PackMailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(pack) {
      const m = await packMessage(pack);
      await transport.sendMail({ from, to: pack.body.mail.to, subject: m.subject, text: m.text, html: m.html, attachments: [m.attachment] });
    },
  };
}
