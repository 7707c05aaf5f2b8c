/**
 * electron-updater behind the core's `Updater` (electron/services/updates): the generic
 * provider pointed at `<server>/updates/`, the download in the background, and the restart
 * into the new version once the core is closed.
 */
import { app } from 'electron';
import { autoUpdater } from 'electron-updater';
import type { Updater } from '../services/updates/service';
import type { UpdaterEvent } from '../services/updates/policy';

/**
 * The app's updater, or null where it cannot update itself (a development run, not packaged).
 * `beforeInstall` closes the core, so the store is shut cleanly before the restart.
 */
export const createElectronUpdater = async (options: { logger: unknown; beforeInstall: () => Promise<void> }): Promise<Updater | null> => {
  if (!app.isPackaged) return null;
  // Downloaded in the background; installed on "restart to install" or when the app quits.
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.logger = options.logger as typeof autoUpdater.logger;
  const listeners = new Set<(event: UpdaterEvent) => void>();
  const emit = (event: UpdaterEvent) => {
    for (const listener of listeners) listener(event);
  };
  autoUpdater.on('checking-for-update', () => emit({ type: 'checking' }));
  autoUpdater.on('update-available', (info) => emit({ type: 'available', version: info.version }));
  autoUpdater.on('update-not-available', () => emit({ type: 'not-available' }));
  autoUpdater.on('download-progress', (progress) => emit({ type: 'progress', percent: progress.percent }));
  autoUpdater.on('update-downloaded', (info) => emit({ type: 'downloaded', version: info.version }));
  autoUpdater.on('error', (error) => emit({ type: 'error', message: error.message }));
  return {
    setFeedUrl: (url) => autoUpdater.setFeedURL({ provider: 'generic', url }),
    check: async () => {
      await autoUpdater.checkForUpdates();
    },
    install: () => {
      void options.beforeInstall().finally(() => autoUpdater.quitAndInstall(false, true));
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
