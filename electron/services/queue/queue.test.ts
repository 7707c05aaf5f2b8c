import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueuePage, QueuePageParams, QueueSettings, SavedView } from '../../../shared/api/queue';
import type { Result } from '../../../shared/api/result';
import { aTicket, anAsset, anEvent } from '../../../shared/domain/testing/builders';
import { NONE } from '../../../shared/schema';
import { createCore, type Core } from '../../core/core';
import { RANKED_PER_TABLE } from '../../db/sqlite-storage';

const HOUR = 3_600_000;
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();

describe('queue: search, filters, views', () => {
  let dir: string;
  let core: Core;
  let me: string;
  let myTeam: string;
  const ids: Record<string, string> = {};

  /** Subscribes, waits for the first answer (or the refusal) and unsubscribes. */
  const page = async (params: Partial<QueuePageParams> & { filter?: Record<string, unknown> }): Promise<Result<QueuePage>> => {
    const seen: Result<unknown>[] = [];
    const sub = core.router.subscribe('queue.page', params, (r) => seen.push(r));
    if (!sub.ok) return sub;
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(1);
    sub.value();
    return seen.at(-1) as Result<QueuePage>;
  };
  const rowsOf = async (params: Parameters<typeof page>[0]): Promise<string[]> => {
    const r = await page(params);
    if (!r.ok) throw new Error(r.error.message);
    return r.value.rows.map((row) => row.title);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-queue-'));
    core = await createCore({ dataDir: dir, shell: 'harness', version: '1.0.0' });
    me = core.settings.get().localPersonId;
    myTeam = core.settings.get().localTeamId;
    const asset = anAsset({ assetCode: 'AS-770001' });
    await core.db.assets.insert(asset);
    const tickets = [
      aTicket({ title: '华东机房光缆被挖断', description: 'fibre dug up', severity: 'critical', assigneeId: me, teamId: myTeam, slaDueAt: iso(now - HOUR), createdAt: '2026-03-01T02:00:00.000Z' }),
      aTicket({ title: 'Pump station alarm', description: '全网断网 after power loss', severity: 'major', assigneeId: NONE, teamId: myTeam, slaDueAt: iso(now + 100 * HOUR), createdAt: '2026-03-05T02:00:00.000Z' }),
      aTicket({ title: 'Router reboot', description: 'pumping noise', severity: 'minor', customerTier: 'key', assigneeId: me, teamId: myTeam, functionalLevel: 'L2', slaDueAt: iso(now + 0.5 * HOUR), respondedAt: iso(now - HOUR), restoredAt: iso(now - HOUR), createdAt: '2026-03-09T02:00:00.000Z' }),
      aTicket({ title: 'Fan noisy', description: '', severity: 'minor', status: 'resolved', assetId: asset.id, resolvedAt: iso(now - 24 * HOUR), createdAt: '2026-02-01T02:00:00.000Z' }),
    ];
    for (const t of tickets) ids[t.title] = t.id;
    await core.db.tickets.bulkInsert(tickets);
  });
  afterAll(async () => {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('finds a two-character Chinese word in a title and in a description, and English words by prefix', async () => {
    expect(await rowsOf({ filter: { view: 'all', search: '光缆' } })).toEqual(['华东机房光缆被挖断']);
    expect(await rowsOf({ filter: { view: 'all', search: '断网' } })).toEqual(['Pump station alarm']);
    // Heading hits rank above body hits.
    expect(await rowsOf({ filter: { view: 'all', search: 'pum' } })).toEqual(['Pump station alarm', 'Router reboot']);
    const r = await page({ filter: { view: 'all', search: 'PUMP 断网' } });
    expect(r.ok && r.value.terms).toEqual(['pump', '断网']);
    expect(await rowsOf({ filter: { view: 'all', search: 'as-7700' } })).toEqual(['Fan noisy']);
  });

  it('keeps the search live: a reply arriving later is found at once', async () => {
    const seen: Result<QueuePage>[] = [];
    const sub = core.router.subscribe('queue.page', { filter: { view: 'all', search: '割接' } }, (r) => seen.push(r as Result<QueuePage>));
    expect(sub.ok).toBe(true);
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(1);
    expect((seen.at(-1) as { value: QueuePage }).value.total).toBe(0);
    await core.db.ticketEvents.insert(anEvent('reply', { ticketId: ids['Router reboot']!, body: '今晚割接后恢复' }));
    await expect.poll(() => (seen.at(-1) as { value: QueuePage }).value.rows.map((r) => r.title)).toEqual(['Router reboot']);
    if (sub.ok) sub.value();
  });

  it('filters by severity, tier, SLA state and created range, and refuses impossible input with codes', async () => {
    expect(await rowsOf({ filter: { view: 'all', severity: ['minor'], tier: ['key'] } })).toEqual(['Router reboot']);
    expect(await rowsOf({ filter: { view: 'open', sla: ['breached'] } })).toEqual(['华东机房光缆被挖断']);
    expect(await rowsOf({ filter: { view: 'open', sla: ['ok'] } })).toEqual(['Pump station alarm']);
    // Its fix clock (180 days) is due in half an hour: in the last quarter.
    expect(await rowsOf({ filter: { view: 'open', sla: ['warning'] } })).toEqual(['Router reboot']);
    expect(await rowsOf({ filter: { view: 'all', createdFrom: '2026-03-01', createdTo: '2026-03-05' }, sort: { field: 'createdAt', direction: 'asc' } })).toEqual([
      '华东机房光缆被挖断',
      'Pump station alarm',
    ]);
    const impossible = await page({ filter: { view: 'all', createdFrom: '2026-03-09', createdTo: '2026-03-01' } });
    expect(impossible.ok || impossible.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'filter.createdTo', message: 'validation.rangeImpossible' }] });
    const long = await page({ filter: { view: 'all', search: '断'.repeat(10_000) } });
    expect(long.ok || long.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'filter.search', message: 'validation.searchTooLong' }] });
    // Nothing searchable: the queue is not narrowed and no term is highlighted.
    const punctuation = await page({ filter: { view: 'all', search: '?!…—' } });
    expect(punctuation.ok && [punctuation.value.total, punctuation.value.terms]).toEqual([4, []]);
    // Relevance without a search has nothing to rank by: the default order, not an error.
    const unranked = await page({ filter: { view: 'all' }, sort: { field: 'relevance', direction: 'desc' } });
    expect(unranked.ok && unranked.value.total).toBe(4);
  });

  it('lists the tickets behind a report figure, with the other filters and a search, and refuses an unknown figure', async () => {
    const byCreated = { field: 'createdAt', direction: 'asc' } as const;
    // Every open ticket here is months old; the resolved one is in no backlog bucket.
    expect(await rowsOf({ filter: { view: 'all', drill: { figure: 'age', age: '>30d' } }, sort: byCreated })).toEqual(['华东机房光缆被挖断', 'Pump station alarm', 'Router reboot']);
    expect(await rowsOf({ filter: { view: 'all', drill: { figure: 'age', age: '<1d' } } })).toEqual([]);
    expect(await rowsOf({ filter: { view: 'all', severity: ['critical'], drill: { figure: 'age', age: '>30d' } } })).toEqual(['华东机房光缆被挖断']);
    expect(await rowsOf({ filter: { view: 'all', drill: { figure: 'reports', month: '2026-03' } }, sort: byCreated })).toEqual(['华东机房光缆被挖断', 'Pump station alarm', 'Router reboot']);
    expect(await rowsOf({ filter: { view: 'all', drill: { figure: 'reports', month: '2026-02' } } })).toEqual(['Fan noisy']);
    // A search inside the figure's tickets: only what both find.
    expect(await rowsOf({ filter: { view: 'all', search: '断网', drill: { figure: 'reports', month: '2026-03' } } })).toEqual(['Pump station alarm']);
    expect(await rowsOf({ filter: { view: 'all', search: '断网', drill: { figure: 'reports', month: '2026-02' } } })).toEqual([]);
    const unknown = await page({ filter: { view: 'all', drill: { figure: 'everything', month: '2026-03' } as unknown as { figure: 'age'; age: '<1d' } } });
    expect(unknown.ok || unknown.error).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it("counts the team's open tickets per assignee for the manager's dashboard, and follows changes", async () => {
    const seen: Result<unknown>[] = [];
    const sub = core.router.subscribe('queue.teamLoad', {}, (r) => seen.push(r));
    if (!sub.ok) throw new Error(sub.error.message);
    const load = () => {
      const last = seen.at(-1);
      return last?.ok ? (last.value as { teamId: string; rows: { assigneeId: string; open: number; critical: number; dueToday: number }[] }) : undefined;
    };
    await expect.poll(() => load()?.rows.length).toBe(2);
    expect(load()!.teamId).toBe(myTeam);
    const mine = load()!.rows.find((r) => r.assigneeId === me)!;
    // The fibre cut (critical, overdue) and the router (minor); the resolved fan is not open.
    expect([mine.open, mine.critical]).toEqual([2, 1]);
    // Overdue counts as due today; the router's clock may cross midnight, so at least one.
    expect(mine.dueToday).toBeGreaterThanOrEqual(1);
    expect(load()!.rows.find((r) => r.assigneeId === NONE)).toMatchObject({ open: 1, critical: 0, dueToday: 0 });
    const pump = await core.db.tickets.findOne(ids['Pump station alarm']!).exec();
    await pump!.incrementalPatch({ severity: 'critical' });
    await expect.poll(() => load()?.rows.find((r) => r.assigneeId === NONE)?.critical).toBe(1);
    await pump!.getLatest().incrementalPatch({ severity: 'major' });
    await expect.poll(() => load()?.rows.find((r) => r.assigneeId === NONE)?.critical).toBe(0);
    sub.value();
  });

  it('resolves the built-in views for the local identity', async () => {
    expect(await rowsOf({ filter: { view: 'mine' } })).toEqual(['华东机房光缆被挖断', 'Router reboot']);
    expect(await rowsOf({ filter: { view: 'unassigned' } })).toEqual(['Pump station alarm']);
    expect(await rowsOf({ filter: { view: 'escalated' } })).toEqual(['Router reboot']);
    expect(await rowsOf({ filter: { view: 'breaching' } })).toEqual(['华东机房光缆被挖断', 'Router reboot']);
    expect(await rowsOf({ filter: { view: 'breaching', sla: ['breached'] } })).toEqual(['华东机房光缆被挖断']);
    expect(await rowsOf({ filter: { view: 'resolved' } })).toEqual(['Fan noisy']);
  });

  it('sends running SLA clocks with due and warning times for countdown chips', async () => {
    const r = await page({ filter: { view: 'all', search: 'pump station' } });
    const row = r.ok ? r.value.rows[0]! : undefined;
    expect(row?.clocks.map((c) => c.clock)).toEqual(['firstResponse', 'restore', 'fix']);
    expect(Date.parse(row!.clocks[0]!.warnAt)).toBeLessThan(Date.parse(row!.clocks[0]!.dueAt));
  });

  it('saves views per user, kept across restarts, and rebuilds the search index on demand', async () => {
    const saved = await core.router.dispatch('queue.saveView', { name: 'Critical fibre', filter: { view: 'all', severity: ['critical'], search: '光缆' } });
    expect(saved.ok).toBe(true);
    const id = saved.ok ? (saved.value as SavedView).id : '';
    expect((await core.router.dispatch('queue.setDefaultView', { view: `saved-${id}` })).ok).toBe(true);
    expect((await core.router.dispatch('queue.saveGrid', { view: 'mine', grid: { columns: [{ field: 'title', width: 300 }], density: 'comfortable' } })).ok).toBe(true);
    const unknown = await core.router.dispatch('queue.setDefaultView', { view: 'saved-nope' });
    expect(unknown.ok || unknown.error.code).toBe('NOT_FOUND');
    const blank = await core.router.dispatch('queue.saveView', { name: '   ', filter: { view: 'all' } });
    expect(blank.ok || blank.error.fields?.[0]?.message).toBe('validation.viewNameRequired');

    const rebuilt = await core.router.dispatch('queue.rebuildSearch', {});
    expect(rebuilt.ok && (rebuilt.value as { rows: number }).rows).toBe(5); // 4 tickets + 1 reply
    // The index was made again on the search connection: the store's own connection writes
    // to the new one, and searches find both what was rebuilt and what is written next.
    expect(await rowsOf({ filter: { view: 'all', search: '光缆' } })).toEqual(['华东机房光缆被挖断']);
    const fan = await core.db.tickets.findOne(ids['Fan noisy']!).exec();
    await fan!.incrementalPatch({ title: 'Fan noisy near the 光缆 tray' });
    await expect.poll(async () => (await rowsOf({ filter: { view: 'all', search: '光缆' } })).sort()).toEqual(['Fan noisy near the 光缆 tray', '华东机房光缆被挖断']);

    await core.close();
    core = await createCore({ dataDir: dir, shell: 'harness', version: '1.0.0' });
    const seen: Result<unknown>[] = [];
    const sub = core.router.subscribe('queue.settings', {}, (r) => seen.push(r));
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(1);
    const settings = (seen.at(-1) as { value: QueueSettings }).value;
    expect(settings.defaultView).toBe(`saved-${id}`);
    expect(settings.views.map((v) => v.name)).toEqual(['Critical fibre']);
    expect(settings.grid.mine?.density).toBe('comfortable');
    if (sub.ok) sub.value();
    expect((await rowsOf({ filter: { view: 'all', search: '光缆' } })).sort()).toEqual(['Fan noisy near the 光缆 tray', '华东机房光缆被挖断']);
  });
  // Last: it adds thousands of tickets the other tests do not expect.
  it('searches among the queue\'s own tickets: newer matches elsewhere do not crowd out an older one in the queue', async () => {
    // More resolved tickets matching "pump", all newer, than the search ranks per index.
    const newer = Array.from({ length: RANKED_PER_TABLE + 1 }, (_, i) =>
      aTicket({ title: `Pump ${i} replaced`, status: 'closed', resolvedAt: iso(now - 2 * HOUR), closedAt: iso(now - HOUR), createdAt: iso(now - HOUR) }),
    );
    await core.db.tickets.bulkInsert(newer);
    const open = await page({ filter: { view: 'open', search: 'pump' } });
    if (!open.ok) throw new Error(open.error.message);
    expect(open.value.rows.map((r) => r.title).sort()).toEqual(['Pump station alarm', 'Router reboot']);
    expect(open.value.total).toBe(2);
    expect(open.value.searchCapped).toBe(false);
    // The whole store still ranks its newest matches and says the answer is capped.
    const all = await page({ filter: { view: 'all', search: 'pump' } });
    if (!all.ok) throw new Error(all.error.message);
    expect(all.value.searchCapped).toBe(true);
    expect(all.value.rows.map((r) => r.title)).not.toContain('Pump station alarm');
  });
});
