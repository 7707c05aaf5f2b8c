import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { ipcChannels } from '../../shared/api/contract';
import { fail, type Result } from '../../shared/api/result';
import type { Router } from '../core/router';
import { isTrustedSender } from '../core/ipc-trust';

/**
 * Bridges the renderer to the core router. Every message's sender frame is checked: only
 * the main frame of our own window, showing our own page, may talk to the core.
 */
export const registerIpc = (
  router: Router,
  getWindow: () => BrowserWindow | null,
  appPageUrl: string,
  /** Our other windows showing our page (the hidden print window of the service report). */
  otherWindows: () => readonly BrowserWindow[] = () => [],
): (() => void) => {
  const subscriptions = new Map<string, () => void>();

  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const win = [getWindow(), ...otherWindows()].find((w) => w && event.sender === w.webContents) ?? null;
    const frame = event.senderFrame;
    return isTrustedSender(
      { fromOurWindow: !!win && event.sender === win.webContents, isMainFrame: !!frame && frame === win?.webContents.mainFrame, frameUrl: frame?.url ?? '' },
      appPageUrl,
    );
  };
  const refused = (): Result<never> => fail('FORBIDDEN', 'Message from an untrusted frame');

  ipcMain.handle(ipcChannels.command, async (event, name: unknown, input: unknown) =>
    trusted(event) ? router.dispatch(name, input) : refused(),
  );

  ipcMain.handle(ipcChannels.subscribe, (event, key: unknown, name: unknown, params: unknown) => {
    if (!trusted(event)) return refused();
    if (typeof key !== 'string' || key.length > 64) return fail('VALIDATION_FAILED', 'Bad subscription key');
    subscriptions.get(key)?.();
    const sender = event.sender;
    const result = router.subscribe(name, params, (update) => {
      if (!sender.isDestroyed()) sender.send(ipcChannels.liveUpdate, key, update);
    });
    if (!result.ok) return result;
    subscriptions.set(key, result.value);
    sender.once('destroyed', () => {
      subscriptions.get(key)?.();
      subscriptions.delete(key);
    });
    return { ok: true, value: null };
  });

  ipcMain.handle(ipcChannels.unsubscribe, (event, key: unknown) => {
    if (!trusted(event) || typeof key !== 'string') return refused();
    subscriptions.get(key)?.();
    subscriptions.delete(key);
    return { ok: true, value: null };
  });

  return () => {
    for (const stop of subscriptions.values()) stop();
    subscriptions.clear();
    for (const channel of [ipcChannels.command, ipcChannels.subscribe, ipcChannels.unsubscribe]) ipcMain.removeHandler(channel);
  };
};
