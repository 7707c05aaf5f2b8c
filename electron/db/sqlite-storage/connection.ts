import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { SqliteConnection, SqliteDriverFactory, SqliteStatement } from './driver';
import { StorageError, toStorageError } from './errors';

export type SynchronousMode = 'FULL' | 'NORMAL';

/** Written into every store file; its absence means "not a CIMS store" (e.g. truncated to 0 bytes). */
const META_TABLE = 'cims_storage_meta';
const FORMAT_VERSION = '1';

/**
 * One open SQLite file, shared by every storage instance (collection) of one database
 * in this process, so that writes of one instance are seen by the others and by their
 * change streams. Closed when the last instance closes.
 */
export class SharedConnection {
  refCount = 0;
  private readonly statements = new Map<string, SqliteStatement>();
  private readonly begin: SqliteStatement;
  private readonly beginRead: SqliteStatement;
  private readonly commit: SqliteStatement;
  private readonly rollback: SqliteStatement;

  constructor(
    readonly key: string,
    readonly path: string,
    readonly db: SqliteConnection,
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.beginRead = db.prepare('BEGIN');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
  }

  /** Prepared statements are cached per SQL text; preparing is costlier than running. */
  statement(sql: string): SqliteStatement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  forgetStatements(): void {
    this.statements.clear();
  }

  /** Runs fn in one write transaction; any throw rolls the whole transaction back. */
  transaction<T>(fn: () => T): T {
    return this.run(this.begin, fn);
  }

  /** Runs fn's reads on one snapshot (a deferred transaction that never writes). */
  read<T>(fn: () => T): T {
    return this.run(this.beginRead, fn);
  }

  private run<T>(begin: SqliteStatement, fn: () => T): T {
    begin.run();
    try {
      const result = fn();
      this.commit.run();
      return result;
    } catch (err) {
      // SQLite may already have rolled back by itself (e.g. on SQLITE_FULL).
      try {
        this.rollback.run();
      } catch {
        /* no transaction active any more */
      }
      throw err;
    }
  }
}

const OPEN = new Map<string, SharedConnection>();

/**
 * With a `directory` the file is `<directory>/<databaseName>.sqlite` and the name must be a
 * plain file name. Without one, RxDB's database name is itself a path (`/data/cims` gives
 * `/data/cims.sqlite`), which RxDB's dev-mode allows for folder-based storages.
 */
export function databaseFilePath(directory: string | undefined, databaseName: string): string {
  const bad = !databaseName || databaseName.includes('\0') || /(^|[/\\])\.{0,2}$/.test(databaseName);
  if (bad || (directory !== undefined && /[/\\]/.test(databaseName))) {
    throw new StorageError('STORAGE_DIR_UNAVAILABLE', `Invalid database name for a file: ${JSON.stringify(databaseName)}`);
  }
  return directory === undefined ? `${resolve(databaseName)}.sqlite` : join(resolve(directory), `${databaseName}.sqlite`);
}

export function acquireConnection(
  directory: string | undefined,
  databaseName: string,
  driver: SqliteDriverFactory,
  synchronous: SynchronousMode,
): SharedConnection {
  const path = databaseFilePath(directory, databaseName);
  let shared = OPEN.get(path);
  if (!shared) {
    const db = openStoreFile(path, driver, synchronous);
    shared = new SharedConnection(path, path, db);
    OPEN.set(path, shared);
  }
  shared.refCount++;
  return shared;
}

export function releaseConnection(shared: SharedConnection): void {
  shared.refCount--;
  if (shared.refCount > 0) return;
  OPEN.delete(shared.key);
  shared.forgetStatements();
  const tables = shared.db
    .prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name <> '${META_TABLE}'`)
    .get() as { n: number };
  shared.db.close();
  // A database whose collections were all removed leaves no file behind (RxDB's remove()).
  if (tables.n === 0) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(shared.path + suffix, { force: true });
  } else recordCleanClose(shared.path);
}

/** Beside the store: the file's identity at the last clean close. */
const cleanCloseFile = (path: string): string => `${path}-closed`;

const fileIdentity = (path: string): string | null => {
  try {
    const st = statSync(path, { bigint: true });
    return JSON.stringify({ size: String(st.size), ino: String(st.ino), mtime: String(st.mtimeNs) });
  } catch {
    return null;
  }
};

/**
 * After the last connection of this process closed the file. A WAL left behind (another
 * connection still open) means the file may change yet: then nothing is recorded.
 */
function recordCleanClose(path: string): void {
  try {
    if (existsSync(`${path}-wal`)) return;
    const identity = fileIdentity(path);
    if (identity) writeFileSync(cleanCloseFile(path), identity);
  } catch {
    /* only an optimisation: the next open checks the file */
  }
}

/** True when the file is as recorded at its last clean close; the record is used up. */
function closedCleanly(path: string): boolean {
  const record = cleanCloseFile(path);
  let recorded: string;
  try {
    recorded = readFileSync(record, 'utf8');
  } catch {
    return false;
  }
  rmSync(record, { force: true });
  return !existsSync(`${path}-wal`) && recorded === fileIdentity(path);
}

function checkDirectory(directory: string, path: string): void {
  let isDir = false;
  try {
    isDir = statSync(directory).isDirectory();
  } catch (err) {
    throw new StorageError('STORAGE_DIR_UNAVAILABLE', `Database folder does not exist: ${directory}`, { path, cause: err });
  }
  if (!isDir) throw new StorageError('STORAGE_DIR_UNAVAILABLE', `Database folder is not a directory: ${directory}`, { path });
}

/**
 * A new file is built under a temporary name and renamed into place once it holds the
 * meta table, so a file at the final path that lacks it was damaged (e.g. truncated to
 * zero bytes) and is reported instead of being silently re-created empty.
 */
const PAGE_SIZE = 16384;

function createStoreFile(path: string, driver: SqliteDriverFactory): void {
  const tmp = `${path}.creating-${randomBytes(4).toString('hex')}`;
  try {
    const db = driver(tmp);
    try {
      db.pragma('journal_mode = DELETE');
      // 16 KiB pages instead of SQLite's 4 KiB: a document is about 1 KiB of JSON, and a
      // first sync writes tens of thousands of them with their meta rows, index entries,
      // projection and full-text rows. Writing 50,000 downloaded tickets took 12 % less CPU
      // in the store's worker (136 -> 119 us per ticket, 4 alternating runs each; a quarter
      // less system time: fewer pages to write to the WAL and to copy back at checkpoints).
      // The page size is the file's: stores made before keep theirs.
      db.pragma(`page_size = ${PAGE_SIZE}`);
      db.exec(`CREATE TABLE ${META_TABLE} (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)`);
      db.exec(`INSERT INTO ${META_TABLE} (key, value) VALUES ('format', '${FORMAT_VERSION}')`);
    } finally {
      db.close();
    }
    renameSync(tmp, path);
    const dirFd = openSync(dirname(path), 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch (err) {
    for (const suffix of ['', '-journal']) rmSync(tmp + suffix, { force: true });
    const mapped = toStorageError(err, path, 'create');
    if (mapped instanceof StorageError) throw mapped;
    throw new StorageError('STORAGE_DIR_UNAVAILABLE', `Cannot create database file in folder: ${path}: ${String(err)}`, { path, cause: err });
  }
}

function openStoreFile(path: string, driver: SqliteDriverFactory, synchronous: SynchronousMode): SqliteConnection {
  const directory = dirname(path);
  checkDirectory(directory, path);
  if (!existsSync(path)) createStoreFile(path, driver);
  let db: SqliteConnection | undefined;
  try {
    db = driver(path);
    db.pragma('busy_timeout = 5000');
    // quick_check reads every page once: it finds truncation and torn pages at start,
    // not in the middle of a technician's work. It costs seconds on a large store (4 s for
    // 1.7 GB), so it is skipped when the file is exactly as this storage left it at its last
    // clean close (size, inode and modification time recorded then, see releaseConnection);
    // the record is removed now, so a crash before the next clean close checks again.
    const unchanged = closedCleanly(path);
    if (!unchanged) {
      const check = db.pragma('quick_check').map(String);
      if (check.length !== 1 || check[0] !== 'ok') {
        throw new StorageError('STORAGE_CORRUPT', `Database file is corrupt: ${path}: ${check.slice(0, 5).join('; ')}`, { path });
      }
    }
    const hasMeta = db.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '${META_TABLE}'`).get() as {
      n: number;
    };
    const format = hasMeta.n === 1 ? db.prepare(`SELECT value FROM ${META_TABLE} WHERE key = 'format'`).get() : undefined;
    if (!format) throw new StorageError('STORAGE_CORRUPT', `Database file is not a CIMS store or was truncated: ${path}`, { path });
    // Only now may SQLite write to the file: checks above must see it exactly as found.
    const mode = db.pragma('journal_mode = WAL')[0];
    if (String(mode).toLowerCase() !== 'wal') throw new Error(`could not switch to WAL (got ${String(mode)})`);
    // FULL: a commit is fsynced to the WAL before bulkWrite resolves, so an acknowledged
    // write survives power loss. NORMAL only survives a process crash (the last commits
    // can be lost on power loss) but is faster; see README.md.
    db.pragma(`synchronous = ${synchronous}`);
    // Multi-row INSERTs keep a statement journal (to undo a half-done statement); past 64 KiB
    // SQLite spills it to a temp file. In memory it cost ~9% of a 500-document bulk insert.
    // Nothing else here uses temp storage (queries sort by index, no temp tables or VACUUM).
    db.pragma('temp_store = MEMORY');
    return db;
  } catch (err) {
    try {
      db?.close();
    } catch {
      /* already unusable */
    }
    throw toStorageError(err, path, 'open');
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
