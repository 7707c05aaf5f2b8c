import { ensureRxStorageInstanceParamsAreCorrect, RXDB_VERSION } from 'rxdb';
import type { RxStorage, RxStorageInstance, RxStorageInstanceCreationParams } from 'rxdb';
import { betterSqlite3Driver } from './better-sqlite3-driver';
import type { SynchronousMode } from './connection';
import { acquireConnection, releaseConnection } from './connection';
import type { SqliteDriverFactory } from './driver';
import { RxStorageInstanceSQLite } from './instance';
import type { SQLiteInstanceCreationOptions, SQLiteInternals } from './instance';
import { ensureCollectionTables } from './tables';
import { ensureFullTextTable, type FullTextSpecs } from './fulltext';
import { ensureProjectionTable, type ProjectionSpecs } from './projection';

export type SQLiteStorageOptions = {
  /**
   * Folder holding `<databaseName>.sqlite`. It must exist and be writable. When omitted,
   * RxDB's database name is taken as a path without the extension.
   */
  directory?: string;
  /** SQLite binding; better-sqlite3 by default. */
  driver?: SqliteDriverFactory;
  /** FULL (default) survives power loss after an acknowledged write; NORMAL only a process crash. */
  synchronous?: SynchronousMode;
  /** Collections to keep a full-text index of, and what each document contributes (fulltext.ts). */
  fullText?: FullTextSpecs;
  /** Collections to keep a projection table of, and each document's row (projection.ts). */
  projections?: ProjectionSpecs;
};

export type RxStorageSQLite = RxStorage<SQLiteInternals, SQLiteInstanceCreationOptions> & {
  readonly settings: Readonly<SQLiteStorageOptions>;
};

export function getRxStorageSQLite(options: SQLiteStorageOptions = {}): RxStorageSQLite {
  const driver = options.driver ?? betterSqlite3Driver;
  const synchronous = options.synchronous ?? 'FULL';
  const storage: RxStorageSQLite = {
    name: 'cims-sqlite',
    rxdbVersion: RXDB_VERSION,
    settings: options,
    createStorageInstance<T>(
      params: RxStorageInstanceCreationParams<T, SQLiteInstanceCreationOptions>,
    ): Promise<RxStorageInstance<T, SQLiteInternals, SQLiteInstanceCreationOptions>> {
      let connection;
      try {
        ensureRxStorageInstanceParamsAreCorrect(params);
        connection = acquireConnection(options.directory, params.databaseName, driver, synchronous);
        const primaryPath = typeof params.schema.primaryKey === 'string' ? params.schema.primaryKey : params.schema.primaryKey.key;
        const tables = ensureCollectionTables(connection, params.collectionName, params.schema, primaryPath);
        const spec = options.fullText?.[params.collectionName];
        const fullText = spec ? ensureFullTextTable(connection, tables.docs, params.collectionName, params.schema.version, spec) : undefined;
        const projectionSpec = options.projections?.[params.collectionName];
        const projection = projectionSpec
          ? ensureProjectionTable(connection, tables.docs, params.collectionName, params.schema.version, projectionSpec)
          : undefined;
        const internals = { connection, tables, fullText, projection };
        return Promise.resolve(
          new RxStorageInstanceSQLite<T>(storage, params.databaseName, params.collectionName, params.schema, internals, params.options),
        );
      } catch (err) {
        if (connection) releaseConnection(connection);
        return Promise.reject(err);
      }
    },
  };
  return storage;
}

export { StorageError } from './errors';
export type { StorageErrorCode } from './errors';
export type { SqliteConnection, SqliteDriverFactory, SqliteStatement, SqlValue } from './driver';
export { betterSqlite3Driver } from './better-sqlite3-driver';
export { RxStorageInstanceSQLite } from './instance';
export type { SynchronousMode } from './connection';
export { RANKED_PER_TABLE, rebuildAllFullText, searchFullText, type FullTextEntry, type FullTextHit, type FullTextResult, type FullTextSpecs, type FullTextWithin } from './fulltext';
export { matchExpression, searchTerms } from './fulltext-text';
export { readOnlyQueries } from './read-only';
export { latestProjectionTable, projectionTableName, type ProjectionSpec, type ProjectionSpecs } from './projection';
