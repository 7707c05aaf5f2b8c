/**
 * The storage instance's reads (instance.ts keeps the writes): documents by id, queries,
 * counts and the documents changed since a checkpoint. The instance checks that it is open
 * before each call and maps the errors (errors.ts).
 */
import { getChangedDocumentsSinceQuery, getQueryMatcher, getSortComparator, prepareQuery } from 'rxdb';
import type {
  PreparedQuery,
  RxDocumentData,
  RxJsonSchema,
  RxStorageCountResult,
  RxStorageDefaultCheckpoint,
  RxStorageInstance,
} from 'rxdb';
import type { SharedConnection } from './connection';
import { cacheFor, docsForRowids, selectDocs, validCache } from './doc-cache';
import { indexKeyParam } from './index-key';
import { indexRange } from './read-only';
import type { CollectionTables } from './tables';

type Doc<T> = RxDocumentData<T>;
/** Rows matched per step when the JS matcher runs. */
const QUERY_CHUNK = 256;

/** One collection's documents on an open connection, as the reads need them. */
export type ReadSource<T> = {
  readonly conn: SharedConnection;
  readonly tables: CollectionTables;
  readonly schema: Readonly<RxJsonSchema<Doc<T>>>;
  readonly primaryPath: string;
  /** The instance's `FROM` clauses by id (with deleted documents, without), built once per instance. */
  readonly byIds: string;
  readonly byIdsAlive: string;
  /** The instance itself, for RxDB's fallback query of changed documents. */
  readonly instance: RxStorageInstance<T, unknown, unknown, RxStorageDefaultCheckpoint>;
};

/** The documents of `ids` that exist, in the order of `ids`. */
export function findByIds<T>(src: ReadSource<T>, ids: string[], withDeleted: boolean): Doc<T>[] {
  const { conn, tables: t } = src;
  const docs = conn.read(() => {
    const cache = validCache(conn, cacheFor(conn.path, t.docs), t.genKey);
    return selectDocs<Doc<T>>(conn, t.docs, cache, withDeleted ? src.byIds : src.byIdsAlive, [JSON.stringify(ids)]);
  });
  const found = new Map<string, Doc<T>>();
  for (const doc of docs) found.set(doc[src.primaryPath as keyof Doc<T>] as unknown as string, doc);
  const result: Doc<T>[] = [];
  for (const id of ids) {
    const doc = found.get(id);
    if (doc) result.push(doc);
  }
  return result;
}

/** Index-only scans give rowids in index order; documents come from the cache (doc-cache.ts). */
export function queryDocuments<T>(src: ReadSource<T>, prepared: PreparedQuery<T>): Doc<T>[] {
  const { conn, tables: t } = src;
  const plan = prepared.queryPlan;
  const query = prepared.query;
  const skip = query.skip ? query.skip : 0;
  const limit = typeof query.limit === 'number' ? query.limit : Infinity;
  const skipPlusLimit = skip + limit;
  const resort = !plan.sortSatisfiedByIndex;
  const { column, where, params } = indexRange(src.schema, t.byName, prepared);
  const from = `FROM ${t.docs} WHERE ${where} ORDER BY ${column}`;

  return conn.read(() => {
    const cache = validCache(conn, cacheFor(conn.path, t.docs), t.genKey);
    if (plan.selectorSatisfiedByIndex && !resort) {
      // The index answers everything: let SQLite apply skip and limit.
      const sqlLimit = limit === Infinity ? -1 : limit;
      return selectDocs<Doc<T>>(conn, t.docs, cache, `${from} LIMIT ? OFFSET ?`, [...params, sqlLimit, skip]);
    }
    let rows: Doc<T>[];
    if (plan.selectorSatisfiedByIndex) {
      rows = selectDocs<Doc<T>>(conn, t.docs, cache, from, params);
    } else {
      const rowids = conn.statement(`SELECT rowid ${from}`).pluckAll(...params) as number[];
      const matcher = getQueryMatcher(src.schema, query);
      rows = [];
      // In chunks, so that a limit without re-sort stops reading documents early.
      for (let start = 0; start < rowids.length; start += QUERY_CHUNK) {
        for (const doc of docsForRowids<Doc<T>>(conn, t.docs, cache, rowids.slice(start, start + QUERY_CHUNK))) {
          if (matcher(doc)) rows.push(doc);
        }
        if (!resort && rows.length >= skipPlusLimit) break;
      }
    }
    if (resort) rows.sort(getSortComparator(src.schema, query));
    if (skip !== 0 || rows.length > skipPlusLimit) rows = rows.slice(skip, skipPlusLimit);
    return rows;
  });
}

export function countDocuments<T>(src: ReadSource<T>, prepared: PreparedQuery<T>): RxStorageCountResult {
  const { conn } = src;
  const { where, params } = indexRange(src.schema, src.tables.byName, prepared);
  const docs = src.tables.docs;
  if (prepared.queryPlan.selectorSatisfiedByIndex) {
    const n = conn.statement(`SELECT COUNT(*) FROM ${docs} WHERE ${where}`).pluckAll(...params)[0];
    return { count: Number(n), mode: 'fast' };
  }
  const matcher = getQueryMatcher(src.schema, prepared.query);
  let count = 0;
  for (const data of conn.statement(`SELECT data FROM ${docs} WHERE ${where}`).pluckIterate(...params)) {
    if (matcher(JSON.parse(data as string) as Doc<T>)) count++;
  }
  return { count, mode: 'fast' };
}

/**
 * Documents written after `checkpoint` (by write time, then id), at most `limit`.
 *
 * Same contract as RxDB's fallback, served by the ['_meta.lwt', primary] index: the rows
 * whose index key lies above the checkpoint's, in index order. The key orders exactly as
 * RxDB's query (lwt, then id) without matching each document with RxDB's query engine,
 * which was most of the cost of the upstream's and the pending count's reads.
 */
export function changedSince<T>(src: ReadSource<T>, limit: number, checkpoint?: RxStorageDefaultCheckpoint): Doc<T>[] {
  const { conn, tables: t, primaryPath } = src;
  const idx = t.byName.get(`_meta.lwt,${primaryPath}`);
  if (!idx) {
    const query = getChangedDocumentsSinceQuery<T, RxStorageDefaultCheckpoint>(src.instance, limit, checkpoint);
    return queryDocuments(src, prepareQuery<T>(src.schema, query as never) as PreparedQuery<T>);
  }
  const after = checkpoint ? idx.getIndexString({ [primaryPath]: checkpoint.id, _meta: { lwt: checkpoint.lwt } } as unknown as Doc<unknown>) : null;
  return conn.read(() => {
    const cache = validCache(conn, cacheFor(conn.path, t.docs), t.genKey);
    return after === null
      ? selectDocs<Doc<T>>(conn, t.docs, cache, `FROM ${t.docs} ORDER BY ${idx.column} LIMIT ?`, [limit])
      : selectDocs<Doc<T>>(conn, t.docs, cache, `FROM ${t.docs} WHERE ${idx.column} > CAST(? AS BLOB) ORDER BY ${idx.column} LIMIT ?`, [indexKeyParam(after), limit]);
  });
}
