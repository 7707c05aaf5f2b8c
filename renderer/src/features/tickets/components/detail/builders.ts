import type { SlaClockView, TicketWorkDetail, TimelineEntry } from '../../../../../../shared/api/ticketWork';
import { editableTicketFields } from '../../../../../../shared/api/ticketWork';

const clock = (over: Partial<SlaClockView> = {}): SlaClockView => ({
  targetMinutes: 240,
  dueAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
  stoppedAt: null,
  paused: false,
  elapsedMinutes: 60,
  percent: 25,
  state: 'ok',
  met: null,
  mode: '24x7',
  ...over,
});

/** What `ticketWork.detail` sends for a technician's open ticket; tests override what they are about. */
export const aWorkDetail = (over: Partial<TicketWorkDetail> = {}): TicketWorkDetail => ({
  id: 'ticket-1',
  number: 'T-000123',
  provisional: false,
  title: 'Fibre cut at site 7',
  description: 'No signal since 08:00.',
  status: 'in_progress',
  pendingReason: null,
  severity: 'major',
  priority: 'P2',
  type: 'fault',
  channel: 'phone',
  problemReport: true,
  productLine: 'transport',
  tags: [],
  cause: null,
  customer: { id: 'customer-1', name: 'Shenzhen Metro', tier: 'key', code: 'SZM' },
  site: { id: 'site-1', name: 'Futian station' },
  region: 'cn-south',
  contact: { name: 'Li Wei', phone: '+86 755 0101' },
  asset: { id: 'asset-1', code: 'OTN-0007', model: 'OptiX 9800' },
  team: { id: 'team-1', name: 'South field', nameZh: '华南现场' },
  assignee: { id: 'user-1', name: 'Zhang San' },
  levels: { functional: 'L1', management: 'assignee' },
  sla: { firstResponse: clock({ stoppedAt: '2026-03-02T01:10:00.000Z', met: true }), restore: clock(), fix: clock({ targetMinutes: 43_200 }), paused: false, computedAt: new Date().toISOString() },
  fields: Object.fromEntries(editableTicketFields.map((f) => [f, f === 'severity' || f === 'priority' || f === 'type' || f === 'problemReport' ? { editable: false, reason: 'role' } : { editable: true }])) as TicketWorkDetail['fields'],
  transitions: ['pending', 'restored', 'resolved'],
  reopenUntil: null,
  mayAssign: true,
  mayEscalate: true,
  openEscalations: [],
  related: [],
  createdAt: '2026-03-02T01:00:00.000Z',
  updatedAt: '2026-03-02T01:30:00.000Z',
  respondedAt: '2026-03-02T01:10:00.000Z',
  restoredAt: null,
  resolvedAt: null,
  closedAt: null,
  reopenCount: 0,
  eventCount: 0,
  ...over,
});

let n = 0;
export const anEntry = (over: Partial<TimelineEntry> & Pick<TimelineEntry, 'kind'>): TimelineEntry =>
  ({
    id: `event-${++n}`,
    ticketId: 'ticket-1',
    authorId: 'user-2',
    authorName: 'Wang Wu',
    createdAt: '2026-03-02T02:00:00.000Z',
    updatedAt: '2026-03-02T02:00:00.000Z',
    at: '2026-03-02T02:00:00.000Z',
    names: {},
    mine: false,
    ...over,
  }) as TimelineEntry;
