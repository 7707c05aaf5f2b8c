/**
 * One customer's service figures for its account page: tickets the viewer may read, SLA
 * compliance and CSAT per month with the reports' own functions and definitions
 * (shared/domain/metrics.ts, reports.ts), assets per site and the problems touching it.
 */
import type { AccountMonth, AccountProblem } from '../../../shared/api/customers';
import type { TicketSummary } from '../../../shared/api/tickets';
import { OPEN_STATUSES } from '../../../shared/domain/lifecycle';
import { csatSummary, monthOf, monthRange, monthsBetween, slaCompliance } from '../../../shared/domain/metrics';
import { reportSlaContext } from '../../../shared/domain/reports';
import { canReadTicket, type TicketViewer } from '../../../shared/domain/ticketAccess';
import type { Asset, Customer, Policy, Problem, Ticket, TicketEvent } from '../../../shared/schema';
import type { CimsDatabase } from '../../db/open';
import { toSummary } from '../tickets/summary';

const OPEN_LIMIT = 25;
const RECENT_LIMIT = 10;
/** Months on the charts, the current one included. */
export const ACCOUNT_MONTHS = 12;

export interface AccountFigures {
  assetsBySite: Map<string, number>;
  openTickets: TicketSummary[];
  openTotal: number;
  recentTickets: TicketSummary[];
  months: AccountMonth[];
  problems: AccountProblem[];
}

/** The month `count - 1` months before the one holding `now`, as 'YYYY-MM'. */
const monthsBack = (now: number, count: number): string => {
  const d = new Date(now);
  return monthOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (count - 1), 1));
};

export function monthlyFigures(input: { customer: Customer; tickets: readonly Ticket[]; events: readonly TicketEvent[]; policies: readonly Policy[]; now: number }): AccountMonth[] {
  const { context } = reportSlaContext({ customers: [input.customer], policies: input.policies });
  return monthsBetween(monthsBack(input.now, ACCOUNT_MONTHS), monthOf(input.now)).map((month) => {
    const [from, to] = monthRange(month);
    const clocks = slaCompliance({ tickets: input.tickets, events: input.events, slaContext: context, from, to: Math.min(to, input.now), now: input.now });
    const measured = clocks.reduce((n, c) => n + c.measured, 0);
    const met = clocks.reduce((n, c) => n + c.met, 0);
    const csat = csatSummary({ events: input.events, from, to: Math.min(to, input.now) });
    return { month, slaMeasured: measured, slaMet: met, slaPercent: measured === 0 ? null : (met / measured) * 100, csatResponses: csat.responses, csatAverage: csat.average };
  });
}

export async function accountFigures(db: CimsDatabase, customer: Customer, viewer: TicketViewer, now: number): Promise<AccountFigures> {
  const [ticketDocs, assetDocs, policyDocs, problemDocs] = await Promise.all([
    db.tickets.find({ selector: { customerId: customer.id } }).exec(),
    db.assets.find({ selector: { customerId: customer.id } }).exec(),
    db.policies.find().exec(),
    db.problems.find().exec(),
  ]);
  // The store holds what the server let this user pull; the read rule still decides what shows.
  const tickets = ticketDocs.map((d) => d.toJSON() as Ticket).filter((t) => canReadTicket(viewer, t));
  const ticketIds = new Set(tickets.map((t) => t.id));
  const events = ticketIds.size ? (await db.ticketEvents.find({ selector: { ticketId: { $in: [...ticketIds] } } }).exec()).map((d) => d.toJSON() as TicketEvent) : [];
  const assets = assetDocs.map((d) => d.toJSON() as Asset);
  const assetIds = new Set(assets.map((a) => a.id));
  const assetsBySite = new Map<string, number>();
  for (const a of assets) assetsBySite.set(a.siteId, (assetsBySite.get(a.siteId) ?? 0) + 1);

  const name = customer.name;
  const open = tickets.filter((t) => OPEN_STATUSES.includes(t.status)).sort((a, b) => (a.slaDueAt < b.slaDueAt ? -1 : a.slaDueAt > b.slaDueAt ? 1 : a.id < b.id ? -1 : 1));
  const doneAt = (t: Ticket) => t.closedAt ?? t.resolvedAt ?? t.updatedAt;
  const recent = tickets.filter((t) => !OPEN_STATUSES.includes(t.status)).sort((a, b) => (doneAt(a) < doneAt(b) ? 1 : doneAt(a) > doneAt(b) ? -1 : 0));

  const problems: AccountProblem[] = [];
  for (const d of problemDocs) {
    const p = d.toJSON() as Problem;
    const linkedTickets = p.ticketIds.filter((id) => ticketIds.has(id)).length;
    const linkedAssets = p.assetIds.filter((id) => assetIds.has(id)).length;
    if (linkedTickets + linkedAssets > 0) problems.push({ id: p.id, title: p.title, status: p.status, causeCategory: p.causeCategory, tickets: linkedTickets, assets: linkedAssets });
  }
  // Open problems first, then the most tickets.
  problems.sort((a, b) => Number(a.status === 'closed') - Number(b.status === 'closed') || b.tickets - a.tickets || a.title.localeCompare(b.title));

  return {
    assetsBySite,
    openTickets: open.slice(0, OPEN_LIMIT).map((t) => toSummary(t, name)),
    openTotal: open.length,
    recentTickets: recent.slice(0, RECENT_LIMIT).map((t) => toSummary(t, name)),
    months: monthlyFigures({ customer, tickets, events, policies: policyDocs.map((d) => d.toJSON() as Policy), now }),
    problems,
  };
}
