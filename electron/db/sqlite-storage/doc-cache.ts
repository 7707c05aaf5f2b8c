import { randomBytes } from 'node:crypto';
import type { SharedConnection } from './connection';
import type { SqlValue } from './driver';

/**
 * Parsed documents of one table, keyed by SQLite rowid. JSON.parse dominated reads (about
 * 10 us per ticket; a 3,000-document query spent 85% of its time parsing), and documents are
 * immutable per revision, so queries and findDocumentsById ask SQLite only for the rowids
 * (index-only scans) and take the parsed objects from here.
 *
 * Coherence: every write transaction of a table stores a fresh generation token in
 * cims_storage_meta (`gen:<table>`). The cache is valid for exactly one generation; a read
 * runs in one read transaction, reads the token first and empties the cache when it is not
 * the one the cache was filled for (another process, or a write that rolled back, wrote the
 * table). Our own writes update the entries of the rows they wrote after COMMIT and carry the
 * cache to the new generation. The cache outlives a close: a reopen in this process finds it
 * and the token tells whether the file changed since.
 *
 * Like storage-memory, the objects are shared with callers (RxDB never mutates stored
 * documents); the written documents themselves are cached, so a bulk insert parses nothing.
 */
export class DocCache {
  gen = '';
  bytes = 0;
  private readonly entries = new Map<number, { doc: unknown; size: number }>();

  constructor(readonly key: string) {}

  get size(): number {
    return this.entries.size;
  }

  get(rowid: number): unknown {
    return this.entries.get(rowid)?.doc;
  }

  set(rowid: number, doc: unknown, size: number): void {
    const old = this.entries.get(rowid);
    if (old) {
      this.bytes -= old.size;
      totalBytes -= old.size;
      // Re-inserted at the end: eviction goes oldest write or read first.
      this.entries.delete(rowid);
    }
    this.entries.set(rowid, { doc, size });
    this.bytes += size;
    totalBytes += size;
    if (totalBytes > BUDGET_BYTES) evict();
  }

  clear(): void {
    totalBytes -= this.bytes;
    this.bytes = 0;
    this.entries.clear();
  }

  /** Drops the oldest entries until `target` bytes are freed or the cache is empty. */
  shed(target: number): number {
    let freed = 0;
    for (const [rowid, entry] of this.entries) {
      if (freed >= target) break;
      this.entries.delete(rowid);
      freed += entry.size;
    }
    this.bytes -= freed;
    totalBytes -= freed;
    return freed;
  }
}

/**
 * Bound over all tables in the process, counted in bytes of document JSON (the parsed
 * objects take about two to three times that in the heap).
 */
const DEFAULT_BUDGET_BYTES = 24 * 1024 * 1024;
let BUDGET_BYTES = DEFAULT_BUDGET_BYTES;
let totalBytes = 0;

/** Sets the process-wide bound (bytes of document JSON); 0 keeps no document. Returns the old one. */
export function setDocCacheBudget(bytes: number): number {
  const old = BUDGET_BYTES;
  BUDGET_BYTES = bytes;
  if (totalBytes > BUDGET_BYTES) evict();
  return old;
}

export function docCacheBytes(): number {
  return totalBytes;
}
/** Least recently used cache first (Map insertion order, refreshed by cacheFor). */
const CACHES = new Map<string, DocCache>();

function evict(): void {
  const target = BUDGET_BYTES * 0.9;
  for (const cache of CACHES.values()) {
    if (totalBytes <= target) return;
    // Emptied caches stay registered: an instance may be filling one right now.
    cache.shed(totalBytes - target);
  }
}

export function cacheFor(path: string, table: string): DocCache {
  const key = `${path}\u0000${table}`;
  let cache = CACHES.get(key);
  if (cache) CACHES.delete(key);
  else cache = new DocCache(key);
  CACHES.set(key, cache);
  return cache;
}

export function dropCache(path: string, table: string): void {
  const key = `${path}\u0000${table}`;
  CACHES.get(key)?.clear();
  CACHES.delete(key);
}

/** Unique across processes and time: a process token and a counter. */
const PROCESS_TOKEN = randomBytes(8).toString('hex');
let counter = 0;
export function newGeneration(): string {
  return `${PROCESS_TOKEN}-${++counter}`;
}

export function readGeneration(conn: SharedConnection, genKey: string): string {
  const value = conn.statement('SELECT value FROM cims_storage_meta WHERE key = ?').pluckAll(genKey)[0];
  return typeof value === 'string' ? value : '';
}

export function writeGeneration(conn: SharedConnection, genKey: string, gen: string): void {
  conn.statement('INSERT OR REPLACE INTO cims_storage_meta (key, value) VALUES (?, ?)').run(genKey, gen);
}

/** The cache emptied unless it was filled for the generation now in the file. */
export function validCache(conn: SharedConnection, cache: DocCache, genKey: string): DocCache {
  const gen = readGeneration(conn, genKey);
  if (cache.gen !== gen) {
    cache.clear();
    cache.gen = gen;
  }
  return cache;
}

/**
 * Documents of `SELECT rowid <from>`, in its order, through the cache. With an empty cache
 * (first read after open, or after another process wrote) one pass reads rowid and data
 * together instead of rowids first and the missing data second.
 */
export function selectDocs<D>(conn: SharedConnection, docsTable: string, cache: DocCache, from: string, params: SqlValue[]): D[] {
  if (cache.size > 0) return docsForRowids<D>(conn, docsTable, cache, conn.statement(`SELECT rowid ${from}`).pluckAll(...params) as number[]);
  const out: D[] = [];
  for (const row of conn.statement(`SELECT rowid AS r, data AS d ${from}`).all(...params)) {
    const data = row.d as string;
    const doc = JSON.parse(data) as D;
    cache.set(row.r as number, doc, data.length);
    out.push(doc);
  }
  return out;
}

/** Rowids per statement when fetching cache misses. */
const MISS_CHUNK = 500;

/**
 * Documents for `rowids`, in the same order: hits from the cache, misses read and parsed in
 * chunks and cached. A rowid that no longer exists gives no document (cannot happen inside
 * one read transaction).
 */
export function docsForRowids<D>(conn: SharedConnection, docsTable: string, cache: DocCache, rowids: number[]): D[] {
  const out: D[] = new Array<D>(rowids.length);
  let missing: number[] | undefined;
  for (let i = 0; i < rowids.length; i++) {
    const doc = cache.get(rowids[i]!);
    if (doc === undefined) (missing ??= []).push(i);
    else out[i] = doc as D;
  }
  if (!missing) return out;
  let gone = false;
  const stmt = conn.statement(`SELECT rowid AS r, data AS d FROM ${docsTable} WHERE rowid IN (SELECT value FROM json_each(?))`);
  for (let start = 0; start < missing.length; start += MISS_CHUNK) {
    const at = missing.slice(start, start + MISS_CHUNK);
    const found = new Map<number, string>();
    for (const row of stmt.all(JSON.stringify(at.map((i) => rowids[i])))) found.set(row.r as number, row.d as string);
    for (const i of at) {
      const data = found.get(rowids[i]!);
      if (data === undefined) {
        gone = true;
        continue;
      }
      const doc = JSON.parse(data) as D;
      cache.set(rowids[i]!, doc, data.length);
      out[i] = doc;
    }
  }
  return gone ? out.filter((d) => d !== undefined) : out;
}
