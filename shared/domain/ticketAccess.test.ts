import { describe, expect, it } from 'vitest';
import { aTicket, ids, newId } from './testing/builders';
import { ticketFieldAccess, ticketWriteDecision, type TicketViewer } from './ticketAccess';

const viewer = (roles: string[], over: Partial<TicketViewer> = {}): TicketViewer => ({
  me: ids.assignee,
  roles: new Set(roles),
  region: 'cn-east',
  teamId: ids.team,
  managedTeams: new Set(),
  teamRegions: new Map([[ids.team, 'cn-east']]),
  ...over,
});

describe('ticket access shared by the server and the app', () => {
  const ticket = aTicket();
  const fields = ['title', 'severity', 'slaDueAt', 'customerId'] as const;

  it('tells each role which fields it may change, with the reason for the others', () => {
    expect(ticketFieldAccess(viewer(['technician']), ticket, fields)).toEqual({
      title: { editable: true },
      severity: { editable: false, reason: 'role' },
      slaDueAt: { editable: false, reason: 'role' },
      customerId: { editable: false, reason: 'role' },
    });
    expect(ticketFieldAccess(viewer(['engineer']), ticket, fields).severity).toEqual({ editable: true });
    expect(ticketFieldAccess(viewer(['manager']), ticket, fields).slaDueAt).toEqual({ editable: true });
    const outsider = viewer(['technician'], { me: newId(), teamId: newId() });
    expect(ticketFieldAccess(outsider, ticket, fields).title).toEqual({ editable: false, reason: 'not_visible' });
  });

  it('judges a write as the field list says', () => {
    expect(ticketWriteDecision(viewer(['technician']), ticket, { ...ticket, title: 'New title' }, false)).toEqual({ allowed: true });
    expect(ticketWriteDecision(viewer(['technician']), ticket, { ...ticket, severity: 'critical' }, false)).toEqual({
      allowed: false,
      fields: ['severity'],
      reason: 'role may not change these fields',
    });
    // A technician hands their own ticket back but never takes someone else's.
    expect(ticketWriteDecision(viewer(['technician']), ticket, { ...ticket, assigneeId: '' }, false).allowed).toBe(true);
    const peers = aTicket({ assigneeId: newId() });
    expect(ticketWriteDecision(viewer(['technician']), peers, { ...peers, assigneeId: ids.assignee }, false)).toMatchObject({ allowed: false, fields: ['assigneeId'] });
  });
});
