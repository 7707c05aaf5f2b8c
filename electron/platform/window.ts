import { BrowserWindow, session, shell, type WebContents } from 'electron';
import { join } from 'node:path';

/**
 * The hardened window (RELIABILITY B2): isolated, sandboxed, no Node in the renderer, no new
 * windows, no navigation away from the app, and every permission request denied.
 */
export const createMainWindow = (preloadPath: string, rendererDir: string): BrowserWindow => {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'CIMS',
    webPreferences: {
      // Reviewed: the preload exposes only the contract's named functions (electron/preload.ts), never ipcRenderer.
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK
      disableBlinkFeatures: 'Auxclick',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  lockDown(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadFile(join(rendererDir, 'index.html'));
  return win;
};

/** No new windows, no navigation away from the app, no webviews. */
export const lockDown = (contents: WebContents): void => {
  contents.setWindowOpenHandler(({ url }) => {
    // Only web links leave the app, and only to the system browser.
    // Reviewed: only https URLs reach openExternal; file:, smb: and custom schemes are dropped.
    if (/^https:\/\//i.test(url)) void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
};

export const denyAllPermissions = (): void => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
};
