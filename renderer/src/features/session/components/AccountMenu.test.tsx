// @vitest-environment jsdom
import '../../../testing/setup';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../../../shared/api/result';
import { aSyncStatus, aUser, signedIn } from '../../../testing/builders';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { AccountMenu } from './AccountMenu';

const engineer = signedIn(aUser({ displayName: '张三', username: 'zhang.san', roles: ['engineer', 'expert', 'legacy-role'] }));

describe('AccountMenu', () => {
  it('offers to sign in when signed out, in both languages', async () => {
    const user = userEvent.setup();
    const first = renderWithApp(<AccountMenu />);
    expect((await screen.findByTestId('account-sign-in')).textContent).toBe('Sign in');
    await user.click(screen.getByTestId('account-sign-in'));
    expect(await screen.findByRole('dialog', { name: 'Sign in to the CIMS server' })).toBeTruthy();
    first.unmount();
    renderWithApp(<AccountMenu />, { locale: 'zh-CN' });
    expect((await screen.findByTestId('account-sign-in')).textContent).toBe('登录');
  });

  it('holds "Sign in" back until the stored session is known, then shows the name', async () => {
    const transport = new FakeTransport({}, { 'sync.status': aSyncStatus({ state: 'online' }) });
    renderWithApp(<AccountMenu />, { transport });
    expect((screen.getByTestId('account-sign-in') as HTMLButtonElement).disabled).toBe(true);
    act(() => transport.emit('session.current', engineer));
    expect((await screen.findByTestId('account-menu')).textContent).toBe('张三');
    expect(screen.queryByTestId('account-sign-in')).toBeNull();
  });

  it("shows the signed-in user's name, and their roles in the user's language", async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({}, { 'sync.status': aSyncStatus({ state: 'online' }), 'session.current': engineer });
    renderWithApp(<AccountMenu />, { transport, locale: 'zh-CN' });
    await user.click(await screen.findByRole('button', { name: '张三' }));
    const menu = await screen.findByRole('menu');
    // An unknown role is shown as it is rather than hidden.
    expect(menu.textContent).toContain('zhang.san · 技术支持工程师, 研发专家, legacy-role');
    expect(menu.textContent).toContain('http://cims.example.com:8787');
    expect(within(menu).getByRole('menuitem', { name: '退出登录' })).toBeTruthy();
  });

  it('shows the roles in English', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({}, { 'sync.status': aSyncStatus({ state: 'online' }), 'session.current': engineer });
    renderWithApp(<AccountMenu />, { transport });
    await user.click(await screen.findByTestId('account-menu'));
    expect((await screen.findByRole('menu')).textContent).toContain('zhang.san · Support engineer, R&D expert, legacy-role');
  });

  it('signs out through the core, and then offers to sign in', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport(
      { 'session.signOut': () => ok(null) },
      { 'sync.status': aSyncStatus({ state: 'online' }), 'session.current': engineer },
    );
    renderWithApp(<AccountMenu />, { transport });
    await user.click(await screen.findByTestId('account-menu'));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    expect(transport.calls).toEqual([{ name: 'session.signOut', input: {} }]);
    act(() => transport.emit('session.current', { user: null, serverUrl: engineer.serverUrl }));
    await waitFor(() => expect(screen.getByTestId('account-sign-in').textContent).toBe('Sign in'));
  });

  it('asks to sign in again when the session has ended', async () => {
    const transport = new FakeTransport({}, { 'sync.status': aSyncStatus({ state: 'session-ended' }), 'session.current': engineer });
    renderWithApp(<AccountMenu />, { transport });
    await waitFor(() => expect(screen.getByTestId('account-sign-in')).toBeTruthy());
    expect(screen.queryByTestId('account-menu')).toBeNull();
  });
});
