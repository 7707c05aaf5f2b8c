/**
 * The push side of one collection's replication: sends RxDB's rows, and turns the server's
 * answer into the master states RxDB resolves as conflicts (shared/sync/protocol.ts).
 *
 * - Conflicts are the server's documents where the push met another state or was refused.
 * - Rows the server stored otherwise than pushed (a ticket number, a receive time, a clamped
 *   time) go back as the master's state, so the replica holds the server's fields at once, but
 *   only where this device has not changed the document again while the push was on its way.
 *   Over a newer change RxDB cannot write that state, keeps no base for the document, and the
 *   next push would meet the server as a conflict without a base, where the device's change
 *   loses. Left out, RxDB keeps the pushed state as the base; the next push carries it, the
 *   server takes the change (its own fields aside) and answers the stored state again.
 * - A stored row handed to RxDB is remembered until the conflict handler asks for it
 *   (`isStoredAnswer`): it is this device's own change as stored, to be taken whole, not
 *   merged against the base (the device's later update time would win the merge and the same
 *   change would be pushed for ever).
 * - A row pushed without a base that the store holds exactly as the pull wrote it is the
 *   server's own document whose meta row was lost with the process (`isPulledCopy`): the
 *   server's answer is taken whole, with no collision recorded.
 */
import { createHash } from 'node:crypto';
import { map, type Observable } from 'rxjs';
import { stringify } from 'safe-stable-stringify';
import { now, writeDocToDocState, type RxCollection, type RxReplicationPullStreamItem, type WithDeleted } from 'rxdb';
import type { Checkpoint, WireDocument } from '../../shared/sync/protocol';
import { documentsEqual, stripBookkeeping, type Doc } from '../../shared/sync/merge';
import { isPulledCopy } from '../db/pulled-mark';
import type { ConflictMode } from './conflict';
import type { PushAnswer, PushRow } from './http';

export interface PushSideOptions {
  collection: RxCollection;
  conflict: ConflictMode;
  fromWire?: (doc: WireDocument) => WithDeleted<unknown>;
  /** Sends the rows (through the replication's error and offline handling). */
  send: (rows: PushRow[]) => Promise<PushAnswer>;
}

export interface PushSide {
  handler: (rows: unknown[]) => Promise<WithDeleted<unknown>[]>;
  /**
   * Whether a document the stream brings is the server's echo of an earlier push of this
   * device that a later push of it has already replaced on the server. RxDB holds stream
   * changes back while a push runs, so such an echo can come after the later push was
   * acknowledged; RxDB would then write the older state over the acknowledged one (the stored
   * document equals its base), and an edit made next was pushed on that stale base and lost to
   * the merge as a conflict with this device's own previous change.
   */
  isStaleEcho: (doc: Doc) => boolean;
  /**
   * Documents whose push the server took at or after `time` (RxDB's now()), with the
   * collection's sequence the server stored it under where it told (a download's page).
   */
  acknowledgedSince: (time: number) => Acknowledged[];
  /** Documents a push is carrying now, its answer not handled yet. */
  inFlight: () => string[];
  /** Whether `master` is the stored version of this device's own push (asked once per answer). */
  isStoredAnswer: (id: string, master: Doc) => boolean;
  /** Whether the pushed document was the server's own, as pulled (asked once per answer). */
  isPulledCopy: (id: string) => boolean;
}

/** A push the server took: the document, and the sequence it lies at or below (absent from older servers). */
export interface Acknowledged {
  id: string;
  seq: number | undefined;
}

/**
 * States kept for isStaleEcho: per document, and in all (the least recently pushed documents'
 * oldest states go first); documents whose last acknowledgement is remembered. RxDB holds the
 * stream back as long as its upstream is busy, so during a burst of edits of one document an
 * echo waits for many pushes of it: four states per document let an echo held over more
 * pushes than that be written over the later ones (the next edit then lost to the merge).
 */
const ECHO_HISTORY = 256;
const ECHO_STATES = 40_000;
const ECHO_DOCUMENTS = 10_000;

/**
 * What the echo history keeps of a state: a digest of the fields documentsEqual compares, in
 * a canonical key order. Whole states held every pushed document until 40,000 later pushes
 * (the 5,000 tickets of a long offline period took ~29 MiB of the main thread's heap).
 */
const stateFingerprint = (doc: Doc): string => createHash('sha256').update(stringify(stripBookkeeping(doc))).digest('base64');

export function createPushSide({ collection, conflict, fromWire, send }: PushSideOptions): PushSide {
  const storedAnswers = new Map<string, Doc>();
  const pulledCopies = new Set<string>();
  /** Per document, the states the server took from this device's pushes, oldest first (stateFingerprint). */
  const acknowledged = new Map<string, string[]>();
  /** Per document, when the server's answer to its last push arrived, and its sequence. */
  const acknowledgedAt = new Map<string, { at: number; seq: number | undefined }>();
  /** Per document, the pushes carrying it now (RxDB's upstream runs up to four at once). */
  const carrying = new Map<string, number>();
  /** States in `acknowledged`, all documents together. */
  let states = 0;
  const remember = (id: string, state: Doc, at: number, seq: number | undefined): void => {
    acknowledgedAt.delete(id);
    acknowledgedAt.set(id, { at, seq });
    if (acknowledgedAt.size > ECHO_DOCUMENTS) acknowledgedAt.delete(acknowledgedAt.keys().next().value as string);
    const history = acknowledged.get(id) ?? [];
    acknowledged.delete(id);
    history.push(stateFingerprint(state));
    states++;
    if (history.length > ECHO_HISTORY) {
      history.shift();
      states--;
    }
    acknowledged.set(id, history);
    while (states > ECHO_STATES) {
      const [oldestId, oldest] = acknowledged.entries().next().value as [string, string[]];
      oldest.shift();
      states--;
      if (oldest.length === 0) acknowledged.delete(oldestId);
    }
  };

  /**
   * Rows RxDB pushes without a base although the store holds them exactly as the pull wrote
   * them: the process died between the pull's two writes (../db/pulled-mark.ts). The server
   * answers each with its state, which is taken whole: there is no change of this device in it.
   */
  const notePulledCopies = async (rows: readonly PushRow[]): Promise<void> => {
    const unbased = rows.filter((r) => !r.assumedMasterState);
    if (unbased.length === 0) return;
    const primary = collection.schema.primaryPath as string;
    const stored = await collection.storageInstance.findDocumentsById(unbased.map((r) => String((r.newDocumentState as Doc)[primary])), true);
    const byId = new Map(stored.map((d) => [String((d as Doc)[primary]), d]));
    for (const row of unbased) {
      const id = String((row.newDocumentState as Doc)[primary]);
      const doc = byId.get(id);
      if (doc && isPulledCopy(doc) && documentsEqual(writeDocToDocState(doc, false, false) as Doc, row.newDocumentState as Doc)) pulledCopies.add(id);
    }
  };

  const storedToAdopt = async (sent: readonly PushRow[], stored: readonly WireDocument[]): Promise<WireDocument[]> => {
    if (stored.length === 0) return [];
    const pushed = new Map(sent.map((r) => [String((r.newDocumentState as { id: unknown }).id), r.newDocumentState]));
    // Read from the storage, not with collection.findByIds(): RxDB keeps up to 100 queries
    // with their results in the collection's query cache, and a push's query holds every
    // document of the push (the core held the 5,000 pushed tickets of S9's test that way).
    const primary = collection.schema.primaryPath as string;
    const found = await collection.storageInstance.findDocumentsById(stored.map((d) => String(d.id)), false);
    const local = new Map(found.map((d) => [String((d as Doc)[primary]), d as Doc]));
    return stored.filter((d) => {
      const mine = local.get(String(d.id));
      const was = pushed.get(String(d.id));
      return !mine || !was || documentsEqual(mine, was as Doc);
    });
  };

  // RxDB does not run the pull modifier on conflicts: map them here.
  const toLocal = (docs: WireDocument[]) => (fromWire ? docs.map(fromWire) : docs) as WithDeleted<Doc>[];

  return {
    async handler(rows) {
      const sending: PushRow[] = [];
      const refused: WireDocument[] = [];
      for (const row of rows) {
        const r = row as PushRow;
        // Timeline events are immutable: an update is answered locally with the master.
        if (conflict === 'immutable' && r.assumedMasterState) refused.push(r.assumedMasterState);
        else sending.push(r);
      }
      await notePulledCopies(sending);
      // Carried until the answer is remembered: a page then decides on them by sequence.
      const ids = sending.map((r) => String((r.newDocumentState as Doc).id));
      for (const id of ids) carrying.set(id, (carrying.get(id) ?? 0) + 1);
      try {
        const answer: PushAnswer = sending.length ? await send(sending) : { conflicts: [], stored: [] };
        const stored = toLocal(await storedToAdopt(sending, answer.stored));
        for (const d of stored) storedAnswers.set(String(d[collection.schema.primaryPath]), d);
        // What the server now holds from this push: the row as sent, or as it stored it.
        const refusedIds = new Set(answer.conflicts.map((d) => String(d.id)));
        const storedById = new Map(answer.stored.map((d) => [String(d.id), d as Doc]));
        const at = now();
        for (const row of sending) {
          const id = String((row.newDocumentState as Doc).id);
          if (!refusedIds.has(id)) remember(id, storedById.get(id) ?? (row.newDocumentState as Doc), at, answer.seqs?.get(id));
        }
        return [...toLocal([...refused, ...answer.conflicts]), ...stored];
      } finally {
        for (const id of ids) {
          const n = (carrying.get(id) ?? 1) - 1;
          if (n > 0) carrying.set(id, n);
          else carrying.delete(id);
        }
      }
    },
    isPulledCopy(id) {
      return pulledCopies.delete(id);
    },
    inFlight() {
      return [...carrying.keys()];
    },
    acknowledgedSince(time) {
      const found: Acknowledged[] = [];
      for (const [id, { at, seq }] of acknowledgedAt) if (at >= time) found.push({ id, seq });
      return found;
    },
    isStaleEcho(doc) {
      const history = acknowledged.get(String(doc.id));
      if (!history || history.length < 2) return false;
      const at = history.lastIndexOf(stateFingerprint(doc));
      return at >= 0 && at < history.length - 1;
    },
    isStoredAnswer(id, master) {
      const stored = storedAnswers.get(id);
      storedAnswers.delete(id);
      return stored !== undefined && documentsEqual(stored, master);
    },
  };
}

/** The stream without this device's own stale echoes (isStaleEcho). */
export function withoutStaleEchoes(
  pushSide: Pick<PushSide, 'isStaleEcho'>,
  stream$: Observable<RxReplicationPullStreamItem<unknown, Checkpoint>>,
): Observable<RxReplicationPullStreamItem<unknown, Checkpoint>> {
  return stream$.pipe(
    map((ev) => (ev === 'RESYNC' ? ev : { ...ev, documents: ev.documents.filter((d) => !pushSide.isStaleEcho(d as Doc)) })),
  );
}
