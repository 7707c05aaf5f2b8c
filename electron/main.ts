/**
 * Electron main entry: single instance, hardened window, the core in this process, IPC from
 * the contract. Everything below the shell lives in electron/core and runs in plain Node.
 */
import { app, dialog, Menu, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Core } from './core/core';
import { routerWhenStarted, startApp } from './core/start';
import { signInToDemo } from './core/demo-sign-in';
import { describeStartupError, recoveryDialogTitle } from './i18n/startup';
import { chooseFolder } from './platform/dialogs';
import { createSafeStorageTokenStore } from './platform/token-store';
import { buildMenu } from './platform/menu';
import { createPdfPrinter } from './platform/print';
import { createMainWindow, denyAllPermissions } from './platform/window';
import { createDesktopNotifier } from './platform/notifications';
import { registerIpc } from './platform/ipc';
import { startMainLogging } from './platform/logging';
import { createElectronUpdater } from './platform/updater';

const here = dirname(fileURLToPath(import.meta.url));
let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let stopApp: (() => Promise<void>) | null = null;
const systemLocale = () => (app.getLocale().startsWith('zh') ? 'zh-CN' : 'en');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  void app.whenReady().then(async () => {
    denyAllPermissions();
    const logging = await startMainLogging();
    const updater = await createElectronUpdater({
      logger: logging.logger,
      // The store closes cleanly before the installer replaces the app.
      beforeInstall: async () => {
        const stop = stopApp;
        stopApp = null;
        core = null;
        await stop?.();
      },
    });
    const dataDir = join(app.getPath('userData'), 'data');
    const printer = createPdfPrinter(join(here, '../preload/preload.cjs'), join(here, '../renderer'));
    Menu.setApplicationMenu(buildMenu(systemLocale()));
    const starting = startApp({
      dataDir,
      shell: 'electron',
      version: app.getVersion(),
      onLocaleChange: (locale) => Menu.setApplicationMenu(buildMenu(locale)),
      tokenStore: createSafeStorageTokenStore(join(dataDir, 'session.bin')),
      desktopNotifier: createDesktopNotifier(() => core?.settings.get().locale ?? 'en', () => mainWindow),
      printToPdf: printer.print,
      // A damaged store opens the recovery screen (RELIABILITY D4); its export goes where the user says.
      chooseExportFolder: () => chooseFolder(mainWindow, recoveryDialogTitle(systemLocale())),
      onCore: (running) => {
        core = running;
        // `npm start` runs the embedded demo server and passes its address here.
        const demoServer = process.env.CIMS_DEMO_SERVER_URL;
        if (demoServer) void signInToDemo(running, demoServer, process.env.CIMS_DEMO_USER).then((line) => console.log(line));
        Menu.setApplicationMenu(buildMenu(running.settings.get().locale));
      },
      updater,
      logs: logging.folder,
    });
    // The window loads while the store opens; its commands wait for the core.
    stopApp = async () => (await starting.catch(() => null))?.close();
    const rendererDir = join(here, '../renderer');
    registerIpc(routerWhenStarted(starting), () => mainWindow, pathToFileURL(join(rendererDir, 'index.html')).href, printer.windows);
    mainWindow = createMainWindow(join(here, '../preload/preload.cjs'), rendererDir);
    mainWindow.on('closed', () => (mainWindow = null));
    await starting.catch((error: unknown) => {
      const { title, message } = describeStartupError(error, systemLocale());
      dialog.showErrorBox(title, message);
      app.exit(1);
    });
  });

  app.on('window-all-closed', () => {
    void (stopApp?.() ?? Promise.resolve()).finally(() => app.quit());
  });
}
