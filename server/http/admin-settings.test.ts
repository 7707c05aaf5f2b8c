import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORG_SETTINGS } from '../../shared/domain/organisation';
import type { LoginResponse } from '../../shared/sync/protocol';
import { routePath, routes, type RouteName } from '../../shared/sync/routes';
import { orgSettings } from '../adminSettings';
import { bearer, call, errorCode, startTestServer, type TestServer } from '../testing/harness';
import { dbKinds } from '../testing/test-db';

const settings = { ...DEFAULT_ORG_SETTINGS, name: 'East Telecom Service', defaultTimeZone: 'Asia/Shanghai', reopenWindowDays: 7, passwordMinLength: 14 };

describe.each(dbKinds)('organisation settings route on %s', (kind) => {
  let s: TestServer;
  let root: LoginResponse;
  beforeAll(async () => {
    s = await startTestServer(kind);
    root = await s.userSession('root', ['admin']);
  });
  afterAll(async () => s.close());

  const admin = (name: RouteName, body?: unknown, params: Record<string, string> = {}, token: LoginResponse = root) =>
    call(s.url, routes[name].method, (routePath as (n: RouteName, p?: Record<string, string>) => string)(name, params), body, bearer(token));
  const newUser = (username: string, password: string) => admin('createUser', { username, displayName: username, password, roles: ['technician'], region: 'CN-East' });

  it('holds a 12-character password minimum before any settings are saved', async () => {
    const short = await newUser('ella', 'elevenchars');
    expect([short.status, (short.body as { error: { field: string } }).error.field]).toEqual([400, 'password']);
    expect((await newUser('ella', 'twelve chars')).status).toBe(201);
  });

  it('saves the settings as a new record, audited with before and after, and the password minimum follows them', async () => {
    const saved = await admin('saveSettings', settings);
    expect(saved.status).toBe(201);
    expect(await orgSettings(s.db)).toEqual(settings);
    const log = await s.db.query<{ actor: string; detail: { before: { name: string }; after: { name: string } } }>(`select actor, detail from audit_log where action = 'settings.save'`);
    expect(log.rows.map((r) => [r.actor, r.detail.before.name, r.detail.after.name])).toEqual([['root', DEFAULT_ORG_SETTINGS.name, 'East Telecom Service']]);
    const thirteen = await newUser('finn', 'thirteen char');
    expect([thirteen.status, (thirteen.body as { error: { field: string } }).error.field]).toEqual([400, 'password']);
    const reset = await admin('updateUser', { password: 'thirteen char' }, { id: 'ella' });
    expect(reset.status).toBe(400);
    expect((await admin('updateUser', { password: 'fourteen chars' }, { id: 'ella' })).status).toBe(200);
    await admin('saveSettings', { ...settings, reopenWindowDays: 10 });
    expect((await orgSettings(s.db)).reopenWindowDays).toBe(10);
    expect((await s.db.query(`select 1 from sync_docs where collection = 'records' and doc->>'kind' = 'orgSettings'`)).rows).toHaveLength(2);
  });

  it('refuses a bad zone and a password minimum below 8, naming the field, and changes nothing', async () => {
    const before = await orgSettings(s.db);
    const zone = await admin('saveSettings', { ...settings, defaultTimeZone: 'Mars/Olympus' });
    expect([zone.status, (zone.body as { error: { field: string } }).error.field]).toEqual([400, 'defaultTimeZone']);
    const weak = await admin('saveSettings', { ...settings, passwordMinLength: 4 });
    expect([weak.status, (weak.body as { error: { field: string } }).error.field]).toEqual([400, 'passwordMinLength']);
    expect(await orgSettings(s.db)).toEqual(before);
  });

  it('refuses a non-admin with 403 and audits it', async () => {
    const manager = await s.userSession('mona', ['manager']);
    const r = await admin('saveSettings', settings, {}, manager);
    expect([r.status, errorCode(r)]).toEqual([403, 'FORBIDDEN']);
    expect((await s.db.query(`select 1 from audit_log where action = 'admin' and outcome = 'refused' and actor = 'mona' and target like '/admin/settings%'`)).rows).toHaveLength(1);
  });
});
