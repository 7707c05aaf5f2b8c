/**
 * The main process's door to the store's full-text index. The storage (in its worker
 * thread) writes the index with the documents; searching is a read of the same SQLite file
 * on a connection of its own here, so a search does not queue behind RxDB's requests.
 */
import { betterSqlite3Driver, rebuildAllFullText, searchFullText, type FullTextHit, type SqliteConnection } from './sqlite-storage';
import { databaseFilePath } from './sqlite-storage/connection';
import { cimsFullText, TICKET_SEARCH_COLLECTIONS } from './search-spec';

export interface SearchIndex {
  /** Ticket ids for a search, best first; [] when the search has nothing searchable. */
  tickets(search: string, limit: number): FullTextHit[];
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
    tickets: (search, limit) => searchFullText(conn(), TICKET_SEARCH_COLLECTIONS, search, limit),
    rebuild: () => rebuildAllFullText(conn(), cimsFullText),
    close: () => {
      db?.close();
      db = undefined;
    },
  };
};
