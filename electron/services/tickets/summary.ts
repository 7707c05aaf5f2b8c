import type { TicketDetail, TicketSummary } from '../../../shared/api/tickets';
import { NO_DUE, type Ticket } from '../../../shared/schema';
import { displayTicketNumber } from '../../../shared/domain/ticketNumber';

export const toSummary = (ticket: Ticket, customerName: string): TicketSummary => ({
  id: ticket.id,
  number: displayTicketNumber(ticket),
  provisional: ticket.number === null,
  title: ticket.title,
  customerName,
  severity: ticket.severity,
  priority: ticket.priority,
  status: ticket.status,
  type: ticket.type,
  channel: ticket.channel,
  createdAt: ticket.createdAt,
  updatedAt: ticket.updatedAt,
  slaDueAt: ticket.slaDueAt === NO_DUE ? null : ticket.slaDueAt,
});

export const toDetail = (ticket: Ticket, customerName: string): TicketDetail => ({
  ...toSummary(ticket, customerName),
  description: ticket.description,
  region: ticket.region,
  contactName: ticket.contact.name,
  respondedAt: ticket.respondedAt,
  restoredAt: ticket.restoredAt,
  resolvedAt: ticket.resolvedAt,
  closedAt: ticket.closedAt,
});
