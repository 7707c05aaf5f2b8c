import type { Messages } from '../../../i18n/messages';
import type { en } from './en';

export const zhCN: Messages<typeof en> = {
  "heading": "工单",
  "new": "新建工单",
  "create": "创建工单",
  "creating": "正在创建…",
  "created": "工单 {{number}} 已创建",
  "list": "最近的工单",
  "detail": {
    "backToList": "全部工单",
    "notFound": "本机上没有工单 {{number}}。它可能属于其他团队，或尚未同步。",
    "milestones": "里程碑",
    "noDescription": "无描述。"
  },
  "open": "打开工单 {{number}}",
  "empty": "还没有工单。请用左侧表单创建第一张工单。",
  "count_one": "{{count}} 张工单",
  "count_other": "{{count}} 张工单",
  "provisionalHint": "临时编号，工单首次同步后由服务器分配正式编号",
  "field": {
    "title": "标题",
    "description": "问题描述",
    "severity": "严重程度",
    "type": "类型",
    "channel": "渠道",
    "customerName": "客户",
    "number": "编号",
    "priority": "优先级",
    "status": "状态",
    "createdAt": "创建时间",
    "updatedAt": "更新时间",
    "slaDueAt": "SLA 到期",
    "region": "区域",
    "contactName": "联系人",
    "respondedAt": "响应时间",
    "restoredAt": "恢复时间",
    "resolvedAt": "解决时间",
    "closedAt": "关闭时间"
  },
  "severity": {
    "critical": "严重",
    "major": "主要",
    "minor": "次要"
  },
  "type": {
    "fault": "故障",
    "complaint": "投诉",
    "inquiry": "咨询",
    "service_request": "服务请求"
  },
  "channel": {
    "phone": "电话",
    "email": "邮件",
    "onsite": "现场",
    "portal": "门户"
  },
  "status": {
    "new": "新建",
    "acknowledged": "已受理",
    "in_progress": "处理中",
    "pending": "挂起",
    "restored": "已恢复",
    "resolved": "已解决",
    "closed": "已关闭"
  }
};
