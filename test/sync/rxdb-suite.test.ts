/**
 * RxDB's own replication test suite (`runReplicationBaseTestSuite`) run against the real
 * server through our client (electron/sync), with the SQLite storage, once on PostgreSQL and
 * once on PGlite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { addRxPlugin } from 'rxdb';
import type { RxCollection, WithDeleted } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { runReplicationBaseTestSuite, setConfig } from 'rxdb/plugins/test-utils';
import { getRxStorageSQLite } from '../../electron/db/sqlite-storage';
import { createSyncHttpClient } from '../../electron/sync/http';
import type { SyncHttpClient } from '../../electron/sync/http';
import { startReplication } from '../../electron/sync/replication';
import type { ReplicatedCollectionDef } from '../../electron/sync/replication';
import { createMemoryTokenStore } from '../../electron/sync/tokens';
import { startTestServer } from '../../server/testing/harness';
import { dbKinds } from '../../server/testing/test-db';
import type { TestServer } from '../../server/testing/harness';
import type { WireDocument } from '../../shared/sync/protocol';
import { humanSpecRegistry } from './builders';

// The suite is written for mocha's globals.
Object.assign(globalThis, { describe, it });

let server: TestServer;
let client: SyncHttpClient;
let dir: string;

// RxDB's human schema is keyed by `passportId`; the server's documents by `id`.
const human: ReplicatedCollectionDef = {
  conflict: 'merge',
  toWire: (d) => ({ ...(d as Record<string, unknown>), id: (d as unknown as { passportId: string }).passportId }) as WireDocument,
  fromWire: (d) => {
    const { id: _id, ...rest } = d;
    return rest as WithDeleted<unknown>;
  },
};

function replicate(collection: RxCollection, live: boolean) {
  const r = startReplication({
    db: collection.database,
    collections: { human },
    client,
    live,
    retryTimeMs: 200,
    identifier: `suite-${server.url}`,
  });
  return r.states.get('human')!;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cims-suite-'));
  disableWarnings();
  addRxPlugin(RxDBDevModePlugin);
  addRxPlugin(RxDBLocalDocumentsPlugin);
  const storage = () => wrappedValidateAjvStorage({ storage: getRxStorageSQLite({ directory: dir }) });
  setConfig({
    storage: {
      name: 'cims-sqlite',
      getStorage: storage,
      getPerformanceStorage: () => ({ storage: storage(), description: 'cims-sqlite' }),
      hasPersistence: true,
      hasMultiInstance: false,
      hasAttachments: false,
      hasReplication: true,
    } as never,
  });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.each(dbKinds)('RxDB replication base suite against the CIMS server on %s', (kind) => {
  beforeAll(async () => {
    server = await startTestServer(kind, { registry: humanSpecRegistry() });
    client = createSyncHttpClient({ serverUrl: server.url, tokenStore: createMemoryTokenStore() });
    await server.userSession('suite-admin', ['admin'], { password: 'suite password 1' });
    await client.login('suite-admin', 'suite password 1');
  });
  afterAll(async () => {
    await server?.close();
  });

  runReplicationBaseTestSuite({
    startReplication: (collection) => replicate(collection, true),
    async syncOnce(collection) {
      const state = replicate(collection, false);
      await state.awaitInitialReplication();
    },
    async getAllServerDocs() {
      const r = await server.db.query<{ doc: Record<string, unknown>; deleted: boolean }>(
        `select doc, deleted from sync_docs where collection = 'human'`,
      );
      return r.rows.map((row) => ({ ...row.doc, _deleted: row.deleted }));
    },
    async cleanUpServer() {
      await server.db.query(`delete from sync_docs where collection = 'human'`);
    },
    softDeletes: true,
    isDeleted: (d: { _deleted: boolean }) => d._deleted,
    getPrimaryOfServerDoc: (d: { passportId: string }) => d.passportId,
  });
});
