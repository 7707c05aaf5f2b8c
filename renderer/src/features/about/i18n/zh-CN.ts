import type { Messages } from '../../../i18n/messages';
import type { en } from './en';

export const zhCN: Messages<typeof en> = {
  heading: '关于 CIMS',
  intro: '客户问题管理系统：售后服务的工单、现场工作与质量管理。',
  version: '版本',
  shell: '运行方式',
  shellElectron: '桌面应用',
  shellHarness: '浏览器（开发环境）',
  protocol: '同步协议',
  storeSize: '本地数据',
  storeDocuments: '{{documents}} 条记录，{{size}}',
  lastSync: '上次同步',
  never: '从未',
  pending: '尚未同步到服务器的更改',
  platform: '平台',
  copy: '复制诊断信息',
  copyHint: '包括版本、平台、本地数据大小和同步状态，供技术支持使用。不含姓名、地址或工单内容。',
  copied: '诊断信息已复制，请粘贴到发给技术支持的消息中。',
  copyManually: '此处无法使用剪贴板。请选中下面的文字并复制。',
  loading: '正在收集诊断信息…',
  refresh: '刷新',
};
