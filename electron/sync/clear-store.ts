/**
 * Empties the replicated collections in place when the store changes hands (store-owner.ts).
 * In place, not by deleting the files: every service and live query keeps its collection and
 * simply sees the documents go. The removals are then purged (tombstones too), so the next
 * user's replication, which starts from an empty checkpoint, has nothing of them to push.
 */
import type { RxCollection } from 'rxdb';
import type { SyncDatabase } from './replication';

const PAGE = 2000;

export async function clearReplicatedCollections(db: SyncDatabase, names: readonly string[]): Promise<number> {
  let removed = 0;
  for (const name of names) {
    const collection = db.collections[name] as RxCollection | undefined;
    if (!collection) continue;
    for (;;) {
      const docs = await collection.find({ limit: PAGE }).exec();
      if (docs.length === 0) break;
      const result = await collection.bulkRemove(docs.map((d) => d.primary));
      if (result.error.length) throw new Error(`clearing ${name}: ${result.error.length} documents could not be removed`);
      removed += docs.length;
    }
    await collection.storageInstance.cleanup(0);
  }
  return removed;
}
