/**
 * Worker side of a download (../sync/worker-download.ts): one page of the server's pull
 * answer, as the bytes that arrived, parsed and written here. In ONE SQLite transaction:
 * the documents (with the pulled mark, pulled-mark.ts), RxDB's replication meta rows (the
 * assumed master state, the base of the three-way merge) and the downstream checkpoint row,
 * in the formats and revision schemes RxDB's replication writes them
 * (rxdb/src/replication-protocol/downstream.ts, meta-instance.ts, checkpoint.ts). A process
 * killed during a page leaves all of it or none of it (D2 cannot happen on this path).
 *
 * Each document is decided as RxDB's downstream decides it, with the replication's equality
 * (the conflict handler's `documentsEqual`): a stored document that differs from its assumed
 * master state (a local change not pushed yet) is left alone and keeps its base, so the
 * upstream pushes it and a conflict is merged as before; a stored document equal to the
 * server's gets its meta row only; anything else is written with its meta row.
 *
 * The documents' change event is the fork write's, one per page with the downstream's write
 * context, as RxDB's own pull write emits it: the upstream skips those documents and moves
 * its checkpoint past them, queries and the UI see the page. The meta instance's events are
 * not sent to the main thread at all (storage-worker.ts: nothing there subscribes to them).
 */
import { getHeightOfRevision, type RxDocumentData } from 'rxdb';
import type { Checkpoint, WireDocument } from '../../shared/sync/protocol';
import { documentsEqual, type Doc } from '../../shared/sync/merge';
import { acceptedPull } from '../sync/pull-reply';
import type { Acknowledged } from '../sync/push';
import { isPulledCopy } from './pulled-mark';
import type { RxStorageInstanceSQLite, StagedWrite } from './sqlite-storage/instance';

/** Main -> worker: a page to write. The bytes are transferred, not copied. */
export interface DownloadPageRequest {
  cimsDownload: 'page';
  requestId: number;
  databaseName: string;
  collectionName: string;
  schemaVersion: number;
  metaCollectionName: string;
  /** RxDB's downstream write context ('replication-downstream-' + checkpoint key). */
  context: string;
  /** RxDB's checkpoint key of this replication: the revisions of its meta rows. */
  checkpointKey: string;
  /** Hash of RxDB's replication identifier (`_meta.o` of updated documents). */
  identifierHash: string;
  /** The database's token: the revisions of documents (RxDB's storage wrapper). */
  databaseToken: string;
  /** RxDB writes no meta rows for a replication without push (server-owned collections). */
  skipStoringPullMeta: boolean;
  /**
   * The write time of the page's documents, taken by the main thread right before it posted
   * the page (RxDB's `now()`), so the store's write times keep the order in which writes
   * reach it, as they do for RxDB's own writes: the upstream's checkpoint relies on that.
   */
  lwt: number;
  /**
   * Documents whose push of this device was answered after the page was asked for, with the
   * collection's sequence the push lies at or below (a page holding a document a push is
   * still carrying waits for its answer: `inFlight`). The server issues sequences in commit order, so a
   * page whose checkpoint is at or past that sequence holds the pushed state or a later one
   * and is written as any page; below it, the page may hold a state older than the push and
   * the document is left as it is. Without a sequence (a server of an earlier release) the
   * document is left as it is.
   */
  acknowledged?: Acknowledged[];
  /**
   * Documents a push of this device is carrying now, unanswered. A page that holds one of them
   * is parsed but not written: the worker answers `waiting` and writes it on a
   * DownloadPageWrite, sent once the push is answered (../sync/worker-download.ts).
   */
  inFlight?: string[];
  bytes: ArrayBuffer;
}

/** Main -> worker: write a page that was `waiting`, with what is known of the pushes now. */
export interface DownloadPageWrite {
  cimsDownload: 'write';
  requestId: number;
  lwt: number;
  acknowledged: Acknowledged[];
}

/** Main -> worker: count the documents the server has not acknowledged (../sync/pending.ts). */
export interface PendingCountRequest {
  cimsDownload: 'pending';
  requestId: number;
  databaseName: string;
  collectionName: string;
  schemaVersion: number;
  metaCollectionName: string;
  /** RxDB's upstream checkpoint: every write up to it has been handled. */
  checkpoint: { id: string; lwt: number } | undefined;
}

/**
 * Main -> worker: the worker thread's V8 heap in use, after a full collection where the process
 * runs with --expose-gc (the memory checks of a long sync, S9).
 */
export interface HeapRequest {
  cimsDownload: 'heap';
  requestId: number;
}

/** Worker -> main: the page's checkpoint, sent before it is written (the next fetch starts). */
export interface DownloadPageParsed {
  cimsDownload: 'parsed';
  requestId: number;
  count: number;
  checkpoint: Checkpoint | null;
  /** The page holds a document a push is carrying: it is written on a DownloadPageWrite. */
  waiting?: boolean;
}

/** Worker -> main: the page is committed (or failed). */
export interface DownloadPageDone {
  cimsDownload: 'done';
  requestId: number;
  /** Documents and meta rows written, documents left alone for the upstream. */
  written?: number;
  metaOnly?: number;
  kept?: number;
  /** The downstream checkpoint row as stored (RxDB's `lastCheckpointDoc.down`). */
  checkpointDoc?: RxDocumentData<unknown> | null;
  /** The answer to a PendingCountRequest. */
  pending?: number;
  /** The answer to a HeapRequest, in bytes. */
  heapUsed?: number;
  /** Set when the page was not written: PROTOCOL_ERROR (not a pull answer) or the storage's error. */
  error?: { code: string; message: string };
}

export type DownloadMessageFromWorker = DownloadPageParsed | DownloadPageDone;

export type DownloadRequest = DownloadPageRequest | DownloadPageWrite | PendingCountRequest | HeapRequest;

export const isDownloadRequest = (msg: unknown): msg is DownloadRequest =>
  typeof msg === 'object' && msg !== null && ['page', 'write', 'pending', 'heap'].includes((msg as { cimsDownload?: unknown }).cimsDownload as string);

export const isDownloadAnswer = (msg: unknown): msg is DownloadMessageFromWorker =>
  typeof msg === 'object' && msg !== null && typeof (msg as { cimsDownload?: unknown }).cimsDownload === 'string';

type MetaDoc = RxDocumentData<{
  id: string;
  isCheckpoint: '0' | '1';
  itemId: string;
  docData?: Record<string, unknown>;
  checkpointData?: unknown;
  isResolvedConflict?: string;
}>;
type ForkDoc = RxDocumentData<Record<string, unknown>>;

/** RxDB's meta instance keys: itemId '|' isCheckpoint. */
const metaId = (itemId: string, isCheckpoint: '0' | '1'): string => `${itemId}|${isCheckpoint}`;
const nextRevision = (token: string, previous?: { _rev: string }): string => `${previous ? getHeightOfRevision(previous._rev) + 1 : 1}-${token}`;

/** A document as RxDB's downstream compares it: without `_meta`, `_rev`, `_attachments`. */
const docState = (doc: ForkDoc): Doc => {
  const { _meta, _rev, _attachments, ...rest } = doc;
  void _meta;
  void _rev;
  void _attachments;
  return rest as Doc;
};

export class DownloadError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Parses a page; a body that is not a pull answer is the client's PROTOCOL_ERROR. */
export function parsePage(bytes: ArrayBuffer): { documents: WireDocument[]; checkpoint: Checkpoint | null } {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    throw new DownloadError('PROTOCOL_ERROR', "The server's answer to pull is not valid: not JSON");
  }
  const page = acceptedPull(value);
  if (!page) throw new DownloadError('PROTOCOL_ERROR', "The server's answer to pull is not valid: unexpected shape");
  return page;
}

export interface DownloadInstances {
  fork: RxStorageInstanceSQLite<Record<string, unknown>>;
  meta: RxStorageInstanceSQLite<MetaDoc>;
}

/** Writes one parsed page; returns what it did and the stored checkpoint row. */
export function writePage(
  { fork, meta }: DownloadInstances,
  req: Omit<DownloadPageRequest, 'bytes' | 'inFlight'>,
  documents: WireDocument[],
  checkpoint: Checkpoint | null,
): Required<Pick<DownloadPageDone, 'written' | 'metaOnly' | 'kept' | 'checkpointDoc'>> {
  const conn = fork.internals.connection;
  if (meta.internals.connection !== conn) throw new Error('download: the documents and their meta rows are in different stores');
  // The last state of a document in the page counts (RxDB keys the pulled documents by id).
  const byId = new Map<string, Doc>();
  for (const d of documents) byId.set(d.id, { ...d, _deleted: !!d._deleted });
  const ids = [...byId.keys()];
  const lwt = req.lwt;
  const pageSeq = checkpoint?.seq;
  const keep = new Set((req.acknowledged ?? []).filter((a) => a.seq === undefined || pageSeq === undefined || a.seq > pageSeq).map((a) => a.id));
  const firstRevision = nextRevision(req.databaseToken);
  let staged: StagedWrite<unknown>[] = [];
  const outcome = conn.transaction(() => {
    const forkDocs = new Map<string, ForkDoc>();
    for (const d of fork.readInTransaction(ids)) forkDocs.set(String(d.id), d);
    const metaDocs = new Map<string, MetaDoc>();
    const metaRead = req.skipStoringPullMeta ? [] : ids.map((id) => metaId(id, '0'));
    for (const m of meta.readInTransaction([...metaRead, metaId('down', '1')])) metaDocs.set(m.id, m);

    const forkRows: { previous?: ForkDoc; document: ForkDoc }[] = [];
    const metaRows: { previous?: MetaDoc; document: MetaDoc }[] = [];
    const metaRow = (id: string, master: Doc): void => {
      const previous = metaDocs.get(metaId(id, '0'));
      const document: MetaDoc = previous
        ? { ...previous, docData: master, _meta: { ...previous._meta, lwt }, _rev: nextRevision(req.checkpointKey, previous) }
        : { id: metaId(id, '0'), isCheckpoint: '0', itemId: id, docData: master, _attachments: {}, _deleted: false, _rev: nextRevision(req.checkpointKey), _meta: { lwt } };
      metaRows.push(previous ? { previous, document } : { document });
    };
    let metaOnly = 0;
    let kept = 0;
    for (const [id, master] of byId) {
      const stored = forkDocs.get(id);
      const assumed = req.skipStoringPullMeta ? undefined : metaDocs.get(metaId(id, '0'));
      const storedState = stored ? docState(stored) : undefined;
      if (stored && storedState && !req.skipStoringPullMeta) {
        // A resolved conflict waits for the upstream; a stored state other than its base is a
        // local change not pushed yet: both stay for the upstream (and the merge), as in RxDB.
        const resolved = assumed?.isResolvedConflict === stored._rev;
        if (keep.has(id)) {
          kept++;
          continue;
        }
        const unchanged = !!assumed?.docData && documentsEqual(assumed.docData as Doc, storedState);
        const o = stored._meta.o as { hash?: unknown; _rev?: unknown } | undefined;
        const pulled = isPulledCopy(stored) || (o?.hash === req.identifierHash && o._rev === getHeightOfRevision(stored._rev));
        if (resolved || (!unchanged && !pulled)) {
          kept++;
          continue;
        }
        if (documentsEqual(master, storedState)) {
          if (!assumed || !unchanged) {
            metaRow(id, storedState);
            metaOnly++;
          }
          continue;
        }
      } else if (stored && storedState && documentsEqual(master, storedState)) {
        continue;
      }
      // Marked as pulled here already (the storage marks every write of the pull's context).
      const document = (stored
        ? {
            ...master,
            _attachments: {},
            _meta: { ...stored._meta, o: { _rev: getHeightOfRevision(stored._rev) + 1, hash: req.identifierHash }, lwt, pulled: nextRevision(req.databaseToken, stored) },
            _rev: nextRevision(req.databaseToken, stored),
          }
        : { ...master, _attachments: {}, _meta: { lwt, pulled: firstRevision }, _rev: firstRevision }) as unknown as ForkDoc;
      forkRows.push(stored ? { previous: stored, document } : { document });
      if (!req.skipStoringPullMeta) metaRow(id, master);
    }

    // By id: all share one write time, and the change event's checkpoint is its last row, so
    // the upstream's checkpoint (and the pending count's start) then lies past the whole page.
    forkRows.sort((a, b) => (String(a.document.id) < String(b.document.id) ? -1 : String(a.document.id) > String(b.document.id) ? 1 : 0));
    const forkWrite = fork.stageWriteInTransaction(forkRows as never, req.context, { download: true });
    // Read and written in this one synchronous transaction: nothing can have come between.
    if (forkWrite.response.error.length > 0) throw new Error(`download: ${forkWrite.response.error.length} documents refused by the store`);
    let checkpointDoc: MetaDoc | null = metaDocs.get(metaId('down', '1')) ?? null;
    if (checkpoint && JSON.stringify(checkpointDoc?.checkpointData) !== JSON.stringify(checkpoint)) {
      const previous = checkpointDoc ?? undefined;
      const data = previous?.checkpointData && typeof previous.checkpointData === 'object' ? { ...previous.checkpointData, ...checkpoint } : checkpoint;
      const document: MetaDoc = { id: metaId('down', '1'), isCheckpoint: '1', itemId: 'down', _deleted: false, _attachments: {}, checkpointData: data, _meta: { lwt }, _rev: nextRevision(req.checkpointKey, previous) };
      metaRows.push(previous ? { previous, document } : { document });
      checkpointDoc = document;
    }
    const writes: StagedWrite<unknown>[] = [forkWrite as StagedWrite<unknown>];
    if (metaRows.length > 0) {
      const metaWrite = meta.stageWriteInTransaction(metaRows as never, 'replication-down-write-meta');
      if (metaWrite.response.error.length > 0) throw new Error(`download: ${metaWrite.response.error.length} meta rows refused by the store`);
      writes.push(metaWrite as StagedWrite<unknown>);
    }
    staged = writes;
    return { written: forkRows.length, metaOnly, kept, checkpointDoc: checkpointDoc as RxDocumentData<unknown> | null };
  });
  for (const s of staged) s.committed();
  return outcome;
}

const PENDING_PAGE = 1000;

/**
 * The pending count of ../sync/pending.ts, in the worker: the documents written after the
 * upstream's checkpoint, less the ones exactly as the pull wrote them, less the ones equal to
 * their assumed master state (not a resolved conflict waiting for its push). Only the number
 * goes to the main thread. Without an open meta instance every candidate counts.
 */
export function countPendingIn(fork: RxStorageInstanceSQLite<Record<string, unknown>>, meta: RxStorageInstanceSQLite<MetaDoc> | undefined, from: { id: string; lwt: number } | undefined): number {
  let checkpoint = from;
  let n = 0;
  for (;;) {
    const docs = fork.changedSince(PENDING_PAGE, checkpoint);
    const candidates = docs.filter((d) => !isPulledCopy(d));
    if (candidates.length > 0) {
      const masters = new Map<string, MetaDoc>();
      if (meta && !meta.closed) {
        const conn = meta.internals.connection;
        for (const m of conn.read(() => meta.readInTransaction(candidates.map((d) => metaId(String(d.id), '0'))))) masters.set(m.itemId, m);
      }
      for (const doc of candidates) {
        const m = masters.get(String(doc.id));
        if (!m || m.isResolvedConflict === doc._rev || !m.docData || !documentsEqual(m.docData as Doc, docState(doc))) n++;
      }
    }
    if (docs.length < PENDING_PAGE) return n;
    const last = docs[docs.length - 1]!;
    checkpoint = { id: String(last.id), lwt: last._meta.lwt };
  }
}
