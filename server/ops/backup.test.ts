/**
 * Backups: the embedded database through `backup` / `restore` (PGlite dumpDataDir /
 * loadDataDir), PostgreSQL through the README's pg_dump / pg_restore steps.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createUser, findUserByName } from '../auth/users';
import { migrate, schemaVersion } from '../db/migrate';
import { openPg } from '../db/pg';
import { openPglite } from '../db/pglite';
import { createPgDatabase } from '../testing/test-db';
import { backupPglite, pgliteDir, restorePglite } from './backup';
import { LATEST_SCHEMA } from './health';

const run = promisify(execFile);
const dir = () => mkdtempSync(join(tmpdir(), 'cims-backup-'));

describe('backup and restore', () => {
  it('PGlite: a backup restores into an empty data dir with its users; never over a database', async () => {
    const from = dir();
    const db = await openPglite(pgliteDir(from));
    await migrate(db);
    await createUser(db, { username: 'kept.user', password: 'kept password 1', roles: ['technician'], teamId: null }, 1024);
    await db.close();

    const file = join(dir(), 'cims.backup.tgz');
    const { bytes } = await backupPglite(from, file);
    expect(bytes).toBeGreaterThan(1000);

    const to = dir();
    expect(await restorePglite(to, file)).toEqual({ schema: LATEST_SCHEMA });
    const restored = await openPglite(pgliteDir(to));
    expect((await findUserByName(restored, 'kept.user'))?.roles).toEqual(['technician']);
    await restored.close();

    // Restoring over the live database is refused and leaves it as it was.
    await expect(restorePglite(from, file)).rejects.toThrow(/already holds a database/);
    const again = await openPglite(pgliteDir(from));
    expect(await schemaVersion(again)).toBe(LATEST_SCHEMA);
    await again.close();
    await expect(backupPglite(dir(), file)).rejects.toThrow(/No embedded database/);
  }, 120_000);

  it('PostgreSQL: the README pg_dump / pg_restore steps give a database the server accepts, sequences included', async () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    expect(readme).toContain('pg_dump --format=custom --file=cims.dump "$DATABASE_URL"');
    expect(readme).toContain('pg_restore --no-owner --exit-on-error --dbname="$RESTORE_URL" cims.dump');
    const source = await createPgDatabase();
    const target = await createPgDatabase();
    try {
      const db = await openPg(source.url);
      await migrate(db);
      await createUser(db, { username: 'pg.user', password: 'pg password 1', roles: ['admin'], teamId: null }, 1024);
      await db.query(`insert into sync_docs (collection, id, seq, doc) values ('items', 'a', 7, '{"id":"a"}')`);
      await db.close();
      const work = dir();
      await run('pg_dump', ['--format=custom', '--file=cims.dump', source.url], { cwd: work });
      await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${target.url}`, 'cims.dump'], { cwd: work });
      const restored = await openPg(target.url);
      try {
        expect(await schemaVersion(restored)).toBe(LATEST_SCHEMA);
        expect((await findUserByName(restored, 'pg.user'))?.roles).toEqual(['admin']);
        expect((await restored.query(`select seq from sync_docs where id = 'a'`)).rows).toEqual([{ seq: 7 }]);
        expect(await migrate(restored)).toEqual([]);
      } finally {
        await restored.close();
      }
    } finally {
      await source.drop();
      await target.drop();
    }
  }, 120_000);
});
