/**
 * The update feed as electron-updater's generic provider reads it: the channel file, then the
 * installer (resumable with Range), over real HTTP; nothing outside the folder.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../app';
import { testConfig } from '../config';
import { migrate } from '../db/migrate';
import { createTestDb, type TestDb } from '../testing/test-db';

const LATEST = `version: 1.5.0
files:
  - url: CIMS-Setup-1.5.0.exe
    sha512: abc
    size: 1000
path: CIMS-Setup-1.5.0.exe
releaseDate: '2026-11-30T00:00:00.000Z'
`;

describe('update feed /updates/:file', () => {
  let t: TestDb;
  let dir: string;
  const servers: FastifyInstance[] = [];
  let url: string;
  let bare: string;

  const start = async (updatesDir: string | null) => {
    const app = await buildServer({ db: t.db, config: testConfig({ updatesDir }), logger: pino({ level: 'silent' }) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    servers.push(app);
    const addr = app.server.address();
    return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  };

  beforeAll(async () => {
    t = await createTestDb('pglite');
    await migrate(t.db);
    dir = await mkdtemp(join(tmpdir(), 'cims-updates-'));
    await writeFile(join(dir, 'latest.yml'), LATEST);
    await writeFile(join(dir, 'CIMS-Setup-1.5.0.exe'), Buffer.alloc(1000, 7));
    await writeFile(join(dir, '.secret'), 'hidden');
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, '..', 'outside-cims-updates.txt'), 'outside');
    url = await start(dir);
    bare = await start(null);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await t?.drop();
    await rm(dir, { recursive: true, force: true });
    await rm(join(dir, '..', 'outside-cims-updates.txt'), { force: true });
  });

  it('serves the channel file uncached and the installer whole or from a range', async () => {
    const latest = await fetch(`${url}/updates/latest.yml`);
    expect(latest.status).toBe(200);
    expect(latest.headers.get('cache-control')).toBe('no-cache');
    expect(await latest.text()).toBe(LATEST);
    const whole = await fetch(`${url}/updates/CIMS-Setup-1.5.0.exe`);
    expect(whole.status).toBe(200);
    expect((await whole.arrayBuffer()).byteLength).toBe(1000);
    const part = await fetch(`${url}/updates/CIMS-Setup-1.5.0.exe`, { headers: { range: 'bytes=900-' } });
    expect(part.status).toBe(206);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
  });

  it('answers 404 for what is not a published file, and without a feed at all', async () => {
    for (const path of ['missing.yml', '.secret', 'sub', '..%2Foutside-cims-updates.txt', '%2E%2E%2Foutside-cims-updates.txt']) {
      const r = await fetch(`${url}/updates/${path}`);
      expect(r.status, path).toBe(404);
      expect(await r.text(), path).not.toContain('outside');
    }
    const none = await fetch(`${bare}/updates/latest.yml`);
    expect(none.status).toBe(404);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});
