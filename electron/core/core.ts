/**
 * The main-process core: the local database, the domain services and the command router.
 * The Electron shell and the browser harness both create exactly this, so what the tests
 * drive in plain Node is what the desktop app runs.
 */
import { join } from 'node:path';
import type { AppInfo, Locale } from '../../shared/api/app';
import type { DesktopNotification } from '../../shared/api/notifications';
import { openDatabase, type CimsDatabase } from '../db/open';
import { createAdminService } from '../services/admin/admin';
import { createAdminCustomers } from '../services/admin/customers';
import { createEscalationDryRun } from '../services/admin/escalation';
import { adminHandlers } from '../services/admin/handlers';
import { fieldworkFeature } from '../services/fieldwork/handlers';
import type { PrintToPdf } from '../services/fieldwork/report';
import { collectDiagnostics } from '../services/app/diagnostics';
import { appHandlers } from '../services/app/handlers';
import { createAssessmentCommands } from '../services/assessments/commands';
import { attachmentsHandlers } from '../services/attachments/handlers';
import { openAttachments } from '../services/attachments';
import { assessmentViewer$, assessmentsHandlers } from '../services/assessments/handlers';
import { viewerOf } from '../services/assessments/org';
import { createAssessmentQueries } from '../services/assessments/queries';
import { trainingHandlers } from '../services/training/handlers';
import { createTrainingService } from '../services/training/service';
import { createAssetCommands } from '../services/assets/commands';
import { assetsHandlers } from '../services/assets/handlers';
import { createAssetQueries } from '../services/assets/queries';
import { createUnknownCodes } from '../services/assets/unknown';
import { createBulkService } from '../services/board/bulk';
import { boardHandlers } from '../services/board/handlers';
import { createBoardQueries } from '../services/board/queries';
import { createCustomerAccounts } from '../services/customers/accounts';
import { createCustomerService } from '../services/customers/customers';
import { customersHandlers } from '../services/customers/handlers';
import { reportsHandlers } from '../services/reports/handlers';
import { createLocalReports } from '../services/reports/local';
import { createPackSubscriptions, reportPacksHandlers } from '../services/reports/subscription';
import { currentOrgSettings } from '../services/admin/orgSettings';
import { intakeHandlers } from '../services/intake/handlers';
import { notificationsHandlers } from '../services/notifications/handlers';
import { createNotificationService, type NotificationService } from '../services/notifications/service';
import { createPartsCommands } from '../services/parts/commands';
import { partsHandlers } from '../services/parts/handlers';
import { createPartsQueries } from '../services/parts/queries';
import { problemsService } from '../services/problems/service';
import { openNotificationState } from '../services/notifications/state';
import { createIntakeQueries } from '../services/intake/queries';
import { sessionHandlers } from '../services/session/handlers';
import { createSessionService, type SessionService } from '../services/session/session';
import { syncHandlers } from '../services/sync/handlers';
import { setupHandlers } from '../services/setup/handlers';
import { createSetupService } from '../services/setup/setup';
import { updatesHandlers, type LogFolderAccess } from '../services/updates/handlers';
import { createUpdateService, type Updater } from '../services/updates/service';
import { queueHandlers } from '../services/queue/handlers';
import { normalRecoveryHandlers } from '../services/recovery/handlers';
import { createQueuePages } from '../services/queue/page';
import { ticketIdByNumber } from '../services/queue/read';
import { openQueueViews } from '../services/queue/views';
import { openSearchIndex } from '../db/search-index';
import { createStocktakeServices } from '../services/stocktakes/services';
import { maintenanceFeature } from '../services/maintenance/handlers';
import { ticketsHandlers } from '../services/tickets/handlers';
import { queueIdentity$ } from '../services/tickets/identity';
import { createTicketQueries } from '../services/tickets/queries';
import { createTicketService } from '../services/tickets/tickets';
import { createTimelineReader } from '../services/tickets/timelines';
import { ticketWorkHandlers } from '../services/ticketWork/handlers';
import { createTicketWorkQueries } from '../services/ticketWork/queries';
import { createTicketWorkService } from '../services/ticketWork/work';
import { openStoreOwnerFile } from '../sync/store-owner';
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
  /**
   * Shows a notification on the desktop (the Electron shell passes its native one). Without
   * it, the renderer shows them itself (the browser harness, through the browser's API).
   */
  desktopNotifier?: (notification: DesktopNotification) => void;
  /** Prints an app route to PDF (the service report); absent: the shell cannot make PDFs. */
  printToPdf?: PrintToPdf;
  /** The desktop app's self-updater (electron-updater); absent: the shell cannot update itself. */
  updater?: Updater | null;
  /** The folder the shell writes its log files to, and how to open it; absent: logs go to the terminal. */
  logs?: LogFolderAccess | null;
  /** This computer's clock (default Date.now); SLA clocks correct it by the server's time. */
  clock?: () => number;
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
    storeOwner: await openStoreOwnerFile(join(options.dataDir, 'store-owner.json')),
    log: (message, error) => console.warn(`[cims] sync: ${message}`, error ?? ''),
    deviceClock: options.clock,
  });
  // SLA clocks, due-soon filters and recorded times count on the server's time (RELIABILITY S5).
  const serverDate = () => new Date(session.serverNow());
  const customers = createCustomerService(db, settings);
  const tickets = createTicketService(db, settings, customers, session.user, serverDate);
  const identity$ = queueIdentity$((emit) => session.watchSession(emit), settings);
  const search = openSearchIndex(options.dataDir);
  const queueViews = await openQueueViews(options.dataDir, identity$);
  const localReports = createLocalReports(db);
  const notificationState = await openNotificationState(options.dataDir);
  const timelines = createTimelineReader(db, search);
  const notifications = createNotificationService({ db, identity$, state: notificationState, timelines, now: session.serverNow });
  const desktop = options.desktopNotifier ? showOnDesktop(notifications, options.desktopNotifier) : null;
  const work = createTicketWorkService(db, settings, session.user, serverDate);
  const stocktakes = createStocktakeServices(db, session, () => settings.get().deviceId);
  const setup = createSetupService(settings, session);
  const updates = createUpdateService({
    updater: options.updater ?? null,
    serverUrl: () => setup.view().serverUrl,
    syncStatus: { get: session.statusView, watch: (emit) => session.watchStatus(emit) },
    log: (m, e) => console.warn(`[cims] updates: ${m}`, e ?? ''),
  });
  const attachments = await openAttachments({ dataDir: options.dataDir, db, settings, user: session.user, client: session.client, watchStatus: session.watchStatus, log: (m, e) => console.warn(`[cims] attachments: ${m}`, e ?? '') });

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
      ticketWorkHandlers(work, createTicketWorkQueries(db, settings, session.user, identity$, serverDate, (n) => search.read((c) => ticketIdByNumber(c, n)))),
      boardHandlers(createBulkService(db, settings, work, session.user), createBoardQueries(db, settings, session.user, identity$, serverDate)),
      reportsHandlers(session, localReports, undefined, { print: options.printToPdf ?? null, organisation: async () => (await currentOrgSettings(db)).name }),
      reportPacksHandlers(createPackSubscriptions({ db, viewer: () => viewerOf(session.user()), viewer$: assessmentViewer$((emit) => session.watchSession(emit)), locale: () => settings.get().locale })),
      adminHandlers(
        createAdminService(db, session.client),
        createAdminCustomers(db, () => session.user()?.roles.includes('admin') === true),
        createEscalationDryRun(db, () => session.user()?.roles.includes('admin') === true),
      ),
      assessmentsHandlers(createAssessmentCommands(db, () => viewerOf(session.user()), undefined, options.printToPdf ?? null), createAssessmentQueries(db, assessmentViewer$((emit) => session.watchSession(emit)))),
      queueHandlers(createQueuePages({ db, search, timelines, identity$, ticketsBehind: localReports.ticketsBehind, now: session.serverNow }), queueViews, search, db),
      intakeHandlers(createIntakeQueries(db)),
      notificationsHandlers(notifications),
      fieldworkFeature({ db, settings, dataDir: options.dataDir, printToPdf: options.printToPdf ?? null, currentUser: session.user, identity$, attachments: attachments.service }),
      partsHandlers(createPartsCommands(db, settings, session.user), createPartsQueries(db, settings, session.user, identity$)),
      trainingHandlers(createTrainingService({ db, viewer: () => viewerOf(session.user()) }), db, assessmentViewer$((emit) => session.watchSession(emit))),
      problemsService(db, settings, work, session.user, identity$),
      stocktakes.handlers,
      customersHandlers(createCustomerAccounts({ db, settings, currentUser: session.user, identity$ })),
      attachmentsHandlers(attachments.service),
      assetsHandlers(createAssetCommands(db, settings, session.user), createAssetQueries(db, session.user), createUnknownCodes(db, settings, session.user)),
      setupHandlers(setup),
      updatesHandlers(updates, options.logs ?? null),
      maintenanceFeature({ db, dataDir: options.dataDir, session, tickets, attachments: attachments.service, printToPdf: options.printToPdf ?? null, deviceId: () => settings.get().deviceId, log: (m, e) => console.warn(`[cims] maintenance: ${m}`, e ?? '') }),
      normalRecoveryHandlers(),
    ),
  );

  // A stored session is picked up before the first command: until then the services would
  // act as the device's local identity and not find the user's own tickets. Resuming reads the
  // stored tokens and starts the replication without waiting for the network.
  await session.resume().catch((error: unknown) => console.warn('[cims] could not resume the session', error));
  // The first look for an update waits for the session: its server publishes the feed.
  updates.start();

  return {
    router,
    db,
    settings,
    session,
    close: async () => {
      desktop?.unsubscribe();
      updates.close();
      setup.close();
      await attachments.close();
      notifications.close();
      await notificationState.close();
      stocktakes.close();
      await session.close();
      queueViews.close();
      search.close();
      await db.close();
    },
  };
};

/** Claims each new notification before showing it, so a restart never shows it again. */
const showOnDesktop = (notifications: NotificationService, show: (n: DesktopNotification) => void) =>
  notifications.desktop$().subscribe((pending) => {
    if (pending.length === 0) return;
    void notifications
      .claim({ ids: pending.slice(0, 100).map((n) => n.id) })
      .then((claimed) => {
        for (const n of pending) if (claimed.includes(n.id)) show(n);
      })
      .catch((error: unknown) => console.warn('[cims] could not show notifications', error));
  });
