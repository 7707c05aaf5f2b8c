import { z } from 'zod';
import { NOTIFICATION_KINDS, type NotificationKind } from '../domain/notifications';
import type { SlaClockKind } from '../schema/enums';
import { command, liveQuery, slice } from './define';

export const notificationKinds = NOTIFICATION_KINDS;
export type { NotificationKind };

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  ticketId: string;
  /** What the ticket page opens by (server number, or provisional until synced). */
  ticketNumber: string;
  ticketTitle: string;
  at: string;
  clock: SlaClockKind | null;
  read: boolean;
  /** The route it opens: the ticket, or the assessment (whose cycle name stands in `ticketNumber`). */
  href: string;
}

export interface NotificationList {
  rows: NotificationView[];
  /** Unread among all, not only the rows sent. */
  unread: number;
}

export interface NotificationSettings {
  muted: NotificationKind[];
}

/** Notifications to show on the desktop now: not muted, not shown before (on any restart). */
export interface DesktopNotification {
  id: string;
  kind: NotificationKind;
  ticketNumber: string;
  ticketTitle: string;
  clock: SlaClockKind | null;
  href: string;
}

const notificationId = z.string().min(1).max(200);

export const notificationsApi = slice({
  commands: {
    /** Marks some notifications read, or all of them (`all`). */
    'notifications.markRead': command<{ unread: number }>()(
      z.object({ ids: z.array(notificationId).max(500).default([]), all: z.boolean().default(false) }).strict(),
    ),
    'notifications.setMuted': command<NotificationSettings>()(z.object({ kind: z.enum(NOTIFICATION_KINDS), muted: z.boolean() }).strict()),
    /**
     * The desktop shell claims notifications before it shows them: the answer holds only those
     * never claimed before, so two windows or a restart never show one twice.
     */
    'notifications.claim': command<string[]>()(z.object({ ids: z.array(notificationId).min(1).max(100) }).strict()),
  },
  liveQueries: {
    'notifications.list': liveQuery<NotificationList>()(z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict()),
    'notifications.settings': liveQuery<NotificationSettings>()(z.object({}).strict()),
    /** For the browser shell, which shows desktop notifications itself (the Electron main process does it there). */
    'notifications.desktop': liveQuery<DesktopNotification[]>()(z.object({}).strict()),
  },
});
