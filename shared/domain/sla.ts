import type { BusinessCalendar, ClockMode, Severity, SlaClockKind, SlaPolicyBody, SlaTarget, Ticket, TicketEvent, Tier } from '../schema';
import { NO_DUE } from '../schema/primitives';
import { DEFAULT_SLA_TARGETS, WARNING_RATIO } from './defaults';
import { addBusinessMs, businessMsBetween, mergeIntervals, type Interval } from './calendar';

// SLA clocks of a ticket: first response, restore service, fix (TL 9000 FRT). All functions
// are pure over the ticket, its timeline, the policy and `now` (epoch ms).

export type ClockState = 'ok' | 'warning' | 'breached' | 'none';

export interface SlaClock {
  clock: SlaClockKind;
  mode: ClockMode;
  targetMinutes: number | null;
  startedAt: number;
  /** When the clock stopped (milestone reached), or null while it runs. */
  stoppedAt: number | null;
  paused: boolean;
  elapsedMinutes: number;
  remainingMinutes: number | null;
  /** Elapsed / target in percent (may exceed 100). */
  percent: number | null;
  dueAt: number | null;
  /** ok / warning (>= 75 %) / breached (>= 100 %); 'none' when the clock has no target. */
  state: ClockState;
  /** For a stopped clock: whether the target was met. */
  met: boolean | null;
}

export interface SlaState {
  firstResponse: SlaClock;
  restore: SlaClock;
  fix: SlaClock;
  /** Earliest due time among the running clocks, null if none runs. */
  nextDueAt: number | null;
}

/** Target row for a severity and tier; a policy missing the row falls back to the default. */
export function slaTargetFor(policy: SlaPolicyBody | null, severity: Severity, tier: Tier): SlaTarget {
  const rows = policy?.targets ?? DEFAULT_SLA_TARGETS;
  return (
    rows.find((t) => t.severity === severity && t.tier === tier) ??
    DEFAULT_SLA_TARGETS.find((t) => t.severity === severity && t.tier === tier)!
  );
}

/** Events in canonical order (time, then id), so any delivery order gives one result. */
export function sortEvents<E extends Pick<TicketEvent, 'at' | 'id'>>(events: readonly E[]): E[] {
  return [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Pause intervals from SLA pause / resume events (pending states). An open pause runs until
 * `now`. Each pause is its own event, so re-applying a policy never loses paused time.
 */
export function pauseIntervals(events: readonly TicketEvent[], now: number): Interval[] {
  // Pause / resume pairs nest: two offline devices may each pause and resume; the clock stays
  // paused while any pause is open (depth > 0). Stray resumes are ignored.
  const out: Interval[] = [];
  let depth = 0;
  let openAt = 0;
  for (const e of sortEvents(events)) {
    const t = Date.parse(e.at);
    if (e.kind === 'sla_pause') {
      if (depth === 0) openAt = t;
      depth++;
    } else if (e.kind === 'sla_resume' && depth > 0) {
      depth--;
      if (depth === 0) out.push([openAt, t]);
    }
  }
  if (depth > 0 && now > openAt) out.push([openAt, now]);
  return mergeIntervals(out);
}

/** Whether a pause is open at the end of the timeline. */
export function isPaused(events: readonly TicketEvent[]): boolean {
  let depth = 0;
  for (const e of sortEvents(events)) {
    if (e.kind === 'sla_pause') depth++;
    else if (e.kind === 'sla_resume' && depth > 0) depth--;
  }
  return depth > 0;
}

export interface Milestones {
  respondedAt: number | null;
  restoredAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
}

/**
 * Milestones from the timeline: first response = first public reply or first move out of
 * `new`; restore = first time restored (or resolved); fix = last resolution not undone by a
 * reopen. Falls back to the ticket's fields when the timeline has no status changes.
 */
export function milestones(ticket: Ticket, events: readonly TicketEvent[]): Milestones {
  const m: Milestones = { respondedAt: null, restoredAt: null, resolvedAt: null, closedAt: null };
  let sawStatus = false;
  for (const e of sortEvents(events)) {
    const t = Date.parse(e.at);
    if (e.kind === 'reply' && m.respondedAt === null) m.respondedAt = t;
    if (e.kind !== 'status_change') continue;
    sawStatus = true;
    if (e.from === 'new' && m.respondedAt === null) m.respondedAt = t;
    if ((e.to === 'restored' || e.to === 'resolved') && m.restoredAt === null) m.restoredAt = t;
    if (e.to === 'resolved') m.resolvedAt = t;
    if (e.to === 'closed') {
      m.closedAt = t;
      if (m.resolvedAt === null) m.resolvedAt = t;
    }
    if ((e.from === 'resolved' || e.from === 'closed') && e.to !== 'resolved' && e.to !== 'closed') {
      m.resolvedAt = null;
      m.closedAt = null;
    }
  }
  if (!sawStatus) {
    const p = (s: string | null) => (s === null ? null : Date.parse(s));
    m.respondedAt ??= p(ticket.respondedAt);
    m.restoredAt ??= p(ticket.restoredAt) ?? p(ticket.resolvedAt);
    m.resolvedAt = p(ticket.resolvedAt);
    m.closedAt = p(ticket.closedAt);
  }
  return m;
}

const MIN = 60_000;
const NO_PAUSES: readonly Interval[] = [];

/** One clock: elapsed business time (minus pauses) from `start` to its stop or `now`. */
export function evaluateClock(input: {
  clock: SlaClockKind;
  mode: ClockMode;
  targetMinutes: number | null;
  start: number;
  stop: number | null;
  now: number;
  calendar: BusinessCalendar | null;
  pauses: readonly Interval[];
  /** A pause is open now (the last pause interval ends at `now`). */
  pausedNow?: boolean;
  warningRatio?: number;
}): SlaClock {
  const cal = input.mode === '24x7' ? null : input.calendar;
  const end = input.stop ?? Math.max(input.now, input.start);
  const elapsedMs = businessMsBetween(cal, input.start, end, input.pauses);
  const elapsedMinutes = elapsedMs / MIN;
  const paused = input.stop === null && (input.pausedNow ?? input.pauses.some(([a, b]) => a <= input.now && input.now < b));
  // Object literals, not spreads: a report works out hundreds of thousands of these.
  if (input.targetMinutes === null) {
    return { clock: input.clock, mode: input.mode, targetMinutes: null, startedAt: input.start, stoppedAt: input.stop, paused, elapsedMinutes, remainingMinutes: null, percent: null, dueAt: null, state: 'none', met: null };
  }
  const target = input.targetMinutes;
  const percent = target === 0 ? (elapsedMs > 0 ? Infinity : 0) : (elapsedMinutes / target) * 100;
  const ratio = input.warningRatio ?? WARNING_RATIO;
  const state: ClockState = percent >= 100 && elapsedMs > 0 ? 'breached' : percent >= ratio * 100 ? 'warning' : 'ok';
  // While paused the due time is unknown (it moves with the pause); report it as if the
  // pause ended now, which is the earliest it can be.
  const dueAt = addBusinessMs(cal, input.start, target * MIN, input.pauses);
  return {
    clock: input.clock,
    mode: input.mode,
    targetMinutes: target,
    startedAt: input.start,
    stoppedAt: input.stop,
    paused,
    elapsedMinutes,
    remainingMinutes: target - elapsedMinutes,
    percent,
    dueAt,
    state: input.stop !== null && elapsedMinutes <= target ? 'ok' : state,
    met: input.stop === null ? null : elapsedMinutes <= target,
  };
}

/**
 * SLA state of a ticket at `now`. Pending pauses apply to first response and restore; the fix
 * clock (TL 9000) runs in calendar days and is not paused.
 */
export function slaState(input: {
  ticket: Ticket;
  events: readonly TicketEvent[];
  tier: Tier;
  policy: SlaPolicyBody | null;
  calendar: BusinessCalendar | null;
  now: number;
}): SlaState {
  const { ticket, now } = input;
  const target = slaTargetFor(input.policy, ticket.severity, input.tier);
  const start = Date.parse(ticket.createdAt);
  const m = milestones(ticket, input.events);
  const pauses = pauseIntervals(input.events, now);
  const pausedNow = isPaused(input.events);
  const warningRatio = input.policy?.warningRatio ?? WARNING_RATIO;
  const calendar = input.calendar;
  const firstResponse = evaluateClock({ now, calendar, start, warningRatio, clock: 'firstResponse', mode: target.firstResponseClock, targetMinutes: target.firstResponseMinutes, stop: m.respondedAt, pauses, pausedNow });
  const restore = evaluateClock({ now, calendar, start, warningRatio, clock: 'restore', mode: target.restoreClock, targetMinutes: target.restoreMinutes, stop: m.restoredAt ?? m.resolvedAt, pauses, pausedNow });
  const fix = evaluateClock({ now, calendar, start, warningRatio, clock: 'fix', mode: target.fixClock, targetMinutes: target.fixMinutes, stop: m.resolvedAt, pauses: NO_PAUSES });
  const running = [firstResponse, restore, fix].filter((c) => c.stoppedAt === null && c.dueAt !== null && (ticket.status !== 'closed' || c.clock !== 'fix'));
  const nextDueAt = running.length ? Math.min(...running.map((c) => c.dueAt!)) : null;
  return { firstResponse, restore, fix, nextDueAt };
}

/** Value for the ticket's indexed `slaDueAt` field. */
export function slaDueAtField(state: SlaState): string {
  return state.nextDueAt === null ? NO_DUE : new Date(state.nextDueAt).toISOString();
}

/** Whether every clock with a target was met (stopped in time); null while any still runs. */
export function slaMet(state: SlaState): boolean | null {
  const clocks = [state.firstResponse, state.restore, state.fix].filter((c) => c.targetMinutes !== null);
  if (clocks.some((c) => c.met === null)) return null;
  return clocks.every((c) => c.met === true);
}
