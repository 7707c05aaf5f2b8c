import type { Messages } from '../../../i18n/messages';
import type { en } from './en';

export const zhCN: Messages<typeof en> = {
  "directory": {
    "heading": "客户",
    "intro": "所有客户及其等级、客户经理和联系节奏。打开客户可查看站点、工单、服务指标和联系记录。",
    "search": "按编码或名称搜索",
    "show": "显示",
    "showAll": "全部客户",
    "showOverdue": "联系逾期",
    "showMyOverdue": "我负责的逾期客户",
    "count_one": "{{count}} 个客户",
    "count_other": "{{count}} 个客户",
    "empty": "没有匹配的客户。请换用名称或编码的其他部分。",
    "emptyOverdue": "没有联系逾期的客户。",
    "column": {
      "code": "编码",
      "name": "名称",
      "tier": "等级",
      "region": "区域",
      "manager": "客户经理",
      "lastContact": "最近联系",
      "cadence": "联系节奏"
    },
    "admin": "编辑客户",
    "loadFailed": "无法加载客户，请稍后重试。"
  },
  "myOverdue": {
    "heading": "我负责的联系逾期客户",
    "intro_one": "您负责的 {{count}} 个客户已超过联系目标。",
    "intro_other": "您负责的 {{count}} 个客户已超过联系目标。",
    "open": "打开 {{name}}"
  },
  "cadence": {
    "never": "从未联系",
    "overdue_one": "逾期 {{count}} 天",
    "overdue_other": "逾期 {{count}} 天",
    "dueOn": "下次联系截止 {{date}}",
    "target_one": "目标：每 {{count}} 天",
    "target_other": "目标：每 {{count}} 天",
    "targetDefault": "（等级默认）"
  },
  "tier": {
    "key": "关键客户",
    "general": "普遍客户"
  },
  "account": {
    "back": "全部客户",
    "notFound": "此设备上没有该客户。它可能已被删除，或尚未同步。",
    "loadFailed": "无法加载该客户，请稍后重试。",
    "edit": "在管理中编辑",
    "region": "区域 {{region}}",
    "zone": "当地时区 {{zone}}",
    "manager": "客户经理：{{name}}",
    "noManager": "未指定客户经理",
    "inactive": "已停用",
    "contacts": "联系人",
    "noContacts": "该客户没有登记联系人。",
    "sites": "站点",
    "noSites": "没有登记站点。",
    "assets_one": "{{count}} 项资产",
    "assets_other": "{{count}} 项资产",
    "openAssets": "{{site}} 的资产",
    "openTickets": "未关闭工单（{{count}}）",
    "noOpenTickets": "没有您可查看的未关闭工单。",
    "recentTickets": "最近解决",
    "noRecentTickets": "没有您可查看的已解决工单。",
    "moreOpen": "显示 SLA 最临近的 {{shown}} 个，共 {{total}} 个。",
    "slaDue": "SLA 截止 {{time}}",
    "figures": "最近十二个月的服务",
    "slaChart": "SLA 达成率（%）",
    "csatChart": "客户满意度（1–5）",
    "month": "月份",
    "measured": "计量的计时",
    "met": "达成",
    "percent": "达成率",
    "responses": "回复数",
    "average": "平均分",
    "figuresTable": "按月指标",
    "none": "—",
    "problems": "影响该客户的问题",
    "noProblems": "没有问题单关联该客户的工单或资产。",
    "problemLinks": "{{tickets}} 个工单，{{assets}} 项资产",
    "relationship": "客户关系",
    "plan": "客户计划",
    "editPlan": "修改计划",
    "noPlan": "尚无客户计划。",
    "notes": "备注"
  },
  "log": {
    "heading": "联系记录",
    "empty": "尚无联系记录。在此记录与客户人员的拜访、电话、会议和邮件。",
    "add": "记录联系",
    "by": "{{name}}，{{time}}",
    "with": "联系人：{{name}}",
    "nextStep": "下一步：{{text}}"
  },
  "channel": {
    "visit": "拜访",
    "call": "电话",
    "meeting": "会议",
    "email": "邮件"
  },
  "form": {
    "title": "记录与 {{name}} 的联系",
    "channel": "方式",
    "contact": "联系人",
    "contactOther": "其他人 / 整个客户",
    "at": "时间（您的当地时间）",
    "summary": "沟通内容",
    "nextStep": "下一步（可选）",
    "save": "保存联系",
    "cancel": "取消",
    "saved": "已记录联系。",
    "failed": "联系未保存。请检查各项后重试。"
  },
  "planForm": {
    "title": "{{name}} 的客户计划",
    "manager": "客户经理",
    "noManager": "无",
    "cadence": "联系间隔天数",
    "cadenceHelp": "留空则使用等级默认值（{{days}} 天）。",
    "notes": "备注",
    "save": "保存计划",
    "saved": "客户计划已保存。"
  },
  "status": {
    "new": "新建",
    "acknowledged": "已受理",
    "in_progress": "处理中",
    "pending": "挂起",
    "restored": "已恢复",
    "resolved": "已解决",
    "closed": "已关闭"
  },
  "problemStatus": {
    "open": "待分析",
    "analysing": "分析中",
    "action_planned": "已制定措施",
    "verifying": "验证中",
    "closed": "已关闭"
  },
  "validation": {
    "channelRequired": "请选择联系方式。",
    "summaryRequired": "请填写沟通内容。",
    "summaryTooLong": "沟通内容请少于 2000 字。",
    "nextStepTooLong": "下一步请少于 1000 字。",
    "atRequired": "请填写联系时间。",
    "atInFuture": "不能记录未来的联系。",
    "cadenceRange": "请输入 1 到 365 之间的天数。",
    "notesTooLong": "备注请少于 2000 字。",
    "onlyManagerAssigns": "只有经理可以指定其他客户经理。",
    "invalid": "该值无效。"
  }
};
