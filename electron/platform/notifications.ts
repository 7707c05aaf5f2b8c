import { Notification, type BrowserWindow } from 'electron';
import type { Locale } from '../../shared/api/app';
import type { DesktopNotification } from '../../shared/api/notifications';
import { notificationTitles } from '../i18n/notifications';

/**
 * Native desktop notifications from the main process (the renderer's own Notification API is
 * refused by the window's permission handler). A click brings the window forward on the ticket.
 */
export const createDesktopNotifier =
  (locale: () => Locale, window: () => BrowserWindow | null) =>
  (n: DesktopNotification): void => {
    if (!Notification.isSupported()) return;
    const note = new Notification({ title: notificationTitles[locale()][n.kind](n), body: n.ticketTitle });
    note.on('click', () => {
      const win = window();
      if (!win) return;
      if (win.isMinimized()) win.restore();
      win.focus();
      // An in-page hash change (no navigation); the value is JSON-encoded, never spliced as code.
      const hash = `#${n.href}`;
      void win.webContents.executeJavaScript(`location.hash = ${JSON.stringify(hash)};`);
    });
    note.show();
  };
