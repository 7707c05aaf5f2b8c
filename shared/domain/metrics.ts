import type { Asset, SlaClockKind, Severity, Ticket, TicketEvent } from '../schema';
import { addBusinessMs } from './calendar';
import type { SlaContextFn } from './context';
import { groupEventsByTicket } from './context';
import { isOpen } from './lifecycle';
import { countsForTl9000 } from './priority';
import { slaState, slaTargetFor, type SlaState } from './sla';

// Reports as counts (numerator, denominator) so periods combine by addition; percentages are
// derived last. Months are UTC calendar months 'YYYY-MM'; all functions take `now`.

const DAY = 86_400_000;
export type Month = string;

export function monthOf(ms: number): Month {
  return new Date(ms).toISOString().slice(0, 7);
}
export function monthRange(month: Month): [number, number] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return [Date.UTC(y, m - 1, 1), Date.UTC(y, m, 1)];
}
/** Months from `from` to `to` inclusive. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let t = monthRange(from)[0]; monthOf(t) <= to; t = monthRange(monthOf(t))[1]) out.push(monthOf(t));
  return out;
}

const iso = (ms: number) => new Date(ms).toISOString();
const pct = (num: number, den: number): number | null => (den === 0 ? null : (num / den) * 100);

export interface Tl9000Counts {
  productLine: string;
  severity: Severity;
  /** NPR: problem reports received and installed-unit months in service. */
  reports: number;
  unitMonths: number;
  /** FRT: fixes delivered in the period and how many within the fix target. */
  fixesDelivered: number;
  fixesOnTime: number;
  /** OFR (per month): reports overdue at any time in the month, closed in it, still overdue at its end. */
  overdue: number;
  overdueClosed: number;
  overdueAtEnd: number;
}
export interface Tl9000Row extends Tl9000Counts {
  month: Month;
  npr: number | null;
  frtPercent: number | null;
  ofrPercent: number | null;
}

/** Installed units in service: top-level network elements (racks / units), not their boards. */
export function unitsInService(assets: readonly Asset[], productLine: string, monthEnd: number): number {
  let n = 0;
  for (const a of assets)
    if (a.productLine === productLine && a.parentId === null && a.status !== 'retired' && a.status !== 'spare' && Date.parse(`${a.installDate}T00:00:00.000Z`) < monthEnd) n++;
  return n;
}

/** The fix due time of a problem report (fix target from the SLA policy, calendar days by default). */
export function fixDueAt(ticket: Ticket, slaContext: SlaContextFn): number | null {
  const ctx = slaContext(ticket);
  const target = slaTargetFor(ctx.policy, ticket.severity, ctx.tier);
  if (target.fixMinutes === null) return null;
  return addBusinessMs(target.fixClock === '24x7' ? null : ctx.calendar, Date.parse(ticket.createdAt), target.fixMinutes * 60_000);
}

/** The TL 9000 counts a report adds a ticket to; the drill-down to a figure asks the same. */
export const TL9000_FIGURES = ['reports', 'fixesDelivered', 'fixesOnTime', 'overdue', 'overdueClosed', 'overdueAtEnd'] as const;
export type Tl9000Figure = (typeof TL9000_FIGURES)[number];

/**
 * Where one ticket stands in a month [start, end) of TL 9000 (end is the month's end or now,
 * whichever is first): which counts it adds to, or null when it is no problem report of the
 * period. See tl9000Month for the definitions.
 */
export function tl9000Standing(t: Ticket, start: number, end: number, slaContext: SlaContextFn): Record<Tl9000Figure, boolean> | null {
  if (!countsForTl9000(t)) return null;
  const created = Date.parse(t.createdAt);
  if (created >= end) return null;
  const due = fixDueAt(t, slaContext);
  const resolved = t.resolvedAt === null ? null : Date.parse(t.resolvedAt);
  const delivered = resolved !== null && resolved >= start && resolved < end;
  const closed = t.closedAt === null ? null : Date.parse(t.closedAt);
  const overdue = due !== null && due < end && (closed === null || closed > Math.max(due, start));
  const closedInMonth = overdue && closed !== null && closed < end;
  return {
    reports: created >= start,
    fixesDelivered: delivered,
    fixesOnTime: delivered && (due === null || resolved <= due),
    overdue,
    overdueClosed: closedInMonth,
    overdueAtEnd: overdue && !closedInMonth,
  };
}

const key = (pl: string, sev: Severity) => `${pl}\u0000${sev}`;

/**
 * TL 9000 NPR / FRT / OFR counts per product line and severity for one month. NPR =
 * reports * 12 / units; FRT = % of fixes delivered in the month within target; OFR = % of
 * reports overdue at any time in the month (past the fix target and not closed) that were
 * closed in it, plus the count still overdue at month end. The handbook's exact OFR formula
 * is not public: this is our definition.
 */
export function tl9000Month(input: { month: Month; tickets: readonly Ticket[]; assets: readonly Asset[]; slaContext: SlaContextFn; now: number }): Tl9000Row[] {
  const [start, monthEnd] = monthRange(input.month);
  const end = Math.min(monthEnd, input.now);
  const rows = new Map<string, Tl9000Counts>();
  const row = (pl: string, sev: Severity) => {
    let r = rows.get(key(pl, sev));
    if (!r) rows.set(key(pl, sev), (r = { productLine: pl, severity: sev, reports: 0, unitMonths: 0, fixesDelivered: 0, fixesOnTime: 0, overdue: 0, overdueClosed: 0, overdueAtEnd: 0 }));
    return r;
  };
  for (const t of input.tickets) {
    const standing = tl9000Standing(t, start, end, input.slaContext);
    if (!standing) continue;
    const r = row(t.productLine, t.severity);
    for (const figure of TL9000_FIGURES) if (standing[figure]) r[figure]++;
  }
  // Every product line with units gets rows for every severity, so months with no reports
  // still add their unit-months to NPR's denominator.
  const productLines = new Set([...rows.values()].map((r) => r.productLine));
  for (const a of input.assets) if (a.parentId === null) productLines.add(a.productLine);
  for (const pl of productLines) {
    for (const sev of ['critical', 'major', 'minor'] as const) row(pl, sev);
    const units = unitsInService(input.assets, pl, monthEnd);
    for (const r of rows.values()) if (r.productLine === pl) r.unitMonths = units;
  }
  return [...rows.values()]
    .sort((a, b) => (a.productLine < b.productLine ? -1 : a.productLine > b.productLine ? 1 : a.severity < b.severity ? -1 : 1))
    .map((r) => withRates(input.month, r));
}

function withRates(month: Month, r: Tl9000Counts): Tl9000Row {
  return {
    ...r,
    month,
    npr: r.unitMonths === 0 ? null : (r.reports * 12) / r.unitMonths,
    frtPercent: pct(r.fixesOnTime, r.fixesDelivered),
    ofrPercent: pct(r.overdueClosed, r.overdue),
  };
}

/**
 * NPR and FRT over several months: the sums of the monthly counts (NPR annualised over the
 * unit-months). OFR is a per-month measure; its counts are summed as reported per month.
 */
export function combineTl9000(rows: readonly Tl9000Row[], label: string): Tl9000Row[] {
  const acc = new Map<string, Tl9000Counts>();
  for (const r of rows) {
    const k = key(r.productLine, r.severity);
    const a = acc.get(k) ?? { productLine: r.productLine, severity: r.severity, reports: 0, unitMonths: 0, fixesDelivered: 0, fixesOnTime: 0, overdue: 0, overdueClosed: 0, overdueAtEnd: 0 };
    a.reports += r.reports;
    a.unitMonths += r.unitMonths;
    a.fixesDelivered += r.fixesDelivered;
    a.fixesOnTime += r.fixesOnTime;
    a.overdue += r.overdue;
    a.overdueClosed += r.overdueClosed;
    a.overdueAtEnd += r.overdueAtEnd;
    acc.set(k, a);
  }
  return [...acc.values()].map((r) => withRates(label, r));
}

export interface ClockCompliance {
  clock: SlaClockKind;
  measured: number;
  met: number;
  percent: number | null;
}

// The few period bounds a report asks about, as ISO text once each instead of once per ticket.
const isoCache = new Map<number, string>();
function isoOf(ms: number): string {
  let text = isoCache.get(ms);
  if (text === undefined) {
    if (isoCache.size > 256) isoCache.clear();
    text = iso(ms);
    isoCache.set(ms, text);
  }
  return text;
}

/**
 * SLA states already worked out, per ticket, for one `now`: a report over several months asks
 * for the same ticket's clocks once per month it has a milestone in.
 */
export type SlaStates = Map<string, SlaState>;

/** The clocks of one ticket that stopped in [from, to), met or not: what SLA compliance measures. */
export function stoppedClocks(
  t: Ticket,
  events: readonly TicketEvent[],
  slaContext: SlaContextFn,
  from: number,
  to: number,
  now: number,
  states?: SlaStates,
): { clock: SlaClockKind; met: boolean }[] {
  const fromIso = isoOf(from);
  const toIso = isoOf(to);
  if (t.createdAt >= toIso) return [];
  const inPeriod = (v: string | null) => v !== null && v >= fromIso && v < toIso;
  // Cheap prefilter on the ticket's milestone fields (kept in step with the timeline): a
  // clock can only stop in the period if one of them lies in it.
  if (!inPeriod(t.respondedAt) && !inPeriod(t.restoredAt) && !inPeriod(t.resolvedAt) && !inPeriod(t.closedAt)) return [];
  let s = states?.get(t.id);
  if (!s) {
    s = slaState({ ticket: t, events, now, ...slaContext(t) });
    states?.set(t.id, s);
  }
  const out: { clock: SlaClockKind; met: boolean }[] = [];
  for (const c of [s.firstResponse, s.restore, s.fix]) {
    if (c.stoppedAt === null || c.met === null || c.stoppedAt < from || c.stoppedAt >= to) continue;
    if (c.clock === 'fix' && !countsForTl9000(t)) continue;
    out.push({ clock: c.clock, met: c.met });
  }
  return out;
}

/** SLA compliance per clock over clocks that stopped in [from, to). */
export function slaCompliance(input: {
  tickets: readonly Ticket[];
  events: readonly TicketEvent[];
  slaContext: SlaContextFn;
  from: number;
  to: number;
  now: number;
  /** States worked out for the same tickets, events and `now` (one report's months). */
  states?: SlaStates;
}): ClockCompliance[] {
  const byTicket = groupEventsByTicket(input.events);
  const acc = { firstResponse: [0, 0], restore: [0, 0], fix: [0, 0] } as Record<SlaClockKind, [number, number]>;
  for (const t of input.tickets) {
    for (const c of stoppedClocks(t, byTicket.get(t.id) ?? [], input.slaContext, input.from, input.to, input.now, input.states)) {
      acc[c.clock][0]++;
      if (c.met) acc[c.clock][1]++;
    }
  }
  return (Object.keys(acc) as SlaClockKind[]).map((clock) => ({ clock, measured: acc[clock][0], met: acc[clock][1], percent: pct(acc[clock][1], acc[clock][0]) }));
}

export const AGEING_BUCKETS = [
  { label: '<1d', maxDays: 1 },
  { label: '1-3d', maxDays: 3 },
  { label: '3-7d', maxDays: 7 },
  { label: '7-30d', maxDays: 30 },
  { label: '>30d', maxDays: Infinity },
] as const;
export type AgeBucket = (typeof AGEING_BUCKETS)[number]['label'];

/** The age bucket of an open ticket at `now`, or null for a ticket not open (or from the future). */
export function ageBucketOf(t: Ticket, now: number): AgeBucket | null {
  if (!isOpen(t.status)) return null;
  const age = (now - Date.parse(t.createdAt)) / DAY;
  if (age < 0) return null;
  return AGEING_BUCKETS.find((b) => age < b.maxDays)!.label;
}

/** Open tickets at `now` by age bucket and severity. */
export function backlogAgeing(input: { tickets: readonly Ticket[]; now: number }): { label: string; total: number; bySeverity: Record<Severity, number> }[] {
  const out = AGEING_BUCKETS.map((b) => ({ label: b.label as string, total: 0, bySeverity: { critical: 0, major: 0, minor: 0 } as Record<Severity, number> }));
  for (const t of input.tickets) {
    const label = ageBucketOf(t, input.now);
    if (label === null) continue;
    const bucket = out.find((b) => b.label === label)!;
    bucket.total++;
    bucket.bySeverity[t.severity]++;
  }
  return out;
}

/** Tickets created in [from, to) that were escalated (either axis, upwards) at least once. */
export function escalatedTickets(input: { tickets: readonly Ticket[]; events: readonly TicketEvent[]; from: number; to: number }): { inRange: Set<string>; escalated: Set<string> } {
  const inRange = new Set(input.tickets.filter((t) => Date.parse(t.createdAt) >= input.from && Date.parse(t.createdAt) < input.to).map((t) => t.id));
  const escalated = new Set<string>();
  for (const e of input.events) if (e.kind === 'escalation' && e.direction !== 'down' && inRange.has(e.ticketId)) escalated.add(e.ticketId);
  return { inRange, escalated };
}

/** Share of tickets created in [from, to) that were escalated (either axis, upwards) at least once. */
export function escalationRate(input: { tickets: readonly Ticket[]; events: readonly TicketEvent[]; from: number; to: number }): { tickets: number; escalated: number; percent: number | null } {
  const { inRange, escalated } = escalatedTickets(input);
  return { tickets: inRange.size, escalated: escalated.size, percent: pct(escalated.size, inRange.size) };
}

export interface CsatSummary {
  responses: number;
  sum: number;
  average: number | null;
  /** Counts of scores 1..5 (index 0 = score 1). */
  distribution: [number, number, number, number, number];
}

export interface CsatAnswer {
  ticketId: string;
  at: string;
  id: string;
  score: number;
}

/**
 * The CSAT rule of DOMAIN.md, stated once for every report and KPI: one survey per ticket, and
 * its latest answer counts (a ticket answered 2 and then 4 counts 4), dated when it was given.
 */
export function latestCsatAnswers(events: readonly TicketEvent[], from: number, to: number): CsatAnswer[] {
  const latest = new Map<string, CsatAnswer>();
  for (const e of events) {
    if (e.kind !== 'csat') continue;
    const prev = latest.get(e.ticketId);
    if (!prev || e.at > prev.at || (e.at === prev.at && e.id > prev.id)) latest.set(e.ticketId, { ticketId: e.ticketId, at: e.at, id: e.id, score: e.score });
  }
  return [...latest.values()].filter((v) => {
    const t = Date.parse(v.at);
    return t >= from && t < to;
  });
}

/** CSAT answers given in [from, to), by the rule of `latestCsatAnswers`. */
export function csatSummary(input: { events: readonly TicketEvent[]; from: number; to: number }): CsatSummary {
  const out: CsatSummary = { responses: 0, sum: 0, average: null, distribution: [0, 0, 0, 0, 0] };
  for (const v of latestCsatAnswers(input.events, input.from, input.to)) {
    out.responses++;
    out.sum += v.score;
    out.distribution[v.score - 1]!++;
  }
  out.average = out.responses ? out.sum / out.responses : null;
  return out;
}
