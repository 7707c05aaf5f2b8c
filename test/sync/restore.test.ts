/**
 * The server's PostgreSQL database restored from a backup while desktops kept working: a
 * desktop that synced after the backup holds checkpoints past the restored data. The server
 * refuses them (409 CHECKPOINT_AHEAD) and the desktop replicates again from the start, both
 * ways: what the server lost since the backup comes back from the desktop, what was written
 * after the restore reaches it, and nothing is stored twice.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTicket, newId } from '../../shared/domain/testing/builders';
import type { LoginResponse, PullResponse } from '../../shared/sync/protocol';
import { createUser } from '../../server/auth/users';
import { migrate } from '../../server/db/migrate';
import { openPg } from '../../server/db/pg';
import { bearer, call, errorCode } from '../../server/testing/harness';
import { createPgDatabase } from '../../server/testing/test-db';
import type { SyncStatusSnapshot } from '../../electron/sync/status';
import { spawnServer, type ServerProcess } from '../server/spawn-server';
import { startClientCore, type ClientCore } from './cores';
import { eventually } from './wait';

const run = promisify(execFile);
const SECRET = 'restore-secret-restore-secret-restore-01';
const PASSWORD = 'root-password-1';

type Database = Awaited<ReturnType<typeof createPgDatabase>>;

describe('a server restored from an older backup', () => {
  const databases: Database[] = [];
  let server: ServerProcess;
  let core: ClientCore;
  let work: string;
  let port = 0;

  const signIn = async (): Promise<LoginResponse> =>
    (await call(server.url, 'POST', '/auth/login', { username: 'root', password: PASSWORD })).body as LoginResponse;
  const ticketsOnServer = async (): Promise<string[]> => {
    const admin = await signIn();
    const ids: string[] = [];
    let checkpoint: PullResponse['checkpoint'] = null;
    for (;;) {
      const r = await call(server.url, 'POST', '/sync/tickets/pull', { checkpoint, batchSize: 100 }, bearer(admin));
      const page = r.body as PullResponse;
      ids.push(...page.documents.map((d) => d.id));
      if (page.documents.length === 0) return ids.sort();
      checkpoint = page.checkpoint;
    }
  };
  const pushAsAdmin = async (title: string): Promise<string> => {
    const t = aTicket({ title });
    const r = await call(server.url, 'POST', '/sync/tickets/push', { pushId: newId(), rows: [{ newDocumentState: { ...t, _deleted: false } }] }, bearer(await signIn()));
    expect(r.body).toMatchObject({ conflicts: [] });
    return t.id;
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'cims-restore-'));
    const first = await createPgDatabase();
    databases.push(first);
    const db = await openPg(first.url);
    await migrate(db);
    await createUser(db, { username: 'root', password: PASSWORD, roles: ['admin'] }, 1024);
    await db.close();
    server = await spawnServer({ DATABASE_URL: first.url, CIMS_TOKEN_SECRET: SECRET });
    port = Number(new URL(server.url).port);
    core = await startClientCore();
  }, 120_000);

  afterAll(async () => {
    await core?.stop();
    await server?.stop();
    await Promise.all(databases.map((d) => d.drop()));
    await rm(work, { recursive: true, force: true });
  });

  it('refuses a checkpoint it never issued with CHECKPOINT_AHEAD, and accepts one it did', async () => {
    const admin = await signIn();
    const ahead = await call(server.url, 'POST', '/sync/tickets/pull', { checkpoint: { seq: 10_000, id: newId() }, batchSize: 10 }, bearer(admin));
    expect(ahead.status).toBe(409);
    expect(errorCode(ahead)).toBe('CHECKPOINT_AHEAD');
    const id = await pushAsAdmin('issued');
    const first = (await call(server.url, 'POST', '/sync/tickets/pull', { checkpoint: null, batchSize: 10 }, bearer(admin))).body as PullResponse;
    expect(first.documents.map((d) => d.id)).toContain(id);
    const again = await call(server.url, 'POST', '/sync/tickets/pull', { checkpoint: first.checkpoint, batchSize: 10 }, bearer(admin));
    expect(again.status).toBe(200);
    // The same position under an id the server does not hold is not one it issued.
    const forged = await call(server.url, 'POST', '/sync/tickets/pull', { checkpoint: { ...first.checkpoint!, id: newId() }, batchSize: 10 }, bearer(admin));
    expect(errorCode(forged)).toBe('CHECKPOINT_AHEAD');
  });

  it('the desktop replicates again from the start: nothing lost, nothing twice, later writes arrive', async () => {
    await core.call('signIn', server.url, 'root', PASSWORD);
    const beforeBackup = aTicket({ title: 'before the backup' });
    await core.call('insert', 'tickets', beforeBackup);
    await core.call('awaitInSync');

    await run('pg_dump', ['--format=custom', '--file=cims.dump', databases[0]!.url], { cwd: work });

    // After the backup: this desktop writes one ticket, another writer one more; the desktop
    // pulls both, so its checkpoints move past what the backup holds.
    const afterBackup = aTicket({ title: 'after the backup, from the desktop' });
    await core.call('insert', 'tickets', afterBackup);
    await core.call('awaitInSync');
    const elsewhere = await pushAsAdmin('after the backup, from elsewhere');
    await eventually(() => core.call('get', 'tickets', elsewhere), (d) => d !== null);

    // The restore: the servers stop, the dump goes into a new database, they start on it.
    await core.call('disconnect');
    await server.stop();
    const restored = await createPgDatabase();
    databases.push(restored);
    await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${restored.url}`, 'cims.dump'], { cwd: work });
    server = await spawnServer({ DATABASE_URL: restored.url, CIMS_TOKEN_SECRET: SECRET, PORT: String(port) });
    const lost = await ticketsOnServer();
    expect(lost).not.toContain(afterBackup.id);
    expect(lost).not.toContain(elsewhere);
    const afterRestore = await pushAsAdmin('after the restore');

    expect(await core.call('resume')).toBe(true);
    const expected = [...lost, afterBackup.id, elsewhere, afterRestore].sort();
    await eventually(ticketsOnServer, (ids) => ids.length === expected.length, 30_000);
    expect(await ticketsOnServer()).toEqual(expected);
    await eventually(() => core.call('get', 'tickets', afterRestore), (d) => d !== null, 30_000);
    const status = await eventually(
      () => core.call<SyncStatusSnapshot>('status'),
      (s) => s.state === 'online' && s.pendingLocalChanges === 0,
    );
    expect(status.lastError).toBeNull();
    expect(await core.call('count', 'tickets')).toBe(expected.length);
  });
});
