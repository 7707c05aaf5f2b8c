/**
 * Which local documents the server has not acknowledged yet, read from RxDB's own
 * replication bookkeeping (so it survives restarts, D2):
 * - the upstream checkpoint: every fork write up to it has been pushed (RxDB advances it only
 *   after the push handler returned);
 * - `_meta[identifier] === revision height`: the document's current state came from the
 *   server (a pull), so it needs no push.
 * A document after the checkpoint whose state did not come from the server is pending.
 */
import type { RxDocumentData, RxStorageDefaultCheckpoint } from 'rxdb';
import { getChangedDocumentsSince, getHeightOfRevision } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { WireDocument } from '../../shared/sync/protocol';

const PAGE = 1000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any checkpoint type will do
type AnyReplication = RxReplicationState<unknown, any>;

async function* pendingDocs(state: AnyReplication): AsyncGenerator<RxDocumentData<unknown>> {
  const internal = state.internalReplicationState;
  const identifier = internal?.input.identifier ?? `rxdbreplication${state.replicationIdentifier}`;
  let checkpoint = internal?.lastCheckpointDoc.up?.checkpointData as RxStorageDefaultCheckpoint | undefined;
  const storage = state.collection.storageInstance;
  for (;;) {
    const page = await getChangedDocumentsSince(storage, PAGE, checkpoint);
    for (const doc of page.documents) {
      const fromMaster = doc._meta[identifier];
      if (fromMaster && getHeightOfRevision(doc._rev) === fromMaster) continue;
      yield doc;
    }
    if (page.documents.length < PAGE) return;
    checkpoint = page.checkpoint as RxStorageDefaultCheckpoint;
  }
}

export async function countPending(state: AnyReplication): Promise<number> {
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
