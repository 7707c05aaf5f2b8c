import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { DesktopNotification } from '../../../../../shared/api/notifications';
import { useData } from '../../../data/context';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useNotificationText } from './useNotificationText';

const ASKED_KEY = 'cims.notificationPermissionAsked';

/**
 * Desktop notifications in the browser shell, through the browser's Notification API (the
 * Electron shell shows them from main). Permission is asked once; each notification is
 * claimed from main before it shows, so another tab or a reload never shows it again.
 */
export const DesktopNotifier = () => {
  const { transport } = useData();
  const [enabled, setEnabled] = useState(false);
  useEffect(() => {
    if (typeof Notification === 'undefined') return;
    let live = true;
    void transport.invoke('app.info', {}).then(async (info) => {
      if (!live || !info.ok || info.value.shell !== 'harness') return;
      if (Notification.permission === 'default' && !localStorage.getItem(ASKED_KEY)) {
        localStorage.setItem(ASKED_KEY, new Date().toISOString());
        await Notification.requestPermission();
      }
      if (live) setEnabled(Notification.permission === 'granted');
    });
    return () => {
      live = false;
    };
  }, [transport]);
  return enabled ? <BrowserNotifications /> : null;
};

const BrowserNotifications = () => {
  const { transport } = useData();
  const navigate = useNavigate();
  const text = useNotificationText();
  const { data } = useLiveQuery('notifications.desktop', {});
  const pending = (data ?? []).map((n) => n.id).join('\n');

  useEffect(() => {
    if (!data?.length) return;
    const byId = new Map<string, DesktopNotification>(data.map((n) => [n.id, n]));
    void transport.invoke('notifications.claim', { ids: [...byId.keys()].slice(0, 100) }).then((claimed) => {
      if (!claimed.ok) return;
      for (const id of claimed.value) {
        const n = byId.get(id)!;
        const note = new Notification(text(n), { body: n.ticketTitle, tag: n.id });
        note.onclick = () => {
          window.focus();
          void transport.invoke('notifications.markRead', { ids: [n.id] });
          void navigate(n.href);
        };
      }
    });
    // A new set of pending ids is what matters, not a new array with the same ones.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pending]);
  return null;
};
