import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRevision, fillWithDefaultSettings, now, randomToken } from 'rxdb';
import type { RxDocumentData, RxJsonSchema, RxStorage, RxStorageInstance } from 'rxdb';

/** Test-only builders shared by this folder's tests. */
export type Person = {
  id: string;
  name: string;
  age: number;
  score: number;
  active: boolean;
  nested?: { city?: string; zip?: string };
  tags?: string[];
};

export function personSchema(withAttachments = true): RxJsonSchema<RxDocumentData<Person>> {
  return fillWithDefaultSettings<Person>({
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: { type: 'string', maxLength: 40 },
      name: { type: 'string', maxLength: 20 },
      age: { type: 'integer', minimum: 0, maximum: 150, multipleOf: 1 },
      score: { type: 'number', minimum: 0, maximum: 100, multipleOf: 0.01 },
      active: { type: 'boolean' },
      nested: { type: 'object', properties: { city: { type: 'string', maxLength: 20 }, zip: { type: 'string' } } },
      tags: { type: 'array', items: { type: 'string' } },
    },
    required: ['id', 'name', 'age', 'score', 'active'],
    indexes: ['name', 'age', ['active', 'age'], 'score', 'nested.city'],
    ...(withAttachments ? { attachments: {} } : {}),
  });
}

export function personDoc(overrides: Partial<Person> & { id: string }, lwt = now()): RxDocumentData<Person> {
  const base: Person = { name: 'anna', age: 30, score: 12.5, active: true, nested: { city: 'Bern', zip: '3000' }, tags: [], ...overrides };
  return { ...base, _deleted: false, _rev: createRevision(randomToken(10)), _meta: { lwt }, _attachments: {} };
}

/** The next revision of a stored document, as RxDB would write it. */
export function nextRev<T>(prev: RxDocumentData<T>, change: Partial<RxDocumentData<T>> = {}): RxDocumentData<T> {
  return { ...prev, ...change, _rev: createRevision(randomToken(10), prev), _meta: { lwt: now() } };
}

export function tempDir(prefix = 'cims-sqlite-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openInstance<T>(
  storage: RxStorage<unknown, unknown>,
  databaseName: string,
  collectionName: string,
  schema: RxJsonSchema<RxDocumentData<T>>,
): Promise<RxStorageInstance<T, unknown, unknown>> {
  return storage.createStorageInstance<T>({
    databaseInstanceToken: randomToken(10),
    databaseName,
    collectionName,
    schema,
    options: {},
    multiInstance: false,
    devMode: true,
  });
}
