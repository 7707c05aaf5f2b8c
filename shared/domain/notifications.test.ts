import { describe, expect, it } from 'vitest';
import { slaContextFrom } from './context';
import { deriveNotifications, NOTIFICATION_HORIZON_MS } from './notifications';
import { aCustomer, anEvent, aTicket, BASE_TIME, ids, newId } from './testing/builders';

const me = { personId: ids.assignee, teamId: ids.team };
const other = newId();
const customerContact = newId();
const staffIds = new Set([me.personId, other, ids.author]);
const sla = slaContextFrom({ customers: [aCustomer()], policies: [] });
const t0 = Date.parse(BASE_TIME);
const MIN = 60_000;

describe('notifications derived from tickets and events', () => {
  it('notifies assignment and escalation to me or my team, not what I did myself', () => {
    const ticket = aTicket({ severity: 'minor', assigneeId: me.personId });
    const assigned = anEvent('assignment', { ticketId: ticket.id, authorId: other, fromTeamId: ids.team, toTeamId: ids.team, fromAssigneeId: '', toAssigneeId: me.personId, at: BASE_TIME });
    const selfAssigned = anEvent('assignment', { ticketId: ticket.id, authorId: me.personId, fromTeamId: ids.team, toTeamId: ids.team, fromAssigneeId: '', toAssigneeId: me.personId });
    const escalation = { axis: 'functional', fromLevel: 'L1', toLevel: 'L2', reason: 'needs L2', ruleKey: null } as const;
    const toTeam = anEvent('escalation', { ...escalation, ticketId: ticket.id, authorId: other, direction: 'up', toPersonId: null, toTeamId: ids.team, at: new Date(t0 + MIN).toISOString() });
    const toSomeoneElse = anEvent('escalation', { ...escalation, ticketId: ticket.id, authorId: other, direction: 'up', toPersonId: other, toTeamId: ids.team });
    const down = anEvent('escalation', { ...escalation, ticketId: ticket.id, authorId: other, direction: 'down', toPersonId: me.personId, toTeamId: ids.team });
    const found = deriveNotifications({ me, tickets: [ticket], events: [assigned, selfAssigned, toTeam, toSomeoneElse, down], staffIds, sla, now: t0 + 2 * MIN });
    expect(found.map((n) => [n.id, n.kind])).toEqual([
      [`escalated:${toTeam.id}`, 'escalated'],
      [`assigned:${assigned.id}`, 'assigned'],
    ]);
  });

  it('notifies a customer reply on my ticket, not a colleague reply nor one on another team ticket', () => {
    const ticket = aTicket({ severity: 'minor', assigneeId: me.personId });
    const elsewhere = aTicket({ severity: 'minor', assigneeId: other, teamId: newId() });
    const fromCustomer = anEvent('reply', { ticketId: ticket.id, authorId: customerContact, body: 'Still down' });
    const fromColleague = anEvent('reply', { ticketId: ticket.id, authorId: other, body: 'On my way' });
    const notMine = anEvent('reply', { ticketId: elsewhere.id, authorId: customerContact, body: 'Hello' });
    const found = deriveNotifications({ me, tickets: [ticket, elsewhere], events: [fromCustomer, fromColleague, notMine], staffIds, sla, now: t0 + MIN });
    expect(found.map((n) => n.id)).toEqual([`customer_reply:${fromCustomer.id}`]);
  });

  it('warns once a running clock of my open ticket passes 75 %, with the same id on every evaluation', () => {
    // Critical, general account: first response 15 min around the clock; warning from 11.25 min.
    const ticket = aTicket({ severity: 'critical', assigneeId: me.personId });
    const at = (minutes: number) => deriveNotifications({ me, tickets: [ticket], events: [], staffIds, sla, now: t0 + minutes * MIN });
    expect(at(11)).toEqual([]);
    const warned = at(12);
    expect(warned).toEqual([
      { id: `breach_warning:${ticket.id}:firstResponse:${new Date(t0 + 15 * MIN).toISOString()}`, kind: 'breach_warning', ticketId: ticket.id, at: new Date(t0 + 11.25 * MIN).toISOString(), clock: 'firstResponse' },
    ]);
    expect(at(14)).toEqual(warned);
    // Paused (pending for the customer): no warning while it waits.
    const paused = anEvent('sla_pause', { ticketId: ticket.id, pendingReason: 'customer', at: new Date(t0 + 5 * MIN).toISOString() });
    expect(deriveNotifications({ me, tickets: [ticket], events: [paused], staffIds, sla, now: t0 + 14 * MIN })).toEqual([]);
    // Responded: the clock stopped.
    expect(deriveNotifications({ me, tickets: [{ ...ticket, status: 'resolved', respondedAt: BASE_TIME, resolvedAt: BASE_TIME, restoredAt: BASE_TIME }], events: [], staffIds, sla, now: t0 + 14 * MIN })).toEqual([]);
  });

  it('forgets events older than the horizon', () => {
    const ticket = aTicket({ severity: 'minor', assigneeId: me.personId, status: 'closed', closedAt: BASE_TIME, resolvedAt: BASE_TIME, respondedAt: BASE_TIME, restoredAt: BASE_TIME });
    const assigned = anEvent('assignment', { ticketId: ticket.id, authorId: other, fromTeamId: ids.team, toTeamId: ids.team, fromAssigneeId: '', toAssigneeId: me.personId });
    expect(deriveNotifications({ me, tickets: [ticket], events: [assigned], staffIds, sla, now: t0 + NOTIFICATION_HORIZON_MS - 1 })).toHaveLength(1);
    expect(deriveNotifications({ me, tickets: [ticket], events: [assigned], staffIds, sla, now: t0 + NOTIFICATION_HORIZON_MS + 1 })).toEqual([]);
  });
});
