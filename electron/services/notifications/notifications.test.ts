import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopNotification, NotificationList, NotificationSettings } from '../../../shared/api/notifications';
import type { Result } from '../../../shared/api/result';
import { aCycle, anAssessment, anEvent, aTicket, newId } from '../../../shared/domain/testing/builders';
import { createCore, type Core } from '../../core/core';

const latest = <T>(seen: Result<unknown>[]): T => (seen.at(-1) as { ok: true; value: T }).value;
const colleague = newId();

describe('notifications on a real store', () => {
  let dir: string;
  let core: Core;
  let shown: DesktopNotification[];
  const start = async () => {
    shown = [];
    core = await createCore({ dataDir: dir, shell: 'electron', version: '1.0.0', desktopNotifier: (n) => shown.push(n) });
    return core;
  };
  const me = () => core.settings.get();
  const list = () => {
    const seen: Result<unknown>[] = [];
    const sub = core.router.subscribe('notifications.list', { limit: 50 }, (r) => seen.push(r));
    expect(sub.ok).toBe(true);
    return { seen, value: () => (seen.length ? latest<NotificationList>(seen) : null) };
  };
  // A ticket of this device's identity (nobody signed in) and events from a colleague, as sync
  // would bring them: inserted straight into the store.
  const myTicket = (title: string) => aTicket({ id: newId(), title, assigneeId: me().localPersonId, teamId: me().localTeamId, severity: 'minor', createdAt: new Date().toISOString() });
  const assignment = (ticketId: string) =>
    anEvent('assignment', { ticketId, authorId: colleague, fromTeamId: me().localTeamId, toTeamId: me().localTeamId, fromAssigneeId: '', toAssigneeId: me().localPersonId, at: new Date().toISOString() });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-notifications-'));
    await start();
    await core.db.people.insert({
      id: colleague,
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
      username: 'colleague',
      displayName: 'Colleague',
      email: 'colleague@example.com',
      roles: ['manager'],
      title: 'staff',
      teamId: null,
      managerId: null,
      skills: [],
      region: 'cn-east',
      locale: 'en',
      active: true,
    });
  });
  afterAll(async () => {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows an assignment once on the desktop and lists it unread until read', async () => {
    const ticket = myTicket('Fibre cut 光缆中断');
    await core.db.tickets.insert(ticket);
    const event = assignment(ticket.id);
    await core.db.ticketEvents.insert(event);
    await expect.poll(() => shown.map((n) => n.id), { timeout: 10_000 }).toEqual([`assigned:${event.id}`]);
    expect(shown[0]).toMatchObject({ kind: 'assigned', ticketNumber: ticket.provisionalNumber, ticketTitle: 'Fibre cut 光缆中断' });

    const l = list();
    await expect.poll(() => l.value()?.unread).toBe(1);
    expect(l.value()!.rows).toMatchObject([{ id: `assigned:${event.id}`, kind: 'assigned', read: false, ticketNumber: ticket.provisionalNumber }]);
    expect(await core.router.dispatch('notifications.markRead', { ids: [`assigned:${event.id}`] })).toEqual({ ok: true, value: { unread: 0 } });
    await expect.poll(() => l.value()?.rows[0]?.read).toBe(true);
    // Claiming again (a second window) gets nothing: it was shown already.
    expect(await core.router.dispatch('notifications.claim', { ids: [`assigned:${event.id}`] })).toEqual({ ok: true, value: [] });
  });

  it('shows nothing twice after a restart of the core on the same store, and keeps what was read', async () => {
    await core.close();
    await start();
    const l = list();
    await expect.poll(() => l.value()?.rows.length, { timeout: 10_000 }).toBe(1);
    expect(l.value()).toMatchObject({ unread: 0, rows: [{ kind: 'assigned', read: true }] });

    // The pipeline is alive: a new escalation to me shows, the old assignment does not again.
    // It is on a ticket of another team: an escalation to me notifies wherever the ticket sits.
    const ticket = { ...myTicket('Board alarm'), assigneeId: colleague, teamId: newId() };
    await core.db.tickets.insert(ticket);
    const escalation = anEvent('escalation', {
      ticketId: ticket.id,
      authorId: colleague,
      axis: 'functional',
      fromLevel: 'L1',
      toLevel: 'L2',
      direction: 'up',
      reason: 'needs L2',
      ruleKey: null,
      toPersonId: me().localPersonId,
      toTeamId: null,
      at: new Date().toISOString(),
    });
    await core.db.ticketEvents.insert(escalation);
    await expect.poll(() => shown.map((n) => n.id), { timeout: 10_000 }).toEqual([`escalated:${escalation.id}`]);
    await expect.poll(() => l.value()?.unread).toBe(1);
  });

  it('does not list or show a muted kind, and lists it again once unmuted', async () => {
    const settings: Result<unknown>[] = [];
    core.router.subscribe('notifications.settings', {}, (r) => settings.push(r));
    expect(await core.router.dispatch('notifications.setMuted', { kind: 'customer_reply', muted: true })).toEqual({ ok: true, value: { muted: ['customer_reply'] } });
    await expect.poll(() => (settings.length ? latest<NotificationSettings>(settings).muted : null)).toEqual(['customer_reply']);

    const ticket = myTicket('Router down');
    await core.db.tickets.insert(ticket);
    const customer = newId();
    const reply = anEvent('reply', { ticketId: ticket.id, authorId: customer, body: 'Still down', at: new Date().toISOString() });
    // An assignment at the same time proves the derivation ran while the reply stayed hidden.
    const marker = assignment(ticket.id);
    await core.db.ticketEvents.bulkInsert([reply, marker]);
    const l = list();
    await expect.poll(() => l.value()?.rows.map((r) => r.id).includes(`assigned:${marker.id}`), { timeout: 10_000 }).toBe(true);
    expect(l.value()!.rows.map((r) => r.kind)).not.toContain('customer_reply');
    expect(shown.map((n) => n.kind)).not.toContain('customer_reply');

    await core.router.dispatch('notifications.setMuted', { kind: 'customer_reply', muted: false });
    await expect.poll(() => l.value()?.rows.map((r) => r.id)).toContain(`customer_reply:${reply.id}`);
  });

  it('lists an assignment that arrives hours late (a device long offline) without popping it up', async () => {
    const ticket = myTicket('Fan noise');
    await core.db.tickets.insert(ticket);
    const late = { ...assignment(ticket.id), at: new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString() };
    const fresh = assignment(ticket.id);
    await core.db.ticketEvents.bulkInsert([late, fresh]);
    await expect.poll(() => shown.map((n) => n.id), { timeout: 10_000 }).toContain(`assigned:${fresh.id}`);
    expect(shown.map((n) => n.id)).not.toContain(`assigned:${late.id}`);
    const l = list();
    await expect.poll(() => l.value()?.rows.map((r) => r.id)).toContain(`assigned:${late.id}`);
  });

  it('refuses an unknown kind and oversized input with a coded error', async () => {
    expect(await core.router.dispatch('notifications.setMuted', { kind: 'everything', muted: true })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await core.router.dispatch('notifications.claim', { ids: [] })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await core.router.dispatch('notifications.markRead', { ids: ['x'.repeat(1000)] })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('reminds of a late self review in the list and on the desktop, opening the review', async () => {
    const cycle = aCycle({ id: newId(), name: '2026-Q3', year: 2026, quarter: 3, startsOn: '2026-07-01', endsOn: '2026-09-30', phase: 'self_review' });
    const mine = anAssessment({ id: newId(), cycleId: cycle.id, personId: me().localPersonId, managerId: colleague });
    await core.db.assessmentCycles.insert(cycle);
    await core.db.assessments.insert(mine);
    const id = `assessment_late:${mine.id}:self_review`;
    await expect.poll(() => shown.map((n) => n.id), { timeout: 10_000 }).toContain(id);
    expect(shown.find((n) => n.id === id)).toEqual({ id, kind: 'assessment_late', ticketNumber: '2026-Q3', ticketTitle: '', clock: null, href: `/assessments/${cycle.id}/review/${me().localPersonId}` });
    const l = list();
    await expect.poll(() => l.value()?.rows.find((r) => r.id === id)?.at).toBe('2026-10-08T00:00:00.000Z');
    // Submitted: the reminder goes.
    await (await core.db.assessments.findOne(mine.id).exec())!.incrementalPatch({ selfReview: { ...mine.selfReview, submittedAt: new Date().toISOString() } });
    await expect.poll(() => l.value()?.rows.some((r) => r.id === id), { timeout: 10_000 }).toBe(false);
  });
});
