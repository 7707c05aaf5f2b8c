import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, MemoryRouter, RouterProvider } from 'react-router';
import type { Locale } from '../../../shared/api/app';
import { AppProviders } from '../app/providers';
import { appRoutes } from '../app/routes';
import type { ThemeMode } from '../app/theme';
import { createI18n } from '../i18n';
import { FakeTransport } from './fake-transport';

export interface RenderOptions {
  locale?: Locale;
  transport?: FakeTransport;
  themeMode?: ThemeMode;
  /** Where the router starts, e.g. '/tickets/T-000123'. */
  route?: string;
}

export interface AppRender extends RenderResult {
  transport: FakeTransport;
  router?: ReturnType<typeof createMemoryRouter>;
}

/** Renders one component inside everything the app gives it: theme, i18n, router, core. */
export const renderWithApp = (ui: ReactElement, options: RenderOptions = {}): AppRender => {
  const transport = options.transport ?? new FakeTransport();
  const i18n = createI18n(options.locale ?? 'en');
  const result = render(
    <AppProviders i18n={i18n} transport={transport} themeMode={options.themeMode ?? 'light'}>
      <MemoryRouter initialEntries={[options.route ?? '/']}>{ui}</MemoryRouter>
    </AppProviders>,
  );
  return { ...result, transport };
};

/** Renders the whole app (shell, routes) at a route, as the user would open it. */
export const renderApp = (route: string, options: Omit<RenderOptions, 'route'> = {}): AppRender => {
  const transport = options.transport ?? new FakeTransport();
  const i18n = createI18n(options.locale ?? 'en');
  const router = createMemoryRouter(appRoutes(), { initialEntries: [route] });
  const result = render(
    <AppProviders i18n={i18n} transport={transport} themeMode={options.themeMode ?? 'light'}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...result, transport, router };
};
