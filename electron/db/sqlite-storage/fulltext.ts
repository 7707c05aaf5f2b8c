/**
 * Full-text index of a collection, kept in the same SQLite file and written in the same
 * transaction as the documents (instance.ts calls `indexWritten` inside `bulkWrite`), so a
 * crash can never leave the index and the documents apart. One FTS5 table per collection
 * version, `fts:<collection>:v<n>`, whose rowid is the document's rowid, and beside it a plain
 * table `ftsgroup:<collection>:v<n>` that names, per rowid, what a hit stands for (a ticket for
 * the ticket and for each of its replies), so a search answers groups, best first.
 *
 * The FTS5 table is contentless: it keeps the index, not the text, which is the documents' own
 * (a rebuild tokenizes them again). With the text stored, reading the group of a ranked entry
 * loaded its whole row, a reply's body included: a search for 告警 among 1.15 million events
 * took 48 ms that way and takes 18 ms with the groups in their own table (the same store in
 * both layouts, side by side on a busy machine). (FTS5 can keep an
 * unindexed column of a contentless table itself, but SQLite 3.53 leaves that column's table
 * behind when the index is dropped, and the index can then not be made again.)
 */
import type { RxDocumentData } from 'rxdb';
import type { SharedConnection } from './connection';
import { quoteIdent } from './connection';
import type { SqliteConnection } from './driver';
import { indexTokens, matchExpression, TOKENIZER_VERSION } from './fulltext-text';

/** What one document contributes: the group it stands for, a heading (weighs more) and a body. */
export type FullTextEntry = { group: string; head: string; body: string };
/** Per collection name: a document's entry, or null when it is not searchable. */
export type FullTextSpecs = Readonly<Record<string, (doc: Record<string, unknown>) => FullTextEntry | null>>;

export type FullTextTable = {
  readonly table: string; // quoted
  /** The group of each entry by rowid (quoted). */
  readonly groups: string;
  /** FTS5's shadow table of one row per indexed rowid (quoted): a rowid range there is a b-tree seek. */
  readonly docsize: string;
  readonly spec: (doc: Record<string, unknown>) => FullTextEntry | null;
  readonly metaKey: string;
};

/** Weights of (head, body) in bm25: a hit in the number or title ranks above one in a reply. */
const bm25 = (table: string): string => `bm25(${table}, 4, 1)`;

/**
 * What the marker of a built index records: the tokenizer's version and the tables' layout.
 * An index built with another one is made again when its store is opened.
 */
const INDEX_FORMAT = `${TOKENIZER_VERSION}/contentless`;

export const fullTextTableName = (collectionName: string, version: number): string => `fts:${collectionName}:v${version}`;
const groupTableName = (collectionName: string, version: number): string => `ftsgroup:${collectionName}:v${version}`;

const fullTextTable = (collectionName: string, version: number, spec: FullTextTable['spec']): FullTextTable => ({
  table: quoteIdent(fullTextTableName(collectionName, version)),
  groups: quoteIdent(groupTableName(collectionName, version)),
  docsize: quoteIdent(`${fullTextTableName(collectionName, version)}_docsize`),
  spec,
  metaKey: `fulltext:${collectionName}:v${version}`,
});

/**
 * Creates the table if needed and builds it when it was built by another tokenizer or never
 * here (a store written before the index existed). Damage outside SQLite's transactions is
 * repaired by the rebuild on demand.
 */
export function ensureFullTextTable(
  conn: SharedConnection,
  docsTable: string,
  collectionName: string,
  version: number,
  spec: FullTextTable['spec'],
): FullTextTable {
  const ft = fullTextTable(collectionName, version, spec);
  // V8 compiles the tokenizer's Unicode-property regular expressions on first use (tens of
  // ms): pay that at open, not in the first write a user waits for.
  indexTokens('预热 warm-up');
  conn.transaction(() => {
    const marker = conn.db.prepare('SELECT value FROM cims_storage_meta WHERE key = ?').get(ft.metaKey) as { value: string } | undefined;
    // The index is written in the documents' transactions, so it cannot drift by a crash; no
    // scan at open (it cost 3.7 s over 1.15 million events). A missing or older marker means
    // the index was never built here, or by another tokenizer or layout: build it now (14 s
    // for 100,000 tickets and their 278,000 replies and notes, once).
    if (marker?.value === INDEX_FORMAT) createTables(conn.db, ft, 'IF NOT EXISTS');
    else {
      rebuildFullText(conn.db, docsTable, ft);
      conn.forgetStatements();
    }
  });
  return ft;
}

const createTables = (db: SqliteConnection, ft: FullTextTable, ifNotExists: '' | 'IF NOT EXISTS'): void => {
  db.exec(`CREATE VIRTUAL TABLE ${ifNotExists} ${ft.table} USING fts5(head, body, content='', contentless_delete=1, tokenize = 'unicode61 remove_diacritics 2')`);
  db.exec(`CREATE TABLE ${ifNotExists} ${ft.groups} (rowid INTEGER PRIMARY KEY, grp TEXT NOT NULL)`);
};

const dropTables = (db: SqliteConnection, ft: Pick<FullTextTable, 'table' | 'groups'>): void => {
  db.exec(`DROP TABLE IF EXISTS ${ft.table}`);
  db.exec(`DROP TABLE IF EXISTS ${ft.groups}`);
};

/**
 * Makes the index again and fills it from the stored documents; run inside a write
 * transaction. Any connection to the file will do (the rebuild on demand uses one of its own).
 */
export function rebuildFullText(db: SqliteConnection, docsTable: string, ft: FullTextTable): number {
  dropTables(db, ft);
  createTables(db, ft, '');
  const insert = db.prepare(`INSERT INTO ${ft.table} (rowid, head, body) VALUES (?, ?, ?)`);
  const group = db.prepare(`INSERT INTO ${ft.groups} (rowid, grp) VALUES (?, ?)`);
  let rows = 0;
  for (const row of db.prepare(`SELECT rowid AS r, data AS d FROM ${docsTable} WHERE deleted = 0`).all()) {
    const entry = ft.spec(JSON.parse(row.d as string) as Record<string, unknown>);
    if (!entry) continue;
    insert.run(row.r as number, indexTokens(entry.head), indexTokens(entry.body));
    group.run(row.r as number, entry.group);
    rows++;
  }
  db.prepare('INSERT OR REPLACE INTO cims_storage_meta (key, value) VALUES (?, ?)').run(ft.metaKey, INDEX_FORMAT);
  return rows;
}

/**
 * Brings the index in step with documents just written (same transaction). Rows from
 * `newFrom` on were just inserted with fresh rowids (above every other document's), so the
 * index normally holds nothing there: one seek in FTS5's docsize table finds what to delete,
 * instead of one FTS5 DELETE per inserted row (0.9 ms of a 500-ticket insert, against
 * 0.1 ms). A range DELETE on the FTS5 table itself would scan the whole index, and a
 * multi-row INSERT into FTS5 measured slower than one row per statement.
 */
export function indexWritten(
  conn: SharedConnection,
  ft: FullTextTable,
  rowids: number[],
  docs: RxDocumentData<unknown>[],
  newFrom = Infinity,
): void {
  const removeEntry = conn.statement(`DELETE FROM ${ft.table} WHERE rowid = ?`);
  const removeGroup = conn.statement(`DELETE FROM ${ft.groups} WHERE rowid = ?`);
  const insert = conn.statement(`INSERT INTO ${ft.table} (rowid, head, body) VALUES (?, ?, ?)`);
  const group = conn.statement(`INSERT INTO ${ft.groups} (rowid, grp) VALUES (?, ?)`);
  const remove = (rowid: number): void => {
    removeEntry.run(rowid);
    removeGroup.run(rowid);
  };
  if (newFrom !== Infinity) {
    for (const stale of conn.statement(`SELECT id FROM ${ft.docsize} WHERE id >= ?`).pluckAll(newFrom)) remove(stale as number);
  }
  for (let i = 0; i < rowids.length; i++) {
    const rowid = rowids[i]!;
    const doc = docs[i]!;
    if (rowid < newFrom) remove(rowid);
    const entry = doc._deleted ? null : ft.spec(doc as unknown as Record<string, unknown>);
    if (entry) {
      insert.run(rowid, indexTokens(entry.head), indexTokens(entry.body));
      group.run(rowid, entry.group);
    }
  }
}

/**
 * Rebuild on demand: every index of the given collections (each stored schema version),
 * in one write transaction on any connection to the file. Returns the rows indexed.
 */
export function rebuildAllFullText(db: SqliteConnection, specs: FullTextSpecs): number {
  let rows = 0;
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const [collection, spec] of Object.entries(specs)) {
      for (const version of storedVersions(db, collection)) {
        rows += rebuildFullText(db, quoteIdent(`docs:${collection}:v${version}`), fullTextTable(collection, version, spec));
      }
    }
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
  return rows;
}

/** Schema versions of a collection that have an index in the file, newest first. */
function storedVersions(db: SqliteConnection, collection: string): number[] {
  return db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ?`)
    .all(`fts:${collection}:v%`)
    .map((r) => /^fts:[^:]+:v(\d+)$/.exec(r.name as string))
    .filter((m): m is RegExpExecArray => m !== null && m[0].startsWith(`fts:${collection}:`))
    .map((m) => Number(m[1]))
    .sort((a, b) => b - a);
}

export function dropFullTextTable(conn: SharedConnection, collectionName: string, version: number): void {
  dropTables(conn.db, fullTextTable(collectionName, version, () => null));
  conn.db.prepare('DELETE FROM cims_storage_meta WHERE key = ?').run(`fulltext:${collectionName}:v${version}`);
}

export type FullTextHit = { group: string; score: number };
export type FullTextResult = {
  /** Best first. */
  hits: FullTextHit[];
  /** More entries of a table matched than were ranked: the hits come from its newest. */
  capped: boolean;
};

/**
 * Entries of one table a search ranks at most. Ranking costs per matching entry, and a
 * search as it is typed starts with one letter, whose prefix matches most of the store:
 * ranking all of them took 0.3-0.9 s at 100,000 tickets and 1.15 million events, where the
 * newest 4,000 of each index took 30-100 ms (FTS5 walks an index newest first without
 * sorting). A search matching fewer is ranked whole, as before.
 */
export const RANKED_PER_TABLE = 4000;

/**
 * The groups a search may answer (a queue's tickets): the newest entries ranked are the
 * newest of these groups, not of the whole index, so a match in an older ticket of a short
 * queue is not crowded out by newer ones the queue does not show. `rowids`, per collection,
 * are the entries' own rowids where the caller knows them (a ticket's entry has the ticket's
 * rowid): checking a rowid needs no read of the entry's stored columns, checking its group does.
 */
export type FullTextWithin = { groups: readonly string[]; rowids?: Readonly<Record<string, readonly number[]>> };

/**
 * The best groups for a search over the given collections' indexes (bm25, lower is better),
 * at most `limit`, among the groups `within` selects when given. Works on any connection to
 * the file, also a read-only one in another thread: the index is plain SQLite. Tables that do
 * not exist yet are skipped.
 */
export function searchFullText(
  db: SqliteConnection,
  collections: readonly string[],
  search: string,
  limit: number,
  rankedPerTable = RANKED_PER_TABLE,
  within?: FullTextWithin,
): FullTextResult {
  const match = matchExpression(search);
  if (match === null) return { hits: [], capped: false };
  const tables = collections.flatMap((c) => {
    const version = latestVersion(db, c);
    if (version === null) return [];
    const { table, groups } = fullTextTable(c, version, () => null);
    return [{ collection: c, t: table, g: groups }];
  });
  if (tables.length === 0) return { hits: [], capped: false };
  let capped = false;
  const best = new Map<string, number>();
  for (const { collection, t, g } of tables) {
    // SQLite builds the set once; each match, newest first, is then one lookup in it. The `+`
    // keeps the rowid test a filter: as a constraint, FTS5 ran the whole MATCH once per rowid.
    const rowids = within?.rowids?.[collection];
    const [restrict, set] = !within
      ? ['', []]
      : rowids
        ? [`AND +${t}.rowid IN (SELECT value FROM json_each(?))`, [JSON.stringify(rowids)]]
        : ['AND e.grp IN (SELECT value FROM json_each(?))', [JSON.stringify(within.groups)]];
    // One more than ranked tells whether the table had more, without counting them all.
    const rows = db
      .prepare(`SELECT e.grp AS g, ${bm25(t)} AS s FROM ${t} JOIN ${g} e ON e.rowid = ${t}.rowid WHERE ${t} MATCH ? ${restrict} ORDER BY ${t}.rowid DESC LIMIT ?`)
      .all(match, ...set, rankedPerTable + 1);
    if (rows.length > rankedPerTable) {
      capped = true;
      rows.length = rankedPerTable;
    }
    for (const r of rows) {
      const group = r.g as string;
      const score = r.s as number;
      const seen = best.get(group);
      if (seen === undefined || score < seen) best.set(group, score);
    }
  }
  const hits = [...best]
    .map(([group, score]) => ({ group, score }))
    .sort((a, b) => a.score - b.score || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0))
    .slice(0, limit);
  return { hits, capped };
}

/**
 * The newest schema version of a collection whose index is in the file in this layout (a
 * migration leaves the old version's until it is removed; one never opened since this layout
 * came has no group table and is not searched).
 */
function latestVersion(db: SqliteConnection, collection: string): number | null {
  const exists = db.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?`);
  for (const version of storedVersions(db, collection)) if (exists.get(groupTableName(collection, version))?.n) return version;
  return null;
}
