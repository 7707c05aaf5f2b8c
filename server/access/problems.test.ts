import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aProblem, newId } from '../../shared/domain/testing/builders';
import type { ProblemAction } from '../../shared/schema';
import type { LoginResponse, PullResponse, PushResponse, WireDocument } from '../../shared/sync/protocol';
import { auditEntries } from '../audit';
import { cimsOrg, writeOrg } from '../testing/cims-org';
import { bearer, call, startTestServer, type TestServer } from '../testing/harness';

/**
 * The problem rules of the domain, enforced on push over HTTP on a real PostgreSQL: what the
 * app refuses before it writes (shared/domain/problems.ts), the server refuses from any client.
 */
describe('problem content rules on push (PostgreSQL)', () => {
  const org = cimsOrg();
  let s: TestServer;
  const session: Record<string, LoginResponse> = {};
  let n = 0;
  const created = new Date(Date.now() - 10 * 86_400_000).toISOString();
  const day = (offsetDays: number) => new Date(Date.parse(created) + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const action = (over: Partial<ProblemAction> = {}): ProblemAction => ({ id: newId(), kind: 'corrective', description: 'Hot patch', ownerId: org.id.eng, dueDate: day(7), status: 'open', effective: null, checkedAt: null, ...over });
  const wire = (d: object): WireDocument => ({ ...(d as WireDocument), _deleted: false });

  beforeAll(async () => {
    s = await startTestServer('pg');
    await writeOrg(s.db, org);
    for (const key of ['eng', 'M', 'admin', 'tech'] as const) {
      const person = org.people.find((p) => p.id === org.id[key])!;
      session[key] = await s.userSession(person.username, person.roles, { id: person.id, teamId: person.teamId });
    }
  });
  afterAll(async () => s.close());

  const push = async (who: string, rows: unknown[]): Promise<PushResponse> => {
    const r = await call(s.url, 'POST', '/sync/problems/push', { pushId: `problems-${++n}`, rows }, bearer(session[who]!));
    expect(r.status).toBe(200);
    return r.body as PushResponse;
  };
  const pull = async (who: string): Promise<PullResponse> => {
    const r = await call(s.url, 'POST', '/sync/problems/pull', { checkpoint: null, batchSize: 1000 }, bearer(session[who]!));
    expect(r.status).toBe(200);
    return r.body as PullResponse;
  };
  const stored = async (id: string) => (await s.db.query<{ doc: Record<string, unknown> }>('select doc from sync_docs where id = $1', [id])).rows[0]?.doc ?? null;

  it('refuses a problem with no linked ticket, from any role, and stores nothing', async () => {
    for (const who of ['eng', 'M', 'admin']) {
      const p = aProblem({ createdAt: created, updatedAt: created, ticketIds: [] });
      expect((await push(who, [{ newDocumentState: wire(p) }])).conflicts, who).toEqual([{ ...p, _deleted: true }]);
      expect(await stored(p.id), who).toBeNull();
    }
    const refused = (await auditEntries(s.db, 'push')).filter((e) => e.outcome === 'refused' && String(e.target).startsWith('problems/'));
    expect(refused.map((e) => e.detail?.fields)).toEqual([['ticketIds'], ['ticketIds'], ['ticketIds']]);
  });

  it('refuses an action due before the problem was created; accepts one due on that day', async () => {
    const early = aProblem({ createdAt: created, updatedAt: created, ticketIds: [newId()], actions: [action({ dueDate: day(-3) })] });
    expect((await push('M', [{ newDocumentState: wire(early) }])).conflicts).toEqual([{ ...early, _deleted: true }]);
    expect(await stored(early.id)).toBeNull();

    const ok = aProblem({ createdAt: created, updatedAt: created, ticketIds: [newId()], actions: [action({ dueDate: day(0) })] });
    expect(await push('eng', [{ newDocumentState: wire(ok) }])).toMatchObject({ conflicts: [] });
    expect((await stored(ok.id))?.actions).toEqual(ok.actions);
  });

  it('an update that unlinks every ticket or re-dates an action too early is answered with the master state', async () => {
    const p = aProblem({ createdAt: created, updatedAt: created, ticketIds: [newId(), newId()], actions: [action()] });
    expect(await push('eng', [{ newDocumentState: wire(p) }])).toMatchObject({ conflicts: [] });
    const master = (await pull('eng')).documents.find((d) => d.id === p.id)!;

    const unlinked = await push('eng', [{ newDocumentState: { ...master, ticketIds: [] }, assumedMasterState: master }]);
    expect(unlinked.conflicts).toEqual([master]);
    const actions = master.actions as ProblemAction[];
    const redated = await push('admin', [{ newDocumentState: { ...master, actions: [{ ...actions[0]!, dueDate: day(-3) }] }, assumedMasterState: master }]);
    expect(redated.conflicts).toEqual([master]);
    expect((await stored(p.id))?.ticketIds).toEqual(p.ticketIds);

    // The same document with a new action due later, and one ticket fewer, is fine.
    const next = { ...master, ticketIds: [p.ticketIds[0]!], actions: [...actions, action({ kind: 'preventive', dueDate: day(30) })], updatedAt: new Date().toISOString() };
    expect(await push('eng', [{ newDocumentState: next, assumedMasterState: master }])).toMatchObject({ conflicts: [] });
    expect(((await stored(p.id))?.actions as ProblemAction[]).map((a) => a.kind)).toEqual(['corrective', 'preventive']);
    // Technicians read problems but never write them.
    const tech = await push('tech', [{ newDocumentState: { ...next, title: 'mine' }, assumedMasterState: next }]);
    expect(tech.conflicts).toHaveLength(1);
  });
});
