import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PROTOCOL_VERSION, SYNC_VERSION_HEADER, type LoginResponse } from '../../shared/sync/protocol';
import { updateUser } from '../admin';
import { auditEntries } from '../audit';
import { bearer, call, errorCode, startTestServer, type TestServer } from '../testing/harness';
import { dbKinds } from '../testing/test-db';
import { testRegistry } from '../testing/test-registry';

const PASSWORD = 'correct horse battery';

describe.each(dbKinds)('auth on %s', (kind) => {
  let s: TestServer;
  let clock = Date.parse('2026-03-02T01:00:00.000Z');
  const actor = { id: null, name: 'test' };
  beforeAll(async () => {
    s = await startTestServer(kind, { registry: testRegistry(), now: () => clock });
  });
  afterAll(async () => s.close());

  const login = (username: string, password = PASSWORD) => call(s.url, 'POST', '/auth/login', { username, password });
  const me = (token: string) => call(s.url, 'GET', '/auth/me', undefined, bearer(token));

  it('logs in with argon2id, answers /auth/me, refuses a wrong password, and audits both', async () => {
    const session = await s.userSession('ann', ['technician']);
    expect(session.expiresIn).toBe(900);
    expect((await me(session.accessToken)).body).toMatchObject({ user: { username: 'ann', roles: ['technician'] } });
    const hash = (await s.db.query<{ password_hash: string }>(`select password_hash from users where username = 'ann'`)).rows[0]!.password_hash;
    expect(hash).toMatch(/^\$argon2id\$/);
    const wrong = await login('ann', 'nope-nope');
    expect([wrong.status, errorCode(wrong)]).toEqual([401, 'UNAUTHENTICATED']);
    const unknown = await login('nobody', 'nope-nope');
    expect((unknown.body as { error: { message: string } }).error.message).toBe((wrong.body as { error: { message: string } }).error.message);
    const log = await auditEntries(s.db, 'login');
    expect(log.map((e) => [e.actor, e.outcome])).toEqual([
      ['ann', 'ok'],
      ['ann', 'failed'],
      ['nobody', 'failed'],
    ]);
  });

  it('rotates refresh tokens and revokes them on logout', async () => {
    const first = (await login('ann')).body as LoginResponse;
    const refreshed = await call(s.url, 'POST', '/auth/refresh', { refreshToken: first.refreshToken });
    expect(refreshed.status).toBe(200);
    const second = refreshed.body as LoginResponse;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const reused = await call(s.url, 'POST', '/auth/refresh', { refreshToken: first.refreshToken });
    expect(reused.status).toBe(401);
    const out = await call(s.url, 'POST', '/auth/logout', { refreshToken: second.refreshToken }, bearer(second));
    expect(out.status).toBe(200);
    expect((await call(s.url, 'POST', '/auth/refresh', { refreshToken: second.refreshToken })).status).toBe(401);
  });

  it('a replayed rotated refresh token revokes its whole family, and is audited; other sign-ins live on', async () => {
    const stolen = (await login('ann')).body as LoginResponse;
    const other = (await login('ann')).body as LoginResponse;
    const next = (await call(s.url, 'POST', '/auth/refresh', { refreshToken: stolen.refreshToken })).body as LoginResponse;
    const replay = await call(s.url, 'POST', '/auth/refresh', { refreshToken: stolen.refreshToken });
    expect([replay.status, errorCode(replay)]).toEqual([401, 'UNAUTHENTICATED']);
    // The newer token of that family is dead too; the other sign-in is not.
    expect((await call(s.url, 'POST', '/auth/refresh', { refreshToken: next.refreshToken })).status).toBe(401);
    expect((await call(s.url, 'POST', '/auth/refresh', { refreshToken: other.refreshToken })).status).toBe(200);
    const log = (await auditEntries(s.db, 'refresh')).filter((e) => e.actor_id === stolen.user.id);
    expect(log.map((e) => e.detail?.reason)).toEqual(expect.arrayContaining(['reuse', 'revoked']));
  });

  it('logging out of all sessions also ends the access tokens already issued', async () => {
    const a = (await login('ann')).body as LoginResponse;
    const b = (await login('ann')).body as LoginResponse;
    expect((await me(b.accessToken)).status).toBe(200);
    expect((await call(s.url, 'POST', '/auth/logout', {}, bearer(a))).status).toBe(200);
    expect((await me(a.accessToken)).status).toBe(401);
    expect((await me(b.accessToken)).status).toBe(401);
    expect((await call(s.url, 'POST', '/auth/refresh', { refreshToken: b.refreshToken })).status).toBe(401);
  });

  it('takes ?access_token= on the stream route only', async () => {
    const a = (await login('ann')).body as LoginResponse;
    const q = `v=${SYNC_PROTOCOL_VERSION}&access_token=${encodeURIComponent(a.accessToken)}`;
    expect((await call(s.url, 'GET', `/auth/me?${q}`, undefined, {})).status).toBe(401);
    expect((await call(s.url, 'POST', `/sync/items/pull?${q}`, { checkpoint: null, batchSize: 5 })).status).toBe(401);
    const ac = new AbortController();
    const stream = await fetch(`${s.url}/sync/items/stream?${q}`, { signal: ac.signal });
    expect(stream.status).toBe(200);
    ac.abort();
  });

  it('expires access tokens (TOKEN_EXPIRED) while the refresh token still works', async () => {
    const session = (await login('ann')).body as LoginResponse;
    clock += 901_000;
    const r = await me(session.accessToken);
    expect([r.status, errorCode(r)]).toEqual([401, 'TOKEN_EXPIRED']);
    expect((await call(s.url, 'POST', '/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(200);
  });

  it('Z4: a password change or disabling ends every session, access and refresh', async () => {
    const bob = await s.userSession('bob', ['technician']);
    await updateUser(s.db, s.config.argon2MemoryKib, 'bob', { password: 'new password 123' }, actor);
    expect((await me(bob.accessToken)).status).toBe(401);
    expect((await call(s.url, 'POST', '/auth/refresh', { refreshToken: bob.refreshToken })).status).toBe(401);
    expect((await login('bob')).status).toBe(401);
    const again = (await login('bob', 'new password 123')).body as LoginResponse;
    expect((await me(again.accessToken)).status).toBe(200);
    await updateUser(s.db, s.config.argon2MemoryKib, 'bob', { active: false }, actor);
    expect((await me(again.accessToken)).status).toBe(401);
    expect((await call(s.url, 'POST', '/sync/items/pull', { checkpoint: null, batchSize: 5 }, bearer(again))).status).toBe(401);
    expect((await call(s.url, 'POST', '/auth/refresh', { refreshToken: again.refreshToken })).status).toBe(401);
    expect((await login('bob', 'new password 123')).status).toBe(401);
    await updateUser(s.db, s.config.argon2MemoryKib, 'bob', { active: true }, actor);
    expect((await login('bob', 'new password 123')).status).toBe(200);
  });

  it('admin API: adds users and teams for admins only; refusals and actions are audited', async () => {
    const root = await s.userSession('root', ['admin']);
    const ann = (await login('ann')).body as LoginResponse;
    const refused = await call(s.url, 'POST', '/admin/users', { username: 'eve', displayName: 'Eve', password: 'olt-patch-7Kq2-route', roles: ['admin'], region: 'CN-East' }, bearer(ann));
    expect([refused.status, errorCode(refused)]).toEqual([403, 'FORBIDDEN']);
    const made = await call(s.url, 'POST', '/admin/users', { username: 'dan', displayName: 'Dan', password: 'olt-patch-7Kq2-route', roles: ['engineer'], region: 'CN-East' }, bearer(root));
    expect(made.status).toBe(201);
    expect((await login('dan', 'olt-patch-7Kq2-route')).status).toBe(200);
    const disabled = await call(s.url, 'PATCH', '/admin/users/dan', { active: false }, bearer(root));
    expect(disabled.body).toMatchObject({ user: { username: 'dan', active: false } });
    const log = await auditEntries(s.db);
    expect(log.filter((e) => e.action === 'admin' && e.outcome === 'refused').map((e) => e.actor)).toEqual(['ann']);
    expect(log.filter((e) => e.action.startsWith('user.')).map((e) => [e.action, e.actor])).toEqual(
      expect.arrayContaining([
        ['user.add', 'root'],
        ['user.update', 'root'],
      ]),
    );
  });
});

describe('Z3: login throttling', () => {
  let s: TestServer;
  const clock = Date.parse('2026-03-02T01:00:00.000Z');
  beforeAll(async () => {
    s = await startTestServer('pglite', { registry: testRegistry(), now: () => clock });
    await s.userSession('victim', ['technician']);
    await s.userSession('other', ['technician']);
  });
  afterAll(async () => s.close());

  const attempt = (username: string, password: string, ip: string) =>
    s.app.inject({
      method: 'POST',
      url: '/auth/login',
      remoteAddress: ip,
      headers: { [SYNC_VERSION_HEADER]: String(SYNC_PROTOCOL_VERSION), 'content-type': 'application/json' },
      payload: { username, password },
    });

  it('slows 1,000 wrong passwords on one account with 429 + Retry-After, without hashing, and logs each', async () => {
    const started = Date.now();
    const statuses: number[] = [];
    let retryAfter = '';
    for (let i = 0; i < 1000; i++) {
      const r = await attempt('victim', `guess-${i}`, '203.0.113.7');
      statuses.push(r.statusCode);
      if (r.statusCode === 429) retryAfter = String(r.headers['retry-after']);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((c) => c === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // 995 answers without argon2 (each is one counter upsert and one audit row): far below
    // 1,000 hashes' cost even on a loaded machine.
    expect(Date.now() - started).toBeLessThan(60_000);
    const log = await auditEntries(s.db, 'login');
    expect(log.filter((e) => e.actor === 'victim' && e.outcome !== 'ok').length).toBe(1000);
    expect(log.filter((e) => e.outcome === 'throttled').length).toBe(995);
  });

  // The end of a block is checked in throttle.test.ts (the counters use the real clock).
  it('never locks the real user out: a fresh address signs in', async () => {
    expect((await attempt('victim', 'correct horse battery', '198.51.100.20')).statusCode).toBe(200);
    expect((await attempt('victim', 'correct horse battery', '203.0.113.7')).statusCode).toBe(429);
  });

  it('slows one address spraying many accounts', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 40; i++) codes.push((await attempt(`user${i}`, 'spray-password', '192.0.2.99')).statusCode);
    expect(codes.slice(0, 29).every((c) => c === 401)).toBe(true);
    expect(codes.slice(30).every((c) => c === 429)).toBe(true);
    // Another address is unaffected.
    expect((await attempt('other', 'correct horse battery', '192.0.2.100')).statusCode).toBe(200);
  });
});
