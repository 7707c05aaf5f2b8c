/**
 * Which local documents the server has not acknowledged yet, read from RxDB's own
 * replication bookkeeping (so it survives restarts, D2), the same test RxDB's upstream uses:
 * - every fork write up to the upstream checkpoint has been handled (RxDB advances it only
 *   after the push handler returned), so only later writes are candidates;
 * - a candidate is pending unless the meta instance's assumed master state equals it (it was
 *   pulled, or pushed and acknowledged), or it is a resolved conflict not yet pushed;
 * - a document exactly as the pull wrote it is never pending, also when the process died
 *   before RxDB wrote its meta row (../db/pulled-mark.ts).
 * When the meta instance is closed (replication cancelled), candidates count as pending:
 * an export may then hold a few documents the server already has, never too few.
 */
import type { RxDocumentData, RxStorageDefaultCheckpoint, WithDeleted } from 'rxdb';
import { getAssumedMasterState, getChangedDocumentsSince, writeDocToDocState } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { filter, firstValueFrom } from 'rxjs';
import type { WireDocument } from '../../shared/sync/protocol';
import { isPulledCopy } from '../db/pulled-mark';
import type { WorkerDownloadStorage } from '../db/worker-storage';

const PAGE = 1000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any checkpoint type will do
type AnyReplication = RxReplicationState<unknown, any>;

async function acknowledged(state: AnyReplication, docs: RxDocumentData<unknown>[]): Promise<Set<string>> {
  const internal = state.internalReplicationState;
  const out = new Set<string>();
  if (!internal || internal.events.canceled.getValue() || docs.length === 0) return out;
  const primary = state.collection.schema.primaryPath as string;
  let masters: Awaited<ReturnType<typeof getAssumedMasterState<unknown>>>;
  try {
    masters = await getAssumedMasterState(internal, docs.map((d) => String((d as Record<string, unknown>)[primary])));
  } catch {
    return out; // meta instance closed meanwhile
  }
  const isEqual = internal.input.conflictHandler.isEqual;
  for (const doc of docs) {
    const id = String((doc as Record<string, unknown>)[primary]);
    const m = masters[id];
    if (!m || m.metaDocument.isResolvedConflict === doc._rev) continue;
    const own = writeDocToDocState(doc, internal.hasAttachments, !!internal.input.keepMeta) as WithDeleted<unknown>;
    if (isEqual(m.docData, own, 'cims-pending-count')) out.add(id);
  }
  return out;
}

/**
 * RxDB sets up its bookkeeping when the replication starts: counted before that, every local
 * document would look pending (a fresh start or sign-in showed the whole store as pending).
 */
async function started(state: AnyReplication): Promise<void> {
  if (state.internalReplicationState || state.isStopped()) return;
  await Promise.race([state.startPromise, firstValueFrom(state.canceled$.pipe(filter(Boolean)))]);
}

async function* pendingDocs(state: AnyReplication): AsyncGenerator<RxDocumentData<unknown>> {
  await started(state);
  const internal = state.internalReplicationState;
  const primary = state.collection.schema.primaryPath as string;
  let checkpoint = internal?.lastCheckpointDoc.up?.checkpointData as RxStorageDefaultCheckpoint | undefined;
  const storage = state.collection.storageInstance;
  for (;;) {
    const page = await getChangedDocumentsSince(storage, PAGE, checkpoint);
    // Written by the pull and unchanged since: the server's, whether or not its meta row was
    // written; no meta row is read for them (a first download is all such documents).
    const candidates = page.documents.filter((doc) => !isPulledCopy(doc));
    const done = await acknowledged(state, candidates);
    for (const doc of candidates) {
      if (!done.has(String((doc as Record<string, unknown>)[primary]))) yield doc;
    }
    if (page.documents.length < PAGE) return;
    checkpoint = page.checkpoint as RxStorageDefaultCheckpoint;
  }
}

/**
 * `inWorker`: the store's worker counts (the same test, ../db/download-page.ts), so no
 * document crosses to this thread; only for a replication on our conflict handler's equality.
 */
export async function countPending(state: AnyReplication, inWorker?: Pick<WorkerDownloadStorage, 'countPending'>): Promise<number> {
  if (inWorker) {
    await started(state);
    const internal = state.internalReplicationState;
    if (internal && state.metaInstance && !internal.events.canceled.getValue()) {
      try {
        return await inWorker.countPending({
          databaseName: state.collection.database.name,
          collectionName: state.collection.storageInstance.collectionName,
          schemaVersion: state.collection.schema.version,
          metaCollectionName: state.metaInstance.collectionName,
          checkpoint: internal.lastCheckpointDoc.up?.checkpointData as RxStorageDefaultCheckpoint | undefined,
        });
      } catch {
        // Closed meanwhile: counted below as without the worker.
      }
    }
  }
  let n = 0;
  for await (const _doc of pendingDocs(state)) n++;
  return n;
}

export async function listPending(state: AnyReplication): Promise<WireDocument[]> {
  const out: WireDocument[] = [];
  for await (const doc of pendingDocs(state)) {
    const { _meta, _rev, _attachments, ...data } = doc as RxDocumentData<Record<string, unknown>>;
    void _meta;
    void _rev;
    void _attachments;
    out.push({ ...data, _deleted: Boolean(data._deleted) } as WireDocument);
  }
  return out;
}
