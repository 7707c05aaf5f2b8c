import type { SlaPolicyBody, Ticket } from '../schema';
import { NO_DUE } from '../schema/primitives';
import { WARNING_RATIO } from './defaults';
import { slaTargetFor, type SlaClock, type SlaState } from './sla';

// SLA state of a ticket for queues over many tickets. The exact state needs the ticket's
// timeline (pauses) and its business calendar (sla.ts, used for the rows on screen); a filter
// over 100,000 tickets cannot load every timeline, so it works from the indexed `slaDueAt`
// (the earliest running clock's due time, which the writers keep from the exact functions)
// and the target of the clock that is due: breached once it is past, warning in the last
// (1 - warning ratio) of that target.

export type QueueSlaState = 'ok' | 'warning' | 'breached' | 'none';

const MIN = 60_000;

/** Target minutes of the earliest running clock: response, then restore, then fix. */
export function dueClockMinutes(ticket: Ticket, policy: SlaPolicyBody | null): number | null {
  const target = slaTargetFor(policy, ticket.severity, ticket.customerTier);
  if (ticket.resolvedAt !== null || ticket.closedAt !== null) return null;
  if (ticket.respondedAt === null && target.firstResponseMinutes !== null) return target.firstResponseMinutes;
  if (ticket.restoredAt === null && target.restoreMinutes !== null) return target.restoreMinutes;
  return target.fixMinutes;
}

export function queueSlaState(ticket: Ticket, policy: SlaPolicyBody | null, now: number): QueueSlaState {
  if (ticket.slaDueAt === NO_DUE) return 'none';
  const due = Date.parse(ticket.slaDueAt);
  if (due <= now) return 'breached';
  const minutes = dueClockMinutes(ticket, policy);
  if (minutes === null) return 'ok';
  const ratio = policy?.warningRatio ?? WARNING_RATIO;
  return due - now <= (1 - ratio) * minutes * MIN ? 'warning' : 'ok';
}

/** The running clocks of an exact SLA state, for countdown chips (nearest first). */
export function runningClocks(state: SlaState, warningRatio = WARNING_RATIO): { clock: SlaClock['clock']; dueAt: number; warnAt: number; paused: boolean }[] {
  return [state.firstResponse, state.restore, state.fix]
    .filter((c) => c.stoppedAt === null && c.dueAt !== null && c.targetMinutes !== null)
    .map((c) => ({ clock: c.clock, dueAt: c.dueAt!, warnAt: c.dueAt! - (1 - warningRatio) * c.targetMinutes! * MIN, paused: c.paused }))
    .sort((a, b) => a.dueAt - b.dueAt);
}
