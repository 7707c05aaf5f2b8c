import type { Db } from './db';
import { migrations as allMigrations, type Migration } from './migrations';

// Any constant: two processes starting together on one database migrate one after the other.
const MIGRATION_LOCK = 741_852_963;

/** Applies pending migrations up to `to` (default: all). Returns the versions applied. */
export async function migrate(db: Db, options: { to?: number; migrations?: Migration[] } = {}): Promise<number[]> {
  const list = [...(options.migrations ?? allMigrations)].sort((a, b) => a.version - b.version);
  const to = options.to ?? Infinity;
  await db.query(`create table if not exists schema_migrations (
    version integer primary key, name text not null, applied_at timestamptz not null default now())`);
  const applied: number[] = [];
  for (const m of list) {
    if (m.version > to) break;
    const done = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const seen = await tx.query('select 1 from schema_migrations where version = $1', [m.version]);
      if (seen.rows.length > 0) return false;
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}

export async function schemaVersion(db: Db): Promise<number> {
  const r = await db.query<{ v: number | null }>('select max(version) as v from schema_migrations');
  return r.rows[0]?.v ?? 0;
}
