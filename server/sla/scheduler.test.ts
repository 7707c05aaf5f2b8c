import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTicket } from '../../shared/domain/testing/builders';
import { cimsRegistry } from '../access/cims';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';
import { openPg } from '../db/pg';
import { writeServerDocs } from '../sync/engine';
import { cimsOrg, writeOrg } from '../testing/cims-org';
import { createTestDb, dbKinds, type TestDb } from '../testing/test-db';
import { runSlaTick, SYSTEM_AUTHOR_ID } from './scheduler';

describe.each(dbKinds)('SLA scheduler on %s', (kind) => {
  const reg = cimsRegistry();
  const org = cimsOrg();
  let t: TestDb;
  let second: Db;
  const created = Date.parse('2026-03-02T01:00:00.000Z');
  beforeAll(async () => {
    t = await createTestDb(kind);
    await migrate(t.db);
    await writeOrg(t.db, org);
    // A second connection pool plays the second server process (PGlite has one connection).
    second = kind === 'pg' ? await openPg(t.url!) : t.db;
    const critical = aTicket({ severity: 'critical', priority: 'P1', status: 'new', teamId: org.id.T1, assigneeId: org.id.tech, region: 'cn-east', createdAt: new Date(created).toISOString(), updatedAt: new Date(created).toISOString() });
    const closed = aTicket({ severity: 'critical', status: 'closed', closedAt: new Date(created).toISOString(), resolvedAt: new Date(created).toISOString(), teamId: org.id.T1, createdAt: new Date(created).toISOString() });
    await t.db.transaction((tx) => writeServerDocs(tx, reg.get('tickets')!, [{ doc: critical }, { doc: closed }]));
  });
  afterAll(async () => {
    if (second !== t.db) await second.close();
    await t.drop();
  });

  const stored = async () =>
    (await t.db.query<{ doc: Record<string, unknown> }>(`select doc from sync_docs where collection = 'ticketEvents' order by seq`)).rows.map((r) => r.doc);

  it('writes nothing before any target is near', async () => {
    expect(await runSlaTick(t.db, reg, created + 60_000)).toEqual([]);
  });

  it('escalates a breached critical ticket once, even with two processes ticking together', async () => {
    const later = created + 5 * 3600_000;
    const [a, b] = await Promise.all([runSlaTick(t.db, reg, later), runSlaTick(second, reg, later)]);
    const events = await stored();
    expect(events.length).toBeGreaterThan(0);
    expect(a.length + b.length).toBe(events.length);
    expect(events.every((e) => e.kind === 'escalation' && e.authorId === SYSTEM_AUTHOR_ID && typeof e.ruleKey === 'string')).toBe(true);
    const keys = events.map((e) => e.ruleKey);
    expect(new Set(keys).size).toBe(keys.length);
    // The closed ticket is never escalated.
    const ticketIds = new Set(events.map((e) => e.ticketId));
    expect(ticketIds.size).toBe(1);
    // Ticking again changes nothing.
    expect(await runSlaTick(t.db, reg, later + 60_000)).toEqual([]);
    expect((await stored()).length).toBe(events.length);
  });
});
