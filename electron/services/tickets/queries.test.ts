import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../shared/api/paging';
import type { TicketDetail, TicketSummary } from '../../../shared/api/tickets';
import type { Result } from '../../../shared/api/result';
import { createCore, type Core } from '../../core/core';

const input = (title: string, severity: 'critical' | 'major' | 'minor') => ({
  title,
  description: '',
  severity,
  type: 'fault',
  channel: 'phone',
  newCustomerName: 'Shanghai Mobile',
  contact: { name: 'Li Wei' },
  problemReport: true,
});

const latest = <T>(seen: Result<unknown>[]): T => (seen.at(-1) as { ok: true; value: T }).value;

describe('ticket live queries', () => {
  let dir: string;
  let core: Core;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-ticket-queries-'));
    core = await createCore({ dataDir: dir, shell: 'harness', version: '1.0.0' });
    for (const [i, severity] of (['critical', 'major', 'minor', 'major', 'minor'] as const).entries()) {
      const result = await core.router.dispatch('tickets.create', input(`Ticket ${i + 1}`, severity));
      expect(result.ok).toBe(true);
    }
  });
  afterAll(async () => {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('pages with a total, sorts and filters, and pushes a new page after a change', async () => {
    const seen: Result<unknown>[] = [];
    const sub = core.router.subscribe(
      'tickets.page',
      { offset: 1, limit: 2, sort: { field: 'createdAt', direction: 'asc' }, filter: { severity: ['major', 'minor'] } },
      (r) => seen.push(r),
    );
    expect(sub.ok).toBe(true);
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(1);
    expect(latest<Page<TicketSummary>>(seen).total).toBe(4);
    expect(latest<Page<TicketSummary>>(seen).rows.map((r) => r.title)).toEqual(['Ticket 3', 'Ticket 4']);

    await core.router.dispatch('tickets.create', input('Ticket 6', 'minor'));
    await expect.poll(() => latest<Page<TicketSummary>>(seen).total).toBe(5);
    expect(latest<Page<TicketSummary>>(seen).rows.map((r) => r.title)).toEqual(['Ticket 3', 'Ticket 4']);
    if (sub.ok) sub.value();
  });

  it('finds a ticket by its provisional number and answers null for an unknown number', async () => {
    const list: Result<unknown>[] = [];
    const stopList = core.router.subscribe('tickets.list', { limit: 1 }, (r) => list.push(r));
    await expect.poll(() => list.length).toBeGreaterThanOrEqual(1);
    const newest = latest<TicketSummary[]>(list)[0]!;
    expect(newest.provisional).toBe(true);
    if (stopList.ok) stopList.value();

    const seen: Result<unknown>[] = [];
    core.router.subscribe('tickets.byNumber', { number: newest.number }, (r) => seen.push(r));
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(1);
    expect(latest<TicketDetail>(seen)).toMatchObject({ id: newest.id, title: newest.title, customerName: 'Shanghai Mobile', status: 'new' });

    const missing: Result<unknown>[] = [];
    core.router.subscribe('tickets.byNumber', { number: 'T-999999' }, (r) => missing.push(r));
    await expect.poll(() => missing.length).toBeGreaterThanOrEqual(1);
    expect(missing.at(-1)).toEqual({ ok: true, value: null });
  });

  it('resolves the built-in queues for the device identity before any sign-in', async () => {
    const totals: Record<string, number> = {};
    for (const view of ['mine', 'team', 'unassigned', 'open', 'resolved', 'all'] as const) {
      const seen: Result<unknown>[] = [];
      const sub = core.router.subscribe('tickets.page', { filter: { view } }, (r) => seen.push(r));
      await expect.poll(() => seen.length).toBeGreaterThanOrEqual(1);
      totals[view] = latest<Page<TicketSummary>>(seen).total;
      if (sub.ok) sub.value();
    }
    // Tickets created on this device belong to its local team and nobody is assigned yet.
    expect(totals).toEqual({ mine: 0, team: 6, unassigned: 6, open: 6, resolved: 0, all: 6 });
  });

  it('refuses an unknown sort field and an oversized page', () => {
    expect(core.router.subscribe('tickets.page', { sort: { field: 'password', direction: 'asc' } }, () => {})).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(core.router.subscribe('tickets.page', { limit: 10_000 }, () => {})).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});
