import type { Locale } from '../../shared/api/app';
import type { DesktopNotification } from '../../shared/api/notifications';

type Title = (n: DesktopNotification) => string;

/** Titles of desktop notifications shown by the main process, in the user's language. */
export const notificationTitles: Record<Locale, Record<DesktopNotification['kind'], Title>> = {
  en: {
    assigned: (n) => `${n.ticketNumber} assigned to you`,
    escalated: (n) => `${n.ticketNumber} escalated to you`,
    breach_warning: (n) => `${n.ticketNumber} is about to breach its SLA`,
    customer_reply: (n) => `The customer replied on ${n.ticketNumber}`,
    assessment_late: (n) => `Assessment ${n.ticketNumber}: your step is overdue`,
    report_pack: (n) => `The review pack for ${n.ticketNumber} is ready`,
  },
  'zh-CN': {
    assigned: (n) => `${n.ticketNumber} 已分派给您`,
    escalated: (n) => `${n.ticketNumber} 已升级给您`,
    breach_warning: (n) => `${n.ticketNumber} 即将违反 SLA`,
    customer_reply: (n) => `客户回复了 ${n.ticketNumber}`,
    assessment_late: (n) => `考核 ${n.ticketNumber}：您负责的环节已逾期`,
    report_pack: (n) => `${n.ticketNumber} 月度管理评审报告已生成`,
  },
};
