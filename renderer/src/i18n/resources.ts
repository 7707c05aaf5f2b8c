/**
 * Every namespace of UI text: `common` plus one per feature, each in both languages. Adding
 * a feature's messages: one entry below.
 */
import type { Locale } from '../../../shared/api/app';
import { messages as about } from '../features/about/i18n';
import { messages as admin } from '../features/admin/i18n';
import { messages as assessments } from '../features/assessments/i18n';
import { messages as attachments } from '../features/attachments/i18n';
import { messages as assets } from '../features/assets/i18n';
import { messages as notifications } from '../features/notifications/i18n';
import { messages as parts } from '../features/parts/i18n';
import { messages as problems } from '../features/problems/i18n';
import { messages as board } from '../features/board/i18n';
import { messages as fieldwork } from '../features/fieldwork/i18n';
import { messages as customers } from '../features/customers/i18n';
import { messages as bulk } from '../features/queue/bulk/i18n';
import { messages as queue } from '../features/queue/i18n';
import { messages as recovery } from '../features/recovery/i18n';
import { messages as reports } from '../features/reports/i18n';
import { messages as session } from '../features/session/i18n';
import { messages as settings } from '../features/settings/i18n';
import { messages as stocktakes } from '../features/stocktakes/i18n';
import { messages as maintenance } from '../features/maintenance/i18n';
import { messages as sync } from '../features/sync/i18n';
import { messages as tickets } from '../features/tickets/i18n';
import { messages as ticketDetail } from '../features/tickets/i18n/detail';
import { messages as training } from '../features/training/i18n';
import { messages as common } from './common';
import type { Messages } from './messages';

const namespaced = { common, about, admin, assessments, assets, attachments, board, bulk, customers, fieldwork, notifications, parts, problems, queue, reports, session, settings, stocktakes, sync, tickets, ticketDetail, training, maintenance, recovery };

type Namespaced = typeof namespaced;
export type Namespace = keyof Namespaced;

/** English is the reference: its keys type `t()`. */
export const en = Object.fromEntries(Object.entries(namespaced).map(([ns, m]) => [ns, m.en])) as {
  [N in Namespace]: Namespaced[N]['en'];
};
export const zhCN = Object.fromEntries(Object.entries(namespaced).map(([ns, m]) => [ns, m['zh-CN']])) as {
  [N in Namespace]: Messages<Namespaced[N]['en']>;
};

export const resources: Record<Locale, typeof zhCN> = { en, 'zh-CN': zhCN };
export const namespaces = Object.keys(namespaced) as Namespace[];
