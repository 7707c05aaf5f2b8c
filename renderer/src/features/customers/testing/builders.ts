import type { CustomerAccount, CustomerDirectory, CustomerDirectoryRow } from '../../../../../shared/api/customers';
import { aTicketSummary } from '../../../testing/builders';

const ACCOUNT_ID = '019b0000-0000-7000-8000-000000000001';

export const aDirectoryRow = (over: Partial<CustomerDirectoryRow> = {}): CustomerDirectoryRow => ({
  id: ACCOUNT_ID,
  code: 'CU-0001',
  name: 'Shenzhen Metro',
  nameZh: '深圳地铁',
  tier: 'key',
  region: 'cn-east',
  accountManagerId: 'mgr-1',
  accountManagerName: 'Mia Wang',
  cadence: { targetDays: 7, lastContactAt: '2026-11-10T02:00:00.000Z', dueOn: '2026-11-17', overdueDays: 3, overdue: true, never: false },
  ...over,
});

export const aDirectory = (rows: CustomerDirectoryRow[], myOverdue: CustomerDirectoryRow[] = []): CustomerDirectory => ({ rows, total: rows.length, myOverdue });

export const anAccount = (over: Partial<CustomerAccount> = {}): CustomerAccount => ({
  id: ACCOUNT_ID,
  code: 'CU-0001',
  name: 'Shenzhen Metro',
  nameZh: '深圳地铁',
  tier: 'key',
  region: 'cn-east',
  timeZone: 'Asia/Shanghai',
  active: true,
  contacts: [{ name: 'Li Wei', phone: '+86 755 1234', email: 'li.wei@example.com' }],
  sites: [{ id: 'site-1', name: 'Futian depot', region: 'cn-east', timeZone: 'Asia/Shanghai', address: 'Futian', assets: 12 }],
  plan: { managerId: 'mgr-1', managerName: 'Mia Wang', cadenceDays: null, notes: '', exists: true },
  cadence: { targetDays: 7, lastContactAt: '2026-11-10T02:00:00.000Z', dueOn: '2026-11-17', overdueDays: 3, overdue: true, never: false },
  canEditPlan: true,
  canAssignManager: true,
  managers: [{ id: 'mgr-1', name: 'Mia Wang' }],
  openTickets: [aTicketSummary({ title: 'Depot switch down', severity: 'critical', priority: 'P1' })],
  openTotal: 1,
  recentTickets: [],
  months: [{ month: '2026-11', slaMeasured: 4, slaMet: 3, slaPercent: 75, csatResponses: 2, csatAverage: 4.5 }],
  problems: [],
  contactLog: [],
  me: 'mgr-1',
  ...over,
});
