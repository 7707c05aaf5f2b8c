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

/** WHERE clause and bound keys of the query plan's index range. */
export function indexRange<T>(
  schema: RxJsonSchema<RxDocumentData<T>>,
  byName: ReadonlyMap<string, IndexColumn>,
  prepared: PreparedQuery<T>,
): { column: string; where: string; params: Uint8Array[] } {
  const plan = prepared.queryPlan;
  const idx = byName.get(plan.index.join(','));
  if (!idx) throw new Error(`index does not exist ${plan.index.join(',')}`);
  const lower = getStartIndexStringFromLowerBound(schema, plan.index, plan.startKeys);
  const upper = getStartIndexStringFromUpperBound(schema, plan.index, plan.endKeys);
  const c = idx.column;
  const where = `${c} ${plan.inclusiveStart ? '>=' : '>'} ? AND ${c} ${plan.inclusiveEnd ? '<=' : '<'} ?`;
  return { column: c, where, params: [encodeIndexKey(lower), encodeIndexKey(upper)] };
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
  return (db: SqliteConnection, prepared: PreparedQuery<T>): RxDocumentData<T>[] | null => {
    const plan = prepared.queryPlan;
    if (!plan.selectorSatisfiedByIndex || !plan.sortSatisfiedByIndex) return null;
    const { column, where, params } = indexRange(schema, byName, prepared);
    const limit = typeof prepared.query.limit === 'number' ? prepared.query.limit : -1;
    const rows = db.prepare(`SELECT data FROM ${table} WHERE ${where} ORDER BY ${column} LIMIT ? OFFSET ?`).pluckAll(...params, limit, prepared.query.skip ?? 0);
    return rows.map((d) => JSON.parse(d as string) as RxDocumentData<T>);
  };
}
