import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addRxPlugin, createRxDatabase, randomToken } from 'rxdb';
import type { RxCollection, RxDatabase } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { RxDBAttachmentsPlugin } from 'rxdb/plugins/attachments';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { RxDBQueryBuilderPlugin } from 'rxdb/plugins/query-builder';
import { RxDBUpdatePlugin } from 'rxdb/plugins/update';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { humansCollection, schemaObjects, schemas, setConfig } from 'rxdb/plugins/test-utils';
import { getRxStorageSQLite } from './index';
import { tempDir } from './test-builders';

// RxDB through real collections on this storage: queries, observables, migration, validation.
describe('sqlite storage under RxDB', () => {
  let dir: string;
  let cleanup: () => void;
  const open: RxDatabase[] = [];
  // dev-mode demands a schema validator on top of the storage (DVM1).
  const storage = () => wrappedValidateAjvStorage({ storage: getRxStorageSQLite({ directory: dir }) });

  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    disableWarnings();
    for (const p of [RxDBDevModePlugin, RxDBAttachmentsPlugin, RxDBLocalDocumentsPlugin, RxDBMigrationSchemaPlugin, RxDBQueryBuilderPlugin, RxDBUpdatePlugin]) {
      addRxPlugin(p);
    }
    setConfig({
      storage: {
        name: 'cims-sqlite',
        getStorage: storage,
        getPerformanceStorage: () => ({ storage: storage(), description: 'cims-sqlite' }),
        hasPersistence: true,
        hasMultiInstance: false,
        hasAttachments: true,
        hasReplication: true,
      } as never,
    });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => db.close()));
  });
  afterAll(() => cleanup());

  it('runs queries, sort, count and findOne over a humans collection', async () => {
    const c = await humansCollection.create(30, 'human', false);
    open.push(c.database);
    const all = await c.find().sort({ age: 'asc' }).exec();
    expect(all).toHaveLength(30);
    const ages = all.map((d) => d.age ?? 0);
    expect(ages).toEqual([...ages].sort((a, b) => a - b));
    const older = await c.find({ selector: { age: { $gte: 30 } } }).exec();
    expect(older.every((d) => (d.age ?? 0) >= 30)).toBe(true);
    expect(await c.count().exec()).toBe(30);
    const first = all[0]!;
    expect((await c.findOne(first.passportId).exec())?.firstName).toBe(first.firstName);
  });

  it('updates, removes and keeps the $ observables current', async () => {
    const c = await humansCollection.create(0, 'human', false);
    open.push(c.database);
    const seen: number[] = [];
    const sub = c.find({ selector: { age: { $gt: 20 } } }).$.subscribe((docs) => seen.push(docs.length));
    const doc = await c.insert(schemaObjects.humanData('p1', 40));
    await c.insert(schemaObjects.humanData('p2', 10));
    await doc.incrementalPatch({ age: 50 });
    await doc.getLatest().remove();
    await new Promise((r) => setTimeout(r, 50));
    sub.unsubscribe();
    expect(seen.at(-1)).toBe(0);
    expect(seen).toContain(1);
    expect(await c.findOne('p1').exec()).toBeNull();
    expect(await c.count().exec()).toBe(1);
  });

  it('keeps documents and local documents across a database restart', async () => {
    const name = randomToken(10);
    const make = () => createRxDatabase({ name, storage: storage(), localDocuments: true, ignoreDuplicate: true });
    const db1 = await make();
    const cols = await db1.addCollections({ humans: { schema: schemas.human } });
    await cols.humans.bulkInsert([schemaObjects.humanData('a1'), schemaObjects.humanData('a2')]);
    await db1.insertLocal('settings', { theme: 'dark' });
    await db1.close();
    const db2 = await make();
    open.push(db2);
    const cols2 = await db2.addCollections({ humans: { schema: schemas.human } });
    expect((await cols2.humans.find().exec()).map((d) => d.passportId).sort()).toEqual(['a1', 'a2']);
    expect((await db2.getLocal<{ theme: string }>('settings'))?.get('theme')).toBe('dark');
  });

  it('migrates a collection to a new schema version', async () => {
    const c = await humansCollection.createMigrationCollection(10, {}, randomToken(10), false);
    open.push(c.database);
    await c.migratePromise();
    const docs = await c.find().exec();
    expect(docs).toHaveLength(10);
    expect(docs.every((d) => typeof d.age === 'number')).toBe(true);
  });

  it('stores RxDB attachments and gives them back', async () => {
    const db = await createRxDatabase({ name: randomToken(10), storage: storage() });
    open.push(db);
    const cols = await db.addCollections({ humans: { schema: { ...schemas.human, attachments: {} } } });
    const doc = await cols.humans.insert(schemaObjects.humanData('att'));
    await doc.putAttachment({ id: 'sig.txt', data: new Blob(['signed by 张伟 ✍️'], { type: 'text/plain' }), type: 'text/plain' });
    const fresh = (await cols.humans.findOne('att').exec())!;
    const att = fresh.getAttachment('sig.txt')!;
    expect(await att.getStringData()).toBe('signed by 张伟 ✍️');
  });

  it('rejects a document that fails the schema with the validation error and writes nothing', async () => {
    const db = await createRxDatabase({ name: randomToken(10), storage: storage() });
    open.push(db);
    const cols = await db.addCollections({ humans: { schema: schemas.human } });
    const humans = cols.humans as RxCollection;
    await expect(humans.insert({ passportId: 'bad', firstName: 'x', lastName: 'y', age: 'not a number' })).rejects.toMatchObject({
      code: 'VD2',
    });
    expect(await humans.count().exec()).toBe(0);
  });
});
