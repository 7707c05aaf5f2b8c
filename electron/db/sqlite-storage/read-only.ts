/**
 * Queries answered from another connection to the store's file (another thread, read-only
 * use): the documents of a query whose selector the query plan's index answers whole, read
 * with the same index range as the storage instance's own queries (reads.ts), parsed
 * here. Lets a caller read many small queries in one snapshot without a round trip each.
 */
import { getStartIndexStringFromLowerBound, getStartIndexStringFromUpperBound } from 'rxdb';
import type { PreparedQuery, RxDocumentData, RxJsonSchema } from 'rxdb';
import { quoteIdent } from './connection';
import type { SqliteConnection } from './driver';
import { encodeIndexKey } from './index-key';
import { indexColumnsOf, type IndexColumn } from './tables';

/** A `$in` of at most this many values is read as one index range per value. */
const MAX_IN_RANGES = 32;

/**
 * WHERE clause and bound keys of the query plan's index range: one range, or one per value
 * of a `$in` (see inRanges).
 */
export function indexRange<T>(
  schema: RxJsonSchema<RxDocumentData<T>>,
  byName: ReadonlyMap<string, IndexColumn>,
  prepared: PreparedQuery<T>,
): { column: string; where: string; params: Uint8Array[] } {
  const plan = prepared.queryPlan;
  const idx = byName.get(plan.index.join(','));
  if (!idx) throw new Error(`index does not exist ${plan.index.join(',')}`);
  const c = idx.column;
  const one = `${c} ${plan.inclusiveStart ? '>=' : '>'} ? AND ${c} ${plan.inclusiveEnd ? '<=' : '<'} ?`;
  const ranges = inRanges(plan, prepared.query.selector as Record<string, unknown>) ?? [[plan.startKeys, plan.endKeys]];
  const params = ranges.flatMap(([start, end]) => [
    encodeIndexKey(getStartIndexStringFromLowerBound(schema, plan.index, start)),
    encodeIndexKey(getStartIndexStringFromUpperBound(schema, plan.index, end)),
  ]);
  return { column: c, where: ranges.length === 1 ? one : `(${ranges.map(() => `(${one})`).join(' OR ')})`, params };
}

type Keys = PreparedQuery<unknown>['queryPlan']['startKeys'];

/**
 * RxDB's query planner reads a `$in` as one range from its least to its greatest value. Where
 * the `$in` is on the first index field that is not held to one value, that range can hold far
 * more than the query wants: over ['teamId', 'status', …] the open statuses (new … restored)
 * span closed and resolved tickets too, nearly all of a team's. Read as one range per value,
 * with the fields before it as they are, only the documents that can match are read; the
 * query's matcher still checks each one.
 */
function inRanges(plan: PreparedQuery<unknown>['queryPlan'], selector: Record<string, unknown>): [Keys, Keys][] | null {
  const k = plan.index.findIndex((_, i) => plan.startKeys[i] !== plan.endKeys[i]);
  if (k < 0) return null;
  const condition = selector[plan.index[k]!];
  if (!condition || typeof condition !== 'object' || Object.keys(condition).length !== 1) return null;
  const values = (condition as { $in?: unknown }).$in;
  if (!Array.isArray(values) || values.length < 2 || values.length > MAX_IN_RANGES) return null;
  if (!values.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) return null;
  const at = (keys: Keys, value: unknown): Keys => keys.map((key, i) => (i === k ? value : key)) as Keys;
  return [...new Set(values)].map((v) => [at(plan.startKeys, v), at(plan.endKeys, v)]);
}

/**
 * A reader of one collection's documents by prepared queries (RxQuery.getPreparedQuery());
 * returns null for a query the index does not answer whole (the caller asks RxDB instead).
 * Skip and limit are applied; documents come in index order.
 */
export function readOnlyQueries<T>(collectionName: string, schema: RxJsonSchema<RxDocumentData<T>>) {
  const columns = indexColumnsOf(schema);
  const byName = new Map(columns.map((c) => [c.name, c]));
  const table = quoteIdent(`docs:${collectionName}:v${schema.version}`);
  // Statements by connection and text: a caller reading hundreds of timelines at once
  // prepared the same statement hundreds of times.
  const statements = new WeakMap<SqliteConnection, Map<string, ReturnType<SqliteConnection['prepare']>>>();
  const statement = (db: SqliteConnection, sql: string) => {
    let byText = statements.get(db);
    if (!byText) statements.set(db, (byText = new Map()));
    let stmt = byText.get(sql);
    if (!stmt) byText.set(sql, (stmt = db.prepare(sql)));
    return stmt;
  };
  return (db: SqliteConnection, prepared: PreparedQuery<T>): RxDocumentData<T>[] | null => {
    const plan = prepared.queryPlan;
    if (!plan.selectorSatisfiedByIndex || !plan.sortSatisfiedByIndex) return null;
    const { column, where, params } = indexRange(schema, byName, prepared);
    const limit = typeof prepared.query.limit === 'number' ? prepared.query.limit : -1;
    const rows = statement(db, `SELECT data FROM ${table} WHERE ${where} ORDER BY ${column} LIMIT ? OFFSET ?`).pluckAll(...params, limit, prepared.query.skip ?? 0);
    return rows.map((d) => JSON.parse(d as string) as RxDocumentData<T>);
  };
}
