/**
 * RELIABILITY S5 on the desktop: a laptop whose clock is a day fast still shows SLA clocks
 * against the server's time (learnt from the server's answers), records work at the server's
 * time, and keeps the correction across a restart with the server out of reach.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionView } from '../../shared/api/session';
import type { TicketSummary } from '../../shared/api/tickets';
import type { TicketWorkDetail } from '../../shared/api/ticketWork';
import { createCore, type Core } from '../../electron/core/core';
import { startTestServer, type TestServer } from '../../server/testing/harness';
import { liveValue } from './wait';

const PASSWORD = 'correct horse battery';
const DAY = 24 * 3600_000;
const MINUTE = 60_000;
/** The laptop's clock: a day fast. */
const laptopClock = () => Date.now() + DAY;

describe('a laptop clock a day fast (S5)', () => {
  let server: TestServer;
  let dir: string;
  let core: Core;

  beforeAll(async () => {
    server = await startTestServer('pg');
    await server.userSession('ada.clock', ['admin', 'manager']);
    dir = await mkdtemp(join(tmpdir(), 'cims-clock-'));
    core = await createCore({ dataDir: dir, shell: 'harness', version: '1.0.0', clock: laptopClock });
  });
  afterAll(async () => {
    await core?.close();
    await rm(dir, { recursive: true, force: true });
    await server?.close();
  });

  const detail = (number: string) => liveValue<TicketWorkDetail | null>(core, 'ticketWork.detail', { number }, (d) => d !== null) as Promise<TicketWorkDetail>;
  const offsetOf = async () => (await liveValue<SessionView>(core, 'session.current', {}, () => true)).clockOffsetMs ?? 0;
  /** How far a time the app shows is from the real one. */
  const off = (iso: string | null | undefined) => Math.abs(Date.parse(iso ?? '') - Date.now());

  it('counts SLA clocks and records work at the server time, also after a restart offline', async () => {
    expect(await offsetOf()).toBe(0);
    expect((await core.router.dispatch('session.signIn', { serverUrl: server.url, username: 'ada.clock', password: PASSWORD })).ok).toBe(true);
    // Learnt from the sign-in's answer: server time is the laptop's less a day (to within about a second).
    const learnt = await liveValue<SessionView>(core, 'session.current', {}, (v) => Math.abs((v.clockOffsetMs ?? 0) + DAY) < 2000);
    expect(Math.abs((learnt.clockOffsetMs ?? 0) + DAY)).toBeLessThan(2000);

    const saved = await core.router.dispatch('admin.customers.save', {
      id: null,
      customer: { code: 'CLK-1', name: 'Clock Metro', nameZh: '', tier: 'general', region: 'cn-east', timeZone: 'Asia/Shanghai', active: true, contacts: [], sites: [{ id: '', name: 'Depot', region: 'cn-east', timeZone: 'Asia/Shanghai', address: '' }] },
    });
    const customerId = (saved as { value: { id: string } }).value.id;
    const customer = (await core.router.dispatch('admin.customers.get', { id: customerId })) as { value: { sites: { id: string }[] } };
    const created = await core.router.dispatch('tickets.create', {
      title: 'Fibre cut at the depot',
      severity: 'critical',
      type: 'fault',
      channel: 'phone',
      customerId,
      siteId: customer.value.sites[0]!.id,
      contact: { name: 'Wang Fang' },
      problemReport: false,
    });
    expect(created).toMatchObject({ ok: true });
    const ticket = (created as { value: TicketSummary }).value;

    // Critical, general customer: 15 minutes to respond from creation, which is now, not tomorrow.
    const first = await detail(ticket.number);
    expect(off(first.createdAt)).toBeLessThan(MINUTE);
    expect(off(first.sla.computedAt)).toBeLessThan(MINUTE);
    expect(Date.parse(first.sla.firstResponse.dueAt!) - Date.parse(first.createdAt)).toBe(15 * MINUTE);
    // Against the laptop's own clock the response would be a day overdue.
    expect(first.sla.firstResponse.state).toBe('ok');

    // Offline restart: the correction is kept, the clocks still count on the server's time.
    await core.close();
    await server.close();
    core = await createCore({ dataDir: dir, shell: 'harness', version: '1.0.0', clock: laptopClock });
    expect(Math.abs((await offsetOf()) + DAY)).toBeLessThan(2000);
    const again = await detail(ticket.number);
    expect(off(again.sla.computedAt)).toBeLessThan(MINUTE);
    expect(again.sla.firstResponse.state).toBe('ok');
  });
});
