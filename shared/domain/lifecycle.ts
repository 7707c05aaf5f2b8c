import type { PendingReason, Role, Ticket, TicketEvent, TicketStatus } from '../schema';
import { REOPEN_WINDOW_DAYS } from './defaults';
import { NO_DUE } from '../schema/primitives';

// Status flow of DOMAIN.md: new -> acknowledged -> in_progress -> pending -> restored ->
// resolved -> closed; reopen from resolved or closed within the reopen window (14 days).

export const TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['acknowledged', 'in_progress', 'closed'],
  acknowledged: ['in_progress', 'pending', 'restored', 'resolved'],
  in_progress: ['pending', 'restored', 'resolved'],
  pending: ['in_progress', 'restored', 'resolved'],
  restored: ['in_progress', 'pending', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'acknowledged', 'in_progress', 'pending', 'restored'];
export const isOpen = (status: TicketStatus): boolean => OPEN_STATUSES.includes(status);
export const isReopen = (from: TicketStatus, to: TicketStatus): boolean => (from === 'resolved' || from === 'closed') && to === 'in_progress';

type Action = 'work' | 'close' | 'cancel' | 'reopen';
function actionOf(from: TicketStatus, to: TicketStatus): Action {
  if (isReopen(from, to)) return 'reopen';
  if (from === 'new' && to === 'closed') return 'cancel';
  if (to === 'closed') return 'close';
  return 'work';
}

// Who may do what. Closing confirms the customer accepted the fix (L2 or the manager);
// cancelling a new ticket (duplicate, spam) is a manager's call. Assessors never touch tickets.
export const ROLE_ACTIONS: Readonly<Record<Role, readonly Action[]>> = {
  technician: ['work', 'reopen'],
  engineer: ['work', 'close', 'reopen'],
  expert: ['work', 'reopen'],
  manager: ['work', 'close', 'cancel', 'reopen'],
  admin: ['work', 'close', 'cancel', 'reopen'],
  assessor: [],
};

export type TransitionError = 'invalid_transition' | 'role_forbidden' | 'reopen_window_expired' | 'pending_reason_required';
export type Check = { ok: true } | { ok: false; code: TransitionError; message: string };

/** Last time the ticket may be reopened (epoch ms), or null if it is not resolved/closed. */
export function reopenDeadline(ticket: Pick<Ticket, 'status' | 'resolvedAt' | 'closedAt'>, windowDays = REOPEN_WINDOW_DAYS): number | null {
  if (ticket.status !== 'resolved' && ticket.status !== 'closed') return null;
  const from = ticket.resolvedAt ?? ticket.closedAt;
  return from === null ? null : Date.parse(from) + windowDays * 86_400_000;
}

export function canTransition(input: {
  ticket: Pick<Ticket, 'status' | 'resolvedAt' | 'closedAt'>;
  to: TicketStatus;
  roles: readonly Role[];
  now: number;
  pendingReason?: PendingReason | null;
  reopenWindowDays?: number;
}): Check {
  const { ticket, to } = input;
  const from = ticket.status;
  if (!TRANSITIONS[from].includes(to)) return { ok: false, code: 'invalid_transition', message: `status ${from} cannot change to ${to}` };
  const action = actionOf(from, to);
  if (!input.roles.some((r) => ROLE_ACTIONS[r].includes(action)))
    return { ok: false, code: 'role_forbidden', message: `roles ${input.roles.join(', ') || '(none)'} may not ${action} a ticket` };
  if (action === 'reopen') {
    const deadline = reopenDeadline(ticket, input.reopenWindowDays);
    if (deadline === null || input.now > deadline)
      return { ok: false, code: 'reopen_window_expired', message: `status: reopen window of ${input.reopenWindowDays ?? REOPEN_WINDOW_DAYS} days has passed; record a new ticket` };
  }
  if (to === 'pending' && !input.pendingReason) return { ok: false, code: 'pending_reason_required', message: 'pendingReason is required for pending' };
  return { ok: true };
}

/** An event to append, without the envelope (id, ticketId, authorId, timestamps) the caller adds. */
export type EventDraft = TicketEvent extends infer E ? (E extends TicketEvent ? Omit<E, 'id' | 'ticketId' | 'authorId' | 'createdAt' | 'updatedAt'> : never) : never;

/**
 * Applies a status change that canTransition allowed: the new ticket (milestones kept in step)
 * and the timeline events to append (status change, SLA pause / resume).
 */
export function applyTransition(ticket: Ticket, to: TicketStatus, opts: { now: number; pendingReason?: PendingReason | null; reason?: string }): { ticket: Ticket; events: EventDraft[] } {
  const at = new Date(opts.now).toISOString();
  const from = ticket.status;
  const pendingReason = to === 'pending' ? (opts.pendingReason ?? 'customer') : null;
  const events: EventDraft[] = [];
  if (from === 'pending' && to !== 'pending') events.push({ kind: 'sla_resume', at });
  events.push({ kind: 'status_change', at, from, to, pendingReason, ...(opts.reason ? { reason: opts.reason } : {}) });
  if (to === 'pending' && from !== 'pending') events.push({ kind: 'sla_pause', at, pendingReason: pendingReason! });
  const next: Ticket = { ...ticket, status: to, pendingReason, updatedAt: at };
  if (from === 'new' && next.respondedAt === null) next.respondedAt = at;
  if ((to === 'restored' || to === 'resolved') && next.restoredAt === null) next.restoredAt = at;
  if (to === 'resolved') next.resolvedAt = at;
  if (to === 'closed') next.closedAt = at;
  if (isReopen(from, to)) {
    next.resolvedAt = null;
    next.closedAt = null;
    next.reopenCount = ticket.reopenCount + 1;
  }
  return { ticket: next, events };
}

/**
 * Where every ticket's lifecycle starts: new, unescalated (L1, with its assignee), no
 * milestones reached, no SLA clock due yet (the caller computes it from the policies).
 */
export const NEW_TICKET_STATE = {
  status: 'new',
  pendingReason: null,
  functionalLevel: 'L1',
  managementLevel: 'assignee',
  respondedAt: null,
  restoredAt: null,
  resolvedAt: null,
  closedAt: null,
  reopenCount: 0,
  slaDueAt: NO_DUE,
  problemId: null,
} as const satisfies Partial<Ticket>;
