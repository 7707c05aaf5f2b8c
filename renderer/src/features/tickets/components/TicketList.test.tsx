// @vitest-environment jsdom
import '../../../testing/setup';
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TicketSummary } from '../../../../../shared/api/tickets';
import { aQueueRow, aTicketSummary } from '../../../testing/builders';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderWithApp, type RenderOptions } from '../../../testing/render';
import { TicketList } from './TicketList';

const withTickets = (tickets?: TicketSummary[]) =>
  new FakeTransport({}, tickets ? { 'sync.status': localOnlyStatus, 'queue.page': { rows: tickets.map((t) => aQueueRow(t)), total: tickets.length, terms: [], searchCapped: false } } : { 'sync.status': localOnlyStatus });

const show = (tickets: TicketSummary[] | undefined, options: RenderOptions = {}) =>
  renderWithApp(<TicketList />, { transport: withTickets(tickets), ...options });

describe('TicketList', () => {
  it('shows a skeleton until the first result, then the rows', async () => {
    const transport = withTickets();
    renderWithApp(<TicketList />, { transport });
    expect(screen.getByTestId('ticket-list-loading')).toBeTruthy();
    expect(screen.queryByTestId('ticket-list')).toBeNull();
    expect(transport.opened).toContainEqual({ name: 'queue.page', params: { limit: 50, sort: { field: 'createdAt', direction: 'desc' }, filter: { view: 'all' } } });
    act(() => transport.emit('queue.page', { rows: [aQueueRow(aTicketSummary())], total: 1, terms: [], searchCapped: false }));
    expect(screen.queryByTestId('ticket-list-loading')).toBeNull();
    expect(screen.getAllByTestId('ticket-row')).toHaveLength(1);
  });

  it('says what to do when there are no tickets, in both languages', async () => {
    const first = show([]);
    expect((await screen.findByTestId('ticket-list-empty')).textContent).toBe('No tickets yet. Record the first one with New ticket.');
    expect(screen.getByRole('heading', { name: 'Recent tickets (0 tickets)' })).toBeTruthy();
    first.unmount();
    show([], { locale: 'zh-CN' });
    expect((await screen.findByTestId('ticket-list-empty')).textContent).toBe('还没有工单。点击“新建工单”记录第一张工单。');
  });

  it('shows each ticket with its severity and status in English, and links its title to its page', async () => {
    const tickets = [
      aTicketSummary({ number: 'T-000123', title: 'Fibre cut', severity: 'critical', status: 'in_progress', priority: 'P1' }),
      aTicketSummary({ number: '~K3J9', provisional: true, title: 'Noisy fan', severity: 'minor', status: 'new' }),
    ];
    show(tickets);
    const [first, second] = (await screen.findAllByTestId('ticket-row')).map((row) => within(row));
    if (!first || !second) throw new Error('expected two rows');
    expect(screen.getByRole('heading', { name: 'Recent tickets (2 tickets)' })).toBeTruthy();
    expect(first.getByText('T-000123')).toBeTruthy();
    expect(first.getByText('Critical')).toBeTruthy();
    expect(first.getByText('In progress')).toBeTruthy();
    expect(first.getByText('P1')).toBeTruthy();
    expect(first.getByRole('link', { name: 'Open ticket T-000123: Fibre cut' }).getAttribute('href')).toBe('/tickets/T-000123');
    // A provisional number says so to whoever points at it or reads it aloud.
    expect(second.getByLabelText('Provisional number until the ticket first syncs').textContent).toBe('~K3J9');
    expect(second.getByRole('link', { name: 'Open ticket ~K3J9: Noisy fan' }).getAttribute('href')).toBe(`/tickets/${encodeURIComponent('~K3J9')}`);
    expect(second.getByText('Minor')).toBeTruthy();
    expect(second.getByText('New')).toBeTruthy();
  });

  it('shows the column names, severity, status and dates in Chinese', async () => {
    const createdAt = '2026-03-02T01:00:00.000Z';
    show([aTicketSummary({ severity: 'major', status: 'pending', createdAt })], { locale: 'zh-CN' });
    const row = within(await screen.findByTestId('ticket-row'));
    expect(row.getByText('主要')).toBeTruthy();
    expect(row.getByText('挂起')).toBeTruthy();
    expect(row.getByText(new Intl.DateTimeFormat('zh-CN', { dateStyle: 'short', timeStyle: 'short' }).format(new Date(createdAt)))).toBeTruthy();
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['编号', '标题', '客户', '严重程度', '优先级', '状态', '创建时间']);
    expect(screen.getByRole('heading', { name: '最近的工单 (1 张工单)' })).toBeTruthy();
  });

  it('keeps the rows and says what went wrong when an update fails', async () => {
    const transport = withTickets([aTicketSummary({ title: 'Fibre cut' })]);
    renderWithApp(<TicketList />, { transport, locale: 'zh-CN' });
    await screen.findByText('Fibre cut');
    act(() => transport.emitError('queue.page', { code: 'STORAGE_FAILED', message: 'disk I/O error' }));
    expect(screen.getByRole('alert').textContent).toBe('无法在本机保存（磁盘可能已满）。请释放空间后重试；未做任何更改。');
    expect(screen.getByText('Fibre cut')).toBeTruthy();
  });

  it('shows markup in ticket text as text and creates no element from it (RELIABILITY B4)', async () => {
    const title = '<script>window.__pwned = true</script>';
    const customerName = '<img src=x onerror="window.__pwned = true">';
    const { container } = show([aTicketSummary({ title, customerName })]);
    const row = await screen.findByTestId('ticket-row');
    expect(within(row).getByText(title)).toBeTruthy();
    expect(within(row).getByText(customerName)).toBeTruthy();
    expect(container.querySelector('script, img')).toBeNull();
    expect(document.querySelector('img[src="x"], script')).toBeNull();
    expect((window as { __pwned?: boolean }).__pwned).toBeUndefined();
  });

  it('counts every ticket on this computer in the heading, not the 50 rows shown', async () => {
    const transport = new FakeTransport({}, { 'sync.status': localOnlyStatus, 'queue.page': { rows: [aQueueRow()], total: 1234, terms: [], searchCapped: false } });
    renderWithApp(<TicketList />, { transport });
    expect(await screen.findByRole('heading', { name: 'Recent tickets (1234 tickets)' })).toBeTruthy();
    act(() => transport.emit('queue.page', { rows: [aQueueRow()], total: 1235, terms: [], searchCapped: false }));
    expect(screen.getByRole('heading', { name: 'Recent tickets (1235 tickets)' })).toBeTruthy();
  });

  it('wraps a long title without spaces instead of widening the page', async () => {
    show([aTicketSummary({ title: 'X'.repeat(200) })]);
    const cell = (await screen.findByText('X'.repeat(200))).closest('td')!;
    // jsdom has no layout: the rule that lets the cell shrink below the word's length is checked.
    expect(getComputedStyle(cell).overflowWrap).toBe('anywhere');
  });
});
