/**
 * RxDB conflict handlers built on the shared three-way merge (shared/sync/merge.ts).
 * RxDB calls `resolve` during a push when the server returns a conflict; the result is
 * written locally and pushed again with the master as its new base.
 *
 * Two answers are not conflicts, and merging them would push the same change forever (the
 * upstream stayed busy and its first sync never ended): the server refused the change (its
 * own state answered, equal to the base the push assumed), and the server stored the push
 * otherwise than sent (a clamped time, a ticket number). Both settle on the server's state.
 */
import type { RxConflictHandler, WithDeleted } from 'rxdb';
import { COLLECTION_FIELD_GROUPS, documentsEqual, refusedChanges, SERVER_OWNED_FIELDS, threeWayMerge } from '../../shared/sync/merge';
import type { Doc, FieldCollision } from '../../shared/sync/merge';

export type ConflictMode = 'merge' | 'immutable' | 'server-owned';

export interface FieldCollisionEvent extends FieldCollision {
  collection: string;
  id: string;
}

/**
 * Called for every value that lost a conflict, before the merged document is written, so
 * the caller records it (tickets: a `field_conflict` ticket event). Errors are swallowed:
 * a failing recorder must not stop the replication.
 */
export type OnFieldCollision = (event: FieldCollisionEvent) => void | Promise<void>;

export interface ConflictHandlerOptions {
  mode: ConflictMode;
  onFieldCollision?: OnFieldCollision;
  onError?: (err: unknown) => void;
  /** Fields only the server sets (ticket number): never taken from the client. */
  serverOwnedFields?: readonly string[];
  /**
   * Whether `master` is the server's stored version of this device's own push, answered
   * while the document was still as pushed: then it is taken whole, as the server keeps it.
   */
  isStoredAnswer?: (id: string, master: Doc) => boolean;
  /** Whether the pushed document was the server's own as pulled, with no change of this device. */
  isPulledCopy?: (id: string) => boolean;
  /**
   * Whether a master state the downstream is about to write is a stale echo of this device's
   * own pushes (push.ts `isStaleEcho`): asked when RxDB writes the state, not when it arrived.
   */
  isStaleEcho?: (master: Doc) => boolean;
}

/**
 * RxDB's downstream compares each master state it is about to write with the stored document
 * under this context (rxdb/src/replication-protocol/downstream.ts); equal, it writes nothing.
 */
export const DOWNSTREAM_MASTER_CHECK = 'downstream-check-if-equal-1';

/** Every document carries these stamps; both sides change them on every edit. */
const LATEST_WINS = ['updatedAt'];

export function createConflictHandler(collection: string, options: ConflictHandlerOptions): RxConflictHandler<Doc> {
  return {
    isEqual(a, b, context) {
      // A stale echo of this device's own push is nothing to write. The stream's filter
      // (push.ts withoutStaleEchoes) decides when an echo arrives, but RxDB holds it while a push
      // runs and writes it afterwards: an echo that arrived while the next push was on its way
      // was still the latest state then, became stale when that push was acknowledged, and was
      // written over it (the next edit then lost to the merge against this device's own). Here
      // it is asked when RxDB reads the stored document and its base, just before it writes.
      if (context === DOWNSTREAM_MASTER_CHECK && options.isStaleEcho?.(a)) return true;
      return documentsEqual(a, b);
    },
    async resolve(input) {
      const remote = input.realMasterState as Doc;
      if (options.mode !== 'merge') {
        // Immutable and server-owned documents: the master is the truth.
        return input.realMasterState;
      }
      const local = input.newDocumentState as Doc;
      const base = input.assumedMasterState as Doc | undefined;
      const id = String(remote.id ?? local.id);
      if (options.isStoredAnswer?.(id, remote)) return input.realMasterState;
      if (options.isPulledCopy?.(id)) return input.realMasterState;
      const mergeOptions = { serverOwnedFields: options.serverOwnedFields ?? SERVER_OWNED_FIELDS[collection] ?? [], latestWinsFields: LATEST_WINS, fieldGroups: COLLECTION_FIELD_GROUPS[collection] ?? [] };
      const refused = base !== undefined && documentsEqual(base, remote);
      const { merged, collisions } = refused
        ? { merged: remote, collisions: refusedChanges(local, remote, mergeOptions) }
        : threeWayMerge(base, local, remote, mergeOptions);
      for (const c of collisions) {
        try {
          await options.onFieldCollision?.({ collection, id, ...c });
        } catch (err) {
          options.onError?.(err);
        }
      }
      return merged as WithDeleted<Doc>;
    },
  };
}
