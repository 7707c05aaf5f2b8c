import type { Messages } from '../messages';
import type { en } from './en';

export const zhCN: Messages<typeof en> = {
  "app": {
    "title": "CIMS",
    "subtitle": "客户问题管理系统",
    "skipToContent": "跳到主要内容"
  },
  "nav": {
    "label": "主导航",
    "dashboard": "仪表板",
    "reports": "报表",
    "queue": "工单队列",
    "board": "升级看板",
    "tickets": "工单",
    "newTicket": "新建工单",
    "notifications": "通知",
    "sync": "同步",
    "settings": "设置",
    "about": "关于",
    "admin": "系统管理",
    "assessments": "考核",
    "youAreHere": "当前页面"
  },
  "route": {
    "notFoundTitle": "找不到页面",
    "notFoundBody": "{{path}} 没有对应的页面。链接可能已过期或有误。",
    "errorTitle": "此页面出现故障",
    "errorBody": "显示此页面时出错。您的数据是安全的，没有丢失任何内容。",
    "back": "返回",
    "home": "回到首页",
    "retry": "重试",
    "loading": "正在加载…"
  },
  "shortcuts": {
    "title": "键盘快捷键",
    "help": "显示此列表",
    "space": "空格"
  },
  "theme": {
    "toggle": "切换浅色与深色"
  },
  "language": {
    "label": "语言",
    "zh-CN": "中文",
    "en": "English"
  },
  "common": {
    "cancel": "取消",
    "close": "关闭",
    "none": "—"
  },
  "escalationLevels": {
    "L1": "一线 L1",
    "L2": "二线技术支持 L2",
    "L3": "三线研发 / 产品线 L3",
    "spare_parts": "备件",
    "logistics": "物流",
    "assignee": "处理人",
    "team_lead": "组长",
    "service_manager": "服务经理",
    "regional_director": "区域总监"
  },
  "roles": {
    "technician": "现场工程师",
    "engineer": "技术支持工程师",
    "expert": "研发专家",
    "manager": "售后服务经理",
    "assessor": "考核专员",
    "admin": "管理员"
  },
  "validation": {
    "reasonTooLong": "原因最多 2000 个字符。",
    "severityReasonRequired": "请说明更改严重级别的原因。",
    "statusRequired": "请选择新状态。",
    "pendingReasonRequired": "请选择挂起原因。",
    "outcomeRequired": "请选择是恢复业务还是已修复根因。",
    "causeRequired": "请选择根因类别。",
    "summaryRequired": "请描述处理经过。",
    "reopenReasonRequired": "请说明重新打开工单的原因。",
    "bodyRequired": "请先输入内容。",
    "bodyTooLong": "内容最多 20000 个字符。",
    "teamRequired": "请选择团队。",
    "axisRequired": "请选择技术升级或管理升级。",
    "levelRequired": "请选择目标级别。",
    "escalationReasonRequired": "请说明升级原因。",
    "contactRequired": "请输入联系人姓名。",
    "contactTooLong": "联系人姓名最多 120 个字符。",
    "phoneTooLong": "电话号码最多 40 个字符。",
    "emailInvalid": "请输入有效的电子邮件地址。",
    "productLineTooLong": "产品线最多 60 个字符。",
    "tagTooLong": "标签最多 40 个字符。",
    "tooManyTags": "工单最多 20 个标签。",
    "titleTooShort": "标题至少需要 3 个字符。",
    "titleTooLong": "标题最多 200 个字符。",
    "descriptionTooLong": "问题描述最多 10,000 个字符。",
    "severityRequired": "请选择严重程度。",
    "typeRequired": "请选择类型。",
    "channelRequired": "请选择渠道。",
    "customerRequired": "请选择客户。",
    "customerUnknown": "本机上已没有该客户，请重新选择。",
    "siteRequired": "请选择客户站点。",
    "siteUnknown": "本机上已没有该站点，请重新选择。",
    "assetUnknown": "本机上没有此编码的资产。",
    "assetNotAtCustomer": "该资产属于其他客户或站点。",
    "customerTooLong": "客户名称最多 200 个字符。",
    "invalid": "该值无效。",
    "serverUrlInsecure": "请使用 https:// 地址；http:// 仅用于本机上的服务器。",
    "serverUrlInvalid": "请输入以 http:// 或 https:// 开头的地址。",
    "usernameRequired": "请输入用户名。",
    "usernameTooLong": "用户名最多 128 个字符。",
    "passwordRequired": "请输入密码。"
  },
  "errors": {
    "VALIDATION_FAILED": "部分字段无效，请更正后重试。",
    "UNKNOWN_COMMAND": "此版本的应用不支持该操作，请重启应用。",
    "UNKNOWN_QUERY": "此版本的应用不支持该视图，请重启应用。",
    "UNAUTHORIZED": "会话已结束，请重新登录。",
    "FORBIDDEN": "您无权执行此操作。",
    "NOT_FOUND": "该记录已不存在。",
    "CONFLICT": "该记录已被他人修改，请刷新后重试。",
    "STORAGE_FAILED": "无法在本机保存（磁盘可能已满）。请释放空间后重试；未做任何更改。",
    "TRANSPORT_FAILED": "与应用核心的连接已断开，请重新加载窗口。",
    "SERVER_UNREACHABLE": "无法连接服务器。请检查地址和网络；您可以继续离线工作。",
    "SIGN_IN_FAILED": "用户名或密码错误，或账号已停用。",
    "RATE_LIMITED": "尝试次数过多。请等待一分钟后再试。",
    "UPDATE_REQUIRED": "服务器需要更新版本的 CIMS。请安装更新后再登录。",
    "INTERNAL": "出现错误。请重试；如果问题持续，请重启应用。",
    "RANGE_REVERSED": "结束月份早于开始月份。请选择晚于开始月份的结束月份。",
    "RANGE_TOO_LONG": "报表最多覆盖五年。请缩短期间。",
    "MONTH_IN_FUTURE": "期间包含尚未开始的月份。请在当前月份或更早结束。",
    "UNKNOWN_PRODUCT_LINE": "没有该产品线。请从列表中选择。"
  }
};
