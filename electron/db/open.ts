/**
 * The one place the local database is opened. Storage is chosen here only, so replacing it
 * is a one-line change. By default our SQLite storage runs in a worker thread
 * (worker-storage.ts) so that its synchronous writes do not stall the main process.
 */
import { mkdir } from 'node:fs/promises';
import { createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { getRxStorageWorker } from './worker-storage';
import { collections, type CollectionName, type DocOf } from '../../shared/schema';

export type CimsCollections = { [N in CollectionName]: RxCollection<DocOf<N>> };
export type CimsDatabase = RxDatabase<CimsCollections>;

export interface OpenDatabaseOptions {
  /** Folder that holds the database files (the user data folder in the app). */
  directory: string;
  name?: string;
  /** Tests may pass another storage; the app uses the default. */
  storage?: RxStorage<unknown, unknown>;
}

export const defaultStorage = (directory: string): RxStorage<unknown, unknown> => getRxStorageWorker({ directory });

export const openDatabase = async (options: OpenDatabaseOptions): Promise<CimsDatabase> => {
  await mkdir(options.directory, { recursive: true });
  const db = await createRxDatabase<CimsCollections>({
    name: options.name ?? 'cims',
    storage: options.storage ?? defaultStorage(options.directory),
    multiInstance: false,
    eventReduce: true,
    closeDuplicates: true,
  });
  const creators = Object.fromEntries(
    Object.values(collections).map((def) => [def.name, { schema: def.rxSchema }]),
  ) as Parameters<CimsDatabase['addCollections']>[0];
  await db.addCollections(creators);
  return db;
};
