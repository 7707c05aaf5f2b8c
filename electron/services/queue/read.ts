/**
 * One page of a queue read with SQL from the tickets' projection table: the filters, the
 * sort and the count run on its indexed columns, and only the page's documents are read
 * and parsed. Runs inside one read transaction of the caller (search-index.ts `read`), so
 * the page and its total come from the same snapshot.
 */
import type { QueueSort } from '../../../shared/api/queue';
import type { Ticket } from '../../../shared/schema';
import { latestProjectionTable, type FullTextWithin, type SqliteConnection, type SqlValue } from '../../db/sqlite-storage';
import type { TicketNumberKey } from '../ticketWork/queries';
import { orderBy, type QueueWhere } from './sql';

export interface PageQuery {
  where: QueueWhere;
  /** Search hits, best first; undefined without a search (then every ticket is a candidate). */
  hits: string[] | undefined;
  sort: QueueSort;
  offset: number;
  limit: number;
  /** The SLA state of a ticket now (only the projected fields are set). */
  slaState: (ticket: Ticket) => string;
}

const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The projection and document tables of the tickets' newest schema version; null before the store made them. */
const ticketTables = (conn: SqliteConnection): { proj: string; docs: string } | null => {
  const proj = latestProjectionTable(conn, 'tickets');
  return proj ? { proj: q(proj), docs: q(proj.replace(/^proj:/, 'docs:')) } : null;
};

/** What queueSlaState reads of a ticket, from its projected row. */
const SLA_COLUMNS =
  'p.customer_id AS customerId, p.region AS region, p.severity AS severity, p.customer_tier AS customerTier, p.sla_due_at AS slaDueAt, ' +
  'p.responded_at AS respondedAt, p.restored_at AS restoredAt, p.resolved_at AS resolvedAt, p.closed_at AS closedAt';

export const readPage = (conn: SqliteConnection, query: PageQuery): { tickets: Ticket[]; total: number } => {
  const tables = ticketTables(conn);
  if (!tables || query.hits?.length === 0) return { tickets: [], total: 0 };
  const join = query.hits ? 'JOIN (SELECT key AS rank, value AS id FROM json_each(?)) h ON h.id = p.id' : '';
  const from = `FROM ${tables.proj} p ${join} WHERE ${query.where.where}`;
  const params: SqlValue[] = [...(query.hits ? [JSON.stringify(query.hits)] : []), ...query.where.params];
  const order = orderBy(query.sort);
  let total: number;
  let rowids: number[];
  if (query.where.slaStates.size === 0 && query.hits) {
    // At most the search's hits: one ordered pass gives the page and the count (a COUNT first
    // looked every hit up a second time).
    const all = conn.prepare(`SELECT p.rowid ${from} ORDER BY ${order}`).pluckAll(...params) as number[];
    total = all.length;
    rowids = all.slice(query.offset, query.offset + query.limit);
  } else if (query.where.slaStates.size === 0) {
    total = Number(conn.prepare(`SELECT COUNT(*) ${from}`).pluckAll(...params)[0]);
    rowids = conn.prepare(`SELECT p.rowid ${from} ORDER BY ${order} LIMIT ? OFFSET ?`).pluckAll(...params, query.limit, query.offset) as number[];
  } else {
    // The SLA state needs the clock and the policy: decided here on the candidates' columns.
    const states = query.where.slaStates;
    const candidates = conn.prepare(`SELECT p.rowid AS rowid, ${SLA_COLUMNS} ${from} ORDER BY ${order}`).all(...params);
    const matching = candidates.filter((c) => states.has(query.slaState(c as unknown as Ticket)));
    total = matching.length;
    rowids = matching.slice(query.offset, query.offset + query.limit).map((c) => c.rowid as number);
  }
  if (rowids.length === 0) return { tickets: [], total };
  const docs = conn.prepare(`SELECT rowid AS r, data AS d FROM ${tables.docs} WHERE rowid IN (SELECT value FROM json_each(?))`).all(JSON.stringify(rowids));
  const byRowid = new Map(docs.map((d) => [d.r as number, d.d as string]));
  const tickets = rowids.flatMap((r) => {
    const data = byRowid.get(r);
    return data === undefined ? [] : [JSON.parse(data) as Ticket];
  });
  return { tickets, total };
};

/**
 * The tickets a queue's conditions select, for a search to rank among them (their ids, and
 * their rowids, which their entries in the tickets' own index share); null when the
 * conditions select every ticket or the store has none yet.
 */
export const searchScope = (conn: SqliteConnection, where: QueueWhere): FullTextWithin | null => {
  const tables = ticketTables(conn);
  if (!tables || where.where === '1') return null;
  const rows = conn.prepare(`SELECT p.rowid AS r, p.id AS i FROM ${tables.proj} p WHERE ${where.where}`).all(...where.params);
  return { groups: rows.map((row) => row.i as string), rowids: { tickets: rows.map((row) => row.r as number) } };
};

/** Tickets of the given assets, by id (as RxDB's default order), at most `limit`. */
export const ticketsOfAssets = (conn: SqliteConnection, assetIds: string[], limit: number): string[] => {
  const tables = ticketTables(conn);
  if (!tables) return [];
  return conn
    .prepare(`SELECT p.id FROM ${tables.proj} p WHERE p.asset_id IN (SELECT value FROM json_each(?)) ORDER BY p.id LIMIT ?`)
    .pluckAll(JSON.stringify(assetIds), limit) as string[];
};

/** The id of the ticket with this official or provisional number; null when there is none. */
export const ticketIdByNumber = (conn: SqliteConnection, number: TicketNumberKey): string | null => {
  const tables = ticketTables(conn);
  if (!tables) return null;
  const [column, value] = 'official' in number ? ['number', number.official] : ['provisional_number', number.provisional];
  const found = conn.prepare(`SELECT p.id FROM ${tables.proj} p WHERE p.${column} = ? ORDER BY p.id LIMIT 1`).pluckAll(value);
  return (found[0] as string | undefined) ?? null;
};

/** A team's open tickets per assignee (NONE for unassigned), with the critical ones and those due by `dueBy`. */
export const teamLoad = (conn: SqliteConnection, teamId: string, openStatuses: readonly string[], dueBy: string): { assigneeId: string; open: number; critical: number; due: number }[] => {
  const tables = ticketTables(conn);
  if (!tables) return [];
  const rows = conn
    .prepare(
      `SELECT assignee_id AS assigneeId, COUNT(*) AS open, SUM(severity = 'critical') AS critical, SUM(sla_due_at <= ?) AS due FROM ${tables.proj} ` +
        `WHERE team_id = ? AND status IN (SELECT value FROM json_each(?)) GROUP BY assignee_id ORDER BY open DESC, assignee_id`,
    )
    .all(dueBy, teamId, JSON.stringify(openStatuses));
  return rows.map((r) => ({ assigneeId: r.assigneeId as string, open: Number(r.open), critical: Number(r.critical), due: Number(r.due) }));
};
