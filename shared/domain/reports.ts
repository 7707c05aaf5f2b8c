import type { Asset, BusinessCalendar, Customer, Policy, Problem, Severity, SlaClockKind, Ticket, TicketEvent, TicketStatus, Tier } from '../schema';
import type { SlaContext, SlaContextFn } from './context';
import { OPEN_STATUSES } from './lifecycle';
import { reportErrorCodes, type ReportErrorCode } from './report-codes';
import { backlogAgeing, csatSummary, escalationRate, monthOf, monthRange, monthsBetween, slaCompliance, tl9000Month, type Month, type SlaStates, type Tl9000Row } from './metrics';

// The quality reports (issue: TL 9000, SLA, backlog, escalations, CSAT, problems) as pure
// functions of data and `now`. The app runs them over local data when offline; the server
// computes the same figures with SQL and is checked against these on a hand-made fixture.

export const REPORT_NAMES = ['tl9000', 'sla', 'backlog', 'escalations', 'csat', 'problems'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

/** Longest range a report answers: five years of months. */
export const MAX_REPORT_MONTHS = 60;

export interface ReportFilter {
  from: Month;
  to: Month;
  productLine?: string | undefined;
  region?: string | undefined;
  teamId?: string | undefined;
  severity?: Severity | undefined;
  tier?: Tier | undefined;
}

export { reportErrorCodes, type ReportErrorCode };
export interface ReportProblem {
  code: ReportErrorCode;
  field: 'from' | 'to' | 'productLine';
  message: string;
}

/**
 * Bad ranges and names are refused before any figure is computed (a range that ends before
 * it starts, over five years, a month after the current one, an unknown product line).
 */
export function reportFilterProblem(f: ReportFilter, now: number, productLines: ReadonlySet<string>): ReportProblem | null {
  if (f.to < f.from) return { code: 'RANGE_REVERSED', field: 'to', message: `The range ends (${f.to}) before it starts (${f.from})` };
  if (monthsBetween(f.from, f.to).length > MAX_REPORT_MONTHS) return { code: 'RANGE_TOO_LONG', field: 'to', message: `A report covers at most ${MAX_REPORT_MONTHS} months` };
  const current = monthOf(now);
  if (f.to > current) return { code: 'MONTH_IN_FUTURE', field: 'to', message: `${f.to} is after the current month (${current})` };
  if (f.productLine !== undefined && !productLines.has(f.productLine))
    return { code: 'UNKNOWN_PRODUCT_LINE', field: 'productLine', message: `Unknown product line: ${f.productLine}` };
  return null;
}

/** Whether a ticket passes the report's filters (scope is the caller's business). */
export function ticketMatches(t: Ticket, f: ReportFilter, tier: Tier): boolean {
  return (
    (f.productLine === undefined || t.productLine === f.productLine) &&
    (f.region === undefined || t.region === f.region) &&
    (f.teamId === undefined || t.teamId === f.teamId) &&
    (f.severity === undefined || t.severity === f.severity) &&
    (f.tier === undefined || tier === f.tier)
  );
}

/** The calendar a report falls back to: the one named 'default', else the first by region. */
export function defaultCalendar(policies: readonly Policy[]): BusinessCalendar | null {
  const cals = policies.flatMap((p) => (p.kind === 'calendar' && p.active ? [p.calendar] : [])).sort((a, b) => (a.region < b.region ? -1 : 1));
  return cals.find((c) => c.region === 'default') ?? cals[0] ?? null;
}

/**
 * slaContextFrom with the organisation's default calendar for a region that has none (a
 * missing or misspelt region): never silently 24x7. The regions that fell back are collected
 * so the report can say so.
 */
export function reportSlaContext(input: { customers: readonly Customer[]; policies: readonly Policy[] }): { context: SlaContextFn; fallbacks: Set<string> } {
  const tiers = new Map(input.customers.map((c) => [c.id, c.tier]));
  const sla = input.policies.flatMap((p) => (p.kind === 'sla' && p.active ? [p.sla] : []));
  const byCustomer = new Map(sla.filter((s) => s.customerId).map((s) => [s.customerId!, s]));
  const fallback = sla.find((s) => s.customerId === null) ?? null;
  const calendars = new Map(input.policies.flatMap((p) => (p.kind === 'calendar' && p.active ? [[p.calendar.region, p.calendar] as const] : [])));
  const orgDefault = defaultCalendar(input.policies);
  const fallbacks = new Set<string>();
  const context = (ticket: Ticket): SlaContext => {
    let calendar = calendars.get(ticket.region) ?? null;
    if (!calendar && orgDefault) {
      fallbacks.add(ticket.region);
      calendar = orgDefault;
    }
    return { tier: tiers.get(ticket.customerId) ?? 'general', policy: byCustomer.get(ticket.customerId) ?? fallback, calendar };
  };
  return { context, fallbacks };
}

export interface ReportMeta {
  from: Month;
  to: Month;
  months: Month[];
  generatedAt: string;
  /** Regions without a calendar of their own, measured on the organisation's default. */
  calendarFallbacks: string[];
}

export type Tl9000ReportRow = Omit<Tl9000Row, 'severity'> & { severity: Severity | 'all' };
export interface Tl9000Report extends ReportMeta {
  /** Per month, product line and severity. */
  rows: Tl9000ReportRow[];
  /** Per month and product line across severities: counts add up, unit-months do not. */
  totals: Tl9000ReportRow[];
}

const pct = (num: number, den: number): number | null => (den === 0 ? null : (num / den) * 100);

/** The rates of a row from its counts (the same definitions as metrics.ts). */
export function tl9000Rates<R extends Omit<Tl9000ReportRow, 'npr' | 'frtPercent' | 'ofrPercent'>>(r: R): R & Pick<Tl9000Row, 'npr' | 'frtPercent' | 'ofrPercent'> {
  return {
    ...r,
    npr: r.unitMonths === 0 ? null : (r.reports * 12) / r.unitMonths,
    frtPercent: pct(r.fixesOnTime, r.fixesDelivered),
    ofrPercent: pct(r.overdueClosed, r.overdue),
  };
}

/**
 * A month's total across severities: every severity row carries the product line's
 * unit-months, so the total takes them once instead of adding them (NPR stays per unit).
 */
export function tl9000Totals(rows: readonly Tl9000ReportRow[]): Tl9000ReportRow[] {
  const acc = new Map<string, Tl9000ReportRow>();
  for (const r of rows) {
    if (r.severity === 'all') continue;
    const k = `${r.month}\u0000${r.productLine}`;
    const a = acc.get(k);
    if (!a) {
      acc.set(k, { ...r, severity: 'all' });
      continue;
    }
    a.reports += r.reports;
    a.unitMonths = Math.max(a.unitMonths, r.unitMonths);
    a.fixesDelivered += r.fixesDelivered;
    a.fixesOnTime += r.fixesOnTime;
    a.overdue += r.overdue;
    a.overdueClosed += r.overdueClosed;
    a.overdueAtEnd += r.overdueAtEnd;
  }
  return [...acc.values()].map((r) => tl9000Rates(r)).sort(byMonthLine);
}

export const byMonthLine = (a: Pick<Tl9000ReportRow, 'month' | 'productLine' | 'severity'>, b: Pick<Tl9000ReportRow, 'month' | 'productLine' | 'severity'>): number =>
  a.month !== b.month ? (a.month < b.month ? -1 : 1) : a.productLine !== b.productLine ? (a.productLine < b.productLine ? -1 : 1) : a.severity < b.severity ? -1 : a.severity > b.severity ? 1 : 0;

/** What the local reports read: the caller's store, already limited to what they may read. */
export interface ReportData {
  tickets: readonly Ticket[];
  events: readonly TicketEvent[];
  assets: readonly Asset[];
  customers: readonly Customer[];
  policies: readonly Policy[];
  problems: readonly Problem[];
}

function meta(f: ReportFilter, now: number, fallbacks: Set<string>): ReportMeta {
  return { from: f.from, to: f.to, months: monthsBetween(f.from, f.to), generatedAt: new Date(now).toISOString(), calendarFallbacks: [...fallbacks].sort() };
}

function filtered(data: ReportData, f: ReportFilter) {
  const { context, fallbacks } = reportSlaContext(data);
  const tickets = data.tickets.filter((t) => ticketMatches(t, f, context(t).tier));
  fallbacks.clear();
  const ids = new Set(tickets.map((t) => t.id));
  return { tickets, events: data.events.filter((e) => ids.has(e.ticketId)), context, fallbacks };
}

export function tl9000Report(data: ReportData, f: ReportFilter, now: number): Tl9000Report {
  const { tickets, context, fallbacks } = filtered(data, f);
  const assets = data.assets.filter((a) => f.productLine === undefined || a.productLine === f.productLine);
  const rows: Tl9000ReportRow[] = monthsBetween(f.from, f.to).flatMap((month) =>
    tl9000Month({ month, tickets, assets, slaContext: context, now }).filter((r) => f.severity === undefined || r.severity === f.severity),
  );
  rows.sort(byMonthLine);
  return { ...meta(f, now, fallbacks), rows, totals: tl9000Totals(rows) };
}

export interface SlaReportRow {
  month: Month;
  teamId: string;
  severity: Severity;
  tier: Tier;
  clock: SlaClockKind;
  measured: number;
  met: number;
  percent: number | null;
}
export interface SlaReport extends ReportMeta {
  /** Clocks that stopped in the month, per team, severity, tier and clock (empty groups left out). */
  rows: SlaReportRow[];
}

export function slaReport(data: ReportData, f: ReportFilter, now: number): SlaReport {
  const { tickets, events, context, fallbacks } = filtered(data, f);
  // Each group's tickets with their own events only: slaCompliance indexes the events it gets.
  const groups = new Map<string, { tickets: Ticket[]; events: TicketEvent[] }>();
  const groupOf = new Map<string, { tickets: Ticket[]; events: TicketEvent[] }>();
  for (const t of tickets) {
    const k = `${t.teamId}\u0000${t.severity}\u0000${context(t).tier}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { tickets: [], events: [] }));
    g.tickets.push(t);
    groupOf.set(t.id, g);
  }
  for (const e of events) groupOf.get(e.ticketId)?.events.push(e);
  const rows: SlaReportRow[] = [];
  // A ticket with milestones in several months is worked out once.
  const states: SlaStates = new Map();
  for (const month of monthsBetween(f.from, f.to)) {
    const [from, to] = monthRange(month);
    for (const [k, g] of groups) {
      const [teamId, severity, tier] = k.split('\u0000') as [string, Severity, Tier];
      for (const c of slaCompliance({ tickets: g.tickets, events: g.events, slaContext: context, from, to: Math.min(to, now), now, states }))
        if (c.measured > 0) rows.push({ month, teamId, severity, tier, clock: c.clock, measured: c.measured, met: c.met, percent: c.percent });
    }
  }
  rows.sort((a, b) => (a.month + a.teamId + a.severity + a.tier + a.clock < b.month + b.teamId + b.severity + b.tier + b.clock ? -1 : 1));
  return { ...meta(f, now, fallbacks), rows };
}

export interface BacklogReport {
  generatedAt: string;
  buckets: { label: string; total: number; bySeverity: Record<Severity, number> }[];
  byStatus: Record<string, number>;
  open: number;
}

/** Open tickets now (the period does not apply: a backlog is a state, not a flow). */
export function backlogReport(data: ReportData, f: ReportFilter, now: number): BacklogReport {
  const { tickets } = filtered(data, f);
  const byStatus: Record<string, number> = Object.fromEntries(OPEN_STATUSES.map((s) => [s, 0]));
  let open = 0;
  for (const t of tickets)
    if ((OPEN_STATUSES as readonly TicketStatus[]).includes(t.status)) {
      byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
      open++;
    }
  return { generatedAt: new Date(now).toISOString(), buckets: backlogAgeing({ tickets, now }), byStatus, open };
}

export interface EscalationReport extends ReportMeta {
  /** Share of tickets created in the month escalated upwards at least once. */
  rate: { month: Month; tickets: number; escalated: number; percent: number | null }[];
  /** Upward escalations raised in the period by axis and level reached. */
  byLevel: { axis: string; toLevel: string; count: number }[];
  /** Escalations raised in the period: acknowledged, and minutes to acknowledge. */
  acknowledge: { raised: number; acknowledged: number; averageMinutes: number | null; maxMinutes: number | null };
}

export function escalationReport(data: ReportData, f: ReportFilter, now: number): EscalationReport {
  const { tickets, events, fallbacks } = filtered(data, f);
  const months = monthsBetween(f.from, f.to);
  const rate = months.map((month) => {
    const [from, to] = monthRange(month);
    return { month, ...escalationRate({ tickets, events, from, to }) };
  });
  const [start] = monthRange(f.from);
  const end = Math.min(monthRange(f.to)[1], now);
  const acks = new Map<string, number>();
  for (const e of events) if (e.kind === 'escalation_ack') acks.set(e.escalationEventId, Math.min(acks.get(e.escalationEventId) ?? Infinity, Date.parse(e.at)));
  const levels = new Map<string, number>();
  let raised = 0;
  let acknowledged = 0;
  let sum = 0;
  let max: number | null = null;
  for (const e of events) {
    if (e.kind !== 'escalation' || e.direction !== 'up') continue;
    const at = Date.parse(e.at);
    if (at < start || at >= end) continue;
    raised++;
    const k = `${e.axis}\u0000${e.toLevel}`;
    levels.set(k, (levels.get(k) ?? 0) + 1);
    const ack = acks.get(e.id);
    if (ack !== undefined) {
      acknowledged++;
      const minutes = Math.max(0, ack - at) / 60_000;
      sum += minutes;
      max = Math.max(max ?? 0, minutes);
    }
  }
  const byLevel = [...levels].map(([k, count]) => {
    const [axis, toLevel] = k.split('\u0000') as [string, string];
    return { axis, toLevel, count };
  });
  byLevel.sort((a, b) => (a.axis + a.toLevel < b.axis + b.toLevel ? -1 : 1));
  return { ...meta(f, now, fallbacks), rate, byLevel, acknowledge: { raised, acknowledged, averageMinutes: acknowledged ? sum / acknowledged : null, maxMinutes: max } };
}

export interface CsatReport extends ReportMeta {
  responses: number;
  average: number | null;
  distribution: [number, number, number, number, number];
  trend: { month: Month; responses: number; average: number | null }[];
  /** The reasons given, newest first (at most 50). */
  verbatims: { ticketId: string; at: string; score: number; reason: string }[];
}

export function csatReport(data: ReportData, f: ReportFilter, now: number): CsatReport {
  const { events, fallbacks } = filtered(data, f);
  const [start] = monthRange(f.from);
  const end = Math.min(monthRange(f.to)[1], now);
  const total = csatSummary({ events, from: start, to: end });
  const trend = monthsBetween(f.from, f.to).map((month) => {
    const [from, to] = monthRange(month);
    const s = csatSummary({ events, from, to });
    return { month, responses: s.responses, average: s.average };
  });
  // One survey per ticket: only the latest answer's reason is quoted.
  const latest = new Map<string, Extract<TicketEvent, { kind: 'csat' }>>();
  for (const e of events)
    if (e.kind === 'csat') {
      const prev = latest.get(e.ticketId);
      if (!prev || e.at > prev.at || (e.at === prev.at && e.id > prev.id)) latest.set(e.ticketId, e);
    }
  const verbatims = [...latest.values()]
    .filter((e) => e.reason?.trim() && Date.parse(e.at) >= start && Date.parse(e.at) < end)
    .sort((a, b) => (a.at > b.at ? -1 : a.at < b.at ? 1 : 0))
    .slice(0, 50)
    .map((e) => ({ ticketId: e.ticketId, at: e.at, score: e.score, reason: e.reason ?? '' }));
  return { ...meta(f, now, fallbacks), responses: total.responses, average: total.average, distribution: total.distribution, trend, verbatims };
}

export interface ProblemsReport {
  generatedAt: string;
  byStatus: Record<string, number>;
  /** Actions not done or cancelled whose due date has passed (UTC date). */
  overdueActions: { problemId: string; title: string; actionId: string; description: string; ownerId: string; dueDate: string }[];
  /** Done actions with an effectiveness check: how many worked. */
  effectiveness: { checked: number; effective: number; percent: number | null };
}

export function problemsReport(data: Pick<ReportData, 'problems'>, f: Pick<ReportFilter, 'productLine'>, now: number): ProblemsReport {
  const today = new Date(now).toISOString().slice(0, 10);
  const byStatus: Record<string, number> = {};
  const overdueActions: ProblemsReport['overdueActions'] = [];
  let checked = 0;
  let effective = 0;
  for (const p of data.problems) {
    if (f.productLine !== undefined && p.productLine !== f.productLine) continue;
    byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
    for (const a of p.actions) {
      if ((a.status === 'open' || a.status === 'in_progress') && a.dueDate < today)
        overdueActions.push({ problemId: p.id, title: p.title, actionId: a.id, description: a.description, ownerId: a.ownerId, dueDate: a.dueDate });
      if (a.status === 'done' && a.effective !== null) {
        checked++;
        if (a.effective) effective++;
      }
    }
  }
  overdueActions.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.actionId < b.actionId ? -1 : 1));
  return { generatedAt: new Date(now).toISOString(), byStatus, overdueActions, effectiveness: { checked, effective, percent: pct(effective, checked) } };
}

/** Product lines a report may be filtered by: those of the assets and tickets in view. */
export function knownProductLines(data: Pick<ReportData, 'assets' | 'tickets'>): Set<string> {
  const out = new Set<string>();
  for (const a of data.assets) if (a.productLine) out.add(a.productLine);
  for (const t of data.tickets) if (t.productLine) out.add(t.productLine);
  return out;
}
