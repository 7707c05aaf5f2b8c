import type { Messages } from '../../../i18n/messages';
import type { en } from './en';

export const zhCN: Messages<typeof en> = {
  "signIn": "登录",
  "signingIn": "正在登录…",
  "signInTitle": "登录 CIMS 服务器",
  "signInAgain": "重新登录",
  "signOut": "退出登录",
  "serverUrl": "服务器地址",
  "serverUrlHint": "例如 http://cims.example.com:8787",
  "username": "用户名",
  "password": "密码",
  "exportUnsynced": "导出未同步的工作",
  "exported_one": "已导出 {{count}} 条记录。",
  "exported_other": "已导出 {{count}} 条记录。",
  "endedMessage_one": "会话已结束（已在别处退出、密码已更改或账号已停用）。本机有 {{count}} 项更改已保留但未同步：请重新登录，或将其导出。",
  "endedMessage_other": "会话已结束（已在别处退出、密码已更改或账号已停用）。本机有 {{count}} 项更改已保留但未同步：请重新登录，或将其导出。",
  "updateRequiredMessage": "服务器需要更新版本的 CIMS。您的更改已保留在本机；安装更新后即可同步。"
};
