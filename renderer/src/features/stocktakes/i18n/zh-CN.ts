import type { Messages } from '../../../i18n/messages';
import type { en } from './en';

export const zhCN: Messages<typeof en> = {
  "heading": "清查盘点",
  "intro": "盘点站点或区域的在网资产：扫描资产编码或 RFID 标签（离线亦可），再逐项处理与台账的差异。",
  "none": "还没有盘点任务。",
  "open": {
    "heading": "新建盘点",
    "scope": "范围",
    "scopeSite": "站点",
    "scopeRegion": "区域",
    "site": "站点",
    "siteOption": "{{customer}} · {{site}}（{{count}} 项资产）",
    "region": "区域",
    "regionOption": "{{region}}（{{count}} 项资产）",
    "title": "标题（可选）",
    "submit": "开始盘点",
    "opened": "已新建盘点：{{title}}，应盘 {{count}} 项资产。"
  },
  "status": {
    "counting": "盘点中",
    "reconciling": "差异处理中",
    "closed": "已关闭"
  },
  "figures": {
    "expected": "应盘",
    "found": "已盘到",
    "unexpected": "盘盈",
    "missing": "盘亏",
    "scans": "{{counters}} 人共扫描 {{count}} 次，其中重复 {{duplicates}} 次",
    "open": "{{count}} 项差异待处理"
  },
  "listRow": "已盘到 {{found}} / 应盘 {{expected}} · 盘盈 {{unexpected}} · 盘亏 {{missing}}",
  "scope": {
    "site": "{{customer}} · {{site}}（{{region}}）",
    "region": "区域 {{region}}"
  },
  "count": {
    "heading": "扫描盘点",
    "label": "扫描或输入资产编码、RFID 标签或序列号，按回车",
    "hint": "条码或 RFID 扫描枪会自动输入编码并按回车。离线也可盘点：扫描记录保存在本机，联网后同步。",
    "submit": "盘点",
    "ended": "盘点已结束，资产管理员正在处理差异。",
    "notYours": "盘点由 {{region}} 区域的现场人员进行。",
    "recent": "最近扫描",
    "noScans": "尚未扫描。",
    "outcome": {
      "found": "{{code}} 已盘到",
      "duplicate": "{{code}} 已盘点过（保留记录，只计一次）",
      "unexpected": "{{code}} 登记在其他位置：计为盘盈",
      "unknown": "{{code}} 不在台账中：已记为盘盈"
    },
    "by": "{{by}}，{{time}}"
  },
  "lines": {
    "found": "已盘到（{{count}}）",
    "missing": "盘亏（{{count}}）",
    "unexpected": "盘盈（{{count}}）",
    "code": "资产编码",
    "scanned": "扫描编码",
    "serial": "序列号",
    "model": "型号",
    "registeredAt": "登记位置",
    "unknownAsset": "不在台账中",
    "scans": "扫描次数",
    "countedBy": "盘点人",
    "resolution": "处理结果",
    "none": "无。",
    "unresolved": "待处理"
  },
  "resolve": {
    "heading": "差异处理",
    "intro": "逐项处理盘亏和盘盈资产。登记在其他位置、处理为“已迁移”的资产将改登记到本站点；新增资产和数据错误按此处记录交由资产台账处理。",
    "choose": "{{code}} 的处理结果",
    "note": "{{code}} 的备注",
    "noteHeader": "备注",
    "what": "差异",
    "save": "保存",
    "saved": "处理结果已保存。",
    "savedMoved": "处理结果已保存，该资产已改登记到本站点。",
    "by": "{{resolution}} — {{by}}",
    "kind": {
      "moved": "已迁移",
      "missing": "丢失",
      "new": "新增：登记入账",
      "wrong_data": "数据错误：更正"
    }
  },
  "actions": {
    "endCounting": "结束盘点",
    "close": "关闭盘点",
    "closeBlocked": "请先处理全部差异再关闭（还有 {{count}} 项）。",
    "exportCsv": "导出 CSV",
    "exportXlsx": "导出 Excel",
    "ended": "盘点已结束。",
    "closed": "盘点已关闭。"
  },
  "notFound": "本机（尚）无此盘点，同步后即可显示。",
  "back": "全部盘点",
  "validation": {
    "codeEmpty": "请先扫描或输入编码。",
    "codeTooLong": "该编码有 {{length}} 个字符，编码最多 {{max}} 个字符。扫描枪可能一次读取了多个编码，请重新扫描。",
    "titleTooLong": "标题最多 200 个字符。",
    "regionRequired": "请选择区域。",
    "noteTooLong": "备注最多 2,000 个字符。",
    "scopeTooBig": "该范围的资产超过单次盘点上限（5,000 项），请按站点分别盘点。",
    "resolutionDoesNotFit": "该处理结果不适用于此项。"
  }
};
