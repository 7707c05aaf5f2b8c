import type { Messages } from '../../../i18n/messages';
import type { en } from './en';

export const zhCN: Messages<typeof en> = {
  "label": "同步状态",
  "heading": "同步",
  "intro": "本机所做的更改在哪里，以及服务器发来了什么。",
  "openDetails": "打开同步页面",
  "state": "状态",
  "pendingLabel": "待同步",
  "local-only": "仅本地",
  "local-only-hint": "更改已保存在本机。尚未配置同步服务器。",
  "signed-out": "未登录",
  "connecting": "正在连接…",
  "syncing": "正在同步…",
  "online": "已同步",
  "offline": "离线",
  "error": "同步出错",
  "update-required": "需要更新",
  "session-ended": "会话已结束",
  "pending_one": "{{count}} 项更改待同步",
  "pending_other": "{{count}} 项更改待同步",
  "nothingPending": "本机的所有更改都已同步到服务器。",
  "lastSuccess": "上次同步",
  "never": "从未",
  "lastError": "最近的错误",
  "initialSync": "首次下载：{{collection}}，已完成 {{done}} 条"
};
