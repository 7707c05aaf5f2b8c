/**
 * The main-process core: the local database, the domain services and the command router.
 * The Electron shell and the browser harness both create exactly this, so what the tests
 * drive in plain Node is what the desktop app runs.
 */
import { join } from 'node:path';
import type { AppInfo, Locale } from '../../shared/api/app';
import { openDatabase, type CimsDatabase } from '../db/open';
import { createAdminService } from '../services/admin/admin';
import { createAdminCustomers } from '../services/admin/customers';
import { adminHandlers } from '../services/admin/handlers';
import { collectDiagnostics } from '../services/app/diagnostics';
import { appHandlers } from '../services/app/handlers';
import { createBulkService } from '../services/board/bulk';
import { boardHandlers } from '../services/board/handlers';
import { createBoardQueries } from '../services/board/queries';
import { createCustomerService } from '../services/customers/customers';
import { reportsHandlers } from '../services/reports/handlers';
import { createLocalReports } from '../services/reports/local';
import { sessionHandlers } from '../services/session/handlers';
import { createSessionService, type SessionService } from '../services/session/session';
import { syncHandlers } from '../services/sync/handlers';
import { ticketsHandlers } from '../services/tickets/handlers';
import { queueIdentity$ } from '../services/tickets/identity';
import { createTicketQueries } from '../services/tickets/queries';
import { createTicketService } from '../services/tickets/tickets';
import { ticketWorkHandlers } from '../services/ticketWork/handlers';
import { createTicketWorkQueries } from '../services/ticketWork/queries';
import { createTicketWorkService } from '../services/ticketWork/work';
import { createFileTokenStore, type TokenStore } from '../sync/tokens';
import { createRouter, mergeHandlers, type Router } from './router';
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
    settings,
    log: (message, error) => console.warn(`[cims] sync: ${message}`, error ?? ''),
  });
  const customers = createCustomerService(db, settings);
  const tickets = createTicketService(db, settings, customers, session.user);
  const identity$ = queueIdentity$((emit) => session.watchSession(emit), settings);
  const work = createTicketWorkService(db, settings, session.user);

  // One line per feature; a contract name without a handler fails to compile here.
  const router = createRouter(
    mergeHandlers(
      appHandlers({
        version: options.version,
        shell: options.shell,
        settings,
        onLocaleChange: options.onLocaleChange,
        diagnostics: () => collectDiagnostics({ ...options, db, syncStatus: session.statusView, signedIn: () => session.user() !== null }),
      }),
      sessionHandlers(session),
      syncHandlers(session),
      ticketsHandlers(tickets, createTicketQueries(db, customers, identity$)),
      ticketWorkHandlers(work, createTicketWorkQueries(db, settings, session.user, identity$)),
      boardHandlers(createBulkService(db, settings, work, session.user), createBoardQueries(db, settings, session.user, identity$)),
      reportsHandlers(session, createLocalReports(db)),
      adminHandlers(createAdminService(db, session.client), createAdminCustomers(db, () => session.user()?.roles.includes('admin') === true)),
    ),
  );

  // A stored session is picked up before the first command: until then the services would
  // act as the device's local identity and not find the user's own tickets. Resuming reads the
  // stored tokens and starts the replication without waiting for the network.
  await session.resume().catch((error: unknown) => console.warn('[cims] could not resume the session', error));

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
