import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Db } from '../db/db';
import { openPg } from '../db/pg';
import { openPglite } from '../db/pglite';

export type DbKind = 'pglite' | 'pg';
export const dbKinds: DbKind[] = ['pglite', 'pg'];

const ADMIN_URL = process.env.CIMS_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDb {
  db: Db;
  /** Connection string of the test database (pg only), for second processes. */
  url: string | null;
  drop(): Promise<void>;
}

/** Creates a uniquely named PostgreSQL database. */
export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `cims_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    async drop() {
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/**
 * PGlite's initdb costs seconds of CPU; loading a dump of a fresh cluster costs a fraction.
 * The dump is made once per machine (atomically renamed into place) and shared by test files.
 */
async function freshPgliteDump(): Promise<Blob> {
  const file = join(tmpdir(), `cims-pglite-empty-${process.versions.node}-v1.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const db = await PGlite.create();
  const dump = await db.dumpDataDir('none');
  await db.close();
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  renameSync(tmp, file);
  return dump;
}

/** A fresh empty database of the given kind: PGlite in memory, or its own PostgreSQL database. */
export async function createTestDb(kind: DbKind): Promise<TestDb> {
  if (kind === 'pglite') {
    const db = await openPglite(null, { loadDataDir: await freshPgliteDump() });
    return { db, url: null, drop: () => db.close() };
  }
  const created = await createPgDatabase();
  const db = await openPg(created.url);
  return {
    db,
    url: created.url,
    async drop() {
      await db.close();
      await created.drop();
    },
  };
}
