/**
 * The tickets behind one figure of a report: the report's own per-ticket rules (metrics.ts)
 * asked ticket by ticket, so a queue opened from a figure lists exactly what it counts.
 * The report's scope (product line, severity, team, region) is the queue's own filters; the
 * tier is the report's (the customer's tier through the SLA context), so it stays here.
 */
import type { SlaClockKind, Tier } from '../schema';
import { groupEventsByTicket } from './context';
import { ageBucketOf, escalatedTickets, monthRange, stoppedClocks, tl9000Standing, type AgeBucket, type Month, type Tl9000Figure } from './metrics';
import { reportSlaContext, type ReportData } from './reports';

export type ReportDrill =
  | { figure: Tl9000Figure; month: Month; tier?: Tier | undefined }
  | { figure: 'slaMeasured' | 'slaMet' | 'slaMissed'; month: Month; clock?: SlaClockKind | undefined; tier?: Tier | undefined }
  | { figure: 'escalated'; month: Month; tier?: Tier | undefined }
  | { figure: 'age'; age: AgeBucket; tier?: Tier | undefined };

export function ticketsBehind(data: ReportData, drill: ReportDrill, now: number): string[] {
  const { context } = reportSlaContext(data);
  const tickets = data.tickets.filter((t) => drill.tier === undefined || context(t).tier === drill.tier);
  if (drill.figure === 'age') return tickets.filter((t) => ageBucketOf(t, now) === drill.age).map((t) => t.id);
  const [start, monthEnd] = monthRange(drill.month);
  const end = Math.min(monthEnd, now);
  switch (drill.figure) {
    case 'escalated':
      return [...escalatedTickets({ tickets, events: data.events, from: start, to: monthEnd }).escalated];
    case 'slaMeasured':
    case 'slaMet':
    case 'slaMissed': {
      const byTicket = groupEventsByTicket(data.events);
      const wanted = (met: boolean) => drill.figure === 'slaMeasured' || (drill.figure === 'slaMet') === met;
      return tickets
        .filter((t) => stoppedClocks(t, byTicket.get(t.id) ?? [], context, start, end, now).some((c) => (drill.clock === undefined || c.clock === drill.clock) && wanted(c.met)))
        .map((t) => t.id);
    }
    default: {
      const figure = drill.figure;
      return tickets.filter((t) => tl9000Standing(t, start, end, context)?.[figure] === true).map((t) => t.id);
    }
  }
}
