/**
 * Builders for what the core sends the screens: a ticket row, a ticket's detail, a user and
 * a sync status. Tests say only the fields they are about.
 */
import type { SessionView } from '../../../shared/api/session';
import type { SyncStatusView } from '../../../shared/api/sync';
import type { QueuePage, QueueRow, QueueSettings } from '../../../shared/api/queue';
import type { TicketDetail, TicketSummary } from '../../../shared/api/tickets';
import type { SessionUser } from '../../../shared/sync/protocol';
import { localOnlyStatus } from './fake-transport';

let next = 1;

export const aTicketSummary = (over: Partial<TicketSummary> = {}): TicketSummary => {
  const n = next++;
  return {
    id: `ticket-${n}`,
    number: `T-${String(n).padStart(6, '0')}`,
    provisional: false,
    title: `Router ${n} drops calls`,
    customerName: 'Shenzhen Metro',
    severity: 'major',
    priority: 'P2',
    status: 'new',
    type: 'fault',
    channel: 'phone',
    createdAt: '2026-03-02T01:00:00.000Z',
    updatedAt: '2026-03-02T01:00:00.000Z',
    slaDueAt: null,
    ...over,
  };
};

export const aTicketDetail = (over: Partial<TicketDetail> = {}): TicketDetail => ({
  ...aTicketSummary(),
  description: '',
  region: 'South',
  contactName: 'Li Wei',
  respondedAt: null,
  restoredAt: null,
  resolvedAt: null,
  closedAt: null,
  ...over,
});

export const aUser = (over: Partial<SessionUser> = {}): SessionUser => ({
  id: 'user-1',
  username: 'zhang.san',
  displayName: 'Zhang San',
  roles: ['technician'],
  teamId: 'team-1',
  ...over,
});

export const signedIn = (user: SessionUser = aUser()): SessionView => ({ user, serverUrl: 'http://cims.example.com:8787' });

export const aSyncStatus = (over: Partial<SyncStatusView> = {}): SyncStatusView => ({ ...localOnlyStatus, ...over });

/** A queue row: a ticket summary with its queue fields, no clock running unless given. */
export const aQueueRow = (over: Partial<QueueRow> = {}): QueueRow => ({
  ...aTicketSummary(),
  customerTier: 'general',
  region: 'cn-east',
  productLine: 'transport',
  teamId: 'team-1',
  assigneeId: 'person-1',
  pendingReason: null,
  clocks: [],
  ...over,
});

export const aQueuePage = (rows: QueueRow[], over: Partial<QueuePage> = {}): QueuePage => ({ rows, total: rows.length, terms: [], searchCapped: false, ...over });

export const queueSettings = (over: Partial<QueueSettings> = {}): QueueSettings => ({ views: [], defaultView: 'team', grid: {}, ...over });
