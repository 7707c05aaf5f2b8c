// @vitest-environment jsdom
import '../testing/setup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../shared/api/result';
import { FakeTransport } from '../testing/fake-transport';
import { renderApp, renderWithApp } from '../testing/render';
import { pageLoad } from '../testing/timeouts';
import { LanguageSwitch } from './LanguageSwitch';

describe('LanguageSwitch', () => {
  it('switches the whole app to Chinese, remembers it and tells main', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'app.setLocale': (input) => ok(input) });
    renderApp('/settings', { transport });
    expect(await screen.findByRole('heading', { name: 'Settings', level: 1 }, pageLoad)).toBeTruthy();
    expect(within(screen.getByRole('banner')).getByTestId('locale-en').getAttribute('aria-pressed')).toBe('true');

    await user.click(within(screen.getByRole('banner')).getByTestId('locale-zh-CN'));
    await screen.findByRole('link', { name: '设置' });
    expect(screen.getByRole('navigation', { name: '主导航' })).toBeTruthy();
    expect(within(screen.getByRole('banner')).getByTestId('locale-zh-CN').getAttribute('aria-pressed')).toBe('true');
    expect(transport.calls).toContainEqual({ name: 'app.setLocale', input: { locale: 'zh-CN' } });
    expect(localStorage.getItem('cims.locale')).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('does nothing when the chosen language is clicked again', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'app.setLocale': (input) => ok(input) });
    renderWithApp(<LanguageSwitch />, { transport });
    await user.click(screen.getByTestId('locale-en'));
    expect(transport.calls).toEqual([]);
    expect(screen.getByTestId('locale-en').getAttribute('aria-pressed')).toBe('true');
  });

  it('shows a failure of main in the app-wide snackbar, in the new language', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'app.setLocale': () => fail('STORAGE_FAILED', 'disk full') });
    renderWithApp(<LanguageSwitch />, { transport });
    await user.click(screen.getByTestId('locale-zh-CN'));
    await screen.findByText('无法在本机保存（磁盘可能已满）。请释放空间后重试；未做任何更改。');
    expect(screen.queryByText('disk full')).toBeNull();
    // The UI keeps the language the user chose.
    await waitFor(() => expect(screen.getByTestId('locale-zh-CN').getAttribute('aria-pressed')).toBe('true'));
  });
});
