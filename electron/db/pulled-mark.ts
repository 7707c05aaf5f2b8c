/**
 * A document the replication pulled, and nothing changed since, carries the revision it was
 * pulled at in `_meta.pulled` (the storage sets it on every write made under RxDB's pull
 * context). RxDB marks such documents itself (`_meta.o`), but its storage wrapper replaces
 * the metadata of every inserted document, so the mark never reaches the store. Without one,
 * a store killed between a pull's document write and its replication-meta write holds server
 * documents RxDB takes for this device's unpushed changes after the restart (RELIABILITY D2):
 * counted as pending, exported as unsynced work and pushed back without a base, where a
 * server edit made meanwhile would look like a lost local edit.
 */
import type { RxDocumentData } from 'rxdb';

/** The context RxDB's replication pull writes under (followed by its checkpoint key). */
export const PULL_WRITE_CONTEXT = 'replication-downstream-';

/** Marks a document written by the pull (the storage calls it inside the write). */
export const markPulled = <T>(doc: RxDocumentData<T>): RxDocumentData<T> =>
  doc._meta.pulled === doc._rev ? doc : { ...doc, _meta: { ...doc._meta, pulled: doc._rev } };

/** True while the stored document is exactly as the pull wrote it. */
export const isPulledCopy = (doc: { _rev: string; _meta: Record<string, unknown> }): boolean => doc._meta.pulled === doc._rev;
