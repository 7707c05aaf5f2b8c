import type { i18n } from 'i18next';
import type { ReactNode } from 'react';
import type { QueueRow } from '../../../../shared/api/queue';

/**
 * The seam for actions on the selected tickets (bulk assign, change status, escalate) and
 * their shortcuts (a, e). An action lists itself here; the queue's toolbar shows it while
 * tickets are selected and passes the selected rows of the page, and the shortcuts dialog
 * lists its key.
 */
export interface QueueAction {
  id: string;
  /** Shortcut key, e.g. 'a'; also listed in the shortcuts dialog. */
  key?: string;
  /** Its label in the user's language (`i18n.t('feature:key')`). */
  label: (i18n: i18n) => string;
  icon?: ReactNode;
  run: (selected: QueueRow[]) => void;
}

export const queueActions: QueueAction[] = [];
