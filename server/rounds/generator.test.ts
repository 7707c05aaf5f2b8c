import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundId } from '../../shared/domain/maintenance';
import { aMaintenancePlan } from '../../shared/domain/testing/maintenance';
import { cimsRegistry } from '../access/cims';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';
import { openPg } from '../db/pg';
import { writeServerDocs } from '../sync/engine';
import { createTestDb, dbKinds, type TestDb } from '../testing/test-db';
import { generateRounds } from './generator';

describe.each(dbKinds)('maintenance round generator on %s', (kind) => {
  const reg = cimsRegistry();
  let t: TestDb;
  let second: Db;
  const now = Date.parse('2026-03-02T01:00:00.000Z');
  const monthly = aMaintenancePlan({ createdAt: '2026-02-20T00:00:00.000Z', body: { startDate: '2026-03-10' } });
  const weekly = aMaintenancePlan({ createdAt: '2026-02-20T00:00:00.000Z', body: { startDate: '2026-03-03', frequency: { every: 1, unit: 'week' } } });
  const paused = aMaintenancePlan({ status: 'paused', createdAt: '2026-02-20T00:00:00.000Z', body: { startDate: '2026-03-03' } });
  beforeAll(async () => {
    t = await createTestDb(kind);
    await migrate(t.db);
    // A second connection pool plays the second server process (PGlite has one connection).
    second = kind === 'pg' ? await openPg(t.url!) : t.db;
    await t.db.transaction((tx) => writeServerDocs(tx, reg.get('records')!, [{ doc: monthly }, { doc: weekly }, { doc: paused }]));
  });
  afterAll(async () => {
    if (second !== t.db) await second.close();
    await t.drop();
  });

  const rounds = async () =>
    (await t.db.query<{ doc: { id: string; ref: string; body: { dueDate: string } } }>(`select doc from sync_docs where collection = 'records' and doc->>'kind' = 'maintenanceRound' order by doc->'body'->>'dueDate'`)).rows.map((r) => r.doc);

  it('two processes generating together write each round once', async () => {
    const [a, b] = await Promise.all([generateRounds(t.db, reg, now), generateRounds(second, reg, now)]);
    const stored = await rounds();
    // Horizon 42 days from 2 March: monthly on 10 Mar and 10 Apr; weekly from 3 Mar to 7 Apr (6).
    expect(stored.filter((r) => r.ref === monthly.id).map((r) => r.body.dueDate)).toEqual(['2026-03-10', '2026-04-10']);
    expect(stored.filter((r) => r.ref === weekly.id)).toHaveLength(6);
    expect(stored.some((r) => r.ref === paused.id)).toBe(false);
    expect(a + b).toBe(stored.length);
    expect(new Set(stored.map((r) => r.id)).size).toBe(stored.length);
    expect(stored.find((r) => r.body.dueDate === '2026-03-10' && r.ref === monthly.id)!.id).toBe(roundId(monthly.id, '2026-03-10'));
  });

  it('running again writes nothing and leaves a round someone started alone', async () => {
    const id = roundId(monthly.id, '2026-03-10');
    const started = (await t.db.query<{ doc: Record<string, unknown> }>(`select doc from sync_docs where collection = 'records' and id = $1`, [id])).rows[0]!.doc;
    await t.db.transaction((tx) => writeServerDocs(tx, reg.get('records')!, [{ doc: { ...started, status: 'in_progress' } }]));
    expect(await generateRounds(second, reg, now + 3600_000)).toBe(0);
    const after = (await t.db.query<{ doc: { status: string } }>(`select doc from sync_docs where collection = 'records' and id = $1`, [id])).rows[0]!.doc;
    expect(after.status).toBe('in_progress');
  });

  it('a day later the horizon moves by a day', async () => {
    const before = (await rounds()).length;
    // 42 days after 9 March is 20 April: no new monthly, one new weekly (14 Apr).
    expect(await generateRounds(t.db, reg, Date.parse('2026-03-09T01:00:00.000Z'))).toBe(1);
    expect((await rounds()).length).toBe(before + 1);
  });
});
