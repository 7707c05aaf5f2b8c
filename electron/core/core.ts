/**
 * The main-process core: the local database, the domain services and the command router.
 * The Electron shell and the browser harness both create exactly this, so what the tests
 * drive in plain Node is what the desktop app runs.
 */
import { join } from 'node:path';
import type { AppInfo, Locale } from '../../shared/api/app';
import { openDatabase, type CimsDatabase } from '../db/open';
import { createTicketService } from '../services/tickets';
import { createSessionService, type SessionService } from '../services/session';
import { createFileTokenStore, type TokenStore } from '../sync/tokens';
import { createRouter, type Router } from './router';
import { openSettings, type SettingsStore } from './settings';

export interface CoreOptions {
  dataDir: string;
  shell: AppInfo['shell'];
  version: string;
  /** Called when the user picks another language (the Electron shell rebuilds its menu). */
  onLocaleChange?: (locale: Locale) => void;
  /** Where the session tokens live; the desktop app passes its keychain-backed store. */
  tokenStore?: TokenStore;
}

export interface Core {
  router: Router;
  db: CimsDatabase;
  settings: SettingsStore;
  session: SessionService;
  close(): Promise<void>;
}

export const createCore = async (options: CoreOptions): Promise<Core> => {
  const settings = await openSettings(options.dataDir);
  const db = await openDatabase({ directory: options.dataDir });
  const session = createSessionService({
    db,
    tokenStore: options.tokenStore ?? createFileTokenStore(join(options.dataDir, 'session.json')),
    device: `${options.shell}-${settings.get().deviceId}`,
    log: (message, error) => console.warn(`[cims] sync: ${message}`, error ?? ''),
  });
  const tickets = createTicketService(db, settings, session.user);

  const router = createRouter(
    {
      'app.info': async () => ({ version: options.version, shell: options.shell, locale: settings.get().locale }),
      'app.setLocale': async ({ locale }) => {
        await settings.update({ locale });
        options.onLocaleChange?.(locale);
        return { locale };
      },
      'tickets.create': (input) => tickets.create(input),
      'session.signIn': (input) => session.signIn(input),
      'session.signOut': () => session.signOut(),
      'session.exportUnsynced': () => session.exportUnsynced(),
    },
    {
      'tickets.list': (params, emit, onError) => tickets.watchList(params, emit, onError),
      'sync.status': (_params, emit) => session.watchStatus(emit),
      'session.current': (_params, emit) => session.watchSession(emit),
    },
  );

  // A stored session resumes in the background; the app is usable locally meanwhile.
  void session.resume().catch((error: unknown) => console.warn('[cims] could not resume the session', error));

  return {
    router,
    db,
    settings,
    session,
    close: async () => {
      await session.close();
      await db.close();
    },
  };
};
