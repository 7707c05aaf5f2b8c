/**
 * Reads what can still be read from a damaged store file (RELIABILITY D4): every document
 * table row by row, skipping rows on pages SQLite cannot read, and picks out the documents the
 * server has not acknowledged.
 *
 * The file itself is never opened for writing: it is copied to a temporary folder first (with
 * its WAL, if one was left), and only the copy is opened, read-only when there is no WAL.
 *
 * "Unsynced" follows RxDB's own bookkeeping, as electron/sync/pending.ts does on a healthy
 * store: the replication's meta tables (`rx-replication-meta-*`) hold, per document id, the
 * state the device assumes the server has. A document is unsynced unless one of those states
 * equals it and it is not a resolved conflict waiting to be pushed. Without readable meta rows
 * (never signed in, or those pages are damaged) every document counts as unsynced: the export
 * may then hold documents the server already has, never too few.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collections } from '../../../shared/schema';
import { documentsEqual, type Doc } from '../../../shared/sync/merge';

export interface SalvagedDocument {
  collection: string;
  doc: Record<string, unknown>;
}

export interface SalvageResult {
  /** Documents of pushed collections the server has not acknowledged. */
  unsynced: SalvagedDocument[];
  /** Rows of pushed collections that could not be read (damaged pages or data). */
  unreadable: number;
  /** Whether any replication bookkeeping could be read (false: everything counted as unsynced). */
  bookkeeping: boolean;
}

const DOCS_TABLE = /^docs:(.+):v(\d+)$/;
const META_PREFIX = 'rx-replication-meta-';
/** Without a readable max(rowid), probing stops after this many rowids in a row that hold nothing. */
const PROBE_GAP = 10_000;

/** Collections whose local changes go to the server; an unknown collection counts as one. */
const pushes = (name: string): boolean => {
  const def = (collections as Record<string, { conflict: string } | undefined>)[name];
  return def?.conflict !== 'server-owned';
};

interface Row {
  rowid: number;
  data: string;
}

/**
 * Every row of one table that SQLite can read, in rowid order. A scan that fails on a damaged
 * page goes on rowid by rowid until it can scan again; it gives up after PROBE_GAP rowids in a
 * row that hold nothing readable (a damaged page may also yield a garbage max(rowid)).
 * Unreadable rows: the primary-key index's count less the rows read, when that index can be
 * counted; otherwise the rowids that failed before a readable one.
 */
export function readRows(db: Database.Database, table: string, onRow: (row: Row) => void): { unreadable: number } {
  const quoted = `"${table.replace(/"/g, '""')}"`;
  const scan = db.prepare(`SELECT rowid AS rowid, data FROM ${quoted} WHERE rowid > ? ORDER BY rowid`);
  const one = db.prepare(`SELECT rowid AS rowid, data FROM ${quoted} WHERE rowid = ?`);
  let max: number | null;
  try {
    max = Number((db.prepare(`SELECT max(rowid) AS m FROM ${quoted}`).get() as { m: number | null }).m ?? 0);
  } catch {
    max = null;
  }
  let read = 0;
  let failed = 0;
  let last = 0;
  const take = (row: Row) => {
    read++;
    last = row.rowid;
    onRow(row);
  };
  outer: for (;;) {
    try {
      for (const row of scan.iterate(last) as IterableIterator<Row>) take(row);
      break;
    } catch {
      // Probe past the damaged page one rowid at a time, then scan again from the first good row.
      let misses = 0;
      let failedHere = 0;
      for (let r = last + 1; misses < PROBE_GAP && (max === null || r <= max); r++) {
        try {
          const row = one.get(r) as Row | undefined;
          if (!row) {
            misses++;
            continue;
          }
          failed += failedHere;
          take(row);
          continue outer;
        } catch {
          misses++;
          failedHere++;
        }
      }
      break;
    }
  }
  return { unreadable: Math.max(indexedCount(db, table) ?? read + failed, read) - read };
}

/** The number of rows the primary-key index holds, or null when it cannot be read. */
function indexedCount(db: Database.Database, table: string): number | null {
  try {
    const index = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name LIKE 'sqlite_autoindex_%'`).get(table) as { name: string } | undefined;
    if (!index) return null;
    const row = db.prepare(`SELECT count(*) AS n FROM "${table.replace(/"/g, '""')}" INDEXED BY "${index.name.replace(/"/g, '""')}" WHERE id > ''`).get() as { n: number };
    return row.n;
  } catch {
    return null;
  }
}

const parse = (data: string): Record<string, unknown> | null => {
  try {
    const value: unknown = JSON.parse(data);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** Opens a copy of the damaged file, so nothing SQLite does can change the original. */
function openCopy(file: string): { db: Database.Database; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cims-salvage-'));
  const copy = join(dir, 'store.sqlite');
  copyFileSync(file, copy);
  const wal = existsSync(`${file}-wal`);
  if (wal) copyFileSync(`${file}-wal`, `${copy}-wal`);
  try {
    const db = new Database(copy, { readonly: !wal, fileMustExist: true });
    return {
      db,
      dispose: () => {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

const tableNames = (db: Database.Database): string[] => {
  try {
    return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
  } catch {
    return [];
  }
};

export function salvageUnsynced(file: string): SalvageResult {
  const { db, dispose } = openCopy(file);
  try {
    const tables = tableNames(db);
    // What the device assumes the server has, per document id (any replication's bookkeeping).
    const masters = new Map<string, Doc[]>();
    let bookkeeping = false;
    for (const table of tables) {
      const m = DOCS_TABLE.exec(table);
      if (!m?.[1]?.startsWith(META_PREFIX)) continue;
      readRows(db, table, ({ data }) => {
        const meta = parse(data);
        if (!meta || meta.isCheckpoint !== '0' || typeof meta.itemId !== 'string' || !meta.docData) return;
        bookkeeping = true;
        const state = { ...(meta.docData as Doc), _resolvedConflict: meta.isResolvedConflict ?? null };
        masters.set(meta.itemId, [...(masters.get(meta.itemId) ?? []), state]);
      });
    }
    const unsynced: SalvagedDocument[] = [];
    let unreadable = 0;
    for (const table of tables) {
      const m = DOCS_TABLE.exec(table);
      const collection = m?.[1];
      if (!collection || collection.startsWith(META_PREFIX) || collection.startsWith('_rxdb') || !pushes(collection)) continue;
      const result = readRows(db, table, ({ data }) => {
        const doc = parse(data);
        if (!doc || typeof doc.id !== 'string') {
          unreadable++;
          return;
        }
        const acknowledged = (masters.get(doc.id) ?? []).some(
          (state) => state._resolvedConflict !== doc._rev && documentsEqual(withoutMarker(state), doc as Doc),
        );
        if (acknowledged) return;
        const { _meta, _rev, _attachments, ...fields } = doc;
        void _meta;
        void _rev;
        void _attachments;
        unsynced.push({ collection, doc: { ...fields, _deleted: Boolean(fields._deleted) } });
      });
      unreadable += result.unreadable;
    }
    return { unsynced, unreadable, bookkeeping };
  } finally {
    dispose();
  }
}

const withoutMarker = (state: Doc): Doc => {
  const { _resolvedConflict, ...rest } = state;
  void _resolvedConflict;
  return rest;
};
