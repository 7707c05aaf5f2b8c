import type { RxDocumentData, RxJsonSchema } from 'rxdb';
import { getIndexableStringMonad } from 'rxdb';
import type { SharedConnection } from './connection';
import { quoteIdent } from './connection';
import { dropCache } from './doc-cache';
import { StorageError } from './errors';

/** One SQLite index column per RxDB index: holds the CESU-8 encoded RxDB index string. */
export type IndexColumn = {
  readonly name: string; // RxDB index fields joined with ','
  readonly fields: string[];
  readonly column: string; // i0, i1, ...
  readonly getIndexString: (doc: RxDocumentData<unknown>) => string;
};

export type CollectionTables = {
  readonly docs: string; // quoted identifier
  readonly attachments: string; // quoted identifier
  readonly indexes: IndexColumn[];
  readonly byName: Map<string, IndexColumn>;
  /** cims_storage_meta key of the table's write generation (see doc-cache.ts). */
  readonly genKey: string;
};

export function indexColumnsOf<T>(schema: RxJsonSchema<RxDocumentData<T>>): IndexColumn[] {
  // Only the schema's own indexes (RxDB already added ['_meta.lwt', primary] for
  // getChangedDocumentsSince): every extra index tree costs each insert. cleanup() uses
  // the partial tombstone index instead of an index string column.
  const lists: string[][] = (schema.indexes ?? []).map((idx) => (Array.isArray(idx) ? [...idx] : [idx as string]));
  const seen = new Set<string>();
  const columns: IndexColumn[] = [];
  for (const fields of lists) {
    const name = fields.join(',');
    if (seen.has(name)) continue;
    seen.add(name);
    columns.push({
      name,
      fields,
      column: `i${columns.length}`,
      getIndexString: getIndexableStringMonad(schema as RxJsonSchema<RxDocumentData<unknown>>, fields),
    });
  }
  return columns;
}

/**
 * Creates (or checks) the tables of one collection. Table names carry the schema version,
 * like the memory storage's collection key, so a migration reads the old version's table
 * while writing the new one.
 */
export function ensureCollectionTables<T>(
  conn: SharedConnection,
  collectionName: string,
  schema: RxJsonSchema<RxDocumentData<T>>,
  primaryPath: string,
): CollectionTables {
  const base = `${collectionName}:v${schema.version}`;
  const docs = quoteIdent(`docs:${base}`);
  const attachments = quoteIdent(`att:${base}`);
  const indexes = indexColumnsOf(schema);
  const signature = JSON.stringify(indexes.map((i) => i.name));
  const metaKey = `table:${base}`;

  conn.transaction(() => {
    const existing = conn.db.prepare('SELECT value FROM cims_storage_meta WHERE key = ?').get(metaKey) as
      | { value: string }
      | undefined;
    if (existing && existing.value === legacySignature(indexes, primaryPath)) {
      upgradeLegacyLayout(conn, base, indexes.length);
      conn.db.prepare('UPDATE cims_storage_meta SET value = ? WHERE key = ?').run(signature, metaKey);
    } else if (existing && existing.value !== signature) {
      throw new StorageError(
        'STORAGE_SCHEMA_MISMATCH',
        `Collection ${collectionName} v${schema.version} was stored with other indexes (${existing.value}); bump the schema version to change indexes`,
        { path: conn.path },
      );
    }
    const indexCols = indexes.map((i) => `, ${i.column} BLOB NOT NULL`).join('');
    conn.db.exec(
      `CREATE TABLE IF NOT EXISTS ${docs} (id TEXT PRIMARY KEY NOT NULL, data TEXT NOT NULL, deleted INTEGER NOT NULL, lwt REAL NOT NULL${indexCols})`,
    );
    for (const idx of indexes) {
      conn.db.exec(`CREATE INDEX IF NOT EXISTS ${quoteIdent(`docs:${base}:${idx.column}`)} ON ${docs} (${idx.column})`);
    }
    // Partial: only tombstones are in it, so inserting or updating a live document never
    // touches this tree; cleanup() finds old tombstones without a scan.
    conn.db.exec(`CREATE INDEX IF NOT EXISTS ${quoteIdent(`docs:${base}:tombstones`)} ON ${docs} (lwt) WHERE deleted = 1`);
    if (schema.attachments) {
      conn.db.exec(
        `CREATE TABLE IF NOT EXISTS ${attachments} (doc_id TEXT NOT NULL, att_id TEXT NOT NULL, digest TEXT NOT NULL, type TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (doc_id, att_id))`,
      );
    }
    if (!existing) conn.db.prepare('INSERT INTO cims_storage_meta (key, value) VALUES (?, ?)').run(metaKey, signature);
  });
  return { docs, attachments, indexes, byName: new Map(indexes.map((i) => [i.name, i])), genKey: `gen:${base}` };
}

export function dropCollectionTables(conn: SharedConnection, collectionName: string, version: number): void {
  const base = `${collectionName}:v${version}`;
  conn.transaction(() => {
    conn.db.exec(`DROP TABLE IF EXISTS ${quoteIdent(`docs:${base}`)}`);
    conn.db.exec(`DROP TABLE IF EXISTS ${quoteIdent(`att:${base}`)}`);
    conn.db.prepare('DELETE FROM cims_storage_meta WHERE key IN (?, ?)').run(`table:${base}`, `gen:${base}`);
  });
  dropCache(conn.path, quoteIdent(`docs:${base}`));
  conn.forgetStatements();
}

/** The first layout kept one more index column (['_deleted','_meta.lwt',primary]) and a (deleted, lwt) index. */
function legacySignature(indexes: IndexColumn[], primaryPath: string): string {
  const extra = `_deleted,_meta.lwt,${primaryPath}`;
  if (indexes.some((i) => i.name === extra)) return '';
  return JSON.stringify([...indexes.map((i) => i.name), extra]);
}

/** In-place upgrade of a table written by the first layout: its data and other indexes stay. */
function upgradeLegacyLayout(conn: SharedConnection, base: string, extraColumn: number): void {
  const column = `i${extraColumn}`;
  conn.db.exec(`DROP INDEX IF EXISTS ${quoteIdent(`docs:${base}:${column}`)}`);
  conn.db.exec(`DROP INDEX IF EXISTS ${quoteIdent(`docs:${base}:cleanup`)}`);
  conn.db.exec(`ALTER TABLE ${quoteIdent(`docs:${base}`)} DROP COLUMN ${column}`);
  conn.forgetStatements();
}
