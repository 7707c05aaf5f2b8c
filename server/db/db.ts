/**
 * The one database interface the server uses. Two implementations share one SQL dialect:
 * PostgreSQL through a `pg` Pool (pg.ts) and embedded PGlite (pglite.ts).
 */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pg' | 'pglite';
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Subscribes to a NOTIFY channel. `onReconnect` is called when the listening connection
   * was lost and re-established (notifications in between may be lost, so callers resync).
   * Returns the unsubscribe function.
   */
  listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  /** Sends a notification; inside a transaction use `tx.query('select pg_notify($1,$2)')` instead. */
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
  /** Connection pool use, for the metrics (PostgreSQL; PGlite has one connection and none). */
  poolStats?(): { total: number; idle: number; waiting: number; max: number };
}
