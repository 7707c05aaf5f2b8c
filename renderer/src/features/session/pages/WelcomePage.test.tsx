// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../../shared/api/result';
import { aUser, signedIn } from '../../../testing/builders';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';

const firstStart = (refuse = false) =>
  new FakeTransport(
    {
      'app.setLocale': ({ locale }) => ok({ locale }),
      'setup.chooseServer': ({ serverUrl }) =>
        refuse ? fail('VALIDATION_FAILED', 'bad address', [{ path: 'serverUrl', code: 'custom', message: 'validation.serverUrlInvalid' }]) : ok({ firstRun: false, serverUrl }),
    },
    { 'sync.status': localOnlyStatus, 'session.current': { user: null, serverUrl: null, storeOwner: null }, 'setup.current': { firstRun: true, serverUrl: null } },
  );

describe('the first start', () => {
  it('opens on the welcome screen, switches the language at once and goes on with the keyboard only', async () => {
    const user = userEvent.setup();
    const transport = firstStart();
    const { router } = renderApp('/', { transport });
    await waitFor(() => expect(router?.state.location.pathname).toBe('/welcome'), pageLoad);
    await screen.findByRole('heading', { name: 'Welcome to CIMS', level: 1 }, pageLoad);

    // "Next" has the focus from the start.
    expect(document.activeElement).toBe(screen.getByTestId('welcome-next'));
    await user.click(within(screen.getByTestId('welcome')).getByTestId('locale-zh-CN'));
    await screen.findByRole('heading', { name: '欢迎使用 CIMS', level: 1 });
    expect(transport.calls).toContainEqual({ name: 'app.setLocale', input: { locale: 'zh-CN' } });

    // From the language, Tab reaches "Next" and Enter moves on; the address field takes the focus.
    await user.tab();
    expect(document.activeElement).toBe(screen.getByTestId('welcome-next'));
    await user.keyboard('{Enter}');
    const address = await screen.findByTestId('welcome-server');
    expect(document.activeElement).toBe(address);

    // Plain http to another machine is refused before anything is sent, in Chinese.
    await user.clear(address);
    await user.type(address, 'http://cims.example.com{Enter}');
    await screen.findByText('请使用 https:// 地址；http:// 仅用于本机上的服务器。');
    expect(transport.calls.some((c) => c.name === 'setup.chooseServer')).toBe(false);

    await user.clear(address);
    await user.type(address, 'https://cims.example.com{Enter}');
    await waitFor(() => expect(transport.calls).toContainEqual({ name: 'setup.chooseServer', input: { serverUrl: 'https://cims.example.com' } }));
    transport.emit('setup.current', { firstRun: false, serverUrl: 'https://cims.example.com' });
    // The sign-in opens with the chosen server filled in.
    const server = (await screen.findByTestId('sign-in-server')) as HTMLInputElement;
    await waitFor(() => expect(server.value).toBe('https://cims.example.com'));

    // Signed in: the user's own start page opens.
    transport.emit('session.current', signedIn(aUser({ roles: ['technician'] })));
    await waitFor(() => expect(router?.state.location.pathname).toBe('/queue/mine'), pageLoad);
  });

  it('shows the core’s refusal of an address on the field, in English', async () => {
    const user = userEvent.setup();
    const transport = firstStart(true);
    renderApp('/welcome', { transport });
    await user.click(await screen.findByTestId('welcome-next', {}, pageLoad));
    const address = await screen.findByTestId('welcome-server');
    await user.clear(address);
    await user.type(address, 'https://cims.example.com{Enter}');
    await screen.findByText('Enter an address starting with http:// or https://.');
    expect(screen.queryByTestId('sign-in-server')).toBeNull();
  });

  it('is not shown to a computer that already has a server', async () => {
    const transport = new FakeTransport({}, { 'sync.status': localOnlyStatus, 'session.current': { user: null, serverUrl: null }, 'setup.current': { firstRun: false, serverUrl: 'https://cims.example.com' } });
    const { router } = renderApp('/', { transport });
    await waitFor(() => expect(router?.state.location.pathname).toBe('/tickets'), pageLoad);
  });
});
