/**
 * The main process's log files (electron-log 5): `<userData>/logs/main.log`, rotated at 1 MB
 * (main.old.log), with console output and uncaught errors copied there, so "copy diagnostics"
 * and the log folder in the About screen are what support asks for. The renderer is not
 * hooked in (log.initialize() would add a preload to the hardened window's session).
 */
import { app, shell } from 'electron';
import log from 'electron-log/main';
import { join } from 'node:path';
import type { LogFolderAccess } from '../services/updates/handlers';

export interface MainLogging {
  /** Handed to electron-updater, so update checks land in the same file. */
  logger: unknown;
  folder: LogFolderAccess | null;
}

export const startMainLogging = async (): Promise<MainLogging> => {
  const folder = join(app.getPath('userData'), 'logs');
  log.transports.file.resolvePathFn = () => join(folder, 'main.log');
  log.transports.file.maxSize = 1024 * 1024;
  log.transports.file.level = 'info';
  log.errorHandler.startCatching({ showDialog: false });
  // Every `console.warn('[cims] …')` of the core reaches the file as well.
  Object.assign(console, log.functions);
  return {
    logger: log,
    folder: {
      path: folder,
      open: async () => {
        const failure = await shell.openPath(folder);
        if (failure) throw new Error(failure);
      },
    },
  };
};
