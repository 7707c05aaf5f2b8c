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
  server: '服务器',
  serverCurrent: '本机连接的服务器：{{server}}。',
  serverNone: '尚未选择服务器：本机独立工作。',
  serverNew: '新的服务器地址',
  serverChange: '更换服务器',
  serverChangeHint: '更换服务器会退出登录。本机上的数据全部保留；尚未同步到原服务器的更改会在您再次登录原服务器时发送，也可以导出。',
  serverConfirmTitle: '更换服务器？',
  serverConfirm_one: '本机有 {{count}} 项更改尚未同步到 {{server}}。这些更改会保留在本机，但只能发送到 {{server}}：请重新登录该服务器进行发送，或在登录新服务器之前将其导出。',
  serverConfirm_other: '本机有 {{count}} 项更改尚未同步到 {{server}}。这些更改会保留在本机，但只能发送到 {{server}}：请重新登录该服务器进行发送，或在登录新服务器之前将其导出。',
  serverConfirmNone: '您将退出 {{server}}。本机上的数据全部保留。',
  serverChanged: '服务器已更换为 {{server}}。请登录以开始同步。',
};
