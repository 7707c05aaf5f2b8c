import type { Messages } from '../../../i18n/messages';
import type { en } from './en';

export const zhCN: Messages<typeof en> = {
  "heading": "照片和文件",
  "add": "添加照片或文件",
  "hint": "将照片或文件拖放到工单上，或粘贴图片。照片在保存前会缩小到 2048 像素。",
  "adding_one": "正在添加 {{count}} 个文件…",
  "adding_other": "正在添加 {{count}} 个文件…",
  "added_one": "已添加 {{count}} 个文件",
  "added_other": "已添加 {{count}} 个文件",
  "dropHere": "松开即可附加到此工单",
  "usage": "本机已使用 {{used}}，上限 {{quota}}",
  "waiting_one": "{{count}} 个文件等待发送到服务器",
  "waiting_other": "{{count}} 个文件等待发送到服务器",
  "allSent": "所有文件都已在服务器上",
  "failed": "{{file}}：{{reason}}",
  "tooLargeBefore": "文件超过 {{limit}}，未添加任何内容。",
  "unreadable": "无法读取该照片，未添加任何内容；请先将其另存为 JPEG。",
  "thumbnailAlt": "照片 {{file}}",
  "open": "打开 {{file}}",
  "opening": "正在打开…",
  "save": "保存",
  "close": "关闭",
  "notHere": "尚未在本机上：打开时将从服务器获取",
  "upload": {
    "waiting": "等待发送",
    "uploaded": "已在服务器上",
    "refused": "被服务器拒绝",
    "none": "—"
  }
};
