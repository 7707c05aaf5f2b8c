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
  "newPassword": "新密码",
  "confirmPassword": "再次输入新密码",
  "newPasswordHint": "管理员已重置您的密码。请设置您自己的密码，它将替换您收到的密码。",
  "newPasswordRefused": "服务器拒绝了此密码：长度不符合组织要求、属于最常用的密码、与您的用户名或姓名相同，或与您收到的密码相同。",
  "changeAndSignIn": "修改密码并登录",
  "storeHeld_one": "本机有 {{user}} 的 {{count}} 项更改尚未同步到服务器。请以 {{user}} 登录进行同步，或先导出为文件再登录；导出后这些更改将从本机移除。",
  "storeHeld_other": "本机有 {{user}} 的 {{count}} 项更改尚未同步到服务器。请以 {{user}} 登录进行同步，或先导出为文件再登录；导出后这些更改将从本机移除。",
  "exportAndSwitch": "导出并登录",
  "memoryOnly": "此电脑没有系统钥匙串，登录信息只保存在内存中，不会写入磁盘：每次启动 CIMS 都需要重新登录。",
  "exportUnsynced": "导出未同步的工作",
  "exported_one": "已导出 {{count}} 条记录。",
  "exported_other": "已导出 {{count}} 条记录。",
  "endedMessage_one": "会话已结束（已在别处退出、密码已更改或账号已停用）。本机有 {{count}} 项更改已保留但未同步：请重新登录，或将其导出。",
  "endedMessage_other": "会话已结束（已在别处退出、密码已更改或账号已停用）。本机有 {{count}} 项更改已保留但未同步：请重新登录，或将其导出。",
  "updateRequiredMessage": "服务器需要更新版本的 CIMS。您的更改已保留在本机；安装更新后即可同步。",
  "welcome": {
    "heading": "欢迎使用 CIMS",
    "intro": "三步即可开始：选择语言、填写贵单位的 CIMS 服务器地址，然后登录。",
    "stepLanguage": "语言",
    "stepServer": "服务器",
    "stepSignIn": "登录",
    "languageHint": "菜单、消息和日期会立即使用此语言。以后可在“设置”中更改。",
    "serverHint": "管理员提供的地址，以 https:// 开头。http:// 仅用于本机上的服务器。",
    "next": "下一步",
    "back": "上一步",
    "signInHint": "使用管理员提供的用户名和密码登录 {{server}}。",
    "openSignIn": "登录",
    "serverSaved": "服务器地址已保存。"
  }
};
