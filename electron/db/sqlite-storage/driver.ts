/**
 * The small SQLite driver interface the storage talks to. It is the seam that lets
 * `node:sqlite` (or another binding) replace better-sqlite3 later: the storage never
 * imports a binding directly.
 *
 * Contract for implementations:
 * - Statements are synchronous (the storage relies on a whole bulkWrite running without
 *   yielding to other JS work, which keeps conflict detection and the write atomic).
 * - Bound parameters are positional; `Uint8Array` binds as BLOB, `string` as TEXT,
 *   `number` as INTEGER/REAL, `null` as NULL. BLOB columns are returned as `Uint8Array`.
 * - Errors thrown by SQLite carry `code` with SQLite's extended result name
 *   (`SQLITE_CORRUPT`, `SQLITE_FULL`, `SQLITE_IOERR_WRITE`, ...) so errors.ts can map them.
 */
export type SqlValue = string | number | bigint | Uint8Array | null;

export type SqliteRow = Record<string, unknown>;

export interface SqliteStatement {
  run(...params: SqlValue[]): { changes: number };
  /** First row or undefined. */
  get(...params: SqlValue[]): SqliteRow | undefined;
  all(...params: SqlValue[]): SqliteRow[];
  /** First column of every row (the hot path of queries: `SELECT data ...`). */
  pluckAll(...params: SqlValue[]): unknown[];
  /** Lazily iterates the first column, so a query can stop early once it has enough rows. */
  pluckIterate(...params: SqlValue[]): IterableIterator<unknown>;
}

export interface SqliteConnection {
  readonly path: string;
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  /** Runs `PRAGMA <pragma>` and returns the first column of every result row. */
  pragma(pragma: string): unknown[];
  close(): void;
}

export type SqliteDriverFactory = (path: string) => SqliteConnection;
