import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCycle, anAssessment, anOutcomeApproval, newId } from '../../shared/domain/testing/builders';
import type { Assessment, ImprovementGoalRecord } from '../../shared/schema';
import type { LoginResponse, PullResponse, PushResponse, WireDocument } from '../../shared/sync/protocol';
import { cimsOrg, writeOrg } from '../testing/cims-org';
import { bearer, call, startTestServer, type TestServer } from '../testing/harness';

// One-up approval on the server (PostgreSQL): the manager above the reviewing manager (or an
// assessor where there is none) decides a reward or an improvement plan in calibration; the
// decision is management's (not the person's, not a peer's); an assessment leaves calibration
// with such an outcome only once it is approved.
describe('outcome approvals over HTTP (PostgreSQL)', () => {
  const org = cimsOrg();
  let s: TestServer;
  const session: Record<string, LoginResponse> = {};
  let n = 0;
  beforeAll(async () => {
    s = await startTestServer('pg');
    await writeOrg(s.db, org);
    for (const key of ['tech', 'peer', 'tech2', 'M', 'M2', 'D', 'assessor'] as const) {
      const person = org.people.find((p) => p.id === org.id[key])!;
      session[key] = await s.userSession(person.username, person.roles, { id: person.id, teamId: person.teamId });
    }
  });
  afterAll(async () => s.close());

  const push = async (who: string, collection: string, rows: unknown[]): Promise<PushResponse> => {
    const r = await call(s.url, 'POST', `/sync/${collection}/push`, { pushId: `approval-push-${++n}`, rows }, bearer(session[who]!));
    expect(r.status).toBe(200);
    return r.body as PushResponse;
  };
  const pull = async (who: string, collection: string): Promise<WireDocument[]> => {
    const r = await call(s.url, 'POST', `/sync/${collection}/pull`, { checkpoint: null, batchSize: 1000 }, bearer(session[who]!));
    expect(r.status).toBe(200);
    return (r.body as PullResponse).documents.filter((d) => !d._deleted);
  };
  const wire = (d: object): WireDocument => ({ ...(d as WireDocument), _deleted: false });
  /** An assessment in calibration with a reward, stored by the assessor. */
  const rewarded = async (personId: string, managerId: string): Promise<Assessment> => {
    const a = anAssessment({ personId, managerId, phase: 'calibration', total: 4.75, outcome: 'reward' });
    expect(await push('assessor', 'assessments', [{ newDocumentState: wire(a) }])).toMatchObject({ conflicts: [] });
    return a;
  };

  it('the director above the reviewing manager approves; the manager, the person, a peer and the assessor cannot', async () => {
    const a = await rewarded(org.id.tech, org.id.M);
    for (const who of ['M', 'tech', 'peer', 'assessor'] as const) {
      const attempt = anOutcomeApproval(a, { body: { decidedBy: org.id[who] } });
      expect((await push(who, 'records', [{ newDocumentState: wire(attempt) }])).conflicts, who).toHaveLength(1);
    }
    // In someone else's name: refused too.
    expect((await push('D', 'records', [{ newDocumentState: wire(anOutcomeApproval(a, { body: { decidedBy: org.id.M } })) }])).conflicts).toHaveLength(1);
    const approval = anOutcomeApproval(a, { body: { decidedBy: org.id.D } });
    expect(await push('D', 'records', [{ newDocumentState: wire(approval) }])).toMatchObject({ conflicts: [] });
    // Management reads it; the person and the peer do not.
    for (const who of ['D', 'M', 'assessor']) expect((await pull(who, 'records')).map((d) => d.id), who).toContain(approval.id);
    for (const who of ['tech', 'peer']) expect((await pull(who, 'records')).map((d) => d.id), who).not.toContain(approval.id);
    // A decision is never changed: a later one supersedes it.
    const stored = wire(approval);
    expect((await push('D', 'records', [{ newDocumentState: { ...stored, status: 'returned', body: { ...approval.body, comment: 'no' } }, assumedMasterState: stored }])).conflicts).toEqual([stored]);
  });

  it('a decision must match the stored assessment: its phase, outcome and reviewer', async () => {
    const a = await rewarded(org.id.peer, org.id.M);
    expect((await push('D', 'records', [{ newDocumentState: wire(anOutcomeApproval(a, { body: { decidedBy: org.id.D, outcome: 'improvement_plan' } })) }])).conflicts).toHaveLength(1);
    const early = anAssessment({ personId: org.id.peer, managerId: org.id.M, phase: 'manager_review', total: 4.75, outcome: 'reward' });
    await push('assessor', 'assessments', [{ newDocumentState: wire(early) }]);
    expect((await push('D', 'records', [{ newDocumentState: wire(anOutcomeApproval(early, { body: { decidedBy: org.id.D } })) }])).conflicts).toHaveLength(1);
  });

  it('where the reviewing manager has nobody above, an assessor decides', async () => {
    const a = await rewarded(org.id.tech2, org.id.M2);
    expect(await push('assessor', 'records', [{ newDocumentState: wire(anOutcomeApproval(a, { body: { decidedBy: org.id.assessor } })) }])).toMatchObject({ conflicts: [] });
  });

  it('the assessment leaves calibration with a reward only once it is approved', async () => {
    const a = await rewarded(org.id.eng, org.id.M);
    const stored = wire(a);
    const moved = { ...stored, phase: 'acknowledgement' };
    expect((await push('assessor', 'assessments', [{ newDocumentState: moved, assumedMasterState: stored }])).conflicts).toHaveLength(1);
    const returned = anOutcomeApproval(a, { status: 'returned', body: { decidedBy: org.id.D, comment: 'not yet' } });
    expect(await push('D', 'records', [{ newDocumentState: wire(returned) }])).toMatchObject({ conflicts: [] });
    expect((await push('assessor', 'assessments', [{ newDocumentState: moved, assumedMasterState: stored }])).conflicts).toHaveLength(1);
    const approved = anOutcomeApproval(a, { createdAt: '2026-04-02T00:00:00.000Z', body: { decidedBy: org.id.D } });
    expect(await push('D', 'records', [{ newDocumentState: wire(approved) }])).toMatchObject({ conflicts: [] });
    expect(await push('assessor', 'assessments', [{ newDocumentState: moved, assumedMasterState: stored }])).toMatchObject({ conflicts: [] });
  });

  it('improvement plan goals: set by the managers above once final, read by the person, never by a peer', async () => {
    const cycle = aCycle({ id: newId(), endsOn: '2026-03-31' });
    expect(await push('assessor', 'assessmentCycles', [{ newDocumentState: wire(cycle) }])).toMatchObject({ conflicts: [] });
    const a = anAssessment({ cycleId: cycle.id, personId: org.id.peer, managerId: org.id.M, phase: 'acknowledgement', total: 2.25, outcome: 'improvement_plan' });
    expect(await push('assessor', 'assessments', [{ newDocumentState: wire(a) }])).toMatchObject({ conflicts: [] });
    const goal = (over: Partial<ImprovementGoalRecord['body']> = {}): ImprovementGoalRecord => ({
      id: newId(),
      createdAt: '2026-04-20T00:00:00.000Z',
      updatedAt: '2026-04-20T00:00:00.000Z',
      kind: 'improvementGoal',
      ref: a.id,
      ref2: org.id.peer,
      status: 'open',
      body: { cycleId: cycle.id, title: 'First response within the SLA', ownerId: org.id.peer, dueOn: '2026-06-30', setBy: org.id.M, followUp: '', followedUpBy: null, ...over },
    });
    // The person, a peer, an owner outside the chain, a due date inside the quarter: refused.
    expect((await push('peer', 'records', [{ newDocumentState: wire(goal({ setBy: org.id.peer })) }])).conflicts).toHaveLength(1);
    expect((await push('tech', 'records', [{ newDocumentState: wire(goal({ setBy: org.id.tech })) }])).conflicts).toHaveLength(1);
    expect((await push('M', 'records', [{ newDocumentState: wire(goal({ ownerId: org.id.tech })) }])).conflicts).toHaveLength(1);
    expect((await push('M', 'records', [{ newDocumentState: wire(goal({ dueOn: '2026-03-15' })) }])).conflicts).toHaveLength(1);
    const ok = goal();
    expect(await push('M', 'records', [{ newDocumentState: wire(ok) }])).toMatchObject({ conflicts: [] });
    for (const who of ['peer', 'M', 'D', 'assessor']) expect((await pull(who, 'records')).map((d) => d.id), who).toContain(ok.id);
    expect((await pull('tech', 'records')).map((d) => d.id)).not.toContain(ok.id);
    // The person does not mark their own goal met; the director above does.
    const stored = wire(ok);
    const met = { ...stored, status: 'met', body: { ...ok.body, followUp: 'done', followedUpBy: org.id.peer } };
    expect((await push('peer', 'records', [{ newDocumentState: met, assumedMasterState: stored }])).conflicts).toHaveLength(1);
    expect(await push('D', 'records', [{ newDocumentState: { ...met, body: { ...met.body, followedUpBy: org.id.D } }, assumedMasterState: stored }])).toMatchObject({ conflicts: [] });
  });
});
