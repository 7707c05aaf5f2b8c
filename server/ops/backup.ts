import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** Where the embedded database lives under the data dir (as server/db/open.ts opens it). */
export const pgliteDir = (dataDir: string) => join(dataDir, 'pglite');

/**
 * Backs up the embedded database to one gzipped tar file (PGlite's dumpDataDir). PGlite is
 * one process's database: the server must be stopped, or the copy may be torn.
 */
export async function backupPglite(dataDir: string, file: string): Promise<{ bytes: number }> {
  const dir = pgliteDir(dataDir);
  if (!existsSync(dir)) throw new Error(`No embedded database in ${dir}`);
  const pg = await PGlite.create({ dataDir: dir });
  try {
    const blob = await pg.dumpDataDir('gzip');
    const bytes = Buffer.from(await blob.arrayBuffer());
    // Written beside the target and renamed: a crash never leaves a half backup under its name.
    writeFileSync(`${file}.part`, bytes);
    renameSync(`${file}.part`, file);
    return { bytes: bytes.length };
  } finally {
    await pg.close();
  }
}

/**
 * Restores a backup into an empty data dir (never over a database: that one may hold work a
 * backup does not). Returns the restored schema version as a check that it opens.
 */
export async function restorePglite(dataDir: string, file: string): Promise<{ schema: number }> {
  const dir = pgliteDir(dataDir);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} already holds a database; restore into an empty data dir`);
  const pg = await PGlite.create({ dataDir: dir, loadDataDir: new Blob([readFileSync(file)]) });
  try {
    const r = await pg.query<{ v: number | null }>('select max(version) as v from schema_migrations');
    return { schema: r.rows[0]?.v ?? 0 };
  } finally {
    await pg.close();
  }
}
