import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundDraft, roundTemplateOf, dueRounds } from '../../../shared/domain/maintenance';
import { aChecklistTemplate, aMaintenancePlan, aMaintenanceReading } from '../../../shared/domain/testing/maintenance';
import { cimsOrg } from '../../testing/cims-org';
import { writeServerDocs } from '../../sync/engine';
import { cimsRegistry } from '../cims';
import { recordsOverHttp, type RecordsOverHttp, wire } from '../../testing/records-http';

// Maintenance records on the server (PostgreSQL): managers keep templates and plans, field
// staff of the team do rounds, readings are append-only in the reader's own name; rounds,
// readings and faults are read by the round's team, region managers and its assignee only.
describe('maintenance records over HTTP (PostgreSQL)', () => {
  const org = cimsOrg();
  let h: RecordsOverHttp;
  beforeAll(async () => {
    h = await recordsOverHttp(org, ['tech', 'tech2', 'M', 'M2', 'D', 'exp', 'assessor', 'admin'], 'maintenance-push');
  });
  afterAll(async () => h.close());

  const push = (who: string, rows: unknown[]) => h.pushOk(who, rows);
  const pull = (who: string) => h.pull(who);

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
    await h.server.db.transaction((tx) => writeServerDocs(tx, cimsRegistry().get('records')!, [{ doc: round as unknown as Record<string, unknown> }]));
    // A technician cannot create rounds: the server generates them.
    const own = { ...round, id: aChecklistTemplate().id };
    expect((await push('tech', [{ newDocumentState: wire(own) }])).conflicts).toHaveLength(1);
    const stored = wire(round);
    const opened = { ...stored, status: 'in_progress', body: { ...round.body, template: roundTemplateOf(template), openedBy: org.id.tech, openedAt: '2026-03-02T01:00:00.000Z' } };
    // Another team does not even see the round: the answer is that it does not exist for them.
    expect(await push('tech2', [{ newDocumentState: opened, assumedMasterState: stored }])).toEqual({ conflicts: [{ id: round.id, _deleted: true }], seq: expect.any(Number) });
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

  const stored = async (doc: object) =>
    h.server.db.transaction((tx) => writeServerDocs(tx, cimsRegistry().get('records')!, [{ doc: doc as unknown as Record<string, unknown> }]));
  const idsOf = async (who: string) => new Set((await pull(who)).map((d) => d.id));

  it('rounds, their readings and faults are read by the team, its region’s managers and the assignee only', async () => {
    const teamPlan = aMaintenancePlan({ ref: template.id, ref2: org.id.T1, body: { updatedBy: org.id.M } });
    const [first, second] = dueRounds(teamPlan.body, '2026-05-01', '2026-06-30');
    const teamRound = roundDraft(teamPlan, first!, '2026-05-01T00:00:00.000Z');
    // Assigned to a technician who has since moved to another team: they still read it.
    const assigned = roundDraft({ ...teamPlan, body: { ...teamPlan.body, assigneeId: org.id.tech2 } }, second!, '2026-05-01T00:00:00.000Z');
    await stored(teamRound);
    await stored(assigned);
    const readingOf = (round: { id: string }) => aMaintenanceReading({ ref: round.id, body: { by: org.id.tech, teamId: org.id.T1 } });
    const [r1, r2] = [readingOf(teamRound), readingOf(assigned)];
    expect(await push('tech', [{ newDocumentState: wire(r1) }, { newDocumentState: wire(r2) }])).toMatchObject({ conflicts: [] });
    const fault = { id: aChecklistTemplate().id, createdAt: r1.createdAt, updatedAt: r1.createdAt, kind: 'maintenanceFault', ref: r1.id, ref2: aChecklistTemplate().id, status: '', body: { roundId: teamRound.id, assetId: r1.ref2, itemKey: 'rx', teamId: org.id.T1, by: org.id.tech, at: r1.createdAt } };
    expect(await push('tech', [{ newDocumentState: wire(fault) }])).toMatchObject({ conflicts: [] });
    const all = [teamRound.id, assigned.id, r1.id, r2.id, fault.id];
    // The team, its manager, the region's director and admins read all of it.
    for (const who of ['tech', 'M', 'D', 'admin']) expect([...(await idsOf(who))].filter((id) => all.includes(id)).sort()).toEqual([...all].sort());
    // A technician of another team reads only the round assigned to them, and its reading.
    const tech2 = await idsOf('tech2');
    expect(all.filter((id) => tech2.has(id)).sort()).toEqual([assigned.id, r2.id].sort());
    // A manager of another region, an expert of another team and an assessor read none of it.
    for (const who of ['M2', 'exp', 'assessor']) {
      const seen = await idsOf(who);
      expect(all.filter((id) => seen.has(id))).toEqual([]);
    }
    // Templates and plans stay readable by all staff.
    expect(await idsOf('M2')).toContain(template.id);
    // A manager of another region cannot change a round they cannot read.
    const w = wire(teamRound);
    expect((await push('M2', [{ newDocumentState: { ...w, body: { ...teamRound.body, assigneeId: org.id.tech2 } }, assumedMasterState: w }])).conflicts).toEqual([{ id: w.id, _deleted: true }]);
  });

  it('only managers and admins change who a round is assigned to', async () => {
    const p = aMaintenancePlan({ ref: template.id, ref2: org.id.T1, body: { updatedBy: org.id.M } });
    const round = roundDraft(p, dueRounds(p.body, '2026-08-01', '2026-08-31')[0]!, '2026-08-01T00:00:00.000Z');
    await stored(round);
    const w = wire(round);
    const toTech = { ...w, body: { ...round.body, assigneeId: org.id.tech } };
    // A technician of the team may work on the round but not take it (nor give it away).
    expect((await push('tech', [{ newDocumentState: toTech, assumedMasterState: w }])).conflicts).toEqual([w]);
    expect(await push('M', [{ newDocumentState: toTech, assumedMasterState: w }])).toMatchObject({ conflicts: [] });
    const back = { ...toTech, body: { ...toTech.body, assigneeId: null } };
    expect((await push('tech', [{ newDocumentState: back, assumedMasterState: toTech }])).conflicts).toEqual([toTech]);
    // Opening the assigned round is still the technician's work.
    const opened = { ...toTech, status: 'in_progress', body: { ...toTech.body, template: roundTemplateOf(template), openedBy: org.id.tech, openedAt: '2026-08-01T01:00:00.000Z' } };
    expect(await push('tech', [{ newDocumentState: opened, assumedMasterState: toTech }])).toMatchObject({ conflicts: [] });
    expect(await push('admin', [{ newDocumentState: { ...opened, body: { ...opened.body, assigneeId: null } }, assumedMasterState: opened }])).toMatchObject({ conflicts: [] });
  });
});
