import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BacklogReport } from '../../shared/domain/reports';
import { aTicket } from '../../shared/domain/testing/builders';
import { monthOf } from '../../shared/domain/metrics';
import type { LoginResponse } from '../../shared/sync/protocol';
import { routePath } from '../../shared/sync/routes';
import type { Ticket } from '../../shared/schema';
import { cimsRegistry } from '../access/cims';
import { migrate } from '../db/migrate';
import { cimsOrg, writeOrg } from '../testing/cims-org';
import { bearer, call, startTestServer, type TestServer } from '../testing/harness';
import { createTestDb, dbKinds, type TestDb } from '../testing/test-db';
import { writeServerDocs } from '../sync/engine';

interface FactRow {
  id: string;
  product_line: string | null;
  severity: string | null;
  problem_report: boolean | null;
  status: string | null;
  region: string | null;
  team_id: string | null;
  created_at: Date | null;
  resolved_at: Date | null;
}

const FACT_COLUMNS = 'id, product_line, severity, problem_report, status, region, team_id, created_at, resolved_at';

describe.each(dbKinds)('migration 13: ticket facts on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => t.drop());

  it('fills the facts of stored tickets, skips deleted ones and reads a malformed time as none', async () => {
    await migrate(t.db, { to: 12 });
    const put = (id: string, doc: Record<string, unknown>, deleted = false) =>
      t.db.query(`insert into sync_docs (collection, id, seq, deleted, doc) values ($1, $2, $3, $4, $5)`, [
        doc.customer ? 'customers' : 'tickets',
        id,
        Number(id.slice(1)),
        deleted,
        JSON.stringify({ id, ...doc }),
      ]);
    await put('t1', { productLine: 'OTN', severity: 'major', problemReport: true, status: 'new', region: 'cn-east', teamId: 'T1', createdAt: '2026-01-02T03:04:05.006Z', resolvedAt: null });
    await put('t2', { productLine: 'RAN', severity: 'minor', problemReport: 'yes', status: 'closed', region: 'cn-south', teamId: 'T2', createdAt: 'yesterday', resolvedAt: '2026-02-01T00:00:00.000Z' });
    await put('t3', { productLine: 'OTN', severity: 'critical', problemReport: true, status: 'new', region: 'cn-east', teamId: 'T1', createdAt: '2026-01-01T00:00:00.000Z' }, true);
    await put('c4', { customer: true, tier: 'key' });
    expect(await migrate(t.db, { to: 13 })).toEqual([13]);
    const r = await t.db.query<FactRow>(`select ${FACT_COLUMNS} from ticket_facts order by id`);
    expect(r.rows).toEqual([
      { id: 't1', product_line: 'OTN', severity: 'major', problem_report: true, status: 'new', region: 'cn-east', team_id: 'T1', created_at: new Date('2026-01-02T03:04:05.006Z'), resolved_at: null },
      // Not a boolean nor a time: no value, rather than a refused write.
      { id: 't2', product_line: 'RAN', severity: 'minor', problem_report: null, status: 'closed', region: 'cn-south', team_id: 'T2', created_at: null, resolved_at: new Date('2026-02-01T00:00:00.000Z') },
    ]);
  });

  it('follows raw writes: an update, a deletion flag, a removed row and an emptied table', async () => {
    const count = async () => Number((await t.db.query<{ n: string }>(`select count(*) as n from ticket_facts`)).rows[0]!.n);
    await t.db.query(`update sync_docs set doc = doc || '{"region": "cn-north"}' where collection = 'tickets' and id = 't1'`);
    expect((await t.db.query<FactRow>(`select ${FACT_COLUMNS} from ticket_facts where id = 't1'`)).rows[0]!.region).toBe('cn-north');
    await t.db.query(`update sync_docs set deleted = false where collection = 'tickets' and id = 't3'`);
    expect(await count()).toBe(3);
    await t.db.query(`update sync_docs set deleted = true where collection = 'tickets' and id = 't3'`);
    await t.db.query(`delete from sync_docs where collection = 'tickets' and id = 't2'`);
    expect((await t.db.query<{ id: string }>(`select id from ticket_facts order by id`)).rows.map((x) => x.id)).toEqual(['t1']);
    await t.db.query(`truncate sync_docs`);
    expect(await count()).toBe(0);
  });
});

describe.each(dbKinds)('reports over ticket facts on %s', (kind) => {
  const org = cimsOrg();
  const reg = cimsRegistry();
  let s: TestServer;
  const session: Record<string, LoginResponse> = {};
  const now = Date.now();
  const query = `?from=${monthOf(now)}&to=${monthOf(now)}`;

  beforeAll(async () => {
    s = await startTestServer(kind);
    await writeOrg(s.db, org);
    for (const key of ['M', 'admin'] as const) {
      const person = org.people.find((p) => p.id === org.id[key])!;
      session[key] = await s.userSession(person.username, person.roles, { id: person.id, teamId: person.teamId });
    }
  });
  afterAll(async () => s.close());

  const store = (doc: Ticket, deleted = false) => s.db.transaction((tx) => writeServerDocs(tx, reg.get('tickets')!, [{ doc: doc as unknown as Record<string, unknown>, deleted }]));
  const backlog = async (who: string): Promise<BacklogReport> => {
    const r = await call(s.url, 'GET', routePath('reportBacklog') + query, undefined, bearer(session[who]!));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as BacklogReport;
  };

  it('counts a ticket for the manager while it is in their region and team, and for nobody once deleted', async () => {
    // The manager of the east (team T1) reads region cn-east and team T1; the other manager's team is T2.
    const ticket = aTicket({ region: 'cn-east', teamId: org.id.T1, assigneeId: '', status: 'in_progress', severity: 'critical', createdAt: new Date(now - 3_600_000).toISOString() });
    await store(ticket);
    expect((await backlog('M')).open).toBe(1);
    expect((await backlog('admin')).buckets[0]!.bySeverity.critical).toBe(1);

    // Moved to the south and its team: out of the manager's scope, still the administrator's.
    const moved = { ...ticket, region: 'cn-south', teamId: org.id.T2 };
    await store(moved);
    expect((await backlog('M')).open).toBe(0);
    expect((await backlog('admin')).open).toBe(1);

    // Back in the team (region still south): in scope again; then resolved: no longer open.
    await store({ ...moved, teamId: org.id.T1 });
    expect((await backlog('M')).byStatus.in_progress).toBe(1);
    await store({ ...moved, teamId: org.id.T1, status: 'resolved', resolvedAt: new Date(now - 60_000).toISOString() });
    expect((await backlog('M')).open).toBe(0);

    // Reopened, then deleted: gone from every report.
    await store({ ...moved, teamId: org.id.T1, status: 'in_progress', resolvedAt: null });
    expect((await backlog('admin')).open).toBe(1);
    await store({ ...moved, teamId: org.id.T1, status: 'in_progress', resolvedAt: null }, true);
    expect((await backlog('admin')).open).toBe(0);
    expect((await backlog('M')).open).toBe(0);
  });
});
