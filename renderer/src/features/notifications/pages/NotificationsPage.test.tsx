// @vitest-environment jsdom
import '../../../testing/setup';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { NotificationList, NotificationView } from '../../../../../shared/api/notifications';
import { ok } from '../../../../../shared/api/result';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';

const row = (over: Partial<NotificationView>): NotificationView => ({
  id: 'assigned:1',
  kind: 'assigned',
  ticketId: 't1',
  ticketNumber: 'T-000123',
  ticketTitle: 'Fibre cut 光缆中断',
  at: '2026-03-02T01:00:00.000Z',
  clock: null,
  read: false,
  href: `/tickets/${over.ticketNumber ?? 'T-000123'}`,
  ...over,
});

const list: NotificationList = {
  unread: 2,
  rows: [
    row({}),
    row({ id: 'breach_warning:t2:restore:x', kind: 'breach_warning', ticketId: 't2', ticketNumber: 'T-000124', ticketTitle: 'Board alarm', clock: 'restore' }),
    row({ id: 'customer_reply:3', kind: 'customer_reply', ticketId: 't3', ticketNumber: '~7K2Q-0001', ticketTitle: 'Router down', read: true }),
  ],
};

const transportWith = (value: NotificationList = list) =>
  new FakeTransport(
    {
      'notifications.markRead': () => ok({ unread: 1 }),
      'notifications.setMuted': (input) => ok({ muted: input.muted ? [input.kind] : [] }),
    },
    {
      'sync.status': localOnlyStatus,
      'session.current': { user: null, serverUrl: null },
      'notifications.list': value,
      'notifications.settings': { muted: [] },
      'tickets.byNumber': null,
    },
  );

describe('NotificationsPage', () => {
  it('lists what needs me in English, unread first marked, with the count in the app bar', async () => {
    renderApp('/notifications', { transport: transportWith() });
    expect(await screen.findByRole('heading', { name: 'Notifications', level: 1 }, pageLoad)).toBeTruthy();
    const rows = await screen.findAllByTestId('notification-row');
    expect(rows.map((r) => within(r).getAllByText(/.+/)[0]!.textContent)).toEqual([
      'T-000123 assigned to you',
      'T-000124: restore about to breach',
      'The customer replied on ~7K2Q-0001',
    ]);
    expect(rows.map((r) => r.getAttribute('data-read'))).toEqual(['false', 'false', 'true']);
    expect(screen.getByTestId('notification-bell').getAttribute('aria-label')).toBe('Notifications, 2 unread');
    expect(screen.getByTestId('notification-count').textContent).toBe('2');
  });

  it('opens the ticket of a notification and marks it read', async () => {
    const user = userEvent.setup();
    const transport = transportWith();
    const { router } = renderApp('/notifications', { transport });
    await user.click((await screen.findAllByTestId('notification-row', {}, pageLoad))[0]!);
    await waitFor(() => expect(router?.state.location.pathname).toBe('/tickets/T-000123'));
    expect(transport.calls).toContainEqual({ name: 'notifications.markRead', input: { ids: ['assigned:1'] } });
  });

  it('a late assessment step opens the review it is owed on, in both languages', async () => {
    const user = userEvent.setup();
    const late = row({ id: 'assessment_late:a1:self_review', kind: 'assessment_late', ticketId: 'a1', ticketNumber: '2026-Q4', ticketTitle: 'Yang Tao', href: '/assessments/c1/review/p1' });
    const transport = transportWith({ rows: [late], unread: 1 });
    const first = renderApp('/notifications', { transport });
    expect(await screen.findByText('Assessment 2026-Q4: your step is overdue', {}, pageLoad)).toBeTruthy();
    first.unmount();
    const { router } = renderApp('/notifications', { transport, locale: 'zh-CN' });
    await user.click(await screen.findByText('考核 2026-Q4：您负责的环节已逾期', {}, pageLoad));
    await waitFor(() => expect(router?.state.location.pathname).toBe('/assessments/c1/review/p1'));
    expect(transport.calls).toContainEqual({ name: 'notifications.markRead', input: { ids: ['assessment_late:a1:self_review'] } });
  });

  it('reads in Chinese, marks all read and mutes a kind', async () => {
    const user = userEvent.setup();
    const transport = transportWith();
    renderApp('/notifications', { transport, locale: 'zh-CN' });
    expect(await screen.findByRole('heading', { name: '通知', level: 1 }, pageLoad)).toBeTruthy();
    expect(await screen.findByText('T-000124：恢复即将违反 SLA')).toBeTruthy();
    expect(screen.getByText('客户回复了 ~7K2Q-0001')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '全部标为已读' }));
    expect(transport.calls).toContainEqual({ name: 'notifications.markRead', input: { all: true } });
    await user.click(screen.getByTestId('notify-customer_reply'));
    expect(transport.calls).toContainEqual({ name: 'notifications.setMuted', input: { kind: 'customer_reply', muted: true } });
    act(() => transport.emit('notifications.settings', { muted: ['customer_reply'] }));
    expect((screen.getByTestId('notify-customer_reply') as HTMLInputElement).checked).toBe(false);
    expect((screen.getByTestId('notify-assigned') as HTMLInputElement).checked).toBe(true);
  });

  it('says what to expect when nothing needs the user, in both languages', async () => {
    const first = renderApp('/notifications', { transport: transportWith({ rows: [], unread: 0 }) });
    expect((await screen.findByTestId('notifications-empty', {}, pageLoad)).textContent).toBe(
      'Nothing needs you right now. New assignments, escalations, customer replies and SLA warnings appear here.',
    );
    expect(screen.getByTestId('notification-bell').getAttribute('aria-label')).toBe('Notifications');
    first.unmount();
    renderApp('/notifications', { transport: transportWith({ rows: [], unread: 0 }), locale: 'zh-CN' });
    expect((await screen.findByTestId('notifications-empty', {}, pageLoad)).textContent).toBe('目前没有需要您处理的事项。新的分派、升级、客户回复和 SLA 预警会显示在这里。');
  });
});
