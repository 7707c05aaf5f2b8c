/**
 * RxDB conflict handlers built on the shared three-way merge (shared/sync/merge.ts).
 * RxDB calls `resolve` during a push when the server returns a conflict; the result is
 * written locally and pushed again with the master as its new base.
 */
import type { RxConflictHandler, WithDeleted } from 'rxdb';
import { COLLECTION_FIELD_GROUPS, documentsEqual, SERVER_OWNED_FIELDS, threeWayMerge } from '../../shared/sync/merge';
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
}

/** Every document carries these stamps; both sides change them on every edit. */
const LATEST_WINS = ['updatedAt'];

export function createConflictHandler(collection: string, options: ConflictHandlerOptions): RxConflictHandler<Doc> {
  return {
    isEqual(a, b) {
      return documentsEqual(a, b);
    },
    async resolve(input) {
      const remote = input.realMasterState as Doc;
      if (options.mode !== 'merge') {
        // Immutable and server-owned documents: the master is the truth.
        return input.realMasterState;
      }
      const { merged, collisions } = threeWayMerge(
        input.assumedMasterState as Doc | undefined,
        input.newDocumentState as Doc,
        remote,
        { serverOwnedFields: options.serverOwnedFields ?? SERVER_OWNED_FIELDS[collection] ?? [], latestWinsFields: LATEST_WINS, fieldGroups: COLLECTION_FIELD_GROUPS[collection] ?? [] },
      );
      const id = String(remote.id ?? (input.newDocumentState as Doc).id);
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
