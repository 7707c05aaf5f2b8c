/**
 * KPIs of a person from the tickets in the local store, by the shared functions (the server
 * and every report count the same way). Only the kinds of events the KPI rules read are
 * loaded.
 */
import { personKpiDetail, quarterRange, type KpiTickets } from '../../../shared/domain/assessment';
import { slaContextFrom } from '../../../shared/domain/context';
import type { AssessmentCycle, Customer, Kpis, Policy, Ticket, TicketEvent } from '../../../shared/schema';
import type { CimsDatabase } from '../../db/open';

const KPI_EVENT_KINDS = ['csat', 'escalation', 'assignment', 'status_change', 'severity_change', 'sla_pause', 'sla_resume'] as const;

export const computeKpis = async (
  db: CimsDatabase,
  cycle: Pick<AssessmentCycle, 'year' | 'quarter'>,
  personId: string,
  now: number,
): Promise<{ kpis: Kpis; tickets: KpiTickets }> => {
  const [from, to] = quarterRange(cycle.year, cycle.quarter);
  const [tickets, events, customers, policies] = await Promise.all([
    db.tickets.find().exec(),
    db.ticketEvents.find({ selector: { kind: { $in: [...KPI_EVENT_KINDS] } } }).exec(),
    db.customers.find().exec(),
    db.policies.find({ selector: { kind: { $in: ['sla', 'calendar'] } } }).exec(),
  ]);
  const slaContext = slaContextFrom({ customers: customers.map((d) => d.toJSON() as Customer), policies: policies.map((d) => d.toJSON() as Policy) });
  return personKpiDetail({
    personId,
    from,
    to,
    tickets: tickets.map((d) => d.toJSON() as Ticket),
    events: events.map((d) => d.toJSON() as TicketEvent),
    slaContext,
    now: Math.min(now, to),
  });
};
