// @vitest-environment jsdom
import '../../../testing/setup';
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aSyncStatus } from '../../../testing/builders';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';

const session = { user: null, serverUrl: null };

describe('SyncPage', () => {
  it('opens at #/sync with the details of the sync state, in English', async () => {
    const transport = new FakeTransport({}, { 'sync.status': aSyncStatus({ state: 'offline', pendingLocalChanges: 2 }), 'session.current': session });
    renderApp('/sync', { transport });
    expect(await screen.findByRole('heading', { name: 'Sync', level: 1 }, pageLoad)).toBeTruthy();
    expect(screen.getByText('Where the changes made on this computer are, and what the server has sent.')).toBeTruthy();
    const details = within(await screen.findByTestId('sync-details'));
    expect(details.getByText('Offline')).toBeTruthy();
    expect(details.getByText('2 changes waiting to sync')).toBeTruthy();
    act(() => transport.emit('sync.status', aSyncStatus({ state: 'online' })));
    expect(details.getByText('Every change on this computer is on the server.')).toBeTruthy();
  });

  it('opens in Chinese and says what went wrong when the status cannot be read', async () => {
    const transport = new FakeTransport({}, { 'sync.status': aSyncStatus({ state: 'online' }), 'session.current': session });
    renderApp('/sync', { transport, locale: 'zh-CN' });
    expect(await screen.findByRole('heading', { name: '同步', level: 1 }, pageLoad)).toBeTruthy();
    expect(within(await screen.findByTestId('sync-details')).getByText('本机的所有更改都已同步到服务器。')).toBeTruthy();
    act(() => transport.emitError('sync.status', { code: 'TRANSPORT_FAILED', message: 'socket closed' }));
    expect(screen.getByText('与应用核心的连接已断开，请重新加载窗口。')).toBeTruthy();
    // The last known state stays on screen.
    expect(screen.getByTestId('sync-details')).toBeTruthy();
  });
});
