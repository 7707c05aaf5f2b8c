import type { Asset, Customer, Policy, Problem, Ticket, TicketEvent } from '../../schema';
import { aCustomer, anAsset, anEvent, aPolicy, aProblem, aTicket, newId } from './builders';

/**
 * A hand-made organisation's quarter (January to March 2026) for the quality reports. The
 * expected figures are written out by hand in the tests that use it, never computed by the
 * functions under test. Teams and regions are passed in (the server tests use their own
 * organisation). Ticket letters as in the tests:
 *
 * - A  OTN critical, T1: created 10 Jan, responded +10 min, restored +3 h, resolved 20 Jan, closed 21 Jan.
 * - B  OTN major, T1: created 1 Nov 2025, fix due 1 Dec 2025, still in progress (overdue all quarter).
 * - C  OTN major, T1: created 20 Dec 2025, fix due 19 Jan, resolved 5 Feb (late), closed 10 Feb.
 * - D  OTN minor, T1: restore-only (not a problem report), pending since 3 Feb.
 * - E  OTN minor, T1: an inquiry flagged as a problem report (still not TL 9000), new since 4 Feb.
 * - F  RAN critical, T1, key account: created 5 Mar, resolved 6 Mar (restore late, fix on time).
 * - G  RAN major, T2 in the other region: created 10 Feb, in progress (only admins see it).
 * - H  OTN critical, T1: created 1 Feb 00:00, responded +20 min (late), resolved 15 Mar (late), closed 16 Mar.
 * - J  OTN minor restore-only, T1: created two days before `now`, new.
 * - K  OTN critical restore-only, T1: created five hours before `now`, acknowledged.
 */
export interface ReportFixture {
  tickets: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'J' | 'K', Ticket>;
  events: TicketEvent[];
  assets: Asset[];
  customers: Customer[];
  policies: Policy[];
  problems: Problem[];
}

const t = (s: string | number) => new Date(s).toISOString();
const plus = (s: string, minutes: number) => new Date(Date.parse(s) + minutes * 60_000).toISOString();

export function reportFixture(o: { T1: string; T2: string; east: string; south: string; now: number }): ReportFixture {
  const general = aCustomer({ id: newId(), code: 'CU-GEN', name: 'East Telecom', tier: 'general', region: o.east });
  const key = aCustomer({ id: newId(), code: 'CU-KEY', name: 'Key Mobile', tier: 'key', region: o.east });
  const base = { teamId: o.T1, region: o.east, customerId: general.id, customerName: general.name, assigneeId: '' };
  const closedAt = (s: string) => ({ status: 'closed' as const, closedAt: t(s) });
  const A = aTicket({ ...base, productLine: 'OTN', severity: 'critical', priority: 'P1', createdAt: t('2026-01-10T00:00:00Z'), respondedAt: plus('2026-01-10T00:00:00Z', 10), restoredAt: plus('2026-01-10T00:00:00Z', 180), resolvedAt: t('2026-01-20T00:00:00Z'), ...closedAt('2026-01-21T00:00:00Z') });
  const B = aTicket({ ...base, productLine: 'OTN', severity: 'major', createdAt: t('2025-11-01T00:00:00Z'), status: 'in_progress' });
  const C = aTicket({ ...base, productLine: 'OTN', severity: 'major', createdAt: t('2025-12-20T00:00:00Z'), resolvedAt: t('2026-02-05T00:00:00Z'), ...closedAt('2026-02-10T00:00:00Z') });
  const D = aTicket({ ...base, productLine: 'OTN', severity: 'minor', priority: 'P3', problemReport: false, createdAt: t('2026-02-03T00:00:00Z'), status: 'pending', pendingReason: 'customer' });
  const E = aTicket({ ...base, productLine: 'OTN', severity: 'minor', priority: 'P4', type: 'inquiry', createdAt: t('2026-02-04T00:00:00Z'), status: 'new' });
  const F = aTicket({ ...base, customerId: key.id, customerName: key.name, customerTier: 'key', productLine: 'RAN', severity: 'critical', priority: 'P1', createdAt: t('2026-03-05T00:00:00Z'), resolvedAt: t('2026-03-06T00:00:00Z'), status: 'resolved' });
  const G = aTicket({ ...base, teamId: o.T2, region: o.south, productLine: 'RAN', severity: 'major', createdAt: t('2026-02-10T00:00:00Z'), status: 'in_progress' });
  const H = aTicket({ ...base, productLine: 'OTN', severity: 'critical', priority: 'P1', createdAt: t('2026-02-01T00:00:00Z'), respondedAt: plus('2026-02-01T00:00:00Z', 20), resolvedAt: t('2026-03-15T00:00:00Z'), ...closedAt('2026-03-16T00:00:00Z') });
  const J = aTicket({ ...base, productLine: 'OTN', severity: 'minor', priority: 'P3', problemReport: false, createdAt: t(o.now - 2 * 86_400_000) });
  const K = aTicket({ ...base, productLine: 'OTN', severity: 'critical', priority: 'P1', problemReport: false, createdAt: t(o.now - 5 * 3_600_000), status: 'acknowledged', respondedAt: t(o.now - 4 * 3_600_000) });
  const tickets = { A, B, C, D, E, F, G, H, J, K };
  for (const x of Object.values(tickets)) x.updatedAt = x.createdAt;

  const ev = <K extends TicketEvent['kind']>(kind: K, ticket: Ticket, at: string, fields: object) => anEvent(kind, { ticketId: ticket.id, at: t(at), ...fields } as never) as TicketEvent;
  const toLead = ev('escalation', C, '2026-01-19T12:00:00Z', { axis: 'hierarchical', fromLevel: 'assignee', toLevel: 'team_lead', direction: 'up', reason: 'fix overdue', ruleKey: null, toPersonId: null, toTeamId: null });
  const events: TicketEvent[] = [
    toLead,
    ev('escalation_ack', C, '2026-01-19T12:30:00Z', { escalationEventId: toLead.id }),
    ev('escalation', H, '2026-02-02T00:00:00Z', { axis: 'functional', fromLevel: 'L1', toLevel: 'L2', direction: 'up', reason: 'needs L2', ruleKey: null, toPersonId: null, toTeamId: null }),
    ev('escalation', B, '2026-01-05T00:00:00Z', { axis: 'functional', fromLevel: 'L2', toLevel: 'L1', direction: 'down', reason: 'back to field', ruleKey: null, toPersonId: null, toTeamId: null }),
    ev('csat', A, '2026-01-22T00:00:00Z', { score: 2, reason: 'slow' }),
    ev('csat', A, '2026-02-02T00:00:00Z', { score: 4, reason: 'better' }),
    ev('csat', F, '2026-03-07T00:00:00Z', { score: 5 }),
    ev('csat', G, '2026-03-01T00:00:00Z', { score: 1, reason: 'bad' }),
  ];

  const unit = (productLine: string, installDate: string, over: Partial<Asset> = {}) =>
    anAsset({ id: newId(), productLine, installDate, customerId: general.id, assetCode: `AS-${newId().slice(-8)}`, ...over });
  const otnRack = unit('OTN', '2025-06-01');
  const assets = [
    otnRack,
    unit('OTN', '2025-06-01'),
    unit('OTN', '2025-06-01'),
    unit('OTN', '2025-06-01'),
    unit('OTN', '2026-02-15'),
    unit('OTN', '2025-06-01', { status: 'retired' }),
    unit('OTN', '2025-06-01', { parentId: otnRack.id, kind: 'board' }),
    unit('RAN', '2025-01-01'),
    unit('RAN', '2025-01-01'),
    unit('RAN', '2025-01-01', { status: 'spare' }),
  ];

  // The organisation's default calendar; neither region has its own, so both fall back.
  const calendar = aPolicy('calendar');
  const policies: Policy[] = [aPolicy('sla'), { ...calendar, calendar: { ...calendar.calendar, region: 'default' } }];

  const action = (label: string, status: 'open' | 'in_progress' | 'done', dueDate: string, effective: boolean | null) => ({
    id: newId(),
    kind: 'corrective' as const,
    description: `action ${label}`,
    ownerId: newId(),
    dueDate,
    status,
    effective,
    checkedAt: effective === null ? null : t('2026-03-01T00:00:00Z'),
  });
  const problems = [
    aProblem({ productLine: 'OTN', status: 'analysing', title: 'OTN boards', actions: [action('a1', 'open', '2026-03-01', null), action('a2', 'done', '2026-02-01', true), action('a3', 'done', '2026-02-01', false), action('a4', 'done', '2026-02-01', null)] }),
    aProblem({ productLine: 'RAN', status: 'closed', title: 'RAN radios', actions: [action('a5', 'in_progress', '2099-01-01', null), action('a6', 'done', '2026-01-01', true)] }),
  ];
  return { tickets, events, assets, customers: [general, key], policies, problems };
}
