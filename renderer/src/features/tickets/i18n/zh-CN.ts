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
  "empty": "还没有工单。点击“新建工单”记录第一张工单。",
  "count_one": "{{count}} 张工单",
  "count_other": "{{count}} 张工单",
  "provisionalHint": "临时编号，工单首次同步后由服务器分配正式编号",
  "newPage": {
    "intro": "记录客户的问题。保存前会显示优先级和 SLA 到期时间；离线也可使用。"
  },
  "intake": {
    "customer": "客户",
    "customerHint": "按名称、中文名或编码搜索。",
    "keyAccount": "关键客户",
    "newCustomer": "新客户：“{{name}}”",
    "newCustomerHint": "以一个站点记录，之后由管理员补全。",
    "noCustomers": "没有匹配的客户。请检查拼写，或输入全称以记录新客户。",
    "searching": "正在搜索…",
    "site": "站点",
    "chooseCustomerFirst": "请先选择客户。",
    "asset": "资产编码",
    "assetHint": "输入或扫描编码后按回车。",
    "assetTooLong": "内容超过任何资产编码的长度（最多 {{max}} 个字符）：请重新扫描标签。",
    "assetFound": "{{model}} · 序列号 {{serial}}",
    "assetClear": "移除资产",
    "reportKind": "客户的诉求",
    "problemReport": "问题报告：查明并消除原因",
    "restoreOnly": "仅恢复：恢复业务即可",
    "contact": "联系人",
    "contactName": "联系人姓名",
    "contactPhone": "电话",
    "contactEmail": "邮箱",
    "severityHelp": {
      "critical": "业务中断，或容量、话务、计费、维护能力严重受损；存在安全风险。需要全天候不间断处理。",
      "major": "产品仍可运行，但运行、管理或维护能力严重下降。需在工作时间内处理。",
      "minor": "其他需要修复、对业务影响较小的问题。"
    },
    "preview": {
      "heading": "保存前确认",
      "priority": "优先级",
      "firstResponse": "首次响应到期",
      "restore": "恢复到期",
      "fix": "修复到期",
      "noTarget": "无目标",
      "clock24x7": "全天候计时",
      "clockBusiness": "按工作时间计时",
      "zone": "工作时间按 {{zone}} 计算。"
    },
    "duplicates": {
      "heading": "可能重复的工单",
      "intro": "该客户标题相似的未关闭工单。可直接打开，避免重复记录同一问题。",
      "open": "打开 {{number}}"
    },
    "created": "工单 {{number}} 已创建。",
    "openCreated": "打开工单 {{number}}"
  },
  "tier": {
    "key": "关键客户",
    "general": "普通客户"
  },
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
