// @vitest-environment jsdom
import '../testing/setup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../testing/render';
import { pageLoad } from '../testing/timeouts';

describe('AppShell', () => {
  it('lists every navigation entry in English and marks the current page', async () => {
    renderApp('/settings');
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' }, pageLoad);
    const links = within(nav).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(['Queues', 'Tickets', 'New ticket', 'Notifications', 'Customers', 'Sync', 'Settings', 'About']);
    await waitFor(() => expect(within(nav).getByRole('link', { name: 'Settings' }).getAttribute('aria-current')).toBe('page'));
    expect(within(nav).getByRole('link', { name: 'Tickets' }).hasAttribute('aria-current')).toBe(false);
  });

  it('shows the navigation in Chinese and follows the user to another page', async () => {
    const user = userEvent.setup();
    const { router } = renderApp('/settings', { locale: 'zh-CN' });
    const nav = await screen.findByRole('navigation', { name: '主导航' }, pageLoad);
    expect(within(nav).getAllByRole('link').map((l) => l.textContent)).toEqual(['工单队列', '工单', '新建工单', '通知', '客户', '同步', '设置', '关于']);
    await user.click(within(nav).getByRole('link', { name: '同步' }));
    await waitFor(() => expect(router?.state.location.pathname).toBe('/sync'), pageLoad);
    await waitFor(() => expect(within(nav).getByRole('link', { name: '同步' }).getAttribute('aria-current')).toBe('page'), pageLoad);
    expect(within(nav).getByRole('link', { name: '设置' }).hasAttribute('aria-current')).toBe(false);
  });

  it('has a skip link that moves the focus to the content without changing the route', async () => {
    const user = userEvent.setup();
    const { router } = renderApp('/settings');
    const skip = await screen.findByRole('link', { name: 'Skip to content' }, pageLoad);
    await user.click(skip);
    expect(document.activeElement).toBe(document.getElementById('main'));
    expect(router?.state.location.pathname).toBe('/settings');
  });

  it('has the skip link in Chinese', async () => {
    renderApp('/settings', { locale: 'zh-CN' });
    expect(await screen.findByRole('link', { name: '跳到主要内容' }, pageLoad)).toBeTruthy();
  });
});
