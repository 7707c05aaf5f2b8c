import type { BusinessCalendar, Customer, Policy, SlaPolicyBody, Ticket, TicketEvent, Tier } from '../schema';

// What the SLA functions need about a ticket beyond the ticket itself, resolved once from
// customers and policies so reports over many tickets stay cheap.
export interface SlaContext {
  tier: Tier;
  policy: SlaPolicyBody | null;
  calendar: BusinessCalendar | null;
}
export type SlaContextFn = (ticket: Ticket) => SlaContext;

/**
 * Resolves tier (from the customer), SLA policy (the customer's contract policy, else the
 * default) and business calendar (by the ticket's region) from active policies.
 */
export function slaContextFrom(input: { customers: readonly Customer[]; policies: readonly Policy[] }): SlaContextFn {
  const tiers = new Map(input.customers.map((c) => [c.id, c.tier]));
  const sla = input.policies.flatMap((p) => (p.kind === 'sla' && p.active ? [p.sla] : []));
  const byCustomer = new Map(sla.filter((s) => s.customerId).map((s) => [s.customerId!, s]));
  const fallback = sla.find((s) => s.customerId === null) ?? null;
  const calendars = new Map(input.policies.flatMap((p) => (p.kind === 'calendar' && p.active ? [[p.calendar.region, p.calendar] as const] : [])));
  return (ticket) => ({
    tier: tiers.get(ticket.customerId) ?? 'general',
    policy: byCustomer.get(ticket.customerId) ?? fallback,
    calendar: calendars.get(ticket.region) ?? null,
  });
}

/** Timeline per ticket id. */
export function groupEventsByTicket(events: readonly TicketEvent[]): Map<string, TicketEvent[]> {
  const map = new Map<string, TicketEvent[]>();
  for (const e of events) {
    const list = map.get(e.ticketId);
    if (list) list.push(e);
    else map.set(e.ticketId, [e]);
  }
  return map;
}
