import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dbKinds, type TestDb } from '../testing/test-db';
import { migrate, schemaVersion } from './migrate';
import { migrations } from './migrations';
import { migrateAssetV0ToV1, validateDocument, type AssetV0 } from '../../shared/schema';
import { anAsset, newId } from '../../shared/domain/testing/builders';

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

  it('7: stored tickets get the customer summary fields of ticket schema v1 and new sequences', async () => {
    const cust = (id: string, name: string, tier: string, deleted = false) =>
      t.db.query(`insert into sync_docs (collection, id, seq, deleted, doc) values ('customers', $1, $2, $3, $4)`, [
        id,
        Number(id.slice(1)),
        deleted,
        JSON.stringify({ id, name, tier }),
      ]);
    await cust('c1', 'Northwind Power', 'key');
    await cust('c2', 'Old Name Ltd', 'key', true);
    const ticket = (id: string, seq: number, customerId: string, prev: Record<string, unknown> | null = null) =>
      t.db.query(`insert into sync_docs (collection, id, seq, doc, prev_doc) values ('tickets', $1, $2, $3, $4)`, [
        id,
        seq,
        JSON.stringify({ id, title: id, customerId }),
        prev === null ? null : JSON.stringify(prev),
      ]);
    await ticket('t1', 7, 'c1', { id: 't1', title: 'before', customerId: 'c1' });
    await ticket('t2', 3, 'c2');
    await ticket('t3', 5, 'nobody');
    await t.db.query(`insert into sync_counters (collection, seq) values ('tickets', 9)`);
    expect(await migrate(t.db, { to: 7 })).toEqual([7]);
    const r = await t.db.query<{ id: string; seq: string; doc: Record<string, unknown>; prev_doc: Record<string, unknown> | null }>(
      `select id, seq, doc, prev_doc from sync_docs where collection = 'tickets' order by id`,
    );
    const byId = new Map(r.rows.map((row) => [row.id, row]));
    expect(byId.get('t1')!.doc).toEqual({ id: 't1', title: 't1', customerId: 'c1', customerName: 'Northwind Power', customerTier: 'key' });
    expect(byId.get('t1')!.prev_doc).toEqual({ id: 't1', title: 'before', customerId: 'c1', customerName: 'Northwind Power', customerTier: 'key' });
    // A deleted or unknown customer gives what the client's migration gives: '' and 'general'.
    expect(byId.get('t2')!.doc).toMatchObject({ customerName: '', customerTier: 'general' });
    expect(byId.get('t3')!.doc).toMatchObject({ customerName: '', customerTier: 'general' });
    expect(byId.get('t2')!.prev_doc).toBeNull();
    // New sequences above the counter, in the old order; the counter follows.
    expect(['t2', 't3', 't1'].map((id) => Number(byId.get(id)!.seq))).toEqual([10, 11, 12]);
    const counter = await t.db.query<{ seq: string }>(`select seq from sync_counters where collection = 'tickets'`);
    expect(Number(counter.rows[0]!.seq)).toBe(12);
    // Customers are untouched.
    const c = await t.db.query<{ seq: string }>(`select seq from sync_docs where collection = 'customers' and id = 'c1'`);
    expect(Number(c.rows[0]!.seq)).toBe(1);
  });

  it('8: passwords an admin reset must be changed; the audit log is append-only even for the owner', async () => {
    expect(await migrate(t.db, { to: 8 })).toEqual([8]);
    await t.db.query(`insert into users (id, username, display_name, password_hash, roles) values ('u10', 'u10', 'U', 'x', '{technician}')`);
    const u = await t.db.query<{ must_change_password: boolean }>(`select must_change_password from users where id = 'u10'`);
    expect(u.rows[0]!.must_change_password).toBe(false);
    await t.db.query(`insert into audit_log (action, outcome) values ('user.update', 'ok')`);
    const before = await t.db.query<{ n: string }>('select count(*) as n from audit_log');
    await expect(t.db.query(`update audit_log set outcome = 'failed'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query('delete from audit_log')).rejects.toThrow(/append-only/);
    await expect(t.db.exec('truncate audit_log')).rejects.toThrow(/append-only/);
    const after = await t.db.query<{ n: string; failed: string }>(`select count(*) as n, count(*) filter (where outcome <> 'ok') as failed from audit_log`);
    expect([after.rows[0]!.n, Number(after.rows[0]!.failed)]).toEqual([before.rows[0]!.n, 0]);
  });

  it('9: stored assets get the lifecycle, ownership and custody of asset schema v1, equal to the client migration', async () => {
    const v0 = (over: Partial<AssetV0>): AssetV0 => {
      const { ownership, contractEnd, lifecycle, custody, ...old } = anAsset({ id: newId(), createdAt: '2025-02-03T04:05:06.000Z', updatedAt: '2026-01-02T10:00:00.000Z', ...over });
      void [ownership, contractEnd, lifecycle, custody];
      return old;
    };
    const olds = [v0({ status: 'in_service' }), v0({ status: 'spare' }), v0({ status: 'under_repair' }), v0({ status: 'retired' })];
    let seq = 1;
    for (const doc of olds) await t.db.query(`insert into sync_docs (collection, id, seq, doc) values ('assets', $1, $2, $3)`, [doc.id, seq++, JSON.stringify(doc)]);
    await t.db.query(`insert into sync_counters (collection, seq) values ('assets', 20)`);
    expect(await migrate(t.db, { to: 9 })).toEqual([9]);
    const r = await t.db.query<{ id: string; seq: string; doc: Record<string, unknown> }>(`select id, seq, doc from sync_docs where collection = 'assets'`);
    const byId = new Map(r.rows.map((row) => [row.id, row]));
    for (const old of olds) {
      // The server's copy is exactly what the desktop's migration makes of the same document.
      expect(byId.get(old.id)!.doc).toEqual(migrateAssetV0ToV1(old));
      expect(validateDocument('assets', byId.get(old.id)!.doc).ok).toBe(true);
    }
    expect(byId.get(olds[1]!.id)!.doc).toMatchObject({ ownership: 'ours', lifecycle: [{ state: 'registered', at: '2025-02-03' }] });
    expect(byId.get(olds[2]!.id)!.doc).toMatchObject({ ownership: 'customer', lifecycle: [{ state: 'registered' }, { state: 'under_maintenance', at: '2026-01-02' }] });
    expect(olds.map((o) => Number(byId.get(o.id)!.seq))).toEqual([21, 22, 23, 24]);
    // The code lookup the duplicate check runs is served by the new index.
    const idx = await t.db.query<{ indexname: string }>(`select indexname from pg_indexes where tablename = 'sync_docs' and indexname like 'sync_docs_asset_%' order by 1`);
    expect(idx.rows.map((x) => x.indexname)).toEqual(['sync_docs_asset_code', 'sync_docs_asset_tag']);
  });

  it('10: every stored document starts with no earlier readers beyond prev_doc, and keeps its sequence', async () => {
    const before = await t.db.query<{ id: string; seq: string }>(`select id, seq from sync_docs order by collection, id`);
    expect(await migrate(t.db, { to: 10 })).toEqual([10]);
    const after = await t.db.query<{ id: string; seq: string; older_docs: unknown }>(`select id, seq, older_docs from sync_docs order by collection, id`);
    expect(after.rows.map((r) => [r.id, r.seq])).toEqual(before.rows.map((r) => [r.id, r.seq]));
    expect(after.rows.length).toBeGreaterThan(0);
    expect(new Set(after.rows.map((r) => JSON.stringify(r.older_docs)))).toEqual(new Set(['[]']));
  });

  it('11: a blob is linked once to each round it was sent for', async () => {
    expect(await migrate(t.db, { to: 11 })).toEqual([11]);
    const link = (round: string) => t.db.query(`insert into blob_owners (sha256, owner_kind, owner_id, linked_by) values ('${'a'.repeat(64)}', 'round', $1, 'u1') on conflict do nothing`, [round]);
    await link('r1');
    await link('r1');
    await link('r2');
    const rows = await t.db.query<{ owner_id: string }>(`select owner_id from blob_owners order by owner_id`);
    expect(rows.rows).toEqual([{ owner_id: 'r1' }, { owner_id: 'r2' }]);
    // Only the kinds the server knows.
    await expect(t.db.query(`insert into blob_owners (sha256, owner_kind, owner_id) values ('b', 'ticket', 't1')`)).rejects.toThrow();
  });

  it('12: a policy version is scheduled once', async () => {
    expect(await migrate(t.db, { to: 12 })).toEqual([12]);
    const row = `insert into policy_schedule (policy_id, kind, effective_from, zone, activate_at) values ('p1', 'sla', '2027-01-01', 'Asia/Shanghai', '2026-12-31T16:00:00Z')`;
    await t.db.query(row);
    await expect(t.db.query(row)).rejects.toThrow();
    const due = await t.db.query(`select policy_id from policy_schedule where activated_at is null and cancelled_at is null and activate_at <= '2027-01-01T00:00:00Z'`);
    expect(due.rows).toEqual([{ policy_id: 'p1' }]);
  });

  it('13: ticket facts are filled for stored tickets and follow every later write', async () => {
    const ticket = { id: 'f1', region: 'cn-east', teamId: 'T1', problemReport: true, createdAt: '2026-01-01T00:00:00.000Z' };
    await t.db.query(`insert into sync_docs (collection, id, seq, doc) values ('tickets', 'f1', 100, $1)`, [JSON.stringify(ticket)]);
    expect(await migrate(t.db, { to: 13 })).toEqual([13]);
    const fact = async () => (await t.db.query<{ region: string; created_at: Date }>(`select region, created_at from ticket_facts where id = 'f1'`)).rows;
    expect(await fact()).toEqual([{ region: 'cn-east', created_at: new Date('2026-01-01T00:00:00.000Z') }]);
    await t.db.query(`update sync_docs set doc = doc || '{"region": "cn-south"}' where collection = 'tickets' and id = 'f1'`);
    expect((await fact()).map((f) => f.region)).toEqual(['cn-south']);
    await t.db.query(`update sync_docs set deleted = true where collection = 'tickets' and id = 'f1'`);
    expect(await fact()).toEqual([]);
  });

  it('is idempotent and records the version', async () => {
    expect(await migrate(t.db)).toEqual([]);
    // Versions are owned per change and may have gaps until branches land: the highest counts.
    expect(await schemaVersion(t.db)).toBe(Math.max(...migrations.map((m) => m.version)));
  });
});
