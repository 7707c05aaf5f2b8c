import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dbKinds, type TestDb } from '../testing/test-db';
import { migrate, schemaVersion } from './migrate';
import { migrations } from './migrations';

async function tables(t: TestDb): Promise<string[]> {
  const r = await t.db.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'public' order by 1`,
  );
  return r.rows.map((x) => x.table_name);
}

describe.each(dbKinds)('migrations on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => t.drop());

  it('1: replicated documents, counters and push answers', async () => {
    expect(await migrate(t.db, { to: 1 })).toEqual([1]);
    expect(await tables(t)).toEqual(expect.arrayContaining(['sync_docs', 'sync_counters', 'sync_pushes']));
    // seq is unique per collection: two docs can never share a checkpoint position.
    await t.db.query(`insert into sync_docs (collection, id, seq, doc) values ('c', 'a', 1, '{}')`);
    await expect(t.db.query(`insert into sync_docs (collection, id, seq, doc) values ('c', 'b', 1, '{}')`)).rejects.toThrow();
  });

  it('2: users and refresh tokens', async () => {
    expect(await migrate(t.db, { to: 2 })).toEqual([2]);
    await t.db.query(`insert into users (id, username, display_name, password_hash, roles) values ('u1', 'ann', 'Ann', 'x', '{admin}')`);
    await expect(
      t.db.query(`insert into users (id, username, display_name, password_hash, roles) values ('u2', 'ann', 'A2', 'x', '{admin}')`),
    ).rejects.toThrow();
    await t.db.query(`insert into refresh_tokens (user_id, token_hash, expires_at) values ('u1', 'h', now())`);
    await t.db.query(`delete from users where id = 'u1'`);
    const left = await t.db.query('select * from refresh_tokens');
    expect(left.rows).toHaveLength(0);
  });

  it('3: audit log', async () => {
    expect(await migrate(t.db, { to: 3 })).toEqual([3]);
    await t.db.query(`insert into audit_log (action, outcome) values ('login', 'ok')`);
    const r = await t.db.query<{ at: Date }>('select at from audit_log');
    expect(r.rows[0]?.at).toBeInstanceOf(Date);
  });

  it('4: automatic escalations are unique per ticket and rule', async () => {
    expect(await migrate(t.db, { to: 4 })).toEqual([4]);
    await t.db.query(`insert into sla_escalations (ticket_id, rule, event_id) values ('t', 'r', 'e1')`);
    await expect(t.db.query(`insert into sla_escalations (ticket_id, rule, event_id) values ('t', 'r', 'e2')`)).rejects.toThrow();
  });

  it('5: refresh token families (existing tokens each their own)', async () => {
    await t.db.query(`insert into users (id, username, display_name, password_hash, roles) values ('u5', 'u5', 'U', 'h', '{}')`);
    await t.db.query(`insert into refresh_tokens (user_id, token_hash, expires_at) values ('u5', 'old5', now())`);
    expect(await migrate(t.db, { to: 5 })).toEqual([5]);
    const r = await t.db.query<{ family: string; id: string }>(`select family, id::text as id from refresh_tokens where token_hash = 'old5'`);
    expect(r.rows[0]!.family).toBe(r.rows[0]!.id);
  });

  it('6: login limits, one row per key', async () => {
    expect(await migrate(t.db, { to: 6 })).toEqual([6]);
    await t.db.query(`insert into login_limits (key, points, expire) values ('k', 1, 0)`);
    await expect(t.db.query(`insert into login_limits (key, points) values ('k', 2)`)).rejects.toThrow();
  });

  it('is idempotent and records the version', async () => {
    expect(await migrate(t.db)).toEqual([]);
    expect(await schemaVersion(t.db)).toBe(migrations.length);
  });
});
