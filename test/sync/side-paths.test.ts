/**
 * Z8 on the desktop: every side path of the app answers from the local replica, so once a
 * ticket moves out of a technician's sight (reassigned to another team and person on the
 * server) none of them may still yield it or its words: queue search and filters, the ticket
 * pages, duplicate suggestions, the customer account, the asset page, notifications, problem
 * links and their candidates, bulk actions, the escalation board and the local reports the
 * report exports are made from. The same paths show the ticket before the move, so each
 * check can fail. The ticket's timeline events the technician wrote (a note, the customer's
 * rating) stay readable to them and stay on the device: no path may reach the ticket through them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView, BulkResult } from '../../shared/api/board';
import type { CustomerAccount } from '../../shared/api/customers';
import type { TicketPreview } from '../../shared/api/intake';
import type { NotificationList } from '../../shared/api/notifications';
import type { ProblemDetail, CandidateList } from '../../shared/api/problems';
import type { QueuePage, TeamLoad } from '../../shared/api/queue';
import type { ReportAnswer } from '../../shared/api/reports';
import type { Result } from '../../shared/api/result';
import type { TicketDetail, TicketSummary } from '../../shared/api/tickets';
import type { AssetDetail } from '../../shared/api/assets';
import type { Page } from '../../shared/api/paging';
import type { BacklogReport, CsatReport } from '../../shared/domain/reports';
import { aCustomer, anAsset, anEvent, aPerson, aTeam, aTicket, newId } from '../../shared/domain/testing/builders';
import { writeServerDocs } from '../../server/sync/engine';
import { startTestServer, type TestServer } from '../../server/testing/harness';
import { createCore, type Core } from '../../electron/core/core';
import { startFaultProxy, type FaultProxy } from './proxy';
import { eventually, liveValue } from './wait';

const PASSWORD = 'tech password 1';
const HOUR = 3600_000;

const until = liveValue;

/** A live query kept open across the move, as a screen left open would be. */
interface Watch<T> {
  until(ready: (value: T) => boolean, timeoutMs?: number): Promise<T>;
  stop(): void;
}
const watch = <T>(core: Core, name: string, params: object): Watch<T> => {
  let last: Result<unknown> | undefined;
  const waiters = new Set<() => void>();
  const sub = core.router.subscribe(name, params, (r: Result<unknown>) => {
    last = r;
    for (const w of [...waiters]) w();
  });
  if (!sub.ok) throw new Error(`${name}: ${JSON.stringify(sub)}`);
  return {
    until: (ready, timeoutMs = 15_000) =>
      new Promise<T>((resolve, reject) => {
        const check = () => {
          if (last?.ok && ready(last.value as T)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(last.value as T);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${name} (kept open) never got there: ${JSON.stringify(last)?.slice(0, 600)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    stop: sub.value,
  };
};

const teamA = newId();
const teamB = newId();
const techId = newId();
const managerId = newId();
const otherId = newId();
const customer = aCustomer({ id: newId(), code: 'SIDE-1', name: 'Harbour Gate Telecom', nameZh: '港门电信' });
const siteId = customer.sites[0]!.id;
const asset = anAsset({ customerId: customer.id, siteId, assetCode: 'QX-7731', serial: 'SNQX7731', rfidTag: 'E2000017221101447731' });
const createdAt = new Date(Date.now() - 2 * HOUR).toISOString();
const common = { customerId: customer.id, customerName: customer.name, siteId, createdAt, updatedAt: createdAt, createdBy: managerId, productLine: 'transport' };
/** T: the technician's ticket that moves away. Its words are found nowhere else. */
const moving = aTicket({
  ...common,
  title: 'Zephyrine 光缆 splice cut at the harbour gate',
  description: 'Marmoset cabinet flooded, the 光缆 spliced twice',
  assetId: asset.id,
  teamId: teamA,
  assigneeId: techId,
  severity: 'critical',
});
/** U: a ticket of the same team and customer that stays in sight. */
const staying = aTicket({ ...common, title: 'Board alarm at Pudong', description: 'LOS on port 3', teamId: teamA, assigneeId: techId, severity: 'critical' });
const at = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
const events = [
  // The manager assigned T to the technician: the notification.
  anEvent('assignment', { ticketId: moving.id, authorId: managerId, at: at(HOUR), fromTeamId: teamA, toTeamId: teamA, fromAssigneeId: '', toAssigneeId: techId }),
  // Written by the technician: still theirs to read after the move, and kept on the device.
  anEvent('note', { ticketId: moving.id, authorId: techId, at: at(HOUR / 2), body: 'Quillwort duct blocked, returning with a longer rod' }),
  anEvent('csat', { ticketId: moving.id, authorId: techId, at: at(HOUR / 4), score: 2, reason: 'Quillwort crew left the 光缆 cabinet open' }),
];
/** What of T may not show after the move (its number is added once the server gave it). */
const secrets = [moving.id, 'Zephyrine', 'Marmoset', 'Quillwort', '光缆'];
const shown = (value: unknown, words = secrets): string[] => {
  const text = JSON.stringify(value);
  return words.filter((w) => text.includes(w));
};

// This month and the last: the events of the last hours fall in one of them.
const thisMonth = new Date().toISOString().slice(0, 7);
const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
/** Ratings the customer's account counts over this month and the last. */
const ratings = (a: CustomerAccount | null) => (a?.months ?? []).filter((m) => m.month >= lastMonth).reduce((n, m) => n + m.csatResponses, 0);

describe('side paths after a ticket leaves the technician’s sight (Z8)', () => {
  let server: TestServer;
  let proxy: FaultProxy;
  let dir: string;
  let core: Core;
  const open: Watch<unknown>[] = [];
  let number = '';
  let problemId = '';

  const write = async (collection: string, docs: object[]) => {
    const spec = server.app.deps.registry.get(collection)!;
    await server.db.transaction((tx) => writeServerDocs(tx, spec, docs.map((doc) => ({ doc: doc as Record<string, unknown> }))));
  };
  const stored = async (id: string): Promise<Record<string, unknown>> =>
    (await server.db.query<{ doc: Record<string, unknown> }>(`select doc from sync_docs where collection = 'tickets' and id = $1`, [id])).rows[0]!.doc;
  /** The local reports (offline: the server is out of reach), as the report screen and its CSV / XLSX exports get them. */
  const localReport = async <R>(report: 'backlog' | 'csat'): Promise<R> => {
    proxy.cut();
    try {
      const r = await core.router.dispatch('reports.run', { report, query: { from: lastMonth, to: thisMonth } });
      expect(r).toMatchObject({ ok: true, value: { source: 'local' } });
      return (r as { value: ReportAnswer }).value.data as R;
    } finally {
      proxy.restore();
    }
  };

  beforeAll(async () => {
    server = await startTestServer('pg');
    proxy = await startFaultProxy(server.url);
    // A field technician who is an engineer too: engineers link tickets to problems; both roles read the same tickets.
    await server.userSession('tech.side', ['technician', 'engineer'], { id: techId, teamId: teamA, password: PASSWORD });
    await write('teams', [aTeam({ id: teamA, name: 'Harbour field team', nameZh: '港口现场组', managerId }), aTeam({ id: teamB, name: 'Inland field team', nameZh: '内陆现场组', managerId })]);
    await write('people', [
      aPerson({ id: techId, username: 'tech.side', displayName: 'Tech Side', roles: ['technician', 'engineer'], teamId: teamA, managerId }),
      aPerson({ id: managerId, username: 'mgr.side', displayName: 'Manager Side', roles: ['manager'], teamId: null, managerId: null }),
      aPerson({ id: otherId, username: 'tech.inland', displayName: 'Tech Inland', roles: ['technician'], teamId: teamB, managerId }),
    ]);
    await write('customers', [customer]);
    await write('assets', [asset]);
    await write('tickets', [moving, staying]);
    await write('ticketEvents', events);
    dir = await mkdtemp(join(tmpdir(), 'cims-side-'));
    core = await createCore({ dataDir: dir, shell: 'harness', version: '1.0.0' });
    expect((await core.router.dispatch('session.signIn', { serverUrl: proxy.url, username: 'tech.side', password: PASSWORD })).ok).toBe(true);
  });
  afterAll(async () => {
    for (const w of open) w.stop();
    await core?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    await proxy?.close();
    await server?.close();
  });

  it('shows the ticket on every side path while the technician may read it', async () => {
    // Synced: the search by its Chinese word finds it, and gives its number.
    const found = await until<QueuePage>(core, 'queue.page', { filter: { search: '光缆' } }, (p) => p.rows.some((r) => r.id === moving.id));
    number = found.rows.find((r) => r.id === moving.id)!.number;
    expect(number).toMatch(/^T-\d{6}$/);
    secrets.push(number);
    const hasT = (rows: { id: string }[]) => rows.some((r) => r.id === moving.id);

    // Queue: search by title, description, note and asset code; the views and filters.
    for (const search of ['Zephyrine', 'Marmoset', 'Quillwort', 'QX-7731', number])
      expect((await until<QueuePage>(core, 'queue.page', { filter: { search } }, (p) => hasT(p.rows))).rows.map((r) => r.id), search).toEqual([moving.id]);
    for (const filter of [{ view: 'mine' }, { view: 'team' }, { view: 'open', severity: ['critical'] }, { customerId: [customer.id] }, { teamId: [teamA], status: ['new'] }])
      expect((await until<QueuePage>(core, 'queue.page', { filter }, (p) => hasT(p.rows))).total, JSON.stringify(filter)).toBe(2);
    const load = await until<TeamLoad>(core, 'queue.teamLoad', {}, (l) => l.rows.some((r) => r.assigneeId === techId && r.open === 2));
    expect(load.teamId).toBe(teamA);
    await until<TicketSummary[]>(core, 'tickets.list', { limit: 50 }, hasT);
    await until<Page<TicketSummary>>(core, 'tickets.page', { filter: { view: 'mine' } }, (p) => hasT(p.rows));

    // The ticket's own pages, by number and by id.
    expect(await until<TicketDetail | null>(core, 'tickets.byNumber', { number }, (d) => d !== null)).toMatchObject({ id: moving.id, title: moving.title });
    expect(await until<{ id: string } | null>(core, 'ticketWork.detail', { number }, (d) => d !== null)).toMatchObject({ id: moving.id });
    const timeline = await until<Page<{ kind: string }>>(core, 'ticketWork.timeline', { ticketId: moving.id }, (p) => p.total >= 3);
    expect(shown(timeline)).toContain('Quillwort');
    // The service report: its print view, and the PDF export (this shell has no printer, so it stops there).
    expect(shown(await until<unknown>(core, 'fieldwork.report', { number, photos: false }, (v) => v !== null))).toEqual(expect.arrayContaining([number, 'Zephyrine']));
    const pdf = await core.router.dispatch('fieldwork.makeReport', { ticketId: moving.id, locale: 'zh-CN', photos: false });
    expect(pdf).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: [{ code: 'pdf_unavailable' }] } });

    // Duplicate suggestions while a new ticket is recorded; the customer's account and the asset's page.
    const preview = await until<TicketPreview>(core, 'intake.preview', { customerId: customer.id, siteId, title: 'Zephyrine 光缆 cut again' }, (p) => hasT(p.duplicates));
    expect(preview.duplicates.map((d) => d.id)).toEqual([moving.id]);
    const account = await until<CustomerAccount | null>(core, 'customers.account', { id: customer.id }, (a) => a !== null && hasT(a.openTickets));
    expect(ratings(account)).toBe(1);
    await until<AssetDetail | null>(core, 'assets.detail', { code: asset.assetCode }, (a) => a !== null && hasT(a.tickets));

    // Notifications: the assignment.
    const notified = await until<NotificationList>(core, 'notifications.list', {}, (l) => l.rows.some((n) => n.ticketId === moving.id && n.kind === 'assigned'));
    expect(notified.rows.find((n) => n.ticketId === moving.id && n.kind === 'assigned')).toMatchObject({ ticketNumber: number, ticketTitle: moving.title });

    // The escalation board.
    await until<BoardView>(core, 'board.view', { axis: 'functional' }, (b) => b.columns.some((c) => hasT(c.cards)));

    // Problems: the ticket is a candidate to link, and is linked.
    await until<CandidateList>(core, 'problems.candidates', { productLine: 'transport' }, (c) => hasT(c.candidates));
    const created = await core.router.dispatch('problems.create', {
      title: 'Flooded splice cabinets',
      description: '',
      causeCategory: 'unknown',
      productLine: 'transport',
      ownerId: techId,
      whys: [],
      rootCause: '',
      actions: [],
      ticketIds: [moving.id],
    });
    expect(created).toMatchObject({ ok: true });
    problemId = (created as { value: { id: string } }).value.id;
    const problem = await until<ProblemDetail | null>(core, 'problems.detail', { id: problemId }, (p) => p !== null);
    expect(problem!.tickets).toMatchObject([{ id: moving.id, number, title: moving.title, visible: true }]);

    // A bulk action on it is carried out.
    const bulk = await core.router.dispatch('board.bulk', { ticketIds: [moving.id], action: { kind: 'transition', to: 'in_progress' } });
    expect(bulk).toMatchObject({ ok: true, value: { changed: 1, refused: 0 } });

    // The local reports count it and quote its rating.
    expect((await localReport<BacklogReport>('backlog')).open).toBe(2);
    const csat = await localReport<CsatReport>('csat');
    expect([csat.responses, csat.verbatims.map((v) => v.ticketId)]).toEqual([1, [moving.id]]);

    // Screens left open across the move.
    open.push(
      watch(core, 'queue.page', { filter: { search: '光缆' } }),
      watch(core, 'notifications.list', {}),
      watch(core, 'ticketWork.detail', { number }),
      watch(core, 'customers.account', { id: customer.id }),
    );
    await open[0]!.until((p) => hasT((p as QueuePage).rows));

    // The link and the bulk change reached the server before it moves the ticket.
    await eventually(() => stored(moving.id), (d) => d.status === 'in_progress' && d.problemId === problemId, 20_000);
  });

  it('answers none of it once the server moved the ticket to another team', async () => {
    expect(number).not.toBe('');
    // The manager's reassignment to another team and person, written on the server as the admin routes do.
    await write('tickets', [{ ...(await stored(moving.id)), teamId: teamB, assigneeId: otherId, updatedAt: new Date().toISOString() }]);
    await eventually(async () => (await core.db.tickets.findOne(moving.id).exec()) === null, (gone) => gone, 20_000);
    const onServer = await stored(moving.id);
    const noT = (rows: { id: string }[]) => !rows.some((r) => r.id === moving.id);

    // Screens left open drop it.
    const [search, notes, detail, account] = open as [Watch<QueuePage>, Watch<NotificationList>, Watch<unknown>, Watch<CustomerAccount | null>];
    expect((await search.until((p) => noT(p.rows))).total).toBe(0);
    expect(shown((await notes.until((l) => noT(l.rows.map((n) => ({ id: n.ticketId }))))).rows)).toEqual([]);
    expect(await detail.until((d) => d === null)).toBeNull();
    const kept = await account.until((a) => a !== null && noT(a.openTickets));
    expect(shown(kept)).toEqual([]);
    expect(ratings(kept)).toBe(0);

    // Queue: no search finds it, no view or filter lists it; the other ticket still shows.
    for (const search of ['光缆', 'Zephyrine', 'Marmoset', 'Quillwort', 'QX-7731', number]) {
      const page = await until<QueuePage>(core, 'queue.page', { filter: { search } }, (p) => noT(p.rows));
      expect([page.total, shown(page.rows)], search).toEqual([0, []]);
    }
    for (const filter of [{ view: 'mine' }, { view: 'team' }, { view: 'open', severity: ['critical'] }, { customerId: [customer.id] }, { teamId: [teamA], status: ['new'] }, { view: 'all' }]) {
      const page = await until<QueuePage>(core, 'queue.page', { filter }, (p) => noT(p.rows));
      expect([page.total, page.rows.map((r) => r.id), shown(page.rows)], JSON.stringify(filter)).toEqual([1, [staying.id], []]);
    }
    expect((await until<TeamLoad>(core, 'queue.teamLoad', {}, (l) => l.rows.every((r) => r.assigneeId !== techId || r.open === 1))).rows).toEqual([
      { assigneeId: techId, open: 1, critical: 1, dueToday: expect.any(Number) as number },
    ]);
    expect(shown(await until<TicketSummary[]>(core, 'tickets.list', { limit: 50 }, noT))).toEqual([]);
    expect(shown(await until<Page<TicketSummary>>(core, 'tickets.page', { filter: { view: 'mine' } }, (p) => noT(p.rows)))).toEqual([]);

    // Its pages: not found by number or id, and no command reaches it.
    expect(await until<TicketDetail | null>(core, 'tickets.byNumber', { number }, () => true)).toBeNull();
    expect(await until<unknown>(core, 'ticketWork.detail', { number }, () => true)).toBeNull();
    expect(await until<Page<unknown>>(core, 'ticketWork.timeline', { ticketId: moving.id }, () => true)).toEqual({ rows: [], total: 0 });
    expect(await until<unknown>(core, 'fieldwork.report', { number, photos: false }, () => true)).toBeNull();
    expect(shown(await until<unknown>(core, 'fieldwork.panel', { ticketId: moving.id }, () => true), secrets.slice(1))).toEqual([]);
    const pdf = await core.router.dispatch('fieldwork.makeReport', { ticketId: moving.id, locale: 'zh-CN', photos: false });
    expect(pdf).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', fields: [{ code: 'ticket_not_found' }] } });
    expect(await core.router.dispatch('ticketWork.note', { ticketId: moving.id, body: 'Back on site' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // Duplicate suggestions, the customer's account, the asset's page.
    const preview = await until<TicketPreview>(core, 'intake.preview', { customerId: customer.id, siteId, title: 'Zephyrine 光缆 cut again' }, () => true);
    expect(preview.duplicates).toEqual([]);
    expect(shown(await until<CustomerAccount | null>(core, 'customers.account', { id: customer.id }, () => true))).toEqual([]);
    const assetPage = await until<AssetDetail | null>(core, 'assets.detail', { code: asset.assetCode }, () => true);
    expect([assetPage?.tickets, shown(assetPage)]).toEqual([[], []]);

    // Notifications: nothing about it, even though the assignment event is still on the device.
    const notified = await until<NotificationList>(core, 'notifications.list', {}, () => true);
    expect(shown(notified)).toEqual([]);

    // The escalation board.
    const board = await until<BoardView>(core, 'board.view', { axis: 'functional' }, () => true);
    expect([board.columns.flatMap((c) => c.cards.map((k) => k.id)), shown(board)]).toEqual([[staying.id], []]);

    // Problems: no longer a candidate; the problem shows the link as out of sight, without its content; no new link.
    expect(shown(await until<CandidateList>(core, 'problems.candidates', { productLine: 'transport' }, () => true))).toEqual([]);
    const problem = await until<ProblemDetail | null>(core, 'problems.detail', { id: problemId }, () => true);
    expect(problem!.tickets).toEqual([{ id: moving.id, number: '', title: '', status: null, productLine: '', assetModel: null, cause: null, createdAt: null, visible: false }]);
    const problems = await core.db.problems.count().exec();
    const link = await core.router.dispatch('problems.create', {
      title: 'Flooded cabinets again',
      description: '',
      causeCategory: 'unknown',
      productLine: 'transport',
      ownerId: techId,
      whys: [],
      rootCause: '',
      actions: [],
      ticketIds: [moving.id],
    });
    expect(link).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'ticketIds', code: 'ticket_not_found' }] } });
    expect(shown((link as { error: unknown }).error, secrets.slice(1))).toEqual([]);
    expect(await core.db.problems.count().exec()).toBe(problems);

    // Bulk actions on its id: refused without its number, nothing written here or on the server.
    const eventsHere = await core.db.ticketEvents.count({ selector: { ticketId: moving.id } }).exec();
    for (const action of [
      { kind: 'transition', to: 'pending', pendingReason: 'customer' },
      { kind: 'assign', teamId: teamA, assigneeId: techId },
      { kind: 'escalate', axis: 'functional', to: 'L2', reason: 'customer escalated' },
    ]) {
      const bulk = await core.router.dispatch('board.bulk', { ticketIds: [moving.id], action });
      expect(bulk, action.kind).toMatchObject({ ok: true, value: { changed: 0, refused: 1, outcomes: [{ ticketId: moving.id, number: '', ok: false, code: 'ticket_not_found' }] } });
      expect(shown((bulk as { value: BulkResult }).value, secrets.slice(1))).toEqual([]);
    }
    expect(await core.db.tickets.findOne(moving.id).exec()).toBeNull();
    expect(await core.db.ticketEvents.count({ selector: { ticketId: moving.id } }).exec()).toBe(eventsHere);

    // The local reports (and the CSV and XLSX made from them): not counted, its rating not quoted.
    expect((await localReport<BacklogReport>('backlog')).open).toBe(1);
    const csat = await localReport<CsatReport>('csat');
    expect([csat.responses, csat.verbatims, shown(csat)]).toEqual([0, [], []]);

    // Nothing the technician did since reached the server's copy.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await stored(moving.id)).toEqual(onServer);
  });
});
