import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonRow, TeamRow } from '../../shared/api/admin';
import type { Result } from '../../shared/api/result';
import { createCore, type Core } from '../../electron/core/core';
import { startTestServer, type TestServer } from '../../server/testing/harness';

const PASSWORD = 'correct horse battery';

/** The latest value of a live query once it satisfies `ready`. */
const until = async <T>(core: Core, name: string, ready: (value: T) => boolean, timeoutMs = 20_000): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} never got there`)), timeoutMs);
    let stop: (() => void) | null = null;
    const sub = core.router.subscribe(name, {}, (r: Result<unknown>) => {
      if (r.ok && ready(r.value as T)) {
        clearTimeout(timer);
        queueMicrotask(() => stop?.());
        resolve(r.value as T);
      }
    });
    if (sub.ok) stop = sub.value;
  });

// The app's admin commands travel to the real server with the session's tokens; the result
// comes back through sync into the lists.
describe('admin commands from the app to the server', () => {
  let server: TestServer;
  let dir: string;
  let core: Core;

  beforeAll(async () => {
    server = await startTestServer('pg');
    await server.userSession('root', ['admin']);
    await server.userSession('tom', ['technician']);
    dir = await mkdtemp(join(tmpdir(), 'cims-admin-'));
    core = await createCore({ dataDir: dir, shell: 'harness', version: '1.0.0' });
  });
  afterAll(async () => {
    await core?.close();
    await rm(dir, { recursive: true, force: true });
    await server?.close();
  });

  it('refuses an admin command while nobody is signed in', async () => {
    const r = await core.router.dispatch('admin.teams.create', { name: 'Field North', region: 'CN-North' });
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('creates a team and a person on the server; both come back through sync with names joined', async () => {
    expect((await core.router.dispatch('session.signIn', { serverUrl: server.url, username: 'root', password: PASSWORD })).ok).toBe(true);
    const team = await core.router.dispatch('admin.teams.create', { name: 'Field North', level: 'L1', function: 'field', region: 'CN-North' });
    expect(team.ok).toBe(true);
    const teamId = (team as { value: { id: string } }).value.id;
    const person = await core.router.dispatch('admin.people.create', {
      username: 'nina',
      displayName: 'Nina 倪',
      password: PASSWORD,
      roles: ['technician'],
      teamId,
      region: 'CN-North',
    });
    expect(person).toMatchObject({ ok: true, value: { username: 'nina', teamId, mustChangePassword: false } });
    const people = await until<PersonRow[]>(core, 'admin.people', (rows) => rows.some((p) => p.username === 'nina' && p.teamName !== null));
    expect(people.find((p) => p.username === 'nina')).toMatchObject({ teamName: 'Field North', region: 'CN-North', active: true });
    const teams = await until<TeamRow[]>(core, 'admin.teams', (rows) => rows.some((t) => t.id === teamId && t.members === 1));
    expect(teams.find((t) => t.id === teamId)).toMatchObject({ name: 'Field North', level: 'L1' });

    const disabled = await core.router.dispatch('admin.people.update', { id: (person as { value: { id: string } }).value.id, change: { active: false } });
    expect(disabled).toMatchObject({ ok: true, value: { active: false } });
    await until<PersonRow[]>(core, 'admin.people', (rows) => rows.some((p) => p.username === 'nina' && !p.active));
  });

  it('passes the server’s field refusal on with the field named, and its audit log to admins', async () => {
    const loop = await core.router.dispatch('admin.people.update', { id: 'root', change: { teamId: '0190a0b0-0000-7000-8000-000000000000' } });
    expect(loop).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'teamId' }] } });
    const audit = await core.router.dispatch('admin.audit.query', { action: 'team' });
    expect(audit).toMatchObject({ ok: true, value: [{ action: 'team.add', actor: 'root' }] });
  });

  it('imports customers by code (created, then updated), pages them and exports the same columns', async () => {
    const draft = (code: string, name: string) => ({ code, name, nameZh: '', tier: 'key' as const, region: 'cn-south', timeZone: 'Asia/Shanghai', contact: { name: 'Li Lei', phone: '', email: '' }, site: null });
    expect(await core.router.dispatch('admin.customers.import', { drafts: [draft('Z-001', 'Metro A'), draft('Z-002', 'Metro B')] })).toEqual({ ok: true, value: { created: 2, updated: 0 } });
    expect(await core.router.dispatch('admin.customers.import', { drafts: [draft('Z-002', 'Metro B 2'), draft('Z-003', 'Metro C')] })).toEqual({ ok: true, value: { created: 1, updated: 1 } });
    const page = await until<{ rows: { code: string; name: string }[]; total: number }>(core, 'admin.customers.page', (p) => p.total >= 3);
    expect(page.rows.filter((r) => r.code.startsWith('Z-')).map((r) => [r.code, r.name])).toEqual([
      ['Z-001', 'Metro A'],
      ['Z-002', 'Metro B 2'],
      ['Z-003', 'Metro C'],
    ]);
    const exported = await core.router.dispatch('admin.customers.export', {});
    expect((exported as { value: { code: string; contactName: string }[] }).value.find((r) => r.code === 'Z-001')).toMatchObject({ contactName: 'Li Lei', tier: 'key' });
    const bad = await core.router.dispatch('admin.customers.import', { drafts: [{ ...draft('Z-009', 'Bad zone'), timeZone: 'Mars/Base' }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('creates and edits one customer from the form: sites keep their ids, a taken code is refused on its field, the server audits each change', async () => {
    const form = {
      code: 'F-001',
      name: 'Form Metro',
      nameZh: '表单地铁',
      tier: 'key' as const,
      region: 'cn-east',
      timeZone: 'Asia/Shanghai',
      active: true,
      contacts: [{ name: 'Wang Fang', phone: '+86 21 5555 0101', email: 'wang.fang@example.com' }],
      sites: [{ id: '', name: 'Pudong exchange', region: 'cn-east', timeZone: 'Asia/Shanghai', address: '1 Century Ave' }],
    };
    const created = await core.router.dispatch('admin.customers.save', { id: null, customer: form });
    expect(created.ok).toBe(true);
    const id = (created as { value: { id: string } }).value.id;
    const stored = await core.router.dispatch('admin.customers.get', { id });
    expect(stored).toMatchObject({ ok: true, value: { code: 'F-001', nameZh: '表单地铁', contacts: [{ name: 'Wang Fang', email: 'wang.fang@example.com' }] } });
    const siteId = (stored as { value: { sites: { id: string }[] } }).value.sites[0]!.id;
    expect(siteId).toMatch(/^[0-9a-f-]{36}$/);
    // On the server before the edit, so each reaches it as a change of its own.
    await expect.poll(async () => (await server.db.query(`select 1 from sync_docs where collection = 'customers' and id = $1`, [id])).rows.length, { timeout: 20_000 }).toBe(1);

    const edited = { ...form, name: 'Form Metro East', sites: [{ ...form.sites[0]!, id: siteId }, { id: '', name: 'Minhang depot', region: 'cn-east', timeZone: 'Asia/Shanghai', address: '' }] };
    expect(await core.router.dispatch('admin.customers.save', { id, customer: edited })).toEqual({ ok: true, value: { id } });
    const after = (await core.router.dispatch('admin.customers.get', { id })) as { value: { name: string; sites: { id: string; name: string }[] } };
    expect(after.value.name).toBe('Form Metro East');
    expect(after.value.sites.map((s) => s.name)).toEqual(['Pudong exchange', 'Minhang depot']);
    expect(after.value.sites[0]!.id).toBe(siteId);

    // Refused, and nothing written: a code another account has, a zone that does not exist, an unknown id.
    const taken = await core.router.dispatch('admin.customers.save', { id, customer: { ...edited, code: 'Z-001' } });
    expect(taken).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'code', message: 'validation.customerCodeTaken' }] } });
    const zone = await core.router.dispatch('admin.customers.save', { id, customer: { ...edited, timeZone: 'Mars/Base' } });
    expect(zone).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await core.router.dispatch('admin.customers.save', { id: 'no-such-customer', customer: { ...form, code: 'F-404' } })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(((await core.router.dispatch('admin.customers.get', { id })) as { value: { code: string; timeZone: string } }).value).toMatchObject({ code: 'F-001', timeZone: 'Asia/Shanghai' });
    // A site an asset stands at cannot be removed.
    const asset = await core.router.dispatch('assets.save', {
      fields: { assetCode: 'F-RACK-1', serial: 'SN-F-1', model: 'OLT-9000', productLine: 'Access', kind: 'rack', customerId: id, siteId, installDate: '2026-01-05', ownership: 'customer' },
    });
    expect(asset).toMatchObject({ ok: true });
    const inUse = await core.router.dispatch('admin.customers.save', { id, customer: { ...edited, sites: edited.sites.slice(1) } });
    expect(inUse).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'sites', message: 'validation.siteInUse' }] } });
    expect(((await core.router.dispatch('admin.customers.get', { id })) as { value: { sites: unknown[] } }).value.sites).toHaveLength(2);

    // Pushed like any local change; the server writes each change to the audit log.
    await expect.poll(async () => (await server.db.query(`select doc->>'name' as name from sync_docs where collection = 'customers' and id = $1`, [id])).rows[0]?.name, { timeout: 20_000 }).toBe('Form Metro East');
    const audit = (await core.router.dispatch('admin.audit.query', { action: 'customer' })) as { ok: true; value: { action: string; actor: string; target: string }[] };
    const mine = audit.value.filter((e) => e.target === `customers/${id}`).map((e) => [e.action, e.actor]);
    expect(mine).toEqual([
      ['customer.update', 'root'],
      ['customer.add', 'root'],
    ]);
  });

  it('a signed-in non-admin is refused by the server', async () => {
    // The admin's imported customers reach the server first: this device refuses another user
    // while the previous one has unsynced changes (their data is then cleared).
    await until<{ state: string; pendingLocalChanges: number; initialSync: unknown }>(core, 'sync.status', (s) => s.state === 'online' && s.initialSync === null && s.pendingLocalChanges === 0);
    const tom = await core.router.dispatch('session.signIn', { serverUrl: server.url, username: 'tom', password: PASSWORD });
    expect(tom).toMatchObject({ ok: true });
    const r = await core.router.dispatch('admin.people.create', { username: 'eve', displayName: 'Eve', password: PASSWORD, roles: ['admin'], region: 'CN-East' });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.router.dispatch('admin.audit.query', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const drafts = [{ code: 'Z-100', name: 'X', nameZh: '', tier: 'general', region: 'r', timeZone: 'UTC', contact: null, site: null }];
    expect(await core.router.dispatch('admin.customers.import', { drafts })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
