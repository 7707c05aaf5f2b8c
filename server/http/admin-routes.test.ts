import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { LoginResponse } from '../../shared/sync/protocol';
import { routePath, routes, type RouteName } from '../../shared/sync/routes';
import { bearer, call, errorCode, startTestServer, type TestServer } from '../testing/harness';
import { dbKinds } from '../testing/test-db';

const PASSWORD = 'correct horse battery';

describe.each(dbKinds)('admin routes on %s', (kind) => {
  let s: TestServer;
  let root: LoginResponse;
  beforeAll(async () => {
    s = await startTestServer(kind);
    root = await s.userSession('root', ['admin']);
  });
  afterAll(async () => s.close());

  const admin = (name: RouteName, body?: unknown, params: Record<string, string> = {}, token: LoginResponse = root, query = '') =>
    call(s.url, routes[name].method, (routePath as (n: RouteName, p?: Record<string, string>) => string)(name, params) + query, body, bearer(token));
  const person = async (id: string) => (await s.db.query<{ doc: Record<string, unknown> }>(`select doc from sync_docs where collection = 'people' and id = $1`, [id])).rows[0]?.doc;
  const login = (username: string, password = PASSWORD) => call(s.url, 'POST', '/auth/login', { username, password });

  it('creates a team and a person with roles, team, manager and region; the person signs in', async () => {
    const team = await admin('createTeam', { name: 'Field East 2', level: 'L1', function: 'field', region: 'CN-East' });
    expect(team.status).toBe(201);
    const teamId = (team.body as { team: { id: string } }).team.id;
    const boss = await admin('createUser', { username: 'boss', displayName: 'Boss', password: PASSWORD, roles: ['manager'], title: 'service_manager', region: 'CN-East' });
    const bossId = (boss.body as { user: { id: string } }).user.id;
    const made = await admin('createUser', { username: 'Tina', displayName: 'Tina Tech', password: PASSWORD, roles: ['technician'], teamId, managerId: bossId, region: 'CN-South' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ user: { username: 'tina', roles: ['technician'], teamId, active: true, mustChangePassword: false } });
    const id = (made.body as { user: { id: string } }).user.id;
    expect(await person(id)).toMatchObject({ username: 'tina', displayName: 'Tina Tech', teamId, managerId: bossId, region: 'CN-South', active: true });
    expect((await login('tina')).status).toBe(200);
  });

  it('refuses a bad body with the field named and a team or manager that does not exist, writing nothing', async () => {
    const before = (await s.db.query('select id from users')).rows.length;
    const bad = await admin('createUser', { username: 'x', displayName: '', password: 'short', roles: [], region: 'CN-East' });
    expect([bad.status, errorCode(bad)]).toEqual([400, 'BAD_REQUEST']);
    const noTeam = await admin('createUser', { username: 'nobody', displayName: 'N', password: PASSWORD, roles: ['engineer'], teamId: uuidv7(), region: 'CN-East' });
    expect([noTeam.status, (noTeam.body as { error: { field: string } }).error.field]).toEqual([400, 'teamId']);
    expect((await s.db.query('select id from users')).rows.length).toBe(before);
  });

  it('writes a user and their person record together: a person record the schema refuses leaves no user behind', async () => {
    // A valid username whose derived address is not a valid e-mail (two dots in a row).
    const made = await admin('createUser', { username: 'a..b', displayName: 'Dots', password: PASSWORD, roles: ['engineer'], region: 'CN-East' });
    expect([made.status, errorCode(made)]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await s.db.query(`select id from users where username = 'a..b'`)).rows).toEqual([]);
    expect((await login('a..b')).status).toBe(401);
  });

  it('refuses a manager who would manage themself, directly or through their reports', async () => {
    const boss = await s.db.query<{ id: string }>(`select id from users where username = 'boss'`);
    const tina = await s.db.query<{ id: string }>(`select id from users where username = 'tina'`);
    const bossId = boss.rows[0]!.id;
    const self = await admin('updateUser', { managerId: bossId }, { id: bossId });
    expect([self.status, (self.body as { error: { field: string } }).error.field]).toEqual([400, 'managerId']);
    const loop = await admin('updateUser', { managerId: tina.rows[0]!.id }, { id: 'boss' });
    expect(loop.status).toBe(400);
    expect((await person(bossId))!.managerId).toBeNull();
  });

  it('moves a person to another team and changes roles; the audit keeps before and after', async () => {
    const team = await admin('createTeam', { name: 'Support L2', level: 'L2', function: 'technical_support', region: 'CN-East' });
    const teamId = (team.body as { team: { id: string } }).team.id;
    const moved = await admin('updateUser', { teamId, roles: ['technician', 'engineer'] }, { id: 'tina' });
    expect(moved.body).toMatchObject({ user: { teamId, roles: ['technician', 'engineer'] } });
    const log = await admin('auditLog', undefined, {}, root, '?action=user.roles');
    const entry = (log.body as { entries: { target: string; actor: string; detail: { before: { teamId: string }; after: { teamId: string } } }[] }).entries[0]!;
    expect(entry.actor).toBe('root');
    expect(entry.detail.after.teamId).toBe(teamId);
    expect(entry.detail.before.teamId).not.toBe(teamId);
  });

  it('a reset password must be changed and ends every session; disabling ends them too', async () => {
    const session = (await login('tina')).body as LoginResponse;
    const reset = await admin('updateUser', { password: 'a new password 1' }, { id: 'tina' });
    expect(reset.body).toMatchObject({ user: { mustChangePassword: true } });
    expect((await call(s.url, 'POST', '/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
    expect((await call(s.url, 'GET', '/auth/me', undefined, bearer(session))).status).toBe(401);
    // The handed-over password only lets her choose her own: refused until she does.
    const forced = await login('tina', 'a new password 1');
    expect([forced.status, errorCode(forced)]).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
    const same = await call(s.url, 'POST', '/auth/login', { username: 'tina', password: 'a new password 1', newPassword: 'a new password 1' });
    const short = await call(s.url, 'POST', '/auth/login', { username: 'tina', password: 'a new password 1', newPassword: 'tiny pass' });
    expect([same.status, (same.body as { error: { field: string } }).error.field, short.status, (short.body as { error: { field: string } }).error.field]).toEqual([400, 'newPassword', 400, 'newPassword']);
    const changed = await call(s.url, 'POST', '/auth/login', { username: 'tina', password: 'a new password 1', newPassword: 'tina chose this one' });
    expect(changed.status).toBe(200);
    expect((await s.db.query<{ must_change_password: boolean }>(`select must_change_password from users where username = 'tina'`)).rows[0]!.must_change_password).toBe(false);
    expect((await s.db.query(`select 1 from audit_log where action = 'password.change' and actor = 'tina'`)).rows).toHaveLength(1);
    expect((await login('tina', 'a new password 1')).status).toBe(401);
    const again = (await login('tina', 'tina chose this one')).body as LoginResponse;
    const off = await admin('updateUser', { active: false }, { id: 'tina' });
    expect(off.body).toMatchObject({ user: { active: false } });
    expect((await call(s.url, 'POST', '/auth/refresh', { refreshToken: again.refreshToken })).status).toBe(401);
    expect((await login('tina', 'tina chose this one')).status).toBe(401);
    expect((await admin('updateUser', { active: true }, { id: 'tina' })).status).toBe(200);
    expect((await login('tina', 'tina chose this one')).status).toBe(200);
    const own = await admin('updateUser', { active: false }, { id: 'root' });
    expect([own.status, (own.body as { error: { field: string } }).error.field]).toEqual([400, 'active']);
  });

  it('refuses to retire a team that still has open tickets, with the count', async () => {
    const team = await admin('createTeam', { name: 'Busy team', region: 'CN-East' });
    const teamId = (team.body as { team: { id: string } }).team.id;
    const insert = `insert into sync_docs (collection, id, seq, doc) values ('tickets', $1, $2, $3)`;
    await s.db.query(insert, [uuidv7(), 900001, JSON.stringify({ teamId, status: 'in_progress' })]);
    await s.db.query(insert, [uuidv7(), 900002, JSON.stringify({ teamId, status: 'new' })]);
    await s.db.query(insert, [uuidv7(), 900003, JSON.stringify({ teamId, status: 'closed' })]);
    const refused = await admin('updateTeam', { active: false }, { id: teamId });
    expect([refused.status, (refused.body as { error: { message: string } }).error.message]).toEqual([400, 'The team still has 2 open tickets; move them first']);
    const renamed = await admin('updateTeam', { name: 'Busy team East' }, { id: teamId });
    expect(renamed.body).toMatchObject({ team: { name: 'Busy team East', active: true } });
  });

  it('refuses every admin route to a non-admin, and audits each refusal', async () => {
    const manager = await s.userSession('mona', ['manager', 'assessor']);
    const attempts: [RouteName, unknown, Record<string, string>][] = [
      ['createUser', { username: 'eve', displayName: 'Eve', password: PASSWORD, roles: ['admin'], region: 'CN-East' }, {}],
      ['updateUser', { roles: ['admin'] }, { id: 'mona' }],
      ['createTeam', { name: 'Shadow', region: 'CN-East' }, {}],
      ['updateTeam', { name: 'Shadow' }, { id: uuidv7() }],
      ['auditLog', undefined, {}],
    ];
    for (const [name, body, params] of attempts) {
      const r = await admin(name, body, params, manager);
      expect([name, r.status, errorCode(r)]).toEqual([name, 403, 'FORBIDDEN']);
    }
    expect((await s.db.query(`select 1 from users where username = 'eve'`)).rows).toHaveLength(0);
    const refused = await admin('auditLog', undefined, {}, root, '?action=admin&outcome=refused&actor=mona');
    expect((refused.body as { entries: unknown[] }).entries).toHaveLength(attempts.length);
  });

  it('filters the audit log by action, actor, outcome and time, newest first, and pages with before', async () => {
    const all = await admin('auditLog', undefined, {}, root, '?limit=3');
    const entries = (all.body as { entries: { id: number }[] }).entries;
    expect(entries).toHaveLength(3);
    expect(entries[0]!.id).toBeGreaterThan(entries[1]!.id);
    const next = await admin('auditLog', undefined, {}, root, `?limit=3&before=${entries[2]!.id}`);
    expect((next.body as { entries: { id: number }[] }).entries[0]!.id).toBeLessThan(entries[2]!.id);
    const logins = await admin('auditLog', undefined, {}, root, '?action=login&outcome=failed');
    expect((logins.body as { entries: { actor: string }[] }).entries.map((e) => e.actor)).toContain('tina');
    const future = await admin('auditLog', undefined, {}, root, `?from=${encodeURIComponent('2999-01-01T00:00:00.000Z')}`);
    expect((future.body as { entries: unknown[] }).entries).toEqual([]);
    const bad = await admin('auditLog', undefined, {}, root, '?outcome=maybe');
    expect(bad.status).toBe(400);
  });
});
