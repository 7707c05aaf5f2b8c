// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../../../shared/api/result';
import { aSyncStatus, aUser } from '../../../testing/builders';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { ServerSection } from './ServerSection';

const OLD = 'https://cims-a.example.com';

const signedInWithPending = (pending: number) =>
  new FakeTransport(
    { 'setup.changeServer': ({ serverUrl }) => ok({ serverUrl, signedOut: true, pendingLocalChanges: pending }) },
    {
      'sync.status': aSyncStatus({ state: 'online', pendingLocalChanges: pending }),
      'session.current': { user: aUser(), serverUrl: OLD, storeOwner: { username: 'li', serverUrl: OLD } },
      'setup.current': { firstRun: false, serverUrl: OLD },
    },
  );

describe('ServerSection', () => {
  it('names the current server and refuses plain http to another machine without sending anything', async () => {
    const user = userEvent.setup();
    const transport = signedInWithPending(0);
    renderWithApp(<ServerSection />, { transport });
    expect((await screen.findByTestId('settings-server-current')).textContent).toBe(`This computer works with ${OLD}.`);
    await user.type(screen.getByTestId('settings-server'), 'http://cims-b.example.com{Enter}');
    await screen.findByText('Use an https:// address; plain http:// is only for a server on this computer.');
    expect(transport.calls.some((c) => c.name === 'setup.changeServer')).toBe(false);
  });

  it('warns about the changes the old server has not got before signing out, and changes only when confirmed', async () => {
    const user = userEvent.setup();
    const transport = signedInWithPending(3);
    renderWithApp(<ServerSection />, { transport, locale: 'zh-CN' });
    await user.type(await screen.findByTestId('settings-server'), 'https://cims-b.example.com{Enter}');
    const text = await screen.findByTestId('settings-server-confirm-text');
    expect(text.textContent).toContain(`本机有 3 项更改尚未同步到 ${OLD}`);
    await user.click(screen.getByRole('button', { name: '取消' }));
    expect(transport.calls.some((c) => c.name === 'setup.changeServer')).toBe(false);

    await user.click(screen.getByTestId('settings-server-change'));
    await user.click(await screen.findByTestId('settings-server-confirm'));
    await waitFor(() => expect(transport.calls).toContainEqual({ name: 'setup.changeServer', input: { serverUrl: 'https://cims-b.example.com' } }));
  });
});
