import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketSummary } from '../../shared/api/tickets';
import type { TicketWorkDetail } from '../../shared/api/ticketWork';
import { localDate } from '../../shared/domain/calendar';
import { DEFAULT_SLA_TARGETS } from '../../shared/domain/defaults';
import { createCore, type Core } from '../../electron/core/core';
import { startTestServer, type TestServer } from '../../server/testing/harness';
import { liveValue } from '../sync/wait';

const PASSWORD = 'correct horse battery';
const MINUTE = 60_000;

const until = <T>(core: Core, name: string, params: object, ready: (value: T) => boolean) => liveValue<T>(core, name, params, ready, 20_000);

/** The time a running or paused clock has left when its detail was computed. */
const left = (d: TicketWorkDetail, clock: 'firstResponse' | 'restore') => Date.parse(d.sla[clock].dueAt!) - Date.parse(d.sla.computedAt);

// A new SLA version, saved by an admin at a desktop and synced back: a ticket opened after it
// gets the new targets, and a ticket paused before it keeps its paused time (its clock only
// gains the target's difference, not the time it spent waiting for the customer).
describe('an SLA policy change on new and paused tickets', () => {
  let server: TestServer;
  let dir: string;
  let core: Core;

  beforeAll(async () => {
    server = await startTestServer('pg');
    await server.userSession('ada', ['admin', 'manager']);
    dir = await mkdtemp(join(tmpdir(), 'cims-policy-'));
    core = await createCore({ dataDir: dir, shell: 'harness', version: '1.0.0' });
    expect((await core.router.dispatch('session.signIn', { serverUrl: server.url, username: 'ada', password: PASSWORD })).ok).toBe(true);
  });
  afterAll(async () => {
    await core?.close();
    await rm(dir, { recursive: true, force: true });
    await server?.close();
  });

  const open = async (title: string, customerId: string, siteId: string): Promise<TicketSummary> => {
    const r = await core.router.dispatch('tickets.create', {
      title,
      severity: 'critical',
      type: 'fault',
      channel: 'phone',
      customerId,
      siteId,
      contact: { name: 'Wang Fang' },
      problemReport: false,
    });
    expect(r).toMatchObject({ ok: true });
    return (r as { value: TicketSummary }).value;
  };
  const detail = (number: string, ready: (d: TicketWorkDetail) => boolean = () => true) =>
    until<TicketWorkDetail | null>(core, 'ticketWork.detail', { number }, (d) => d !== null && ready(d)) as Promise<TicketWorkDetail>;

  it('a ticket opened after the change gets the new target; one paused before keeps its paused time', async () => {
    const saved = await core.router.dispatch('admin.customers.save', {
      id: null,
      customer: { code: 'POL-1', name: 'Policy Metro', nameZh: '', tier: 'general', region: 'cn-east', timeZone: 'Asia/Shanghai', active: true, contacts: [], sites: [{ id: '', name: 'Depot', region: 'cn-east', timeZone: 'Asia/Shanghai', address: '' }] },
    });
    const customerId = (saved as { value: { id: string } }).value.id;
    const customer = (await core.router.dispatch('admin.customers.get', { id: customerId })) as { value: { sites: { id: string }[] } };
    const siteId = customer.value.sites[0]!.id;

    // Critical tickets of general customers run around the clock: 15 minutes to respond, 4 hours to restore (the defaults).
    const before = await open('Fibre cut at the depot', customerId, siteId);
    const first = await detail(before.number);
    expect([first.sla.firstResponse.targetMinutes, first.sla.restore.targetMinutes, first.sla.restore.mode]).toEqual([15, 240, '24x7']);
    expect(await core.router.dispatch('ticketWork.transition', { ticketId: before.id, to: 'in_progress' })).toMatchObject({ ok: true });
    const paused = await core.router.dispatch('ticketWork.transition', { ticketId: before.id, to: 'pending', pendingReason: 'customer' });
    expect(paused).toMatchObject({ ok: true });
    const waiting = await detail(before.number, (d) => d.sla.paused);
    // Paused for a while before the new version comes.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const targets = DEFAULT_SLA_TARGETS.map((t) => (t.severity === 'critical' && t.tier === 'general' ? { ...t, firstResponseMinutes: 45, restoreMinutes: (t.restoreMinutes ?? 0) + 60 } : t));
    const version = await core.router.dispatch('admin.policies.save', {
      replaces: null,
      effectiveFrom: localDate(Date.now(), 'Asia/Shanghai'),
      draft: { kind: 'sla', name: 'Longer restore', sla: { customerId: null, warningRatio: 0.75, targets } },
    });
    expect(version).toMatchObject({ ok: true, value: { scheduledFrom: null } });

    // Synced back: the paused ticket's restore clock gains exactly the hour the target gained;
    // the 1.5 s it waited paused (and since) is not counted as elapsed.
    const after = await detail(before.number, (d) => d.sla.restore.targetMinutes === 300);
    expect([after.status, after.sla.paused]).toEqual(['pending', true]);
    // The status changes made while the ticket's first push was on its way reached the server.
    const stored = await server.db.query<{ status: string }>(`select doc->>'status' as status from sync_docs where collection = 'tickets' and id = $1`, [before.id]);
    expect(stored.rows).toEqual([{ status: 'pending' }]);
    expect(left(after, 'restore') - left(waiting, 'restore')).toBe(60 * MINUTE);
    expect(after.sla.restore.elapsedMinutes).toBe(waiting.sla.restore.elapsedMinutes);

    // A ticket opened now: 45 minutes to respond from its creation.
    const next = await open('Second fibre cut', customerId, siteId);
    const fresh = await detail(next.number, (d) => d.sla.firstResponse.targetMinutes === 45);
    expect(Date.parse(fresh.sla.firstResponse.dueAt!) - Date.parse(fresh.createdAt)).toBe(45 * MINUTE);
  });

  it('a version for a later day is listed as waiting until it is cancelled, and changes no clock meanwhile', async () => {
    const waiting = (list: { policyId: string }[], id: string) => list.some((p) => p.policyId === id);
    const targets = DEFAULT_SLA_TARGETS.map((t) => ({ ...t, firstResponseMinutes: 5 }));
    const later = await core.router.dispatch('admin.policies.save', {
      replaces: null,
      effectiveFrom: '2099-01-01',
      draft: { kind: 'sla', name: 'From 2099', sla: { customerId: null, warningRatio: 0.75, targets } },
    });
    expect(later).toMatchObject({ ok: true, value: { scheduledFrom: '2099-01-01' } });
    const id = (later as { value: { id: string } }).value.id;
    const listed = await until<{ policyId: string; effectiveFrom: string }[]>(core, 'admin.policies.scheduled', { kind: 'sla' }, (l) => waiting(l, id));
    expect(listed.find((p) => p.policyId === id)).toMatchObject({ effectiveFrom: '2099-01-01', zone: 'Asia/Shanghai' });
    // Synced, but not in force: the version saved in the first test still decides the targets.
    const versions = await until<{ id: string; active: boolean }[]>(core, 'admin.policies', { kind: 'sla' }, (l) => l.some((p) => p.id === id));
    expect(versions.find((p) => p.id === id)?.active).toBe(false);

    expect(await core.router.dispatch('admin.policies.cancelSchedule', { id })).toEqual({ ok: true, value: { id } });
    await until<{ policyId: string }[]>(core, 'admin.policies.scheduled', { kind: 'sla' }, (l) => !waiting(l, id));
    expect(await core.router.dispatch('admin.policies.cancelSchedule', { id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
