import { monthRange, monthsBetween, tl9000Month } from '../../shared/domain/metrics';
import { byMonthLine, reportSlaContext, tl9000Rates, tl9000Totals, type ReportFilter, type Tl9000Report, type Tl9000ReportRow } from '../../shared/domain/reports';
import { slaTargetFor } from '../../shared/domain/sla';
import { SEVERITIES, TIERS, type Customer, type Policy, type Severity, type Ticket } from '../../shared/schema';
import type { CimsContext } from '../access/context';
import type { Queryable } from '../db/db';
import { factsScopeSql, loadPolicies, Params } from './scope';

/**
 * TL 9000 NPR / FRT / OFR on PostgreSQL, by the definitions of shared/domain/metrics.ts
 * (tl9000Month), aggregated in one statement so a million tickets never reach the process.
 * Fix targets counted in calendar time (the default for every severity) are computed in SQL;
 * the rare contract whose fix target runs on business hours needs the region's calendar, so
 * those tickets alone are handed to the shared function.
 */

/** Fix target per (contract customer or '' for the default policy, severity, tier). */
function fixTargets(policies: readonly Policy[]): { cust: string; sev: Severity; tier: string; minutes: number | null; clock: string }[] {
  const sla = policies.flatMap((p) => (p.kind === 'sla' && p.active ? [p.sla] : []));
  const fallback = sla.find((s) => s.customerId === null) ?? null;
  const byCustomer = new Map(sla.filter((s) => s.customerId).map((s) => [s.customerId!, s]));
  const out: ReturnType<typeof fixTargets> = [];
  for (const [cust, policy] of [['', fallback] as const, ...byCustomer])
    for (const sev of SEVERITIES)
      for (const tier of TIERS) {
        const t = slaTargetFor(policy, sev, tier);
        out.push({ cust, sev, tier, minutes: t.fixMinutes, clock: t.fixClock });
      }
  return out;
}

interface AggRow {
  k: 'r' | 'f' | 'o' | 'p' | 'x';
  m: string | null;
  pl: string | null;
  sev: Severity | null;
  a: number;
  b: number;
  extra: string | null;
  /** For 'o': overdue and overdue-closed counts, one per month of the report. */
  oa: number[] | null;
  ob: number[] | null;
}

/**
 * Overdue counts of every report month in one pass over the candidate tickets: per month, the
 * condition of metrics.ts between the month's start and its end (`now` at the latest), as
 * conditional counts rather than a join of tickets and months.
 */
function overdueColumns(months: readonly string[], now: number, p: Params): { overdue: string; closed: string } {
  const overdue: string[] = [];
  const closed: string[] = [];
  for (const month of months) {
    const [start, end] = monthRange(month);
    const ms = `${p.add(new Date(start).toISOString())}::timestamptz`;
    const me = `${p.add(new Date(Math.min(end, now)).toISOString())}::timestamptz`;
    const due = `f.due < ${me} and f.created < ${me} and (f.closed is null or f.closed > greatest(f.due, ${ms}))`;
    overdue.push(`count(*) filter (where ${due})`);
    closed.push(`count(*) filter (where ${due} and f.closed is not null and f.closed < ${me})`);
  }
  return { overdue: `array[${overdue.join(', ')}]::float8[]`, closed: `array[${closed.join(', ')}]::float8[]` };
}

export async function tl9000FromSql(q: Queryable, ctx: CimsContext, f: ReportFilter, now: number): Promise<Tl9000Report> {
  const policies = await loadPolicies(q);
  const months = monthsBetween(f.from, f.to);
  const start = monthRange(f.from)[0];
  const end = Math.min(monthRange(f.to)[1], now);
  const p = new Params();
  const scope = factsScopeSql(ctx, f, p);
  const fixes = fixTargets(policies);
  const targets = p.add(JSON.stringify(fixes));
  const s = p.add(new Date(start).toISOString());
  const e = p.add(new Date(end).toISOString());
  // Months in UTC (metrics.ts), each ending at `now` at the latest.
  const utcMonth = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM')`;
  const overdue = overdueColumns(months, now, p);
  // The CTEs are inlined into each branch (not materialized), so each reads only its rows
  // through the facts' indexes: reports by creation, fixes by resolution, overdue reports
  // among those open or closed in the period.
  const sql = `
    with targets as (
      select * from jsonb_to_recordset(${targets}::jsonb) as x(cust text, sev text, tier text, minutes double precision, clock text)
    ),
    facts as not materialized (
      select t.id, t.product_line as pl, t.severity as sev, t.region,
             t.created_at as created, t.resolved_at as resolved, t.closed_at as closed,
             case when tc.cust is not null then tc.minutes else td.minutes end as minutes,
             case when tc.cust is not null then tc.clock else td.clock end as clock
      from ${scope.from}
      join targets td on td.cust = '' and td.sev = t.severity and td.tier = coalesce(c.doc->>'tier', 'general')
      left join targets tc on tc.cust = t.customer_id and tc.sev = t.severity and tc.tier = coalesce(c.doc->>'tier', 'general')
      where ${scope.where}
        and t.problem_report and t.type <> 'inquiry'
        and t.created_at < ${e}::timestamptz
    ),
    calc as not materialized (
      select *, case when minutes is null then null else created + minutes * interval '1 minute' end as due
      from facts where clock = '24x7' or minutes is null
    )
    select 'r' as k, ${utcMonth('created')} as m, pl, sev, count(*)::float8 as a, 0::float8 as b, null as extra, null::float8[] as oa, null::float8[] as ob
      from calc where created >= ${s}::timestamptz group by 2, 3, 4
    union all
    select 'f', ${utcMonth('resolved')}, pl, sev, count(*)::float8, (count(*) filter (where due is null or resolved <= due))::float8, null, null, null
      from calc where resolved >= ${s}::timestamptz and resolved < ${e}::timestamptz group by 2, 3, 4
    union all
    select 'o', null, pl, sev, 0, 0, null, ${overdue.overdue}, ${overdue.closed}
      from (
        -- "offset 0" keeps this a subquery: each due time is computed once, not once per use.
        select * from calc
        -- implied by the condition below; lets the closed-time index pick the candidates
        where closed is null or closed > ${s}::timestamptz
        offset 0
      ) f
      where f.due is not null and f.due < ${e}::timestamptz and (f.closed is null or f.closed > greatest(f.due, ${s}::timestamptz))
      group by 3, 4
    union all
    -- The first report of each product line, per region: one pass over the scope, without
    -- the targets (a ticket passes the default target's join when its severity and tier are
    -- known ones).
    select 'p', null, t.product_line, null, (extract(epoch from min(t.created_at)) * 1000)::float8, 0, t.region, null, null
      from ${scope.from}
      where ${scope.where} and t.problem_report and t.type <> 'inquiry' and t.created_at < ${e}::timestamptz
        and t.severity = any(${p.add(SEVERITIES)}::text[]) and coalesce(c.doc->>'tier', 'general') = any(${p.add(TIERS)}::text[])
      group by t.product_line, t.region
    ${
      fixes.some((x) => x.minutes !== null && x.clock !== '24x7')
        ? `union all
    select 'x', null, null, null, 0, 0, id, null, null from facts where not (clock = '24x7' or minutes is null)`
        : ''
    }`;
  const agg = (await q.query<AggRow>(sql, p.values)).rows;

  const units = await q.query<{ pl: string; install: string; in_service: boolean; n: string }>(
    `select doc->>'productLine' as pl, doc->>'installDate' as install, doc->>'status' not in ('retired', 'spare') as in_service, count(*) as n
       from sync_docs where collection = 'assets' and not deleted and doc->>'parentId' is null
       ${f.productLine !== undefined ? `and doc->>'productLine' = $1` : ''}
       group by 1, 2, 3`,
    f.productLine !== undefined ? [f.productLine] : [],
  );

  // Every product line with units or with a report before the month's end gets a row per
  // severity (metrics.ts: months without reports still add unit-months to NPR).
  const firstReport = new Map<string, number>();
  const counts = new Map<string, { reports: number; fixesDelivered: number; fixesOnTime: number; overdue: number; overdueClosed: number }>();
  const at = (m: string, pl: string, sev: string) => {
    const k = `${m}\u0000${pl}\u0000${sev}`;
    let c = counts.get(k);
    if (!c) counts.set(k, (c = { reports: 0, fixesDelivered: 0, fixesOnTime: 0, overdue: 0, overdueClosed: 0 }));
    return c;
  };
  const regions = new Set<string>();
  const businessIds: string[] = [];
  for (const r of agg) {
    if (r.k === 'p') {
      firstReport.set(r.pl!, Math.min(r.a, firstReport.get(r.pl!) ?? Infinity));
      regions.add(r.extra!);
    }
    else if (r.k === 'x') businessIds.push(r.extra!);
    else if (r.k === 'r') at(r.m!, r.pl!, r.sev!).reports += r.a;
    else if (r.k === 'f') Object.assign(at(r.m!, r.pl!, r.sev!), { fixesDelivered: r.a, fixesOnTime: r.b });
    else if (r.k === 'o')
      months.forEach((m, i) => {
        if (r.oa![i]! > 0) Object.assign(at(m, r.pl!, r.sev!), { overdue: r.oa![i]!, overdueClosed: r.ob![i]! });
      });
  }
  const assetLines = new Set(units.rows.map((u) => u.pl));
  const unitsIn = (pl: string, monthEnd: number) =>
    units.rows.reduce((sum, u) => (u.pl === pl && u.in_service && Date.parse(`${u.install}T00:00:00.000Z`) < monthEnd ? sum + Number(u.n) : sum), 0);

  // Tickets whose fix target runs on business hours: the shared function, on their documents.
  const { context, fallbacks } = reportSlaContext({ customers: await customersOf(q, businessIds), policies });
  const business = businessIds.length === 0 ? [] : await ticketsByIds(q, businessIds);
  // The regions of the counted reports go through the same lookup, so a region without a
  // calendar is reported as it is by the local path.
  for (const region of regions) context({ region, customerId: '' } as Ticket);

  const severities = f.severity === undefined ? SEVERITIES : [f.severity];
  const rows: Tl9000ReportRow[] = [];
  for (const month of months) {
    const me = monthRange(month)[1];
    const monthEnd = Math.min(me, now);
    const extra = new Map(tl9000Month({ month, tickets: business, assets: [], slaContext: context, now }).map((r) => [`${r.productLine}\u0000${r.severity}`, r]));
    const lines = new Set([...assetLines]);
    for (const [pl, first] of firstReport) if (first < monthEnd) lines.add(pl);
    const unitCache = new Map<string, number>();
    for (const pl of lines)
      for (const severity of severities) {
        const c = counts.get(`${month}\u0000${pl}\u0000${severity}`) ?? { reports: 0, fixesDelivered: 0, fixesOnTime: 0, overdue: 0, overdueClosed: 0 };
        const x = extra.get(`${pl}\u0000${severity}`);
        if (!unitCache.has(pl)) unitCache.set(pl, unitsIn(pl, me));
        const overdue = c.overdue + (x?.overdue ?? 0);
        const overdueClosed = c.overdueClosed + (x?.overdueClosed ?? 0);
        rows.push(
          tl9000Rates({
            month,
            productLine: pl,
            severity,
            reports: c.reports + (x?.reports ?? 0),
            unitMonths: unitCache.get(pl)!,
            fixesDelivered: c.fixesDelivered + (x?.fixesDelivered ?? 0),
            fixesOnTime: c.fixesOnTime + (x?.fixesOnTime ?? 0),
            overdue,
            overdueClosed,
            overdueAtEnd: overdue - overdueClosed,
          }),
        );
      }
  }
  rows.sort(byMonthLine);
  return {
    from: f.from,
    to: f.to,
    months,
    generatedAt: new Date(now).toISOString(),
    calendarFallbacks: [...fallbacks].sort(),
    rows,
    totals: tl9000Totals(rows),
  };
}

export async function ticketsByIds(q: Queryable, ids: readonly string[]): Promise<Ticket[]> {
  const r = await q.query<{ doc: Ticket }>(`select doc from sync_docs where collection = 'tickets' and not deleted and id = any($1::text[])`, [ids]);
  return r.rows.map((x) => x.doc);
}

/** The customers of the given tickets (their tier picks the SLA target). */
export async function customersOf(q: Queryable, ticketIds: readonly string[]): Promise<Customer[]> {
  if (ticketIds.length === 0) return [];
  const r = await q.query<{ doc: Customer }>(
    `select c.doc from sync_docs c where c.collection = 'customers' and not c.deleted
        and c.id in (select t.doc->>'customerId' from sync_docs t join unnest($1::text[]) as x(id) on x.id = t.id where t.collection = 'tickets')`,
    [ticketIds],
  );
  return r.rows.map((x) => x.doc);
}
