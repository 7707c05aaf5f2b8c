import { AGEING_BUCKETS } from '../../shared/domain/metrics';
import { monthRange } from '../../shared/domain/metrics';
import { OPEN_STATUSES } from '../../shared/domain/lifecycle';
import {
  csatReport,
  escalationReport,
  problemsReport,
  slaReport,
  type BacklogReport,
  type CsatReport,
  type EscalationReport,
  type ProblemsReport,
  type ReportData,
  type ReportFilter,
  type SlaReport,
} from '../../shared/domain/reports';
import type { Problem, Severity, Ticket, TicketEvent } from '../../shared/schema';
import type { CimsContext } from '../access/context';
import type { Queryable } from '../db/db';
import { docsOf, factsScopeSql, loadPolicies, Params, ticketScopeSql } from './scope';
import { customersOf } from './tl9000';

/**
 * Reports over the tickets of a period: SQL picks the tickets and events that can count
 * (a milestone, escalation or survey answer in the period, in scope), and the shared
 * functions compute the figures from them, so the clocks' business hours, pauses and the
 * one-survey-per-ticket rule are the very code the app runs offline.
 */
interface Candidates {
  /**
   * SQL selecting the ids of the tickets that can count, through the indexes of ticket_facts
   * and of the events (migration 13), so only their documents are read. The facts hold the
   * documents' times as timestamps; for the ISO UTC times the schema admits, comparing them
   * selects what comparing the text did.
   */
  ids: (p: Params, start: string, end: string) => string;
  /** Event kinds the report reads. */
  kinds: readonly TicketEvent['kind'][];
  /** Extra condition on `e` (the event). */
  events?: (p: Params, start: string, end: string) => string;
}

async function load(q: Queryable, ctx: CimsContext, f: ReportFilter, now: number, c: Candidates): Promise<ReportData> {
  const start = new Date(monthRange(f.from)[0]).toISOString();
  const end = new Date(Math.min(monthRange(f.to)[1], now)).toISOString();
  const p = new Params();
  const scope = ticketScopeSql(ctx, f, p);
  const ids = c.ids(p, start, end);
  const tickets = (
    await q.query<{ doc: Ticket }>(`select t.doc from ${scope.from} where t.id = any(array(${ids})) and ${scope.where}`, p.values)
  ).rows.map((r) => r.doc);
  const ticketIds = tickets.map((t) => t.id);
  const pe = new Params();
  const idsP = pe.add(ticketIds);
  const kindsP = pe.add([...c.kinds]);
  const extra = c.events ? ` and (${c.events(pe, start, end)})` : '';
  const events = ticketIds.length === 0 ? [] : (
    await q.query<{ doc: TicketEvent }>(
      // A join, not `= any(array)`: the array holds every candidate ticket.
      `select e.doc from sync_docs e join unnest(${idsP}::text[]) as c(id) on c.id = e.doc->>'ticketId'
        where e.collection = 'ticketEvents' and not e.deleted and e.doc->>'kind' = any(${kindsP}::text[])${extra}`,
      pe.values,
    )
  ).rows.map((r) => r.doc);
  const [customers, policies] = await Promise.all([customersOf(q, ticketIds), loadPolicies(q)]);
  return { tickets, events, customers, policies, assets: [], problems: [] };
}

/** Ids of tickets whose ticket_facts time `column` lies in [start, end). */
const factsInPeriod = (column: string, p: Params, start: string, end: string) =>
  `select id from ticket_facts where ${column} >= ${p.add(start)}::timestamptz and ${column} < ${p.add(end)}::timestamptz`;

/** Ids of the tickets with an event of `kind` at or after `start` (and before `end`, if given). */
const eventTickets = (kind: string, p: Params, start: string, end?: string) =>
  `select x.doc->>'ticketId' as id from sync_docs x where x.collection = 'ticketEvents' and not x.deleted
     and x.doc->>'kind' = ${p.add(kind)} and x.doc->>'at' >= ${p.add(start)}${end === undefined ? '' : ` and x.doc->>'at' < ${p.add(end)}`}`;

export async function slaFromDb(q: Queryable, ctx: CimsContext, f: ReportFilter, now: number): Promise<SlaReport> {
  const data = await load(q, ctx, f, now, {
    // A clock stops at a milestone; only tickets with one in the period can count (the same
    // prefilter as slaCompliance, whose fields are kept in step with the timeline).
    ids: (p, s, e) => ['responded_at', 'restored_at', 'resolved_at', 'closed_at'].map((m) => factsInPeriod(m, p, s, e)).join(' union '),
    kinds: ['sla_pause', 'sla_resume', 'status_change', 'reply'],
  });
  return slaReport(data, f, now);
}

export async function escalationsFromDb(q: Queryable, ctx: CimsContext, f: ReportFilter, now: number): Promise<EscalationReport> {
  const data = await load(q, ctx, f, now, {
    // Created in the period, or escalated in it.
    ids: (p, s, e) => `${factsInPeriod('created_at', p, s, e)} union ${eventTickets('escalation', p, s, e)}`,
    kinds: ['escalation', 'escalation_ack'],
  });
  return escalationReport(data, f, now);
}

export async function csatFromDb(q: Queryable, ctx: CimsContext, f: ReportFilter, now: number): Promise<CsatReport> {
  const data = await load(q, ctx, f, now, {
    // A survey answered in the period is the ticket's latest answer only if no later one
    // replaced it: every answer from the period's start on is read, later ones included.
    ids: (p, s) => eventTickets('csat', p, s),
    kinds: ['csat'],
    events: (p, s) => `e.doc->>'at' >= ${p.add(s)}`,
  });
  return csatReport(data, f, now);
}

/** Open tickets now, by age bucket, severity and status: one aggregation. */
export async function backlogFromSql(q: Queryable, ctx: CimsContext, f: ReportFilter, now: number): Promise<BacklogReport> {
  const p = new Params();
  const scope = factsScopeSql(ctx, f, p);
  const open = p.add([...OPEN_STATUSES]);
  const nowP = p.add(new Date(now).toISOString());
  const r = await q.query<{ status: string; severity: Severity; age_days: number | null; n: string }>(
    `select t.status, t.severity,
            floor(extract(epoch from (${nowP}::timestamptz - t.created_at)) / 86400)::float8 as age_days,
            count(*) as n
       from ${scope.from} where ${scope.where} and t.status = any(${open}::text[])
       group by 1, 2, 3`,
    p.values,
  );
  const buckets = AGEING_BUCKETS.map((b) => ({ label: b.label as string, total: 0, bySeverity: { critical: 0, major: 0, minor: 0 } as Record<Severity, number> }));
  const byStatus: Record<string, number> = Object.fromEntries(OPEN_STATUSES.map((s) => [s, 0]));
  let total = 0;
  for (const row of r.rows) {
    const n = Number(row.n);
    byStatus[row.status] = (byStatus[row.status] ?? 0) + n;
    total += n;
    // Whole days suffice: the buckets' limits are whole days (age < maxDays).
    const age = row.age_days ?? 0;
    if (age < 0) continue;
    const bucket = buckets[AGEING_BUCKETS.findIndex((b) => age < b.maxDays)]!;
    bucket.total += n;
    bucket.bySeverity[row.severity] += n;
  }
  return { generatedAt: new Date(now).toISOString(), buckets, byStatus, open: total };
}

export async function problemsFromDb(q: Queryable, _ctx: CimsContext, f: ReportFilter, now: number): Promise<ProblemsReport> {
  // Every report role may read every problem record (rules.ts problemAccess).
  return problemsReport({ problems: await docsOf<Problem>(q, 'problems') }, f, now);
}
