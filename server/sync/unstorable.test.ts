import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anEvent, aTicket } from '../../shared/domain/testing/builders';
import type { LoginResponse } from '../../shared/sync/protocol';
import { cimsOrg, writeOrg } from '../testing/cims-org';
import { bearer, call, errorCode, startTestServer, type TestServer } from '../testing/harness';
import { dbKinds } from '../testing/test-db';

/**
 * Text PostgreSQL cannot store (NUL, unpaired surrogates) is a 400 naming the field, and the
 * rest of the device's queue still goes through: never a 500 retried forever.
 */
describe.each(dbKinds)('unstorable text on %s', (kind) => {
  const org = cimsOrg();
  let s: TestServer;
  let tech: LoginResponse;
  let n = 0;
  beforeAll(async () => {
    s = await startTestServer(kind);
    await writeOrg(s.db, org);
    const p = org.people.find((x) => x.id === org.id.tech)!;
    tech = await s.userSession(p.username, p.roles, { id: p.id, teamId: p.teamId });
  });
  afterAll(async () => s.close());

  const ticket = (over: Record<string, unknown> = {}) => ({
    ...aTicket({ teamId: org.id.T1, assigneeId: org.id.tech, region: 'cn-east', createdBy: org.id.tech }),
    ...over,
    _deleted: false,
  });
  const push = (collection: string, doc: object) =>
    call(s.url, 'POST', `/sync/${collection}/push`, { pushId: `bad-text-${kind}-${++n}`, rows: [{ newDocumentState: doc }] }, bearer(tech));

  const cases: [string, string, () => object][] = [
    ['tickets', 'title', () => ticket({ title: 'fan\u0000tray' })],
    ['tickets', 'description', () => ticket({ description: 'broken \uD800 text' })],
    ['tickets', 'contact.name', () => ticket({ contact: { name: 'x\uDC00' } })],
    ['tickets', 'tags.0', () => ticket({ tags: ['a\u0000'] })],
    ['tickets', 'provisionalNumber', () => ticket({ provisionalNumber: 'P\u0000-1' })],
    ['ticketEvents', 'body', () => ({ ...anEvent('note', { ticketId: org.id.T1, authorId: org.id.tech, body: 'n\u0000te' }), _deleted: false })],
  ];
  it.each(cases)('%s.%s: 400 VALIDATION_FAILED with the field named, nothing stored', async (collection, field, doc) => {
    const before = await s.db.query<{ n: string }>('select count(*) as n from sync_docs where collection = $1', [collection]);
    const r = await push(collection, doc());
    expect(r.status).toBe(400);
    expect(errorCode(r)).toBe('VALIDATION_FAILED');
    expect((r.body as { error: { field?: string } }).error.field).toContain(field);
    const after = await s.db.query<{ n: string }>('select count(*) as n from sync_docs where collection = $1', [collection]);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('the same ticket with storable text then goes through', async () => {
    const good = ticket({ title: 'fan tray 😀' });
    const r = await push('tickets', good);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ conflicts: [] });
  });

  it('a sign-in with a NUL in the username is a 400, not a server error', async () => {
    const r = await call(s.url, 'POST', '/auth/login', { username: 'u.tech\u0000', password: 'whatever password' });
    expect(r.status).toBe(400);
  });

  it('a NUL in a path segment or a query value is a 400 naming it, not a server error', async () => {
    const admin = await s.userSession('nul.admin', ['admin']);
    const rollback = await call(s.url, 'POST', `/admin/policies/${encodeURIComponent('before\u0000after')}/rollback`, {}, bearer(admin));
    expect(rollback.status).toBe(400);
    expect(errorCode(rollback)).toBe('VALIDATION_FAILED');
    expect((rollback.body as { error: { field?: string } }).error.field).toBe('id');
    const audit = await call(s.url, 'GET', `/admin/audit?actor=${encodeURIComponent('a\u0000b')}`, undefined, bearer(admin));
    expect(audit.status).toBe(400);
    expect((audit.body as { error: { field?: string } }).error.field).toBe('actor');
  });
});
