import type { Observable, Subject } from 'rxjs';
import { categorizeBulkWriteRows, getPrimaryFieldOfPrimaryKey, newRxError, now } from 'rxdb';
import type {
  BulkWriteRow,
  EventBulk,
  PreparedQuery,
  RxDocumentData,
  RxJsonSchema,
  RxStorage,
  RxStorageBulkWriteResponse,
  RxStorageChangeEvent,
  RxStorageCountResult,
  RxStorageDefaultCheckpoint,
  RxStorageInstance,
  RxStorageQueryResult,
} from 'rxdb';
import type { SharedConnection } from './connection';
import { readAttachmentBytes, writeAttachments } from './attachments';
import { acquireChangeSubject, releaseChangeSubject } from './change-subjects';
import { cacheFor, docsForRowids, newGeneration, selectDocs, validCache, writeGeneration } from './doc-cache';
import type { SqlValue } from './driver';
import { releaseConnection } from './connection';
import { toStorageError } from './errors';
import { indexKeyParam } from './index-key';
import { changedSince, countDocuments, findByIds, queryDocuments, type ReadSource } from './reads';
import type { CollectionTables, IndexColumn } from './tables';
import { dropCollectionTables } from './tables';
import { dropFullTextTable, indexWritten, type FullTextTable } from './fulltext';
import { dropProjectionTable, noteProjectionWrites, projectWritten, type ProjectionTable } from './projection';
import { markPulled, PULL_WRITE_CONTEXT } from '../pulled-mark';

export type SQLiteInternals = {
  readonly connection: SharedConnection;
  readonly tables: CollectionTables;
  /** The collection's full-text index, when the storage was given a spec for it. */
  readonly fullText?: FullTextTable;
  /** The collection's projection (projection.ts), when the storage was given a spec for it. */
  readonly projection?: ProjectionTable;
};
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type SQLiteInstanceCreationOptions = {};
type Doc<T> = RxDocumentData<T>;
/** Rows per multi-row INSERT; 50 x (4 + indexes) parameters stays far below SQLite's limit. */
const INSERT_CHUNK = 50;
/** Rows a write transaction wrote, for the document cache after COMMIT. */
type Written<T> = { rowids: number[]; docs: Doc<T>[]; sizes: number[] };
type ChangeBulk<T> = EventBulk<RxStorageChangeEvent<Doc<T>>, RxStorageDefaultCheckpoint>;
/** A write done inside an open transaction; `committed()` runs once that transaction committed. */
export type StagedWrite<T> = { response: RxStorageBulkWriteResponse<T>; committed: () => void };

export class RxStorageInstanceSQLite<T> implements RxStorageInstance<T, SQLiteInternals, SQLiteInstanceCreationOptions, RxStorageDefaultCheckpoint> {
  readonly primaryPath: string;
  /** True once the connection and the change stream were released. */
  closed = false;
  /**
   * Set by the first close() or remove(): later calls share it, so the connection and the
   * change stream are released once even when RxDB closes an instance twice at the same time.
   */
  private closing: Promise<void> | undefined;
  private readonly changes$: Subject<ChangeBulk<T>>;
  private readonly subjectKey: string;
  private readonly withAttachments: boolean;
  /** Writes with attachments await Blob bytes first; the chain keeps them in call order. */
  private writeChain: Promise<unknown> = Promise.resolve();
  private readonly sql: Record<'byIds' | 'byIdsAlive' | 'existing' | 'maxRowid' | 'insert' | 'insertChunk' | 'update', string>;

  constructor(
    readonly storage: RxStorage<SQLiteInternals, SQLiteInstanceCreationOptions>,
    readonly databaseName: string,
    readonly collectionName: string,
    readonly schema: Readonly<RxJsonSchema<Doc<T>>>,
    readonly internals: SQLiteInternals,
    readonly options: Readonly<SQLiteInstanceCreationOptions>,
  ) {
    this.primaryPath = getPrimaryFieldOfPrimaryKey(schema.primaryKey) as string;
    this.withAttachments = !!schema.attachments;
    this.subjectKey = `${internals.connection.path}\u0000${internals.tables.docs}`;
    this.changes$ = acquireChangeSubject<ChangeBulk<T>>(this.subjectKey);
    const t = internals.tables;
    const cols = t.indexes.map((i) => `, ${i.column}`).join('');
    // Index keys are bound as text where possible and stored as BLOB (see index-key.ts).
    const marks = t.indexes.map(() => ', CAST(? AS BLOB)').join('');
    const sets = t.indexes.map((i) => `, ${i.column} = CAST(? AS BLOB)`).join('');
    this.sql = {
      byIds: `FROM ${t.docs} WHERE id IN (SELECT value FROM json_each(?))`,
      byIdsAlive: `FROM ${t.docs} WHERE id IN (SELECT value FROM json_each(?)) AND deleted = 0`,
      existing: `SELECT rowid AS r, id AS i FROM ${t.docs} WHERE id IN (SELECT value FROM json_each(?))`,
      maxRowid: `SELECT max(rowid) FROM ${t.docs}`,
      // Explicit rowids (max + 1, ...) so the written documents can be cached by rowid.
      insert: `INSERT INTO ${t.docs} (rowid, data, deleted, lwt${cols}, id) VALUES (?, ?, ?, ?${marks}, ?)`,
      insertChunk: `INSERT INTO ${t.docs} (rowid, data, deleted, lwt${cols}, id) VALUES ${Array.from({ length: INSERT_CHUNK }, () => `(?, ?, ?, ?${marks}, ?)`).join(', ')}`,
      update: `UPDATE ${t.docs} SET data = ?, deleted = ?, lwt = ?${sets} WHERE id = ?`,
    };
  }

  private get conn(): SharedConnection {
    if (this.closed) throw this.closedError();
    return this.internals.connection;
  }

  /** Built per call, not once: `conn` refuses a released connection at every read. */
  private get readSource(): ReadSource<T> {
    const { tables } = this.internals;
    return { conn: this.conn, tables, schema: this.schema, primaryPath: this.primaryPath, byIds: this.sql.byIds, byIdsAlive: this.sql.byIdsAlive, instance: this };
  }

  /** The reads (reads.ts) throw; RxDB expects a rejected promise, with the storage's error where one applies. */
  private read<R>(action: string, fn: (src: ReadSource<T>) => R): Promise<R> {
    try {
      this.ensureOpen();
      return Promise.resolve(fn(this.readSource));
    } catch (err) {
      return Promise.reject(toStorageError(err, this.internals.connection.path, action));
    }
  }

  /**
   * RxDB's own error for a closed or removed collection (COL21), as an RxError, so callers
   * that tell RxDB errors apart (`rxdb: true`, `code`) see what RxDB would raise itself.
   */
  private closedError(): Error {
    return newRxError('COL21', { database: this.databaseName, collection: this.collectionName, version: this.schema.version });
  }

  /** Calls made once close() or remove() was asked for are refused; queued writes still finish. */
  private ensureOpen(): void {
    if (this.closing) throw this.closedError();
  }

  bulkWrite(rows: BulkWriteRow<T>[], context: string): Promise<RxStorageBulkWriteResponse<T>> {
    if (this.closing) return Promise.reject(this.closedError());
    if (!this.withAttachments) {
      try {
        return Promise.resolve(this.writeNow(rows, context, new Map()));
      } catch (err) {
        return Promise.reject(toStorageError(err, this.internals.connection.path, 'write'));
      }
    }
    const run = async (): Promise<RxStorageBulkWriteResponse<T>> => {
      const bytes = await readAttachmentBytes(rows);
      try {
        return this.writeNow(rows, context, bytes);
      } catch (err) {
        throw toStorageError(err, this.internals.connection.path, 'write');
      }
    };
    const result = this.writeChain.then(run, run);
    this.writeChain = result.catch(() => undefined);
    return result;
  }

  /** Synchronous core: read current state, categorize, write, all in one transaction. */
  private writeNow(given: BulkWriteRow<T>[], context: string, bytes: Map<Blob, Uint8Array>): RxStorageBulkWriteResponse<T> {
    const conn = this.conn;
    const staged = conn.transaction(() => this.stageWrite(given, context, bytes));
    staged.committed();
    return staged.response;
  }

  /**
   * A write without attachments staged inside a transaction the caller opened on this
   * instance's connection (several instances of one store written in one transaction, see
   * ../download-page.ts). The caller calls `committed()` once its COMMIT returned, never
   * after a rollback: only then do the cache and the change stream see the write.
   */
  stageWriteInTransaction(rows: BulkWriteRow<T>[], context: string, options: { download?: boolean } = {}): StagedWrite<T> {
    this.ensureOpen();
    if (this.withAttachments) throw new Error('stageWriteInTransaction: a collection with attachments');
    return this.stageWrite(rows, context, new Map(), options.download ?? false);
  }

  /** Documents by id read inside a transaction the caller opened (deleted ones too). */
  readInTransaction(ids: string[]): Doc<T>[] {
    this.ensureOpen();
    const conn = this.conn;
    const t = this.internals.tables;
    const cache = validCache(conn, cacheFor(conn.path, t.docs), t.genKey);
    return selectDocs<Doc<T>>(conn, t.docs, cache, this.sql.byIds, [JSON.stringify(ids)]);
  }

  private stageWrite(given: BulkWriteRow<T>[], context: string, bytes: Map<Blob, Uint8Array>, download = false): StagedWrite<T> {
    // The pull's writes keep the revision they were pulled at (pulled-mark.ts).
    const rows = context.startsWith(PULL_WRITE_CONTEXT) ? given.map((r) => ({ ...r, document: markPulled(r.document) })) : given;
    const conn = this.conn;
    const primaryPath = this.primaryPath as keyof Doc<T> & string;
    const t = this.internals.tables;
    const cache = cacheFor(conn.path, t.docs);
    const written: Written<T> = { rowids: [], docs: [], sizes: [] };
    const gen = newGeneration();
    validCache(conn, cache, t.genKey);
    const ids = rows.map((r) => r.document[primaryPath] as unknown as string);
    const found = conn.statement(this.sql.existing).all(JSON.stringify(ids)) as { r: number; i: string }[];
    const rowidOf = new Map(found.map((f) => [f.i, f.r]));
    const docsInDb = new Map<string, Doc<T>>();
    for (const doc of docsForRowids<Doc<T>>(conn, t.docs, cache, found.map((f) => f.r))) {
      docsInDb.set(doc[primaryPath] as unknown as string, doc);
    }
    const categorized = categorizeBulkWriteRows<T>(this, primaryPath as never, docsInDb, rows, context);
    // Inserted rows get rowids from newFrom on, above every other row of the table.
    let newFrom = Infinity;
    if (categorized.bulkInsertDocs.length > 0) {
      const max = Number(conn.statement(this.sql.maxRowid).pluckAll()[0] ?? 0);
      if (max > Number.MAX_SAFE_INTEGER - rows.length) throw new Error(`rowids exhausted in ${t.docs}`);
      newFrom = max + 1;
      this.insertRows(categorized.bulkInsertDocs, newFrom, written);
    }
    if (categorized.bulkUpdateDocs.length > 0) {
      const update = conn.statement(this.sql.update);
      const values: SqlValue[] = [];
      for (const row of categorized.bulkUpdateDocs) {
        values.length = 0;
        const id = row.document[primaryPath] as unknown as string;
        written.sizes.push(this.pushRowValues(values, row.document, t.indexes));
        values.push(id);
        update.run(...values);
        written.rowids.push(rowidOf.get(id)!);
        written.docs.push(row.document);
      }
    }
    if (this.withAttachments) writeAttachments(conn, t.attachments, categorized, bytes);
    // Same transaction: the index can never disagree with the documents after a crash.
    if (this.internals.fullText && written.rowids.length > 0) indexWritten(conn, this.internals.fullText, written.rowids, written.docs, newFrom);
    if (this.internals.projection && written.rowids.length > 0) projectWritten(conn, this.internals.projection, written.rowids, written.docs, newFrom);
    if (written.rowids.length > 0) writeGeneration(conn, t.genKey, gen);
    const committed = (): void => {
      // Only after COMMIT: the cache moves to the generation this transaction wrote.
      if (written.rowids.length > 0) {
        for (let i = 0; i < written.rowids.length; i++) cache.set(written.rowids[i]!, written.docs[i], written.sizes[i]!);
        cache.gen = gen;
      }
      if (this.internals.projection && written.rowids.length > 0) noteProjectionWrites(conn, this.internals.projection, written.rowids.length, download);
      // Events only after COMMIT returned: a subscriber never sees a write that could roll back.
      if (categorized.eventBulk.events.length > 0 && categorized.newestRow) {
        const last = categorized.newestRow.document;
        categorized.eventBulk.checkpoint = { id: last[primaryPath] as unknown as string, lwt: last._meta.lwt };
        this.changes$.next(categorized.eventBulk as ChangeBulk<T>);
      }
    };
    return { response: { error: categorized.errors }, committed };
  }

  /**
   * Multi-row INSERTs: one statement call per INSERT_CHUNK rows instead of per row saves
   * the per-call binding and VDBE start-up cost (about a fifth of a bulk insert).
   */
  private insertRows(rows: { document: Doc<T> }[], firstRowid: number, written: Written<T>): void {
    const conn = this.internals.connection;
    const indexes = this.internals.tables.indexes;
    const values: SqlValue[] = [];
    const add = (i: number): void => {
      const doc = rows[i]!.document;
      const rowid = firstRowid + i;
      values.push(rowid);
      written.sizes.push(this.pushRowValues(values, doc, indexes));
      values.push(doc[this.primaryPath as keyof Doc<T>] as unknown as string);
      written.rowids.push(rowid);
      written.docs.push(doc);
    };
    let i = 0;
    if (rows.length >= INSERT_CHUNK) {
      const chunk = conn.statement(this.sql.insertChunk);
      for (; i + INSERT_CHUNK <= rows.length; i += INSERT_CHUNK) {
        values.length = 0;
        for (let j = i; j < i + INSERT_CHUNK; j++) add(j);
        chunk.run(...values);
      }
    }
    const single = conn.statement(this.sql.insert);
    for (; i < rows.length; i++) {
      values.length = 0;
      add(i);
      single.run(...values);
    }
  }

  /** data, deleted, lwt and the index columns (the statements' order); returns the JSON length. */
  private pushRowValues(values: SqlValue[], doc: Doc<T>, indexes: IndexColumn[]): number {
    const json = JSON.stringify(doc);
    values.push(json, doc._deleted ? 1 : 0, doc._meta.lwt);
    for (const idx of indexes) values.push(indexKeyParam(idx.getIndexString(doc as Doc<unknown>)));
    return json.length;
  }

  findDocumentsById(ids: string[], withDeleted: boolean): Promise<Doc<T>[]> {
    return this.read('read', (src) => findByIds(src, ids, withDeleted));
  }

  query(prepared: PreparedQuery<T>): Promise<RxStorageQueryResult<T>> {
    return this.read('query', (src) => ({ documents: queryDocuments(src, prepared) }));
  }

  count(prepared: PreparedQuery<T>): Promise<RxStorageCountResult> {
    return this.read('count', (src) => countDocuments(src, prepared));
  }

  getChangedDocumentsSince(
    limit: number,
    checkpoint?: RxStorageDefaultCheckpoint,
  ): Promise<{ documents: Doc<T>[]; checkpoint: RxStorageDefaultCheckpoint }> {
    return this.read('read', (src) => {
      const documents = changedSince(src, limit, checkpoint);
      const last = documents[documents.length - 1];
      return {
        documents,
        checkpoint: last ? { id: last[this.primaryPath as keyof Doc<T>] as unknown as string, lwt: last._meta.lwt } : (checkpoint ?? { id: '', lwt: 0 }),
      };
    });
  }

  /** Documents written after `checkpoint` (by write time, then id), at most `limit` (reads.ts). */
  changedSince(limit: number, checkpoint?: RxStorageDefaultCheckpoint): Doc<T>[] {
    this.ensureOpen();
    return changedSince(this.readSource, limit, checkpoint);
  }

  changeStream(): Observable<ChangeBulk<T>> {
    return this.changes$.asObservable();
  }

  cleanup(minimumDeletedTime: number): Promise<boolean> {
    try {
      this.ensureOpen();
      const conn = this.conn;
      const t = this.internals.tables;
      const maxDeletionTime = now() - minimumDeletedTime;
      conn.transaction(() => {
        if (this.withAttachments) {
          conn
            .statement(`DELETE FROM ${t.attachments} WHERE doc_id IN (SELECT id FROM ${t.docs} WHERE deleted = 1 AND lwt <= ?)`)
            .run(maxDeletionTime);
        }
        const { changes } = conn.statement(`DELETE FROM ${t.docs} WHERE deleted = 1 AND lwt <= ?`).run(maxDeletionTime);
        // Deleted rowids may be reused by later inserts: a new generation empties the cache.
        if (changes > 0) writeGeneration(conn, t.genKey, newGeneration());
      });
      return Promise.resolve(true);
    } catch (err) {
      return Promise.reject(toStorageError(err, this.internals.connection.path, 'cleanup'));
    }
  }

  getAttachmentData(documentId: string, attachmentId: string, digest: string): Promise<Blob> {
    try {
      this.ensureOpen();
      const row = this.conn
        .statement(`SELECT digest, type, data FROM ${this.internals.tables.attachments} WHERE doc_id = ? AND att_id = ?`)
        .get(documentId, attachmentId) as { digest: string; type: string; data: Uint8Array } | undefined;
      if (!digest || !row || row.digest !== digest) {
        throw new Error(`attachment does not exist: ${documentId}||${attachmentId}`);
      }
      return Promise.resolve(new Blob([row.data], { type: row.type }));
    } catch (err) {
      return Promise.reject(toStorageError(err, this.internals.connection.path, 'read attachment'));
    }
  }

  /** Like storage-memory: removing a closed instance is an error, closing it again is not. */
  remove(): Promise<void> {
    if (this.closing) return Promise.reject(this.closedError());
    this.closing = this.shutDown(true);
    return this.closing;
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown(false);
    return this.closing;
  }

  private async shutDown(drop: boolean): Promise<void> {
    // Writes queued before close() was asked for still complete.
    await this.writeChain.catch(() => undefined);
    try {
      if (drop) {
        dropCollectionTables(this.internals.connection, this.collectionName, this.schema.version);
        if (this.internals.fullText) dropFullTextTable(this.internals.connection, this.collectionName, this.schema.version);
        if (this.internals.projection) dropProjectionTable(this.internals.connection, this.collectionName, this.schema.version);
      }
    } finally {
      this.closed = true;
      releaseChangeSubject(this.subjectKey);
      releaseConnection(this.internals.connection);
    }
  }
}
