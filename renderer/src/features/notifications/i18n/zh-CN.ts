import type { Messages } from '../../../i18n/messages';
import type { en } from './en';

export const zhCN: Messages<typeof en> = {
  "heading": "通知",
  "intro": "需要您处理的工作：分派或升级给您或您团队的工单、客户回复、即将违反 SLA 的计时、您已逾期的考核环节，以及您的月度管理评审报告。",
  "markAllRead": "全部标为已读",
  "unread": "未读",
  "empty": "目前没有需要您处理的事项。新的分派、升级、客户回复和 SLA 预警会显示在这里。",
  "bell": "通知",
  "bellUnread_one": "通知，{{count}} 条未读",
  "bellUnread_other": "通知，{{count}} 条未读",
  "open": "打开 {{number}}",
  "title": {
    "assigned": "{{number}} 已分派给您",
    "escalated": "{{number}} 已升级给您或您的团队",
    "breach_warning": "{{number}}：{{clock}}即将违反 SLA",
    "customer_reply": "客户回复了 {{number}}",
    "assessment_late": "考核 {{number}}：您负责的环节已逾期",
    "report_pack": "{{number}} 月度管理评审报告已生成"
  },
  "clock": {
    "firstResponse": "首次响应",
    "restore": "恢复",
    "fix": "修复"
  },
  "settings": {
    "heading": "通知我以下事项",
    "intro": "关闭您不想接收的通知。对您在本机上的账户生效。"
  },
  "kind": {
    "assigned": "分派给我的工单",
    "escalated": "升级给我或我团队的工单",
    "breach_warning": "即将违反 SLA 的计时",
    "customer_reply": "我的工单上的客户回复",
    "assessment_late": "我已逾期的考核环节",
    "report_pack": "我的月度管理评审报告"
  },
  "permissionDenied": "浏览器已阻止桌面通知。请在网站设置中允许，以便在此窗口之外看到通知。"
};
