import { reportFilterProblem, type ReportFilter } from '../../shared/domain/reports';
import type { Policy } from '../../shared/schema';
import { loadContext, type CimsContext } from '../access/context';
import { canReadTicket, ticketFilterSql } from '../access/rules';
import type { UserRow } from '../auth/users';
import type { Queryable } from '../db/db';
import { HttpError } from '../http/errors';

/**
 * Who may run a report over what (Z8: reports obey the read rules). Managers see their
 * region and the teams they manage, exactly the tickets `canReadTicket` gives them; admins
 * see everything; other roles have no reports. Naming another region or a team outside the
 * manager's scope is refused (403), never answered with an empty report.
 */
export async function reportContext(q: Queryable, user: UserRow, f: ReportFilter): Promise<CimsContext> {
  const ctx = await loadContext(q, { id: user.id, username: user.username, roles: user.roles, teamId: user.team_id }, 'tickets', canReadTicket);
  if (ctx.roles.has('admin')) return ctx;
  if (!ctx.roles.has('manager')) throw new HttpError(403, 'FORBIDDEN', 'Reports are for managers and administrators');
  if (f.region !== undefined && f.region !== ctx.region) throw new HttpError(403, 'FORBIDDEN', 'That region is outside your scope', 'region');
  if (f.teamId !== undefined) {
    const inScope = ctx.managedTeams.has(f.teamId) || f.teamId === ctx.teamId || (ctx.region !== null && ctx.teamRegions.get(f.teamId) === ctx.region);
    if (!inScope) throw new HttpError(403, 'FORBIDDEN', 'That team is outside your scope', 'teamId');
  }
  return ctx;
}

/** SQL parameters collected as a query is built: `param(v)` answers `$n`. */
export class Params {
  readonly values: unknown[] = [];
  add = (v: unknown): string => {
    this.values.push(v);
    return `$${this.values.length}`;
  };
}

/**
 * The ticket rows of a report: `t` is the ticket, `c` its customer (for the tier). The read
 * rule's SQL twin equals canReadTicket for managers and admins, the only report roles, so the
 * aggregates count exactly what the caller may read.
 */
export function ticketScopeSql(ctx: CimsContext, f: ReportFilter, p: Params): { from: string; where: string } {
  const conds = [`t.collection = 'tickets'`, 'not t.deleted', `(${ticketFilterSql(ctx, 't.doc', p.add)})`];
  if (f.productLine !== undefined) conds.push(`t.doc->>'productLine' = ${p.add(f.productLine)}`);
  if (f.region !== undefined) conds.push(`t.doc->>'region' = ${p.add(f.region)}`);
  if (f.teamId !== undefined) conds.push(`t.doc->>'teamId' = ${p.add(f.teamId)}`);
  if (f.severity !== undefined) conds.push(`t.doc->>'severity' = ${p.add(f.severity)}`);
  if (f.tier !== undefined) conds.push(`coalesce(c.doc->>'tier', 'general') = ${p.add(f.tier)}`);
  return {
    from: `sync_docs t left join sync_docs c on c.collection = 'customers' and c.id = t.doc->>'customerId' and not c.deleted`,
    where: conds.join(' and '),
  };
}

/** ticket_facts (migration 13) column of each ticket field the read rule and the filters name. */
const FACT_COLUMNS: Readonly<Record<string, string>> = {
  assigneeId: 'assignee_id',
  teamId: 'team_id',
  region: 'region',
  functionalLevel: 'functional_level',
};
const RULE_DOC = '__ticket__';

/**
 * The read rule over ticket_facts rows (`t`): the rule's own SQL twin (ticketFilterSql) with
 * each document field read from its column, so the rule stays written once. A field the
 * table lacks is an error, never a silently wider report.
 */
export function factsRuleSql(ctx: CimsContext, p: Params): string {
  const sql = ticketFilterSql(ctx, RULE_DOC, p.add).replace(new RegExp(`${RULE_DOC}->>'(\\w+)'`, 'g'), (_, field: string) => {
    const col = FACT_COLUMNS[field];
    if (col === undefined) throw new Error(`ticket_facts has no column for the ticket field ${field}`);
    return `t.${col}`;
  });
  if (sql.includes(RULE_DOC)) throw new Error('the ticket read rule reads more than single fields');
  return sql;
}

/**
 * The ticket_facts rows of a report, `t`, with `c` the customer (for the tier): the same
 * tickets as ticketScopeSql, read from the typed columns.
 */
export function factsScopeSql(ctx: CimsContext, f: ReportFilter, p: Params): { from: string; where: string } {
  const conds = [`(${factsRuleSql(ctx, p)})`];
  if (f.productLine !== undefined) conds.push(`t.product_line = ${p.add(f.productLine)}`);
  if (f.region !== undefined) conds.push(`t.region = ${p.add(f.region)}`);
  if (f.teamId !== undefined) conds.push(`t.team_id = ${p.add(f.teamId)}`);
  if (f.severity !== undefined) conds.push(`t.severity = ${p.add(f.severity)}`);
  if (f.tier !== undefined) conds.push(`coalesce(c.doc->>'tier', 'general') = ${p.add(f.tier)}`);
  return {
    from: `ticket_facts t left join sync_docs c on c.collection = 'customers' and c.id = t.customer_id and not c.deleted`,
    where: conds.join(' and '),
  };
}

export async function docsOf<T>(q: Queryable, collection: string): Promise<T[]> {
  const r = await q.query<{ doc: T }>('select doc from sync_docs where collection = $1 and not deleted', [collection]);
  return r.rows.map((x) => x.doc);
}

export const loadPolicies = (q: Queryable): Promise<Policy[]> => docsOf<Policy>(q, 'policies');

/** Whether any asset or ticket carries the product line (an existence probe, not a scan). */
async function productLineKnown(q: Queryable, productLine: string): Promise<boolean> {
  const r = await q.query(
    `select 1 from sync_docs where collection in ('assets', 'tickets') and not deleted and doc->>'productLine' = $1 limit 1`,
    [productLine],
  );
  return r.rows.length > 0;
}

/** Refuses a bad range or an unknown product line with a coded 400. */
export async function checkFilter(q: Queryable, f: ReportFilter, now: number): Promise<void> {
  const known = new Set(f.productLine !== undefined && (await productLineKnown(q, f.productLine)) ? [f.productLine] : []);
  const problem = reportFilterProblem(f, now, known);
  if (problem) throw new HttpError(400, problem.code, problem.message, problem.field);
}
