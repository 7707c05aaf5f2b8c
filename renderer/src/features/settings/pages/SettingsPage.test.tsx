// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../../../shared/api/result';
import { useThemeMode } from '../../../app/theme';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { SettingsPage } from './SettingsPage';

const Resolved = () => <span data-testid="resolved">{useThemeMode().resolved}</span>;

describe('SettingsPage', () => {
  it('offers light, dark and follow the system, with the current choice checked', async () => {
    const user = userEvent.setup();
    renderWithApp(
      <>
        <SettingsPage />
        <Resolved />
      </>,
      { themeMode: 'light' },
    );
    expect(screen.getByRole('heading', { name: 'Settings', level: 1 })).toBeTruthy();
    const group = screen.getByRole('radiogroup', { name: 'Appearance' });
    expect(within(group).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['light', 'dark', 'system']);
    expect((within(group).getByRole('radio', { name: 'Light' }) as HTMLInputElement).checked).toBe(true);

    await user.click(within(group).getByRole('radio', { name: 'Dark' }));
    expect((screen.getByTestId('theme-dark') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId('resolved').textContent).toBe('dark');
    expect(localStorage.getItem('cims.theme')).toBe('dark');

    // jsdom has no media queries: following the system resolves to light here.
    await user.click(within(group).getByRole('radio', { name: 'Follow the system' }));
    expect((screen.getByTestId('theme-system') as HTMLInputElement).checked).toBe(true);
    expect(localStorage.getItem('cims.theme')).toBe('system');
    expect(screen.getByTestId('resolved').textContent).toBe('light');
  });

  it('shows the page in Chinese and switches the language from it', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'app.setLocale': (input) => ok(input) });
    renderWithApp(<SettingsPage />, { locale: 'zh-CN', transport });
    expect(screen.getByRole('heading', { name: '设置', level: 1 })).toBeTruthy();
    const group = screen.getByRole('radiogroup', { name: '外观' });
    expect(within(group).getAllByRole('radio').map((r) => r.closest('label')?.textContent)).toEqual(['浅色', '深色', '跟随系统']);
    expect(screen.getByText('菜单、提示和日期都使用此语言。')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'English' }));
    await screen.findByRole('heading', { name: 'Settings', level: 1 });
    expect(screen.getByRole('radiogroup', { name: 'Appearance' })).toBeTruthy();
    expect(transport.calls).toContainEqual({ name: 'app.setLocale', input: { locale: 'en' } });
  });
});
