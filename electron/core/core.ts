/**
 * The main-process core: the local database, the domain services and the command router.
 * The Electron shell and the browser harness both create exactly this, so what the tests
 * drive in plain Node is what the desktop app runs.
 */
import { BehaviorSubject } from 'rxjs';
import type { AppInfo, Locale, SyncStatusView } from '../../shared/api/app';
import { openDatabase, type CimsDatabase } from '../db/open';
import { createTicketService } from '../services/tickets';
import { createRouter, type Router } from './router';
import { openSettings, type SettingsStore } from './settings';

export interface CoreOptions {
  dataDir: string;
  shell: AppInfo['shell'];
  version: string;
  /** Called when the user picks another language (the Electron shell rebuilds its menu). */
  onLocaleChange?: (locale: Locale) => void;
}

export interface Core {
  router: Router;
  db: CimsDatabase;
  settings: SettingsStore;
  close(): Promise<void>;
}

export const createCore = async (options: CoreOptions): Promise<Core> => {
  const settings = await openSettings(options.dataDir);
  const db = await openDatabase({ directory: options.dataDir });
  const tickets = createTicketService(db, settings);
  // No sync server is configured yet: the indicator says so rather than pretend.
  const syncStatus = new BehaviorSubject<SyncStatusView>({
    state: 'local-only',
    pendingLocalChanges: 0,
    lastSuccessAt: null,
    lastError: null,
  });

  const router = createRouter(
    {
      'app.info': async () => ({ version: options.version, shell: options.shell, locale: settings.get().locale }),
      'app.setLocale': async ({ locale }) => {
        await settings.update({ locale });
        options.onLocaleChange?.(locale);
        return { locale };
      },
      'tickets.create': (input) => tickets.create(input),
    },
    {
      'tickets.list': (params, emit, onError) => tickets.watchList(params, emit, onError),
      'sync.status': (_params, emit, onError) => {
        const subscription = syncStatus.subscribe({ next: emit, error: onError });
        return () => subscription.unsubscribe();
      },
    },
  );

  return {
    router,
    db,
    settings,
    close: async () => {
      syncStatus.complete();
      await db.close();
    },
  };
};
