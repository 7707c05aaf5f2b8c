import type { Messages } from '../../../i18n/messages';
import type { en } from './en';

export const zhCN: Messages<typeof en> = {
  heading: '设置',
  language: '语言',
  languageHint: '菜单、提示和日期都使用此语言。',
  theme: '外观',
  themeMode: {
    light: '浅色',
    dark: '深色',
    system: '跟随系统',
  },
  saved: '设置已保存',
};
