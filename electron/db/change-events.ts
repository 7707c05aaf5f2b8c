/**
 * `collection.$` without RxDB's leak. RxDB 17 turns each bulk of changes into its events through
 * a module-level Map keyed by the bulk, and nothing ever deletes from it: every change seen
 * through a collection's `$` stayed in memory, documents and previous documents, for the life
 * of the process. The replication's pending count and most services' live views listen to `$`,
 * so a desktop left running for days held every change of those days (the 15,000 tickets of a
 * long offline period kept ~12 MiB of the main thread's heap in S9's test).
 *
 * The same stream is rebuilt here over a WeakMap: a bulk's events are made once and shared by
 * every subscriber, as RxDB does, and go with the bulk.
 */
import { mergeMap } from 'rxjs';
import type { RxChangeEvent, RxChangeEventBulk, RxCollection } from 'rxdb';

const EVENTS = new WeakMap<RxChangeEventBulk<unknown>, RxChangeEvent<unknown>[]>();

/** The events of a bulk, as RxDB's `collection.$` emits them. */
function eventsOfBulk(bulk: RxChangeEventBulk<unknown>): RxChangeEvent<unknown>[] {
  let events = EVENTS.get(bulk);
  if (!events) {
    events = bulk.events.map(
      (event) =>
        ({
          documentId: event.documentId,
          collectionName: bulk.collectionName,
          isLocal: bulk.isLocal,
          operation: event.operation,
          documentData: event.documentData,
          previousDocumentData: event.previousDocumentData,
        }) as RxChangeEvent<unknown>,
    );
    EVENTS.set(bulk, events);
  }
  return events;
}

/** Replaces the collection's `$` (before anything subscribes to it). */
export function withCollectableChangeEvents(collection: RxCollection): void {
  collection.$ = collection.eventBulks$.pipe(mergeMap((bulk: RxChangeEventBulk<unknown>) => eventsOfBulk(bulk)));
}
