import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anAssessment, aTicket } from '../../shared/domain/testing/builders';
import type { LoginResponse, PullResponse, PushResponse, WireDocument } from '../../shared/sync/protocol';
import { auditEntries } from '../audit';
import { cimsOrg, writeOrg } from '../testing/cims-org';
import { bearer, call, startTestServer, type TestServer } from '../testing/harness';
import { dbKinds } from '../testing/test-db';

describe.each(dbKinds)('role access over HTTP on %s', (kind) => {
  const org = cimsOrg();
  let s: TestServer;
  const session: Record<string, LoginResponse> = {};
  let n = 0;
  beforeAll(async () => {
    s = await startTestServer(kind);
    await writeOrg(s.db, org);
    for (const key of ['tech', 'tech2', 'M', 'M2', 'peer', 'assessor', 'admin'] as const) {
      const person = org.people.find((p) => p.id === org.id[key])!;
      session[key] = await s.userSession(person.username, person.roles, { id: person.id, teamId: person.teamId });
    }
  });
  afterAll(async () => s.close());

  async function push(who: string, collection: string, rows: unknown[]): Promise<PushResponse> {
    const r = await call(s.url, 'POST', `/sync/${collection}/push`, { pushId: `acc-${kind}-${++n}`, rows }, bearer(session[who]!));
    expect(r.status).toBe(200);
    return r.body as PushResponse;
  }
  async function pull(who: string, collection: string, checkpoint: PullResponse['checkpoint'] = null): Promise<PullResponse> {
    const r = await call(s.url, 'POST', `/sync/${collection}/pull`, { checkpoint, batchSize: 1000 }, bearer(session[who]!));
    expect(r.status).toBe(200);
    return r.body as PullResponse;
  }
  const wire = (d: object): WireDocument => ({ ...(d as WireDocument), _deleted: false });

  it('Z1: pulls are filtered by team; a reassigned ticket leaves the technician as a tombstone; numbers are assigned', async () => {
    const t1 = aTicket({ teamId: org.id.T1, assigneeId: org.id.tech, region: 'cn-east', createdBy: org.id.tech });
    const t2 = aTicket({ teamId: org.id.T2, assigneeId: org.id.tech2, region: 'cn-south', createdBy: org.id.tech2 });
    expect(await push('tech', 'tickets', [{ newDocumentState: wire(t1) }])).toMatchObject({ conflicts: [] });
    expect(await push('tech2', 'tickets', [{ newDocumentState: wire(t2) }])).toMatchObject({ conflicts: [] });
    const techView = await pull('tech', 'tickets');
    expect(techView.documents.map((d) => d.id)).toEqual([t1.id]);
    expect(techView.documents[0]!.number).toBeGreaterThan(0);
    expect((await pull('tech2', 'tickets')).documents.map((d) => d.id)).toEqual([t2.id]);
    expect((await pull('M2', 'tickets')).documents.map((d) => d.id)).toEqual([t2.id]);

    const master = techView.documents[0]!;
    const moved = { ...master, teamId: org.id.T2, assigneeId: org.id.tech2, region: 'cn-south' };
    expect(await push('admin', 'tickets', [{ newDocumentState: moved, assumedMasterState: master }])).toMatchObject({ conflicts: [] });
    const after = await pull('tech', 'tickets', techView.checkpoint);
    expect(after.documents).toEqual([{ ...master, _deleted: true }]);
    expect((await pull('tech2', 'tickets')).documents.map((d) => d.id).sort()).toEqual([t1.id, t2.id].sort());

    // Writing to another team's ticket is refused with a bare tombstone (never the stored
    // doc: the reply must not leak it), and logged.
    const other = (await pull('tech2', 'tickets')).documents.find((d) => d.id === t2.id)!;
    const attempt = await push('tech', 'tickets', [{ newDocumentState: { ...other, status: 'in_progress' }, assumedMasterState: other }]);
    expect(attempt.conflicts).toEqual([{ id: t2.id, _deleted: true }]);
    const refused = (await auditEntries(s.db, 'push')).filter((e) => e.outcome === 'refused' && e.target === `tickets/${t2.id}`);
    expect(refused.map((e) => e.actor_id)).toEqual([org.id.tech]);
  });

  it('Z2: a technician changes status but not severity; refusals carry the master state', async () => {
    const t = aTicket({ teamId: org.id.T1, assigneeId: org.id.tech, region: 'cn-east', createdBy: org.id.M });
    await push('M', 'tickets', [{ newDocumentState: wire(t) }]);
    const master = (await pull('tech', 'tickets')).documents.find((d) => d.id === t.id)!;
    const sev = await push('tech', 'tickets', [{ newDocumentState: { ...master, severity: 'critical' }, assumedMasterState: master }]);
    expect(sev.conflicts).toEqual([master]);
    const status = await push('tech', 'tickets', [{ newDocumentState: { ...master, status: 'acknowledged' }, assumedMasterState: master }]);
    expect(status).toMatchObject({ conflicts: [] });
    const log = (await auditEntries(s.db, 'push')).filter((e) => e.target === `tickets/${t.id}`);
    expect(log.map((e) => e.detail?.fields)).toEqual([['severity']]);
  });

  it('Z2: new tickets get their author from the caller and no future times; other teams and SLA fields are refused', async () => {
    const ahead = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    const t = aTicket({ teamId: org.id.T1, assigneeId: org.id.tech, region: 'cn-east', createdBy: org.id.M, createdAt: ahead, updatedAt: ahead });
    expect(await push('tech', 'tickets', [{ newDocumentState: wire(t) }])).toMatchObject({ conflicts: [] });
    const stored = (await pull('tech', 'tickets')).documents.find((d) => d.id === t.id)!;
    expect(stored.createdBy).toBe(org.id.tech);
    expect(Date.parse(String(stored.createdAt))).toBeLessThanOrEqual(Date.now());
    const elsewhere = aTicket({ teamId: org.id.T2, assigneeId: org.id.tech, region: 'cn-south', createdBy: org.id.tech });
    expect((await push('tech', 'tickets', [{ newDocumentState: wire(elsewhere) }])).conflicts).toEqual([{ ...elsewhere, _deleted: true }]);
    expect((await s.db.query('select 1 from sync_docs where id = $1', [elsewhere.id])).rows).toEqual([]);

    const complaint = aTicket({ type: 'complaint', teamId: org.id.T1, assigneeId: org.id.tech, region: 'cn-east', createdBy: org.id.M, subjectPersonId: org.id.peer, reopenCount: 2 });
    await push('M', 'tickets', [{ newDocumentState: wire(complaint) }]);
    const master = (await pull('tech', 'tickets')).documents.find((d) => d.id === complaint.id)!;
    const probes: [string, Record<string, unknown>][] = [
      ['subjectPersonId', { subjectPersonId: null }],
      ['reopenCount', { reopenCount: 0 }],
      ['slaDueAt', { slaDueAt: '2099-01-01T00:00:00.000Z' }],
      ['respondedAt', { respondedAt: '2020-01-01T00:00:00.000Z' }],
    ];
    for (const [field, change] of probes) {
      const r = await push('tech', 'tickets', [{ newDocumentState: { ...master, ...change }, assumedMasterState: master }]);
      expect(r.conflicts, field).toEqual([master]);
    }
    const log = (await auditEntries(s.db, 'push')).filter((e) => e.target === `tickets/${complaint.id}`);
    expect(log.map((e) => e.detail?.fields)).toEqual(probes.map(([f]) => [f]));
  });

  it('Z5: assessments reach the person, their manager chain and assessors only', async () => {
    const a = anAssessment({ personId: org.id.tech, managerId: org.id.M });
    expect(await push('assessor', 'assessments', [{ newDocumentState: wire(a) }])).toMatchObject({ conflicts: [] });
    const ids = async (who: string) => (await pull(who, 'assessments')).documents.map((d) => d.id);
    expect(await ids('tech')).toEqual([a.id]);
    expect(await ids('M')).toEqual([a.id]);
    expect(await ids('assessor')).toEqual([a.id]);
    expect(await ids('peer')).toEqual([]);
    expect(await ids('M2')).toEqual([]);
    expect(await ids('admin')).toEqual([]);
    const byPeer = await push('peer', 'assessments', [{ newDocumentState: wire({ ...a, selfReview: { ...a.selfReview, summary: 'peer' } }), assumedMasterState: wire(a) }]);
    expect(byPeer.conflicts).toEqual([{ id: a.id, _deleted: true }]);
    // A dummy with the assessment's id and no assumed state learns nothing either, and is audited.
    const dummy = anAssessment({ id: a.id, personId: org.id.peer, managerId: org.id.M });
    expect((await push('peer', 'assessments', [{ newDocumentState: wire(dummy) }])).conflicts).toEqual([{ id: a.id, _deleted: true }]);
    const log = (await auditEntries(s.db, 'push')).filter((e) => e.target === `assessments/${a.id}` && e.actor_id === org.id.peer);
    expect(log).toHaveLength(2);
  });
});
