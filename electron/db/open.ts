/**
 * The one place the local database is opened. Storage is chosen here only, so replacing it
 * is a one-line change. By default our SQLite storage runs in a worker thread
 * (worker-storage.ts) so that its synchronous writes do not stall the main process.
 *
 * Schema migrations run here, before the database is handed out: the sync session starts
 * the replication only afterwards, as RxDB requires ("the replication must be started after
 * the migration"). RxDB migrates the replication's bookkeeping (assumed master states and
 * checkpoints) with the documents, so pending changes stay pending (shared/schema/README.md).
 */
import { mkdir } from 'node:fs/promises';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { withCollectableChangeEvents } from './change-events';
import { getRxStorageWorker } from './worker-storage';
import { collections, MIGRATION_ORDER, type CollectionName, type DocOf } from '../../shared/schema';
import type { CollectionDef, MigrationContext } from '../../shared/schema';

export type CimsCollections = { [N in CollectionName]: RxCollection<DocOf<N>> };
export type CimsDatabase = RxDatabase<CimsCollections>;

type AnyDef = Pick<CollectionDef<never>, 'name' | 'rxSchema' | 'migrations'>;

export interface OpenDatabaseOptions {
  /** Folder that holds the database files (the user data folder in the app). */
  directory: string;
  name?: string;
  /** Tests may pass another storage; the app uses the default. */
  storage?: RxStorage<unknown, unknown>;
  /** Tests may open an earlier release's collection set (shared/schema/history.ts). */
  /** The collections to open (default: all); a store of an earlier release lacks the newer ones. */
  collections?: Partial<Record<CollectionName, AnyDef>>;
}

addRxPlugin(RxDBMigrationSchemaPlugin);

export const defaultStorage = (directory: string): RxStorage<unknown, unknown> =>
  getRxStorageWorker({ directory });

/**
 * Lookups for migration strategies. Each collection read is loaded once per opening and
 * kept as a map: a strategy runs per document, and one query per document through the
 * worker would make a large migration slow.
 */
const migrationContext = (db: RxDatabase): MigrationContext => {
  const loaded = new Map<string, Promise<Map<string, Record<string, unknown>>>>();
  const load = async (name: string): Promise<Map<string, Record<string, unknown>>> => {
    const c = (db.collections as Record<string, RxCollection | undefined>)[name];
    if (!c) throw new Error(`migration reads collection ${name}, which is not open`);
    const docs = await c.find().exec();
    return new Map(docs.map((d) => [d.primary, d.toJSON() as Record<string, unknown>]));
  };
  return {
    async findById(collection, id) {
      let map = loaded.get(collection);
      if (!map) {
        map = load(collection);
        loaded.set(collection, map);
      }
      return (await map).get(id) ?? null;
    },
  };
};

export const openDatabase = async (options: OpenDatabaseOptions): Promise<CimsDatabase> => {
  await mkdir(options.directory, { recursive: true });
  const defs = options.collections ?? collections;
  const db = await createRxDatabase<CimsCollections>({
    name: options.name ?? 'cims',
    storage: options.storage ?? defaultStorage(options.directory),
    multiInstance: false,
    eventReduce: true,
    closeDuplicates: true,
  });
  try {
    const context = migrationContext(db as unknown as RxDatabase);
    const creators = Object.fromEntries(
      Object.values(defs)
        .filter((def): def is AnyDef => def !== undefined)
        .map((def) => [
          def.name,
          {
            schema: def.rxSchema,
            // Migrations run below in MIGRATION_ORDER, not as each collection is created.
            autoMigrate: false,
            migrationStrategies: Object.fromEntries(
              Object.entries(def.migrations).map(([v, strategy]) => [
                v,
                (doc: Record<string, unknown>) => strategy(doc, context),
              ]),
            ),
          },
        ]),
    ) as Parameters<CimsDatabase['addCollections']>[0];
    await db.addCollections(creators);
    for (const collection of Object.values(db.collections)) withCollectableChangeEvents(collection as RxCollection);
    for (const name of MIGRATION_ORDER) if (defs[name]) await db[name].migratePromise();
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
};
