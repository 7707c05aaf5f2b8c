/**
 * Every namespace of UI text, one per feature plus `common`. Adding a feature's messages:
 * one line in each language below.
 */
import type { Messages } from './messages';
import { en as common } from './common/en';
import { zhCN as commonZh } from './common/zh-CN';
import { en as session } from '../features/session/i18n/en';
import { zhCN as sessionZh } from '../features/session/i18n/zh-CN';
import { en as settings } from '../features/settings/i18n/en';
import { zhCN as settingsZh } from '../features/settings/i18n/zh-CN';
import { en as sync } from '../features/sync/i18n/en';
import { zhCN as syncZh } from '../features/sync/i18n/zh-CN';
import { en as tickets } from '../features/tickets/i18n/en';
import { zhCN as ticketsZh } from '../features/tickets/i18n/zh-CN';

export const en = { common, session, settings, sync, tickets } as const;

export const zhCN: { [N in keyof typeof en]: Messages<(typeof en)[N]> } = {
  common: commonZh,
  session: sessionZh,
  settings: settingsZh,
  sync: syncZh,
  tickets: ticketsZh,
};

export const resources = { en, 'zh-CN': zhCN };
export type Namespace = keyof typeof en;
export const namespaces = Object.keys(en) as Namespace[];
