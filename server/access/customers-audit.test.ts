import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, newId } from '../../shared/domain/testing/builders';
import type { LoginResponse, PushResponse, WireDocument } from '../../shared/sync/protocol';
import { auditEntries } from '../audit';
import { bearer, call, startTestServer, type TestServer } from '../testing/harness';

// Customer accounts are configuration kept as synced documents: every accepted change an admin
// or manager pushes is in the audit log with who, from where, and the account before and after.
describe('customer changes in the audit log (PostgreSQL)', () => {
  let s: TestServer;
  let admin: LoginResponse;
  let tech: LoginResponse;
  let n = 0;
  beforeAll(async () => {
    s = await startTestServer('pg');
    admin = await s.userSession('ada', ['admin']);
    tech = await s.userSession('tom', ['technician']);
  });
  afterAll(async () => s.close());

  const push = async (who: LoginResponse, rows: unknown[], pushId = `customers-${++n}`): Promise<PushResponse> => {
    const r = await call(s.url, 'POST', '/sync/customers/push', { pushId, rows }, bearer(who));
    expect(r.status).toBe(200);
    return r.body as PushResponse;
  };
  const wire = (d: object, deleted = false): WireDocument => ({ ...(d as WireDocument), _deleted: deleted });
  const customerEntries = async () => (await auditEntries(s.db)).filter((e) => e.action.startsWith('customer.'));

  it('records an add, an update and a delete with before and after, once per change even when a push is replayed', async () => {
    const created = wire(aCustomer({ id: newId(), code: 'AUD-1', name: 'Audit Metro 审计' }));
    const pushId = 'customers-create';
    expect(await push(admin, [{ newDocumentState: created }], pushId)).toMatchObject({ conflicts: [] });
    // The same push again (its answer was lost) writes nothing and audits nothing.
    expect(await push(admin, [{ newDocumentState: created }], pushId)).toMatchObject({ conflicts: [] });
    const renamed = wire({ ...created, name: 'Audit Metro 2', updatedAt: new Date().toISOString() });
    expect(await push(admin, [{ newDocumentState: renamed, assumedMasterState: created }])).toMatchObject({ conflicts: [] });
    expect(await push(admin, [{ newDocumentState: wire(renamed, true), assumedMasterState: renamed }])).toMatchObject({ conflicts: [] });

    const entries = await customerEntries();
    expect(entries.map((e) => [e.action, e.outcome, e.actor, e.target])).toEqual([
      ['customer.add', 'ok', 'ada', `customers/${created.id}`],
      ['customer.update', 'ok', 'ada', `customers/${created.id}`],
      ['customer.delete', 'ok', 'ada', `customers/${created.id}`],
    ]);
    expect(entries[0]!.ip).toBe('127.0.0.1');
    expect(entries[0]!.detail).toMatchObject({ before: null, after: { code: 'AUD-1', name: 'Audit Metro 审计' } });
    expect(entries[1]!.detail).toMatchObject({ before: { name: 'Audit Metro 审计' }, after: { name: 'Audit Metro 2' } });
    expect(entries[2]!.detail).toMatchObject({ before: { name: 'Audit Metro 2' }, after: null });
  });

  it('audits a technician’s new account (made at a customer site) too; a refused delete is audited as a refused push only', async () => {
    const before = (await customerEntries()).length;
    const made = wire(aCustomer({ id: newId(), code: 'AUD-2' }));
    expect(await push(tech, [{ newDocumentState: made }])).toMatchObject({ conflicts: [] });
    expect((await push(tech, [{ newDocumentState: wire(made, true), assumedMasterState: made }])).conflicts).toHaveLength(1);
    const entries = await customerEntries();
    expect(entries.slice(before).map((e) => [e.action, e.actor])).toEqual([['customer.add', 'tom']]);
    const refused = (await auditEntries(s.db, 'push')).filter((e) => e.target === `customers/${made.id}`);
    expect(refused).toMatchObject([{ outcome: 'refused', actor: 'tom', detail: { fields: ['_deleted'] } }]);
  });
});
