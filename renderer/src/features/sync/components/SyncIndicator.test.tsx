// @vitest-environment jsdom
import '../../../testing/setup';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SyncState } from '../../../../../shared/api/sync';
import { aSyncStatus } from '../../../testing/builders';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { SyncIndicator } from './SyncIndicator';

const labels: Record<SyncState, [en: string, zh: string]> = {
  'local-only': ['Local only', '仅本地'],
  'signed-out': ['Signed out', '未登录'],
  connecting: ['Connecting…', '正在连接…'],
  syncing: ['Syncing…', '正在同步…'],
  online: ['Synced', '已同步'],
  offline: ['Offline', '离线'],
  error: ['Sync error', '同步出错'],
  'update-required': ['Update required', '需要更新'],
  'session-ended': ['Session ended', '会话已结束'],
};

const withStatus = (state: SyncState, pendingLocalChanges = 0) =>
  new FakeTransport({}, { 'sync.status': aSyncStatus({ state, pendingLocalChanges }), 'session.current': { user: null, serverUrl: null } });

describe('SyncIndicator', () => {
  it.each(Object.entries(labels) as [SyncState, [string, string]][])('names the state %s in English and Chinese', async (state, [en, zh]) => {
    const first = renderWithApp(<SyncIndicator />, { transport: withStatus(state) });
    expect((await screen.findByText(en)).closest('[data-testid="sync-indicator"]')).toBeTruthy();
    expect(screen.getByTestId('sync-indicator').getAttribute('aria-label')).toBe(`Sync status: ${en}`);
    first.unmount();
    renderWithApp(<SyncIndicator />, { transport: withStatus(state), locale: 'zh-CN' });
    await screen.findByText(zh);
    expect(screen.getByTestId('sync-indicator').getAttribute('aria-label')).toBe(`同步状态: ${zh}`);
  });

  it('counts changes waiting to sync, and follows the status as it changes', async () => {
    const transport = withStatus('offline', 3);
    renderWithApp(<SyncIndicator />, { transport });
    await screen.findByText('Offline · 3');
    act(() => transport.emit('sync.status', aSyncStatus({ state: 'online', pendingLocalChanges: 0 })));
    expect(screen.getByTestId('sync-indicator').textContent).toBe('Synced');
  });

  it('does not count changes when there is no server to send them to', async () => {
    renderWithApp(<SyncIndicator />, { transport: withStatus('local-only', 5) });
    await screen.findByText('Local only');
    expect(screen.queryByText(/· 5/)).toBeNull();
  });

  it('opens the details and the link to the sync page', async () => {
    const user = userEvent.setup();
    renderWithApp(<SyncIndicator />, { transport: withStatus('offline', 2), locale: 'zh-CN' });
    await user.click(await screen.findByText('离线 · 2'));
    const details = await screen.findByTestId('sync-details');
    expect(details.textContent).toContain('2 项更改待同步');
    const link = screen.getByRole('link', { name: '打开同步页面' });
    expect(link.getAttribute('href')).toBe('/sync');
    await user.click(link);
    expect(within(document.body).queryByRole('link', { name: '打开同步页面' })).toBeNull();
  });
});
