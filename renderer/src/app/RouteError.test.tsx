// @vitest-environment jsdom
import '../testing/setup';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Locale } from '../../../shared/api/app';
import { createI18n } from '../i18n';
import { FakeTransport } from '../testing/fake-transport';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProviders } from './providers';
import { RouteError } from './RouteError';

const Broken = () => {
  throw new Error('boom');
};

/** A start page, a working page and a page that throws, each with the app's error boundary. */
const renderBroken = (locale: Locale) => {
  const router = createMemoryRouter(
    [
      { path: '/', element: <p>start page</p>, errorElement: <RouteError /> },
      { path: '/fine', element: <p>fine page</p>, errorElement: <RouteError /> },
      { path: '/broken', element: <Broken />, errorElement: <RouteError /> },
    ],
    { initialEntries: ['/fine', '/broken'], initialIndex: 1 },
  );
  render(
    <AppProviders i18n={createI18n(locale)} transport={new FakeTransport()} themeMode="light">
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return router;
};

describe('RouteError', () => {
  let consoleError: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    // React and the boundary log the thrown error; keep the test output readable.
    consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => consoleError.mockRestore());

  it('says in English that the screen failed, logs the error, and goes to the start page', async () => {
    const user = userEvent.setup();
    const router = renderBroken('en');
    const alert = await screen.findByTestId('route-error');
    expect(alert.textContent).toContain('This screen stopped working');
    expect(alert.textContent).toContain('Your data is safe');
    expect(alert.textContent).not.toContain('boom');
    expect(consoleError).toHaveBeenCalledWith('[cims] screen failed', expect.objectContaining({ message: 'boom' }));
    await user.click(screen.getByRole('button', { name: 'Go to the start page' }));
    await screen.findByText('start page');
    expect(router.state.location.pathname).toBe('/');
  });

  it('says it in Chinese, and "back" returns to the previous page', async () => {
    const user = userEvent.setup();
    const router = renderBroken('zh-CN');
    const alert = await screen.findByTestId('route-error');
    expect(alert.textContent).toContain('此页面出现故障');
    expect(alert.textContent).toContain('您的数据是安全的');
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '返回' }));
    await screen.findByText('fine page');
    expect(router.state.location.pathname).toBe('/fine');
  });

  it('"try again" reloads the screen', async () => {
    const user = userEvent.setup();
    const router = renderBroken('en');
    await screen.findByTestId('route-error');
    // In the app (hash history) going 0 steps reloads the window with a fresh screen.
    const navigate = vi.spyOn(router, 'navigate').mockResolvedValue(undefined);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(navigate).toHaveBeenCalledWith(0);
  });
});
