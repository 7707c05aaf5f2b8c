/**
 * S3: the server process is SIGKILLed while a client pulls its initial sync, then restarted
 * on the same database. The client resumes from its checkpoint: no gap, nothing twice.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTicket, newId } from '../../shared/domain/testing/builders';
import { createUser } from '../../server/auth/users';
import type { Db } from '../../server/db/db';
import { migrate } from '../../server/db/migrate';
import { openPg } from '../../server/db/pg';
import { createPgDatabase } from '../../server/testing/test-db';
import { createSyncHttpClient } from '../../electron/sync/http';
import { createMemoryTokenStore } from '../../electron/sync/tokens';
import { startClientCore } from './cores';
import type { ClientCore } from './cores';
import { eventually } from './wait';

const cli = fileURLToPath(new URL('../../server/cli.ts', import.meta.url));
let pgDb: { url: string; drop: () => Promise<void> };
let db: Db;
let port: number;
let dataDir: string;
let serverProc: ChildProcess | null = null;
let core: ClientCore | undefined;
const teamId = newId();
const techId = newId();

async function startServerProcess(): Promise<void> {
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: pgDb.url, CIMS_DATA_DIR: dataDir, LOG_LEVEL: 'silent', CIMS_ARGON2_MEMORY_KIB: '1024' };
  serverProc = fork(cli, [], { execArgv: ['--import', 'tsx'], env, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/health`;
  await eventually(() => fetch(url).then((r) => r.ok, () => false), Boolean, 30_000);
}

async function killServer(): Promise<void> {
  const p = serverProc;
  if (!p || p.exitCode !== null) return;
  const exited = new Promise((r) => p.once('exit', r));
  p.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  pgDb = await createPgDatabase();
  db = await openPg(pgDb.url);
  await migrate(db);
  await createUser(db, { id: techId, username: 'tech.s3', password: 'tech password 1', roles: ['technician'], teamId }, 1024);
  const free = net.createServer();
  await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
  port = (free.address() as net.AddressInfo).port;
  await new Promise<void>((r) => free.close(() => r()));
  dataDir = mkdtempSync(join(tmpdir(), 'cims-s3-'));
  await startServerProcess();
}, 60_000);

afterAll(async () => {
  await core?.stop();
  await killServer();
  await db?.close();
  await pgDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('server killed during a pull (S3)', () => {
  it('S3: server SIGKILLed mid initial sync and restarted -> the client resumes, no gap, nothing twice', async () => {
    const seeder = createSyncHttpClient({ serverUrl: `http://127.0.0.1:${port}`, tokenStore: createMemoryTokenStore() });
    await seeder.login('tech.s3', 'tech password 1');
    const tickets = Array.from({ length: 4000 }, () => aTicket({ teamId, assigneeId: techId, createdBy: techId }));
    await seeder.push('tickets', tickets.map((t) => ({ newDocumentState: { ...t, _deleted: false } })));

    core = await startClientCore();
    await core.call('signIn', `http://127.0.0.1:${port}`, 'tech.s3', 'tech password 1');
    await eventually(() => core!.call<number>('count', 'tickets'), (n) => n > 0, 20_000);
    await killServer();
    const partial = await core.call<number>('count', 'tickets');
    expect(partial).toBeLessThan(4000);
    await core.call('waitForState', 'offline');

    await startServerProcess();
    await eventually(() => core!.call<number>('count', 'tickets'), (n) => n === 4000, 30_000);
    await core.call('awaitInSync');
    const local = await core.call<{ id: string }[]>('find', 'tickets', {});
    expect(new Set(local.map((t) => t.id)).size).toBe(4000);
    expect((await core.call<{ state: string }>('status')).state).toBe('online');
  }, 120_000); // Two server starts and a 3,000-document pull: slow on a loaded 2-core machine.
});
