import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import type { Transport } from '../../shared/api/bridge';
import { AppProviders } from './app/providers';
import { features } from './app/features';
import { appRoutes } from './app/routes';
import { ipcTransport } from './data/ipc-transport';
import { RecoveryGate } from './features/recovery/components/RecoveryGate';
import { harnessUrlFromLocation, wsTransport } from './data/ws-transport';
import { createI18n, initialLocale, rememberLocale } from './i18n';

/** In Electron the preload provides window.cims; in the browser harness we use its WebSocket. */
const pickTransport = (): Transport | null => {
  if (window.cims) return ipcTransport(window.cims);
  const url = harnessUrlFromLocation(window.location, window.sessionStorage);
  return url ? wsTransport(url) : null;
};

const locale = initialLocale();
rememberLocale(locale);
const i18n = createI18n(locale);
// The harness passes its token in the URL fragment: take it before the router reads the hash.
const transport = pickTransport();
const root = createRoot(document.getElementById('root') as HTMLElement);

root.render(
  <StrictMode>
    {transport ? (
      <AppProviders i18n={i18n} transport={transport}>
        <RecoveryGate>
          <RouterProvider router={createHashRouter(appRoutes())} />
        </RecoveryGate>
      </AppProviders>
    ) : (
      <p role="alert">{i18n.t('errors.TRANSPORT_FAILED')}</p>
    )}
  </StrictMode>,
);

// The first screen's module loads while the core still opens the store; a failure here is
// met again, and shown, when the route loads it.
if (transport) for (const feature of features) void feature.preload?.().catch(() => undefined);
