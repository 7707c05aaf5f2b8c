/**
 * The escalation screen's dry run: which open tickets a set of draft rules would escalate now,
 * computed over the local store with the scheduler's own domain functions. Admins hold every
 * ticket (they read everything but assessments), so the result is what the server's scheduler
 * would see; nothing is written.
 */
import { DRY_RUN_LIMIT, type EscalationDryRunRow } from '../../../shared/api/admin';
import { groupEventsByTicket, slaContextFrom } from '../../../shared/domain/context';
import { escalationDryRun } from '../../../shared/domain/escalation';
import { OPEN_STATUSES } from '../../../shared/domain/lifecycle';
import { displayTicketNumber } from '../../../shared/domain/ticketNumber';
import type { Customer, EscalationRule, Person, Policy, Team, Ticket, TicketEvent } from '../../../shared/schema';
import { DomainError } from '../../core/errors';
import type { CimsDatabase } from '../../db/open';

export const createEscalationDryRun =
  (db: CimsDatabase, isAdmin: () => boolean, now: () => number = Date.now) =>
  async (rules: readonly EscalationRule[]): Promise<{ rows: EscalationDryRunRow[]; total: number }> => {
    if (!isAdmin()) throw new DomainError('FORBIDDEN', 'Only administrators try escalation rules');
    const tickets = (await db.tickets.find({ selector: { status: { $in: [...OPEN_STATUSES] } } }).exec()).map((d) => d.toJSON() as Ticket);
    if (tickets.length === 0) return { rows: [], total: 0 };
    const [eventDocs, customerDocs, policyDocs, peopleDocs, teamDocs] = await Promise.all([
      db.ticketEvents.find({ selector: { ticketId: { $in: tickets.map((t) => t.id) } } }).exec(),
      db.customers.find({ selector: { id: { $in: [...new Set(tickets.map((t) => t.customerId))] } } }).exec(),
      db.policies.find({ selector: { kind: { $in: ['sla', 'calendar'] } } }).exec(),
      db.people.find().exec(),
      db.teams.find().exec(),
    ]);
    const people = peopleDocs.map((d) => d.toJSON() as Person);
    const teams = teamDocs.map((d) => d.toJSON() as Team);
    const found = escalationDryRun({
      tickets,
      events: groupEventsByTicket(eventDocs.map((d) => d.toJSON() as TicketEvent)),
      context: slaContextFrom({ customers: customerDocs.map((d) => d.toJSON() as Customer), policies: policyDocs.map((d) => d.toJSON() as Policy) }),
      rules,
      teams,
      people,
      now: now(),
    });
    const personName = new Map(people.map((p) => [p.id, p.displayName]));
    const teamName = new Map(teams.map((t) => [t.id, t.name]));
    const rows = found.slice(0, DRY_RUN_LIMIT).map(({ ticket, due, receiver }) => ({
      ticketId: ticket.id,
      number: displayTicketNumber(ticket),
      title: ticket.title,
      severity: ticket.severity,
      ruleId: due.ruleId,
      axis: due.axis,
      fromLevel: due.fromLevel,
      toLevel: due.toLevel,
      clock: due.clock,
      atPercent: due.atPercent,
      thresholdAt: new Date(due.thresholdAt).toISOString(),
      receiver: (receiver.personId && personName.get(receiver.personId)) || (receiver.teamId && teamName.get(receiver.teamId)) || null,
    }));
    return { rows, total: found.length };
  };
export type EscalationDryRun = ReturnType<typeof createEscalationDryRun>;
