// @vitest-environment jsdom
import '../../../testing/setup';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TicketDetail } from '../../../../../shared/api/tickets';
import { aTicketDetail } from '../../../testing/builders';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';

const session = { user: null, serverUrl: null };
const withTicket = (ticket?: TicketDetail | null) =>
  new FakeTransport(
    {},
    ticket === undefined
      ? { 'sync.status': localOnlyStatus, 'session.current': session }
      : { 'sync.status': localOnlyStatus, 'session.current': session, 'tickets.byNumber': ticket, 'tickets.list': [] },
  );

const dateTime = (locale: string, iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));

const ticket = aTicketDetail({
  number: 'T-000123',
  title: 'Fibre cut at site 7',
  severity: 'critical',
  priority: 'P1',
  status: 'in_progress',
  type: 'complaint',
  channel: 'onsite',
  customerName: 'Shenzhen Metro',
  contactName: 'Li Wei',
  region: 'South',
  description: 'No signal since 08:00.\nTwo stations affected.',
  createdAt: '2026-03-02T01:00:00.000Z',
  respondedAt: '2026-03-02T01:20:00.000Z',
  slaDueAt: '2026-03-02T05:00:00.000Z',
});

describe('TicketPage', () => {
  it('shows the ticket at #/tickets/T-000123 with its fields in English', async () => {
    const transport = withTicket(ticket);
    renderApp('/tickets/T-000123', { transport });
    const detail = await screen.findByTestId('ticket-detail', {}, pageLoad);
    expect(transport.opened).toContainEqual({ name: 'tickets.byNumber', params: { number: 'T-000123' } });
    expect(within(detail).getByRole('heading', { level: 1 }).textContent).toBe('T-000123 · Fibre cut at site 7');
    for (const text of ['Critical', 'P1', '· In progress', '· Complaint', '· On site', 'Shenzhen Metro', 'Li Wei', 'South']) {
      expect(within(detail).getByText(text)).toBeTruthy();
    }
    expect(within(detail).getByText(/No signal since 08:00\.\s+Two stations affected\./)).toBeTruthy();
    const terms = [...detail.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]);
    expect(terms).toEqual([
      ['Customer', 'Shenzhen Metro'],
      ['Contact', 'Li Wei'],
      ['Region', 'South'],
      ['Created', dateTime('en', ticket.createdAt)],
      ['Responded', dateTime('en', ticket.respondedAt!)],
      ['Restored', '—'],
      ['Resolved', '—'],
      ['Closed', '—'],
      ['SLA due', dateTime('en', ticket.slaDueAt!)],
    ]);
    expect(screen.getByRole('link', { name: 'All tickets' }).getAttribute('href')).toBe('/tickets');
  });

  it('shows the same ticket in Chinese', async () => {
    renderApp('/tickets/T-000123', { transport: withTicket({ ...ticket, description: '' }), locale: 'zh-CN' });
    const detail = await screen.findByTestId('ticket-detail', {}, pageLoad);
    for (const text of ['严重', '· 处理中', '· 投诉', '· 现场', '无描述。', '客户', '联系人', '区域', '里程碑', 'SLA 到期']) {
      expect(within(detail).getByText(text)).toBeTruthy();
    }
    expect(within(detail).getByText(dateTime('zh-CN', ticket.createdAt))).toBeTruthy();
    expect(screen.getByRole('link', { name: '全部工单' })).toBeTruthy();
  });

  it('shows a skeleton until the ticket arrives', async () => {
    const transport = withTicket();
    renderApp('/tickets/T-000123', { transport });
    await waitFor(() => expect(transport.openCount('tickets.byNumber')).toBe(1), pageLoad);
    expect(screen.queryByTestId('ticket-detail')).toBeNull();
    expect(screen.getAllByTestId('page-skeleton').length).toBeGreaterThan(0);
    act(() => transport.emit('tickets.byNumber', ticket));
    expect(await screen.findByTestId('ticket-detail', {}, pageLoad)).toBeTruthy();
  });

  it('says the ticket is not on this computer, with its number, in both languages', async () => {
    const user = userEvent.setup();
    const first = renderApp('/tickets/T-999999', { transport: withTicket(null) });
    expect((await screen.findByTestId('ticket-not-found', {}, pageLoad)).textContent).toBe(
      'Ticket T-999999 is not on this computer. It may belong to another team, or it has not synced yet.',
    );
    await user.click(screen.getByRole('link', { name: 'All tickets' }));
    expect(await screen.findByTestId('ticket-list-empty', {}, pageLoad)).toBeTruthy();
    expect(first.router?.state.location.pathname).toBe('/tickets');
    first.unmount();
    renderApp('/tickets/T-999999', { transport: withTicket(null), locale: 'zh-CN' });
    expect((await screen.findByTestId('ticket-not-found', {}, pageLoad)).textContent).toBe('本机上没有工单 T-999999。它可能属于其他团队，或尚未同步。');
  });

  it('says what went wrong when the ticket cannot be read', async () => {
    const transport = withTicket();
    renderApp('/tickets/T-000123', { transport, locale: 'zh-CN' });
    await waitFor(() => expect(transport.openCount('tickets.byNumber')).toBe(1), pageLoad);
    act(() => transport.emitError('tickets.byNumber', { code: 'STORAGE_FAILED', message: 'disk I/O error' }));
    expect((await screen.findByText(/无法在本机保存/)).textContent).toBe('无法在本机保存（磁盘可能已满）。请释放空间后重试；未做任何更改。');
    expect(screen.queryByText('disk I/O error')).toBeNull();
  });

  it('shows markup in ticket text as text and creates no element from it (RELIABILITY B4)', async () => {
    const hostile = aTicketDetail({
      number: 'T-000123',
      title: '<script>window.__pwned = true</script>',
      customerName: '<img src=x onerror="window.__pwned = true">',
      contactName: '<b>bold</b>',
      region: '<iframe src="javascript:alert(1)"></iframe>',
      description: '<img src=x onerror=alert(1)><script>alert(2)</script>',
    });
    const { container } = renderApp('/tickets/T-000123', { transport: withTicket(hostile) });
    const detail = await screen.findByTestId('ticket-detail', {}, pageLoad);
    expect(within(detail).getByRole('heading', { level: 1 }).textContent).toBe('T-000123 · <script>window.__pwned = true</script>');
    for (const text of [hostile.customerName, hostile.contactName, hostile.region, hostile.description]) expect(within(detail).getByText(text)).toBeTruthy();
    expect(container.querySelector('script, img, iframe, b')).toBeNull();
    expect((window as { __pwned?: boolean }).__pwned).toBeUndefined();
  });
});
