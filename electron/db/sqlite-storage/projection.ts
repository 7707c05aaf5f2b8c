/**
 * Projection of a collection: a plain SQLite table of a few columns per document, kept in
 * the same file and written in the same transaction as the documents (instance.ts calls
 * `projectWritten` inside `bulkWrite`, as it does for the full-text index), so a crash can
 * never leave the two apart. Screens over many documents (the ticket queue) answer pages,
 * counts and sorts with SQL over these columns and their indexes instead of parsing every
 * document.
 *
 * One table per collection version, `proj:<collection>:v<n>`, whose rowid is the document's
 * rowid; deleted documents have no row. The spec's `version` and its columns and indexes are
 * stored in cims_storage_meta: a store built by another spec (or before the projection
 * existed) is rebuilt from its documents when it is opened.
 */
import type { RxDocumentData } from 'rxdb';
import type { SharedConnection } from './connection';
import { quoteIdent } from './connection';
import type { SqliteConnection, SqlValue } from './driver';

export type ProjectionColumnType = 'TEXT' | 'INTEGER' | 'REAL';

export type ProjectionSpec = {
  /** Bump when `row` derives its values differently: stores built by another version are rebuilt at open. */
  readonly version: number;
  /** Column names (plain identifiers) and their types, in the order `row` returns the values. */
  readonly columns: readonly (readonly [string, ProjectionColumnType])[];
  /** Indexes, each a list of columns. */
  readonly indexes: readonly (readonly string[])[];
  /** The document's values, in column order; null when the document has no row. */
  readonly row: (doc: Record<string, unknown>) => SqlValue[] | null;
};
/** Per collection name. */
export type ProjectionSpecs = Readonly<Record<string, ProjectionSpec>>;

export type ProjectionTable = {
  readonly table: string; // quoted
  readonly spec: ProjectionSpec;
  readonly metaKey: string;
  readonly signature: string;
  readonly insertSql: string;
  /** Rows written since the planner's statistics of the table were taken (this process). */
  changesSinceStats: number;
  /** Statistics are taken again once that many rows were written. */
  statsAfter: number;
};

export const projectionTableName = (collectionName: string, version: number): string => `proj:${collectionName}:v${version}`;

/** Documents read per step of a rebuild. */
const REBUILD_BATCH = 2000;

const IDENT = /^[a-z_][a-z0-9_]*$/;

const projectionTable = (collectionName: string, version: number, spec: ProjectionSpec): ProjectionTable => {
  for (const [name] of spec.columns) if (!IDENT.test(name)) throw new Error(`projection column name ${name} is not a plain identifier`);
  const names = spec.columns.map(([n]) => n);
  for (const idx of spec.indexes) for (const c of idx) if (!names.includes(c)) throw new Error(`projection index names unknown column ${c}`);
  const table = quoteIdent(projectionTableName(collectionName, version));
  return {
    table,
    spec,
    metaKey: `projection:${collectionName}:v${version}`,
    signature: JSON.stringify({ v: spec.version, c: spec.columns, i: spec.indexes }),
    insertSql: `INSERT INTO ${table} (rowid, ${names.join(', ')}) VALUES (?${', ?'.repeat(names.length)})`,
    changesSinceStats: 0,
    statsAfter: STATS_MIN_CHANGES,
  };
};

/**
 * Planner statistics. A queue's filters meet several indexes, and without statistics SQLite
 * guesses which one narrows most: at 100,000 tickets it counted the open major ones through
 * the severity index (a third of all tickets, 60-200 ms) instead of the status index (the
 * open ones are a few percent: 1-2 ms). ANALYZE (with the STAT4 samples better-sqlite3 is
 * built with) records how values are spread; it is taken again once a fifth of the rows
 * changed, at open or after a write, and other connections pick it up by themselves.
 */
const STATS_CHANGE_RATIO = 0.2;
const STATS_MIN_CHANGES = 500;
const statsKey = (pt: ProjectionTable) => `${pt.metaKey}:stats`;

/** Takes the table's statistics; returns its row count. */
function analyze(conn: SharedConnection, pt: ProjectionTable): number {
  conn.db.exec(`ANALYZE ${pt.table}`);
  const rows = Number(conn.db.prepare(`SELECT COUNT(*) FROM ${pt.table}`).pluckAll()[0]);
  conn.db.prepare('INSERT OR REPLACE INTO cims_storage_meta (key, value) VALUES (?, ?)').run(statsKey(pt), String(rows));
  pt.changesSinceStats = 0;
  pt.statsAfter = Math.max(STATS_MIN_CHANGES, Math.round(rows * STATS_CHANGE_RATIO));
  return rows;
}

/** At open: statistics taken when the table had a fifth more or fewer rows (or never) are taken again. */
function refreshStatsAtOpen(conn: SharedConnection, pt: ProjectionTable): void {
  const taken = conn.db.prepare('SELECT value FROM cims_storage_meta WHERE key = ?').get(statsKey(pt)) as { value: string } | undefined;
  const rows = Number(conn.db.prepare(`SELECT COUNT(*) FROM ${pt.table}`).pluckAll()[0]);
  const then = taken ? Number(taken.value) : null;
  pt.statsAfter = Math.max(STATS_MIN_CHANGES, Math.round((then ?? rows) * STATS_CHANGE_RATIO));
  if (then === null || Math.abs(rows - then) >= pt.statsAfter) analyze(conn, pt);
}

/**
 * After a committed write of `changed` rows: statistics again once enough rows changed. A
 * download's pages (../download-page.ts) take them again only once the table doubled since: a
 * first download grows it a hundredfold, and ANALYZE at every fifth more scanned it about five
 * times over (7 us per downloaded ticket). The next other write or the next open takes them at
 * the usual threshold.
 */
export function noteProjectionWrites(conn: SharedConnection, pt: ProjectionTable, changed: number, download = false): void {
  pt.changesSinceStats += changed;
  const threshold = download ? Math.max(pt.statsAfter, Math.round(pt.statsAfter / STATS_CHANGE_RATIO)) : pt.statsAfter;
  if (pt.changesSinceStats >= threshold) analyze(conn, pt);
}

/**
 * Creates the table if needed, and (re)builds it when it is missing, was built by another
 * spec or never here (a store written before the projection existed).
 */
export function ensureProjectionTable(
  conn: SharedConnection,
  docsTable: string,
  collectionName: string,
  version: number,
  spec: ProjectionSpec,
): ProjectionTable {
  const pt = projectionTable(collectionName, version, spec);
  conn.transaction(() => {
    const marker = conn.db.prepare('SELECT value FROM cims_storage_meta WHERE key = ?').get(pt.metaKey) as { value: string } | undefined;
    const exists = conn.db.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?`).get(projectionTableName(collectionName, version)) as { n: number };
    // Written with the documents, so it cannot drift by a crash: no scan at open unless the
    // spec changed or the table is missing.
    if (marker?.value !== pt.signature || exists.n === 0) {
      rebuildProjection(conn.db, docsTable, pt);
      conn.forgetStatements();
    }
  });
  refreshStatsAtOpen(conn, pt);
  return pt;
}

/** Drops, creates and fills the table from the stored documents; run inside a write transaction. */
export function rebuildProjection(db: SqliteConnection, docsTable: string, pt: ProjectionTable): number {
  db.exec(`DROP TABLE IF EXISTS ${pt.table}`);
  const cols = pt.spec.columns.map(([n, type]) => `, ${n} ${type}`).join('');
  db.exec(`CREATE TABLE ${pt.table} (rowid INTEGER PRIMARY KEY${cols})`);
  const insert = db.prepare(pt.insertSql);
  let rows = 0;
  // In rowid batches: the connection cannot insert while a read iterates, and one read of
  // every document would hold all of them in memory at once.
  const batch = db.prepare(`SELECT rowid AS r, data AS d FROM ${docsTable} WHERE deleted = 0 AND rowid > ? ORDER BY rowid LIMIT ${REBUILD_BATCH}`);
  for (let after = -1; ; ) {
    const found = batch.all(after);
    for (const row of found) {
      const values = pt.spec.row(JSON.parse(row.d as string) as Record<string, unknown>);
      if (!values) continue;
      insert.run(row.r as number, ...values);
      rows++;
    }
    if (found.length < REBUILD_BATCH) break;
    after = found[found.length - 1]!.r as number;
  }
  // Indexes after the rows: building each once is faster than keeping it up per insert.
  const bare = pt.table.slice(1, -1);
  pt.spec.indexes.forEach((idx, i) => db.exec(`CREATE INDEX ${quoteIdent(`${bare}:x${i}`)} ON ${pt.table} (${idx.join(', ')})`));
  db.prepare('INSERT OR REPLACE INTO cims_storage_meta (key, value) VALUES (?, ?)').run(pt.metaKey, pt.signature);
  return rows;
}

/**
 * Brings the projection in step with documents just written (same transaction). Rows from
 * `newFrom` on were just inserted with fresh rowids: one range DELETE instead of one per row.
 */
export function projectWritten(
  conn: SharedConnection,
  pt: ProjectionTable,
  rowids: number[],
  docs: RxDocumentData<unknown>[],
  newFrom = Infinity,
): void {
  const remove = conn.statement(`DELETE FROM ${pt.table} WHERE rowid = ?`);
  const insert = conn.statement(pt.insertSql);
  if (newFrom !== Infinity) conn.statement(`DELETE FROM ${pt.table} WHERE rowid >= ?`).run(newFrom);
  for (let i = 0; i < rowids.length; i++) {
    const rowid = rowids[i]!;
    const doc = docs[i]!;
    if (rowid < newFrom) remove.run(rowid);
    const values = doc._deleted ? null : pt.spec.row(doc as unknown as Record<string, unknown>);
    if (values) insert.run(rowid, ...values);
  }
}

export function dropProjectionTable(conn: SharedConnection, collectionName: string, version: number): void {
  conn.db.exec(`DROP TABLE IF EXISTS ${quoteIdent(projectionTableName(collectionName, version))}`);
  conn.db.prepare('DELETE FROM cims_storage_meta WHERE key = ?').run(`projection:${collectionName}:v${version}`);
  conn.forgetStatements();
}

/** The newest schema version's projection of a collection, if the file has one (a migration leaves the old one until removed). */
export function latestProjectionTable(db: SqliteConnection, collection: string): string | null {
  const versions = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ?`)
    .all(`proj:${collection}:v%`)
    .map((r) => /^proj:([^:]+):v(\d+)$/.exec(r.name as string))
    .filter((m): m is RegExpExecArray => m !== null && m[1] === collection)
    .map((m) => Number(m[2]))
    .sort((a, b) => b - a);
  return versions.length === 0 ? null : projectionTableName(collection, versions[0]!);
}
