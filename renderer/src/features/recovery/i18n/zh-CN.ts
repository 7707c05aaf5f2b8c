import type { Messages } from '../../../i18n/messages';
import type { en } from './en';

export const zhCN: Messages<typeof en> = {
  "heading": "本地数据已损坏",
  "intro": "CIMS 无法打开本机上的数据库文件。未删除任何数据。请选择操作：",
  "file": "损坏的文件",
  "reason": "问题",
  "reason_STORAGE_CORRUPT": "文件已损坏或被截断。",
  "reason_other": "无法读取该文件（{{code}}）。",
  "exportHeading": "1. 导出未同步的工作",
  "exportHint": "将尚未到达服务器的工作（工单、备注、盘点及其照片，尽可能读取）保存到一个文件中，您可以保留或交给技术支持。",
  "export": "导出未同步的工作",
  "againHeading": "2. 从服务器重新下载",
  "againHint": "将损坏的文件移到一旁（保留，文件名中带有日期），新建本地存储并从服务器重新下载您的数据。您将保持登录状态。未导出的工作只保留在损坏的文件中。",
  "again": "从服务器重新下载",
  "busy_exporting": "正在读取损坏的文件并保存未同步的工作…",
  "busy_setting-aside": "正在将损坏的文件移到一旁…",
  "busy_starting": "正在新建本地存储…",
  "exported_one": "已将 {{count}} 条未同步记录保存到 {{file}}。",
  "exported_other": "已将 {{count}} 条未同步记录保存到 {{file}}。",
  "exportedNone": "在损坏的文件中未找到未同步的工作。已将空的导出文件保存到 {{file}}。",
  "unreadable_one": "有 {{count}} 条记录无法读取。",
  "unreadable_other": "有 {{count}} 条记录无法读取。",
  "attachments_one": "已在其旁边复制 {{count}} 张照片或签名。",
  "attachments_other": "已在其旁边复制 {{count}} 张照片或签名。",
  "cancelled": "已取消导出：未保存任何内容。",
  "done": "损坏的文件已保留为 {{file}}。已新建本地存储，正在从服务器下载您的数据。",
  "continue": "继续使用 CIMS",
  "failed": "操作未成功：{{message}}"
};
