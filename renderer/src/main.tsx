import { CssBaseline, ThemeProvider, createTheme } from '@mui/material';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { Transport } from '../../shared/api/bridge';
import { TransportProvider } from './api/context';
import { ipcTransport } from './api/ipc-transport';
import { harnessUrlFromLocation, wsTransport } from './api/ws-transport';
import { AppShell } from './app/AppShell';
import { createI18n, initialLocale, rememberLocale } from './i18n';

const theme = createTheme({ palette: { primary: { main: '#0b5394' } } });

/** In Electron the preload provides window.cims; in the browser harness we use its WebSocket. */
const pickTransport = (): Transport | null => {
  if (window.cims) return ipcTransport(window.cims);
  const url = harnessUrlFromLocation(window.location, window.sessionStorage);
  return url ? wsTransport(url) : null;
};

const locale = initialLocale();
rememberLocale(locale);
const i18n = createI18n(locale);
const transport = pickTransport();
const root = createRoot(document.getElementById('root') as HTMLElement);

root.render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        {transport ? (
          <TransportProvider transport={transport}>
            <AppShell />
          </TransportProvider>
        ) : (
          <p role="alert">{i18n.t('errors.TRANSPORT_FAILED')}</p>
        )}
      </ThemeProvider>
    </I18nextProvider>
  </StrictMode>,
);
