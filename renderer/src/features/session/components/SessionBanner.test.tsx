// @vitest-environment jsdom
import '../../../testing/setup';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SyncState } from '../../../../../shared/api/sync';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { aSyncStatus, aUser, signedIn } from '../../../testing/builders';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { SessionBanner } from './SessionBanner';

const StateProbe = () => <span data-testid="probe">{useLiveQuery('sync.status', {}).data?.state}</span>;

const withStatus = (state: SyncState, pendingLocalChanges = 0) =>
  new FakeTransport({}, { 'sync.status': aSyncStatus({ state, pendingLocalChanges }), 'session.current': signedIn(aUser()) });

describe('SessionBanner', () => {
  it('says the session ended, how many changes are kept, and offers to sign in again (English)', async () => {
    const user = userEvent.setup();
    renderWithApp(<SessionBanner />, { transport: withStatus('session-ended', 3) });
    const banner = await screen.findByTestId('session-banner');
    expect(banner.textContent).toContain('Your session has ended');
    expect(banner.textContent).toContain('3 changes on this computer are kept but not synced');
    expect(screen.getByTestId('export-unsynced').textContent).toBe('Export unsynced work');
    await user.click(screen.getByRole('button', { name: 'Sign in again' }));
    expect(await screen.findByRole('dialog', { name: 'Sign in to the CIMS server' })).toBeTruthy();
    expect((screen.getByTestId('sign-in-server') as HTMLInputElement).value).toBe('http://cims.example.com:8787');
  });

  it('says the same in Chinese, with one change', async () => {
    renderWithApp(<SessionBanner />, { transport: withStatus('session-ended', 1), locale: 'zh-CN' });
    const banner = await screen.findByTestId('session-banner');
    expect(banner.textContent).toContain('会话已结束');
    expect(banner.textContent).toContain('本机有 1 项更改已保留但未同步');
    expect(screen.getByRole('button', { name: '重新登录' })).toBeTruthy();
  });

  it('says an update is required, in both languages, with no sign-in and no export when nothing is pending', async () => {
    const first = renderWithApp(<SessionBanner />, { transport: withStatus('update-required') });
    expect((await screen.findByTestId('session-banner')).textContent).toContain('The server needs a newer version of CIMS.');
    expect(screen.queryByRole('button')).toBeNull();
    first.unmount();
    renderWithApp(<SessionBanner />, { transport: withStatus('update-required'), locale: 'zh-CN' });
    expect((await screen.findByTestId('session-banner')).textContent).toContain('服务器需要更新版本的 CIMS。');
  });

  it.each<SyncState>(['local-only', 'signed-out', 'connecting', 'syncing', 'online', 'offline', 'error'])('is hidden while %s', async (state) => {
    renderWithApp(
      <>
        <SessionBanner />
        <StateProbe />
      </>,
      { transport: withStatus(state, 2) },
    );
    // Once the status has arrived, nothing is shown.
    await waitFor(() => expect(screen.getByTestId('probe').textContent).toBe(state));
    expect(screen.queryByTestId('session-banner')).toBeNull();
  });

  it('goes away once the user has signed in again', async () => {
    const transport = withStatus('session-ended', 0);
    renderWithApp(<SessionBanner />, { transport });
    await screen.findByTestId('session-banner');
    act(() => transport.emit('sync.status', aSyncStatus({ state: 'online' })));
    expect(screen.queryByTestId('session-banner')).toBeNull();
  });
});
