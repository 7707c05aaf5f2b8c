import type { i18n } from 'i18next';
import { SnackbarProvider } from 'notistack';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { Transport } from '../../../shared/api/bridge';
import { DataProvider } from '../data/context';
import { AppThemeProvider, type ThemeMode } from './theme';

/** Everything a screen needs around it: language, theme, feedback and the core. */
export const AppProviders = ({
  i18n,
  transport,
  themeMode,
  children,
}: {
  i18n: i18n;
  transport: Transport;
  themeMode?: ThemeMode;
  children: ReactNode;
}) => (
  <I18nextProvider i18n={i18n}>
    <AppThemeProvider initialMode={themeMode}>
      <SnackbarProvider maxSnack={3} anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}>
        <DataProvider transport={transport}>{children}</DataProvider>
      </SnackbarProvider>
    </AppThemeProvider>
  </I18nextProvider>
);
