/**
 * Electron main entry: single instance, hardened window, the core in this process, IPC from
 * the contract. Everything below the shell lives in electron/core and runs in plain Node.
 */
import { app, dialog, Menu, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createCore, type Core } from './core/core';
import { signInToDemo } from './core/demo-sign-in';
import { describeStartupError } from './i18n/startup';
import { createSafeStorageTokenStore } from './platform/token-store';
import { buildMenu } from './platform/menu';
import { createMainWindow, denyAllPermissions } from './platform/window';
import { createDesktopNotifier } from './platform/notifications';
import { registerIpc } from './platform/ipc';

const here = dirname(fileURLToPath(import.meta.url));
let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

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
    const dataDir = join(app.getPath('userData'), 'data');
    core = await createCore({
      dataDir,
      shell: 'electron',
      version: app.getVersion(),
      onLocaleChange: (locale) => Menu.setApplicationMenu(buildMenu(locale)),
      tokenStore: createSafeStorageTokenStore(join(dataDir, 'session.bin')),
      desktopNotifier: createDesktopNotifier(() => core?.settings.get().locale ?? 'en', () => mainWindow),
    }).catch((error: unknown) => {
      const { title, message } = describeStartupError(error, app.getLocale().startsWith('zh') ? 'zh-CN' : 'en');
      dialog.showErrorBox(title, message);
      app.exit(1);
      return null;
    });
    if (!core) return;
    // `npm start` runs the embedded demo server and passes its address here.
    const demoServer = process.env.CIMS_DEMO_SERVER_URL;
    if (demoServer) void signInToDemo(core, demoServer, process.env.CIMS_DEMO_USER).then((line) => console.log(line));
    Menu.setApplicationMenu(buildMenu(core.settings.get().locale));
    const activeCore = core;
    const rendererDir = join(here, '../renderer');
    registerIpc(activeCore.router, () => mainWindow, pathToFileURL(join(rendererDir, 'index.html')).href);
    mainWindow = createMainWindow(join(here, '../preload/preload.cjs'), rendererDir);
    mainWindow.on('closed', () => (mainWindow = null));
  });

  app.on('window-all-closed', () => {
    void core?.close().finally(() => app.quit());
  });
}
