import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundDraft, roundTemplateOf, dueRounds } from '../../../shared/domain/maintenance';
import { aChecklistTemplate, aMaintenancePlan, aMaintenanceReading } from '../../../shared/domain/testing/maintenance';
import type { LoginResponse, PullResponse, PushResponse, WireDocument } from '../../../shared/sync/protocol';
import { cimsOrg, writeOrg } from '../../testing/cims-org';
import { bearer, call, startTestServer, type TestServer } from '../../testing/harness';
import { writeServerDocs } from '../../sync/engine';
import { cimsRegistry } from '../cims';

// Maintenance records on the server (PostgreSQL): managers keep templates and plans, field
// staff of the team do rounds, readings are append-only in the reader's own name.
describe('maintenance records over HTTP (PostgreSQL)', () => {
  const org = cimsOrg();
  let s: TestServer;
  const session: Record<string, LoginResponse> = {};
  let n = 0;
  beforeAll(async () => {
    s = await startTestServer('pg');
    await writeOrg(s.db, org);
    for (const key of ['tech', 'tech2', 'M', 'admin'] as const) {
      const person = org.people.find((p) => p.id === org.id[key])!;
      session[key] = await s.userSession(person.username, person.roles, { id: person.id, teamId: person.teamId });
    }
  });
  afterAll(async () => s.close());

  const push = async (who: string, rows: unknown[]): Promise<PushResponse> => {
    const r = await call(s.url, 'POST', '/sync/records/push', { pushId: `maintenance-push-${++n}`, rows }, bearer(session[who]!));
    expect(r.status).toBe(200);
    return r.body as PushResponse;
  };
  const pull = async (who: string): Promise<WireDocument[]> => {
    const r = await call(s.url, 'POST', '/sync/records/pull', { checkpoint: null, batchSize: 1000 }, bearer(session[who]!));
    expect(r.status).toBe(200);
    return (r.body as PullResponse).documents.filter((d) => !d._deleted);
  };
  const wire = (d: object): WireDocument => ({ ...(d as WireDocument), _deleted: false });

  const template = aChecklistTemplate({ body: { updatedBy: org.id.M } });
  const plan = aMaintenancePlan({ ref: template.id, ref2: org.id.T1, body: { updatedBy: org.id.M } });

  it('managers keep templates and plans that everyone reads; a technician cannot', async () => {
    expect(await push('M', [{ newDocumentState: wire(template) }, { newDocumentState: wire(plan) }])).toMatchObject({ conflicts: [] });
    expect((await pull('tech')).map((d) => d.id)).toEqual(expect.arrayContaining([template.id, plan.id]));
    const mine = aChecklistTemplate({ body: { updatedBy: org.id.tech } });
    expect((await push('tech', [{ newDocumentState: wire(mine) }])).conflicts).toHaveLength(1);
    const stored = wire(plan);
    expect((await push('tech', [{ newDocumentState: { ...stored, status: 'ended' }, assumedMasterState: stored }])).conflicts).toEqual([stored]);
    // In someone else's name: refused even for a manager.
    const forged = aChecklistTemplate({ body: { updatedBy: org.id.admin } });
    expect((await push('M', [{ newDocumentState: wire(forged) }])).conflicts).toHaveLength(1);
    // A range whose low end is above its high end, pushed past the app: refused, nothing stored.
    const upside = aChecklistTemplate({ body: { updatedBy: org.id.M } });
    const items = upside.body.items.map((i) => (i.type === 'number' ? { ...i, low: 10, high: -10 } : i));
    expect(items.some((i) => i.type === 'number')).toBe(true);
    const bad = wire({ ...upside, body: { ...upside.body, items } });
    expect((await push('M', [{ newDocumentState: bad }])).conflicts).toEqual([{ ...bad, _deleted: true }]);
    expect((await pull('tech')).map((d) => d.id)).not.toContain(upside.id);
  });

  it('field staff of the team open and sign a round, keep its template version; another team cannot touch it', async () => {
    const round = roundDraft(plan, dueRounds(plan.body, '2026-03-01', '2026-03-31')[0]!, '2026-03-01T00:00:00.000Z');
    await s.db.transaction((tx) => writeServerDocs(tx, cimsRegistry().get('records')!, [{ doc: round as unknown as Record<string, unknown> }]));
    // A technician cannot create rounds: the server generates them.
    const own = { ...round, id: aChecklistTemplate().id };
    expect((await push('tech', [{ newDocumentState: wire(own) }])).conflicts).toHaveLength(1);
    const stored = wire(round);
    const opened = { ...stored, status: 'in_progress', body: { ...round.body, template: roundTemplateOf(template), openedBy: org.id.tech, openedAt: '2026-03-02T01:00:00.000Z' } };
    expect(await push('tech2', [{ newDocumentState: opened, assumedMasterState: stored }])).toEqual({ conflicts: [stored] });
    expect(await push('tech', [{ newDocumentState: opened, assumedMasterState: stored }])).toMatchObject({ conflicts: [] });
    // The version is kept: replacing it is refused, as is moving the due date.
    const v2 = { ...opened, body: { ...opened.body, template: { ...opened.body.template, version: 2 } } };
    expect((await push('tech', [{ newDocumentState: v2, assumedMasterState: opened }])).conflicts).toEqual([opened]);
    const moved = { ...opened, body: { ...opened.body, dueDate: '2026-04-30' } };
    expect((await push('tech', [{ newDocumentState: moved, assumedMasterState: opened }])).conflicts).toEqual([opened]);
    // Signed off in someone else's name: refused; in one's own: kept, then frozen.
    const forged = { ...opened, status: 'done', body: { ...opened.body, signedBy: org.id.M, signedAt: '2026-03-02T03:00:00.000Z' } };
    expect((await push('tech', [{ newDocumentState: forged, assumedMasterState: opened }])).conflicts).toEqual([opened]);
    const signed = { ...forged, body: { ...forged.body, signedBy: org.id.tech } };
    expect(await push('tech', [{ newDocumentState: signed, assumedMasterState: opened }])).toMatchObject({ conflicts: [] });
    const reopened = { ...signed, status: 'in_progress' };
    expect((await push('tech', [{ newDocumentState: reopened, assumedMasterState: signed }])).conflicts).toEqual([signed]);
  });

  it('readings are append-only, in the reader’s own name, by the round’s team', async () => {
    const mine = aMaintenanceReading({ body: { by: org.id.tech, teamId: org.id.T1 } });
    expect(await push('tech', [{ newDocumentState: wire(mine) }])).toMatchObject({ conflicts: [] });
    const again = aMaintenanceReading({ ref: mine.ref, ref2: mine.ref2, body: { by: org.id.tech, teamId: org.id.T1, value: -30, outOfRange: true } });
    expect(await push('tech', [{ newDocumentState: wire(again) }])).toMatchObject({ conflicts: [] });
    const readings = (await pull('M')).filter((d) => d.kind === 'maintenanceReading' && d.ref === mine.ref);
    expect(readings).toHaveLength(2);
    const stored = wire(mine);
    expect((await push('tech', [{ newDocumentState: { ...stored, body: { ...mine.body, value: -9 } }, assumedMasterState: stored }])).conflicts).toEqual([stored]);
    expect((await push('tech', [{ newDocumentState: { ...stored, _deleted: true }, assumedMasterState: stored }])).conflicts).toEqual([stored]);
    const forged = aMaintenanceReading({ body: { by: org.id.peer, teamId: org.id.T1 } });
    expect((await push('tech', [{ newDocumentState: wire(forged) }])).conflicts).toHaveLength(1);
    const otherTeam = aMaintenanceReading({ body: { by: org.id.tech2, teamId: org.id.T1 } });
    expect((await push('tech2', [{ newDocumentState: wire(otherTeam) }])).conflicts).toHaveLength(1);
  });
});
