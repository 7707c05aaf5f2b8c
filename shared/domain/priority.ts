import type { Priority, PriorityPolicyBody, Severity, Ticket, TicketType, Tier } from '../schema';
import type { EventDraft } from './lifecycle';
import { DEFAULT_PRIORITY } from './defaults';

/**
 * Priority from the severity x customer tier matrix (DOMAIN.md): critical -> P1; major -> P2
 * (P1 for key accounts); minor -> P3 (P2 for key accounts); inquiries without a fault -> P4.
 */
export function priorityFor(input: { severity: Severity; tier: Tier; type: TicketType }, policy: PriorityPolicyBody = DEFAULT_PRIORITY): Priority {
  if (policy.noFaultTypes.includes(input.type)) return policy.noFaultPriority;
  const row = policy.matrix.find((r) => r.severity === input.severity && r.tier === input.tier);
  // A matrix that misses a cell falls back to the shipped default rather than throwing.
  return row?.priority ?? DEFAULT_PRIORITY.matrix.find((r) => r.severity === input.severity && r.tier === input.tier)!.priority;
}

/**
 * TL 9000 counts only problem reports (the customer asks for the cause to be found and
 * removed) in NPR / FRT / OFR; restore-only incidents count for restore times only.
 */
export function countsForTl9000(ticket: Pick<Ticket, 'problemReport' | 'type'>): boolean {
  return ticket.problemReport && ticket.type !== 'inquiry';
}

/** A sensible default for the problem-report flag when a ticket is recorded. */
export function defaultProblemReport(type: TicketType): boolean {
  return type === 'fault' || type === 'complaint';
}

/**
 * A severity change with its reason: severity changes are kept as events (history), and the
 * priority follows the matrix (its own event when it changes).
 */
export function changeSeverity(
  ticket: Ticket,
  to: Severity,
  opts: { now: number; reason: string; tier: Tier; policy?: PriorityPolicyBody },
): { ok: true; ticket: Ticket; events: EventDraft[] } | { ok: false; code: 'reason_required' | 'same_severity'; message: string } {
  if (!opts.reason.trim()) return { ok: false, code: 'reason_required', message: 'reason: a severity change needs a reason' };
  if (to === ticket.severity) return { ok: false, code: 'same_severity', message: `severity: already ${to}` };
  const at = new Date(opts.now).toISOString();
  const priority = priorityFor({ severity: to, tier: opts.tier, type: ticket.type }, opts.policy);
  const events: EventDraft[] = [{ kind: 'severity_change', at, fromSeverity: ticket.severity, toSeverity: to, reason: opts.reason.trim() }];
  if (priority !== ticket.priority) events.push({ kind: 'priority_change', at, fromPriority: ticket.priority, toPriority: priority, reason: opts.reason.trim() });
  return { ok: true, ticket: { ...ticket, severity: to, priority, updatedAt: at }, events };
}
