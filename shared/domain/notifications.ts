/**
 * Notifications derived from synced data (shared/schema/README: computed on the client from
 * tickets and their events, no collection of their own). Pure: the same tickets, events and
 * `now` give the same notifications with the same ids on every device and after every
 * restart, so "already notified" and "read" can be remembered by id.
 */
import type { SlaClockKind, Ticket, TicketEvent } from '../schema';
import type { SlaContextFn } from './context';
import { WARNING_RATIO } from './defaults';
import { isOpen } from './lifecycle';
import { slaState } from './sla';

// assessment_late: a step of the assessment cycle the user owes is past due (assessmentReminders.ts).
// report_pack: the server made the user's monthly review pack (shared/schema/records/reportPacks.ts).
export const NOTIFICATION_KINDS = ['assigned', 'escalated', 'breach_warning', 'customer_reply', 'assessment_late', 'report_pack'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Older events no longer notify; remembered ids older than this are forgotten. */
export const NOTIFICATION_HORIZON_MS = 14 * 24 * 60 * 60 * 1000;

export interface DerivedNotification {
  /** Deterministic: the kind and the event (or ticket, clock and due time) it comes from. */
  id: string;
  kind: NotificationKind;
  ticketId: string;
  /** When it happened: the event's time, or when the clock reached its warning threshold. */
  at: string;
  clock?: SlaClockKind;
}

export interface NotificationInput {
  me: { personId: string; teamId: string | null };
  tickets: readonly Ticket[];
  /** Events of those tickets (any order). */
  events: readonly TicketEvent[];
  /** People of the organisation: a reply by anyone else is the customer's (portal, e-mail). */
  staffIds: ReadonlySet<string>;
  sla: SlaContextFn;
  now: number;
}

/** A ticket is "mine" when assigned to me, or to nobody in my team. */
const mine = (t: Ticket, me: NotificationInput['me']) => t.assigneeId === me.personId || (t.assigneeId === '' && me.teamId !== null && t.teamId === me.teamId);

/**
 * Assigned to me, escalated to me or my team, a customer's reply on my ticket, and my open
 * tickets whose SLA clock passed the policy's warning threshold. What I did myself does not
 * notify me. Newest first.
 */
export function deriveNotifications(input: NotificationInput): DerivedNotification[] {
  const { me, now } = input;
  const since = now - NOTIFICATION_HORIZON_MS;
  const byId = new Map(input.tickets.map((t) => [t.id, t]));
  const eventsByTicket = new Map<string, TicketEvent[]>();
  const out: DerivedNotification[] = [];

  for (const e of input.events) {
    (eventsByTicket.get(e.ticketId) ?? eventsByTicket.set(e.ticketId, []).get(e.ticketId)!).push(e);
    const ticket = byId.get(e.ticketId);
    if (!ticket || e.authorId === me.personId || Date.parse(e.at) < since) continue;
    const note = (kind: NotificationKind) => out.push({ id: `${kind}:${e.id}`, kind, ticketId: e.ticketId, at: e.at });
    if (e.kind === 'assignment' && e.toAssigneeId === me.personId) note('assigned');
    else if (e.kind === 'escalation' && e.direction !== 'down' && (e.toPersonId === me.personId || (e.toPersonId === null && me.teamId !== null && e.toTeamId === me.teamId)))
      note('escalated');
    else if (e.kind === 'reply' && !input.staffIds.has(e.authorId) && mine(ticket, me)) note('customer_reply');
  }

  for (const ticket of input.tickets) {
    if (!isOpen(ticket.status) || !mine(ticket, me)) continue;
    const context = input.sla(ticket);
    const warningRatio = context.policy?.warningRatio ?? WARNING_RATIO;
    const state = slaState({ ticket, events: eventsByTicket.get(ticket.id) ?? [], ...context, now });
    for (const clock of [state.firstResponse, state.restore, state.fix]) {
      if (clock.stoppedAt !== null || clock.paused || clock.dueAt === null || clock.targetMinutes === null) continue;
      if (clock.state !== 'warning' && clock.state !== 'breached') continue;
      // When the clock crossed its warning threshold: exact around the clock, near enough in
      // business hours, and stable between evaluations (the id does not depend on it).
      const warnedAt = Math.min(now, clock.startedAt + (clock.dueAt - clock.startedAt) * warningRatio);
      const dueIso = new Date(clock.dueAt).toISOString();
      out.push({ id: `breach_warning:${ticket.id}:${clock.clock}:${dueIso}`, kind: 'breach_warning', ticketId: ticket.id, at: new Date(warnedAt).toISOString(), clock: clock.clock });
    }
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1));
}
