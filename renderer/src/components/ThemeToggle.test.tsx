// @vitest-environment jsdom
import '../testing/setup';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useThemeMode } from '../app/theme';
import { renderWithApp } from '../testing/render';
import { ThemeToggle } from './ThemeToggle';

const Resolved = () => <span data-testid="resolved">{useThemeMode().resolved}</span>;

describe('ThemeToggle', () => {
  it('flips light to dark and back, and stores the choice on this device', async () => {
    const user = userEvent.setup();
    renderWithApp(
      <>
        <ThemeToggle />
        <Resolved />
      </>,
      { themeMode: 'light' },
    );
    const toggle = screen.getByRole('button', { name: 'Switch between light and dark' });
    expect(screen.getByTestId('resolved').textContent).toBe('light');
    expect(screen.getByTestId('DarkModeOutlinedIcon')).toBeTruthy();

    await user.click(toggle);
    expect(screen.getByTestId('resolved').textContent).toBe('dark');
    expect(localStorage.getItem('cims.theme')).toBe('dark');
    expect(screen.getByTestId('LightModeOutlinedIcon')).toBeTruthy();
    expect(getComputedStyle(document.body).backgroundColor).toBe('rgb(18, 20, 23)');

    await user.click(toggle);
    expect(screen.getByTestId('resolved').textContent).toBe('light');
    expect(localStorage.getItem('cims.theme')).toBe('light');
  });

  it('has its label in Chinese', () => {
    renderWithApp(<ThemeToggle />, { locale: 'zh-CN' });
    expect(screen.getByRole('button', { name: '切换浅色与深色' })).toBeTruthy();
  });
});
