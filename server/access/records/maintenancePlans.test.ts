import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMaintenancePlan } from '../../../shared/domain/testing/maintenance';
import type { LoginResponse, PushResponse, WireDocument } from '../../../shared/sync/protocol';
import { cimsOrg, writeOrg } from '../../testing/cims-org';
import { bearer, call, startTestServer, type TestServer } from '../../testing/harness';

// Plans pushed past the app are checked as main checks them: a plan of a model names the model,
// a list plan an asset, a maintenance window a day and an end after its start.
describe('maintenance plans over HTTP (PostgreSQL)', () => {
  const org = cimsOrg();
  let s: TestServer;
  let manager: LoginResponse;
  let n = 0;
  beforeAll(async () => {
    s = await startTestServer('pg');
    await writeOrg(s.db, org);
    const person = org.people.find((p) => p.id === org.id.M)!;
    manager = await s.userSession(person.username, person.roles, { id: person.id, teamId: person.teamId });
  });
  afterAll(async () => s.close());

  const push = async (doc: object): Promise<PushResponse> => {
    const r = await call(s.url, 'POST', '/sync/records/push', { pushId: `plan-push-${++n}`, rows: [{ newDocumentState: { ...doc, _deleted: false } as WireDocument }] }, bearer(manager));
    expect(r.status).toBe(200);
    return r.body as PushResponse;
  };
  const plan = (body: Partial<ReturnType<typeof aMaintenancePlan>['body']>) => aMaintenancePlan({ ref2: org.id.T1, body: { updatedBy: org.id.M, ...body } });

  it('stores a model plan, a running-hours plan with a window and an older plan without scope', async () => {
    expect((await push(plan({ scope: 'model', model: 'MA5800', assetIds: [], siteId: null }))).conflicts).toEqual([]);
    expect((await push(plan({ frequency: { every: 500, unit: 'running_hours' }, workWindow: { weekdays: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' } }))).conflicts).toEqual([]);
    expect((await push(plan({}))).conflicts).toEqual([]);
  });

  it('refuses what main refuses', async () => {
    for (const bad of [
      plan({ scope: 'model', model: '', assetIds: [] }),
      plan({ assetIds: [] }),
      plan({ workWindow: { weekdays: [], from: '09:00', to: '17:00' } }),
      plan({ workWindow: { weekdays: [1], from: '17:00', to: '09:00' } }),
    ]) {
      expect((await push(bad)).conflicts, JSON.stringify(bad.body)).toHaveLength(1);
    }
  });
});
