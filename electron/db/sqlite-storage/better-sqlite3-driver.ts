import Database from 'better-sqlite3';
import type { SqlValue, SqliteConnection, SqliteDriverFactory, SqliteRow, SqliteStatement } from './driver';

/** The better-sqlite3 12 implementation of the driver interface. */
export const betterSqlite3Driver: SqliteDriverFactory = (path: string): SqliteConnection => {
  const db = new Database(path);
  return {
    path,
    exec: (sql) => {
      db.exec(sql);
    },
    prepare: (sql) => wrapStatement(db, sql),
    pragma: (pragma) => {
      const rows = db.pragma(pragma) as SqliteRow[];
      return rows.map((row) => Object.values(row)[0]);
    },
    close: () => {
      db.close();
    },
  };
};

function wrapStatement(db: Database.Database, sql: string): SqliteStatement {
  const stmt = db.prepare(sql);
  // Only statements that return data may be switched to pluck mode.
  const plucked = stmt.reader ? db.prepare(sql).pluck(true) : undefined;
  const needPluck = (): Database.Statement => {
    if (!plucked) throw new Error(`statement returns no data: ${sql}`);
    return plucked;
  };
  return {
    run: (...params: SqlValue[]) => {
      const info = stmt.run(...params);
      return { changes: info.changes };
    },
    get: (...params: SqlValue[]) => stmt.get(...params) as SqliteRow | undefined,
    all: (...params: SqlValue[]) => stmt.all(...params) as SqliteRow[],
    pluckAll: (...params: SqlValue[]) => needPluck().all(...params),
    pluckIterate: (...params: SqlValue[]) => needPluck().iterate(...params) as IterableIterator<unknown>,
  };
}
