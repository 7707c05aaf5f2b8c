// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../../shared/api/result';
import { aUser } from '../../../testing/builders';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderWithApp, type RenderOptions } from '../../../testing/render';
import { SignInDialog } from './SignInDialog';

/** The dialog as its callers hold it: open until it asks to close. */
const Host = ({ serverUrl = null }: { serverUrl?: string | null }) => {
  const [open, setOpen] = useState(true);
  return (
    <>
      <span data-testid="state">{open ? 'open' : 'closed'}</span>
      <SignInDialog open={open} onClose={() => setOpen(false)} serverUrl={serverUrl} />
    </>
  );
};

const show = (options: RenderOptions & { serverUrl?: string | null } = {}) => renderWithApp(<Host serverUrl={options.serverUrl} />, options);

describe('SignInDialog', () => {
  it('shows the field messages in Chinese and sends nothing when a field is empty', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'session.signIn': () => ok(aUser()) });
    show({ locale: 'zh-CN', transport });
    expect(screen.getByRole('dialog', { name: '登录 CIMS 服务器' })).toBeTruthy();
    await user.type(screen.getByTestId('sign-in-username'), 'zhang.san');
    await user.click(screen.getByTestId('sign-in-submit'));
    expect(await screen.findByText('请输入密码。')).toBeTruthy();
    expect(screen.getByTestId('sign-in-password').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByText('请输入用户名。')).toBeNull();
    expect(transport.calls).toEqual([]);
  });

  it('shows the English messages for an empty form and a bad server address', async () => {
    const user = userEvent.setup();
    show();
    const server = screen.getByTestId('sign-in-server');
    expect((server as HTMLInputElement).value).toBe('http://127.0.0.1:8787');
    await user.clear(server);
    await user.type(server, 'cims.example.com');
    await user.click(screen.getByTestId('sign-in-submit'));
    expect(await screen.findByText('Enter an address starting with http:// or https://.')).toBeTruthy();
    expect(screen.getByText('Enter your user name.')).toBeTruthy();
    expect(screen.getByText('Enter your password.')).toBeTruthy();
    await user.clear(server);
    await user.type(server, 'http://cims.example.com');
    await user.click(screen.getByTestId('sign-in-submit'));
    expect(await screen.findByText('Use an https:// address; plain http:// is only for a server on this computer.')).toBeTruthy();
  });

  it('says a 10,000-character user name is too long, not missing, in both languages', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'session.signIn': () => ok(aUser()) });
    const first = show({ transport });
    // Pasted, as a user would: typing 10,000 keys one by one is not what happened.
    await user.click(screen.getByTestId('sign-in-username'));
    await user.paste('u'.repeat(10_000));
    await user.type(screen.getByTestId('sign-in-password'), 'secret');
    await user.click(screen.getByTestId('sign-in-submit'));
    expect(await screen.findByText('The user name can have at most 128 characters.')).toBeTruthy();
    expect(screen.queryByText('Enter your user name.')).toBeNull();
    first.unmount();
    show({ transport, locale: 'zh-CN' });
    await user.click(screen.getByTestId('sign-in-username'));
    await user.paste('u'.repeat(10_000));
    await user.type(screen.getByTestId('sign-in-password'), 'secret');
    await user.click(screen.getByTestId('sign-in-submit'));
    expect(await screen.findByText('用户名最多 128 个字符。')).toBeTruthy();
    expect(transport.calls).toEqual([]);
  });

  it('shows a refused sign-in inside the dialog, translated, and keeps what was typed', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'session.signIn': () => fail('SIGN_IN_FAILED', 'bad password') });
    show({ locale: 'zh-CN', transport, serverUrl: 'https://cims.example.com:8787' });
    await user.type(screen.getByTestId('sign-in-username'), 'zhang.san');
    await user.type(screen.getByTestId('sign-in-password'), 'wrong');
    await user.click(screen.getByTestId('sign-in-submit'));
    const error = await screen.findByTestId('sign-in-error');
    expect(error.textContent).toBe('用户名或密码错误，或账号已停用。');
    expect(error.closest('[role="dialog"]')).toBeTruthy();
    expect(screen.queryByText('bad password')).toBeNull();
    // Shown inline only: no snackbar repeats it.
    expect(screen.getAllByText('用户名或密码错误，或账号已停用。')).toHaveLength(1);
    expect(screen.getByTestId('state').textContent).toBe('open');
    expect((screen.getByTestId('sign-in-username') as HTMLInputElement).value).toBe('zhang.san');
    expect(transport.calls).toEqual([
      { name: 'session.signIn', input: { serverUrl: 'https://cims.example.com:8787', username: 'zhang.san', password: 'wrong' } },
    ]);
  });

  it('closes after a successful sign-in', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'session.signIn': () => ok(aUser()) });
    show({ transport });
    await user.type(screen.getByTestId('sign-in-username'), '  zhang.san ');
    await user.type(screen.getByTestId('sign-in-password'), 'secret');
    await user.click(screen.getByTestId('sign-in-submit'));
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('closed'));
    expect(transport.calls).toEqual([
      { name: 'session.signIn', input: { serverUrl: 'http://127.0.0.1:8787', username: 'zhang.san', password: 'secret' } },
    ]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('says, in both languages, when the sign-in is kept in memory only for want of a keychain', async () => {
    for (const [locale, text] of [
      ['en', 'This computer has no system keychain'],
      ['zh-CN', '此电脑没有系统钥匙串'],
    ] as const) {
      const transport = new FakeTransport();
      const view = show({ locale, transport });
      expect(screen.queryByTestId('sign-in-memory-only')).toBeNull();
      transport.emit('session.current', { user: null, serverUrl: null, storeOwner: null, signInInMemoryOnly: true });
      expect((await screen.findByTestId('sign-in-memory-only')).textContent).toContain(text);
      view.unmount();
    }
  });

  it('cancel closes without signing in', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport();
    show({ transport });
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByTestId('state').textContent).toBe('closed');
    expect(transport.calls).toEqual([]);
  });

  it('after an admin reset, asks for a new password typed twice, then signs in with it, in both languages', async () => {
    for (const [locale, hint, mismatch, refused] of [
      ['en', 'Your administrator reset your password.', 'The two passwords differ.', 'one of the most used passwords'],
      ['zh-CN', '管理员已重置您的密码。', '两次输入的密码不一致。', '属于最常用的密码'],
    ] as const) {
      const user = userEvent.setup();
      let attempt = 0;
      const transport = new FakeTransport({
        'session.signIn': (input) => {
          attempt++;
          const newPassword = (input as { newPassword?: string }).newPassword;
          if (newPassword === undefined) return fail('PASSWORD_CHANGE_REQUIRED', 'Choose a new password to sign in');
          if (newPassword.length < 12) return fail('VALIDATION_FAILED', 'too short', [{ path: 'newPassword', code: 'server', message: 'too short' }]);
          return ok(aUser());
        },
      });
      const view = show({ locale, transport });
      await user.type(screen.getByTestId('sign-in-username'), 'tina');
      await user.type(screen.getByTestId('sign-in-password'), 'handed over 2026');
      await user.click(screen.getByTestId('sign-in-submit'));
      expect((await screen.findByTestId('sign-in-change-required')).textContent).toContain(hint);
      expect(screen.queryByTestId('sign-in-error')).toBeNull();
      await user.type(screen.getByTestId('sign-in-new-password'), 'tina own pass');
      await user.type(screen.getByTestId('sign-in-confirm-password'), 'tina own pas');
      await user.click(screen.getByTestId('sign-in-submit'));
      expect(await screen.findByText(mismatch)).toBeTruthy();
      expect(attempt).toBe(1);
      await user.clear(screen.getByTestId('sign-in-new-password'));
      await user.type(screen.getByTestId('sign-in-new-password'), 'short pass');
      await user.clear(screen.getByTestId('sign-in-confirm-password'));
      await user.type(screen.getByTestId('sign-in-confirm-password'), 'short pass');
      await user.click(screen.getByTestId('sign-in-submit'));
      expect(await screen.findByText(refused, { exact: false })).toBeTruthy();
      await user.clear(screen.getByTestId('sign-in-new-password'));
      await user.type(screen.getByTestId('sign-in-new-password'), 'tina own password');
      await user.clear(screen.getByTestId('sign-in-confirm-password'));
      await user.type(screen.getByTestId('sign-in-confirm-password'), 'tina own password');
      await user.click(screen.getByTestId('sign-in-submit'));
      await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('closed'));
      expect(transport.calls.at(-1)!.input).toMatchObject({ username: 'tina', password: 'handed over 2026', newPassword: 'tina own password' });
      view.unmount();
    }
  });
});
