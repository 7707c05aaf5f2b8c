/**
 * The main process's door to the store's full-text index. The storage (in its worker
 * thread) writes the index with the documents; searching is a read of the same SQLite file
 * on a connection of its own here, so a search does not queue behind RxDB's requests. The
 * queues read the tickets' projection on the same connection.
 */
import { betterSqlite3Driver, RANKED_PER_TABLE, rebuildAllFullText, searchFullText, type FullTextResult, type FullTextWithin, type SqliteConnection } from './sqlite-storage';
import { databaseFilePath } from './sqlite-storage/connection';
import { cimsFullText, TICKET_SEARCH_COLLECTIONS } from './search-spec';

export interface SearchIndex {
  /**
   * Ticket ids for a search, best first (none when the search has nothing searchable), among
   * the tickets `within` selects when given; capped: ranked among the newest matches.
   */
  tickets(search: string, limit: number, within?: FullTextWithin): FullTextResult;
  /**
   * Runs reads of the store's tables (the tickets' projection, documents) on this connection,
   * on one snapshot: a page and its count always agree.
   */
  read<T>(fn: (db: SqliteConnection) => T): T;
  /** Rebuilds every index from the stored documents; returns the rows indexed. */
  rebuild(): number;
  close(): void;
}

export const openSearchIndex = (directory: string, databaseName = 'cims'): SearchIndex => {
  let db: SqliteConnection | undefined;
  // Opened on first use: the store (and its file) exists by then.
  const conn = (): SqliteConnection => {
    if (!db) {
      db = betterSqlite3Driver(databaseFilePath(directory, databaseName));
      db.pragma('busy_timeout = 5000');
    }
    return db;
  };
  return {
    tickets: (search, limit, within) => searchFullText(conn(), TICKET_SEARCH_COLLECTIONS, search, limit, RANKED_PER_TABLE, within),
    read: (fn) => {
      const db = conn();
      db.exec('BEGIN');
      try {
        return fn(db);
      } finally {
        db.exec('COMMIT');
      }
    },
    rebuild: () => rebuildAllFullText(conn(), cimsFullText),
    close: () => {
      db?.close();
      db = undefined;
    },
  };
};
