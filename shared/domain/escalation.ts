import type { BusinessCalendar, Policy, EscalationAxis, EscalationRule, FunctionalTarget, ManagementLevel, Person, Role, SlaClockKind, SlaPolicyBody, Team, Ticket, TicketEvent, TicketEventOf, Tier } from '../schema';
import { FUNCTIONAL_TARGETS, MANAGEMENT_LEVELS, SUPPORT_LEVELS } from '../schema/enums';
import { addBusinessMs } from './calendar';
import type { SlaContextFn } from './context';
import { DEFAULT_ESCALATION_RULES } from './defaults';
import type { EventDraft } from './lifecycle';
import { isOpen } from './lifecycle';
import { pauseIntervals, slaState, sortEvents } from './sla';

// Two axes (seed: 向上级或相关部门反馈): functional L1 -> L2 -> L3 (sideways to spare parts or
// logistics) and hierarchical assignee -> team lead -> service manager -> regional director.

export type EscalationLevel = FunctionalTarget | ManagementLevel;

export interface EscalationDue {
  /** Idempotency key, stored on the escalation event: one rule action fires once per ticket. */
  ruleKey: string;
  ruleId: string;
  axis: EscalationAxis;
  fromLevel: EscalationLevel;
  toLevel: EscalationLevel;
  clock: SlaClockKind;
  atPercent: number;
  /** When the clock crossed the rule's threshold (epoch ms). */
  thresholdAt: number;
  reason: string;
}

const rank = (axis: EscalationAxis, level: EscalationLevel): number =>
  axis === 'functional' ? (SUPPORT_LEVELS as readonly string[]).indexOf(level) : (MANAGEMENT_LEVELS as readonly string[]).indexOf(level);

/** Automatic rules of the active escalation policy; the shipped defaults when there is none. */
export function escalationRulesFrom(policies: readonly Policy[]): EscalationRule[] {
  const p = policies.find((x) => x.kind === 'escalation' && x.active);
  return p?.kind === 'escalation' ? p.escalation.rules : DEFAULT_ESCALATION_RULES;
}

/** One functional level up; null at L3 or from a sideways team. */
export function nextFunctionalLevel(level: FunctionalTarget): FunctionalTarget | null {
  const i = (SUPPORT_LEVELS as readonly string[]).indexOf(level);
  return i >= 0 && i + 1 < SUPPORT_LEVELS.length ? SUPPORT_LEVELS[i + 1]! : null;
}

/** Current level on both axes: the latest escalation event wins over the ticket's fields. */
export function currentLevels(ticket: Ticket, events: readonly TicketEvent[]): { functional: FunctionalTarget; management: ManagementLevel } {
  let functional = ticket.functionalLevel;
  let management = ticket.managementLevel;
  for (const e of sortEvents(events)) {
    if (e.kind !== 'escalation') continue;
    if (e.axis === 'functional' && (FUNCTIONAL_TARGETS as readonly string[]).includes(e.toLevel)) functional = e.toLevel as FunctionalTarget;
    if (e.axis === 'hierarchical' && (MANAGEMENT_LEVELS as readonly string[]).includes(e.toLevel)) management = e.toLevel as ManagementLevel;
  }
  return { functional, management };
}

/**
 * Automatic escalations due for a ticket at `now`. A rule action already recorded (same
 * ruleKey on an escalation event) is never returned again, nor one that would not raise the
 * current level, so calling this on every scheduler tick is safe.
 */
export function dueEscalations(input: {
  ticket: Ticket;
  events: readonly TicketEvent[];
  tier: Tier;
  policy: SlaPolicyBody | null;
  calendar: BusinessCalendar | null;
  rules?: readonly EscalationRule[];
  now: number;
}): EscalationDue[] {
  const { ticket, now } = input;
  if (!isOpen(ticket.status)) return [];
  const rules = input.rules ?? DEFAULT_ESCALATION_RULES;
  const sla = slaState(input);
  const done = new Set(input.events.flatMap((e) => (e.kind === 'escalation' && e.ruleKey ? [e.ruleKey] : [])));
  const levels = currentLevels(ticket, input.events);
  const pauses = pauseIntervals(input.events, now);
  const out: EscalationDue[] = [];
  for (const rule of rules) {
    if (rule.severities.length && !rule.severities.includes(ticket.severity)) continue;
    const clocks = rule.clock === 'any' ? (['firstResponse', 'restore', 'fix'] as const) : [rule.clock];
    // The earliest running clock past the threshold triggers the rule.
    const hits = clocks
      .map((k) => sla[k])
      .filter((c) => c.stoppedAt === null && c.percent !== null && c.targetMinutes !== null && c.percent >= rule.atPercent)
      .map((c) => {
        const cal = c.mode === '24x7' ? null : input.calendar;
        const at = addBusinessMs(cal, c.startedAt, (c.targetMinutes! * rule.atPercent * 60_000) / 100, c.clock === 'fix' ? [] : pauses) ?? now;
        return { clock: c.clock, at };
      })
      .sort((a, b) => a.at - b.at);
    const hit = hits[0];
    if (!hit) continue;
    for (const action of rule.actions) {
      const ruleKey = `${rule.id}:${action.axis}:${action.to}`;
      if (done.has(ruleKey)) continue;
      const from: EscalationLevel = action.axis === 'functional' ? levels.functional : levels.management;
      const to = action.to === 'next' ? nextFunctionalLevel(levels.functional) : action.to;
      if (to === null || rank(action.axis, to) <= rank(action.axis, from)) continue;
      out.push({
        ruleKey,
        ruleId: rule.id,
        axis: action.axis,
        fromLevel: from,
        toLevel: to,
        clock: hit.clock,
        atPercent: rule.atPercent,
        thresholdAt: hit.at,
        reason: `${hit.clock} at ${rule.atPercent}% of target (rule ${rule.id})`,
      });
    }
  }
  return out;
}

/** The timeline event for an automatic escalation (the caller adds id, ticket, author). */
export function escalationDraft(due: EscalationDue, target: { personId: string | null; teamId: string | null }, now: number): EventDraft {
  return {
    kind: 'escalation',
    at: new Date(now).toISOString(),
    axis: due.axis,
    fromLevel: due.fromLevel,
    toLevel: due.toLevel,
    direction: 'up',
    reason: due.reason,
    ruleKey: due.ruleKey,
    toPersonId: target.personId,
    toTeamId: target.teamId,
  };
}

export type EscalationCheck = { ok: true; draft: EventDraft } | { ok: false; code: 'reason_required' | 'same_level' | 'invalid_level' | 'role_forbidden' | 'ticket_not_open'; message: string };

const ESCALATING_ROLES: readonly Role[] = ['technician', 'engineer', 'expert', 'manager', 'admin'];
const DEESCALATING_ROLES: readonly Role[] = ['engineer', 'expert', 'manager', 'admin'];

/** A manual escalation (or de-escalation): needs a reason; moves one axis to a given level. */
export function manualEscalation(input: {
  ticket: Ticket;
  events: readonly TicketEvent[];
  axis: EscalationAxis;
  to: EscalationLevel;
  reason: string;
  roles: readonly Role[];
  target?: { personId: string | null; teamId: string | null };
  now: number;
}): EscalationCheck {
  if (!isOpen(input.ticket.status)) return { ok: false, code: 'ticket_not_open', message: 'status: only open tickets can be escalated' };
  if (!input.reason.trim()) return { ok: false, code: 'reason_required', message: 'reason: a manual escalation needs a reason' };
  const levels = currentLevels(input.ticket, input.events);
  const from: EscalationLevel = input.axis === 'functional' ? levels.functional : levels.management;
  const valid = input.axis === 'functional' ? (FUNCTIONAL_TARGETS as readonly string[]).includes(input.to) : (MANAGEMENT_LEVELS as readonly string[]).includes(input.to);
  if (!valid) return { ok: false, code: 'invalid_level', message: `to: ${input.to} is not a ${input.axis} level` };
  if (from === input.to) return { ok: false, code: 'same_level', message: `to: the ticket is already at ${from}` };
  const rf = rank(input.axis, from);
  const rt = rank(input.axis, input.to);
  const direction = rf < 0 || rt < 0 ? 'sideways' : rt > rf ? 'up' : 'down';
  const allowed = direction === 'down' ? DEESCALATING_ROLES : ESCALATING_ROLES;
  if (!input.roles.some((r) => allowed.includes(r))) return { ok: false, code: 'role_forbidden', message: `roles ${input.roles.join(', ')} may not ${direction === 'down' ? 'de-escalate' : 'escalate'}` };
  return {
    ok: true,
    draft: {
      kind: 'escalation',
      at: new Date(input.now).toISOString(),
      axis: input.axis,
      fromLevel: from,
      toLevel: input.to,
      direction,
      reason: input.reason.trim(),
      ruleKey: null,
      toPersonId: input.target?.personId ?? null,
      toTeamId: input.target?.teamId ?? null,
    },
  };
}

/** Escalation events the receiver has not acknowledged yet. */
export function unacknowledgedEscalations(events: readonly TicketEvent[]): TicketEventOf<'escalation'>[] {
  const acked = new Set(events.flatMap((e) => (e.kind === 'escalation_ack' ? [e.escalationEventId] : [])));
  return sortEvents(events).filter((e): e is TicketEventOf<'escalation'> => e.kind === 'escalation' && !acked.has(e.id));
}

/** The ticket after an escalation event: level fields follow the event. */
export function applyEscalation(ticket: Ticket, e: Pick<TicketEventOf<'escalation'>, 'axis' | 'toLevel' | 'toTeamId' | 'toPersonId' | 'at'>): Ticket {
  const next = { ...ticket, updatedAt: e.at };
  if (e.axis === 'functional') {
    next.functionalLevel = e.toLevel as FunctionalTarget;
    if (e.toTeamId) {
      next.teamId = e.toTeamId;
      next.assigneeId = e.toPersonId ?? '';
    }
  } else next.managementLevel = e.toLevel as ManagementLevel;
  return next;
}

/**
 * Who receives an escalation: on the hierarchical axis a person (team lead, the team's
 * service manager, that manager's manager as regional director); on the functional axis a team
 * of the target level, preferring the ticket's region and product line.
 */
export function escalationTarget(
  input: { ticket: Ticket; axis: EscalationAxis; to: EscalationLevel; teams: readonly Team[]; people: readonly Person[] },
): { personId: string | null; teamId: string | null } {
  const team = input.teams.find((t) => t.id === input.ticket.teamId);
  if (input.axis === 'hierarchical') {
    const manager = team?.managerId ?? null;
    if (input.to === 'team_lead') return { personId: team?.leadId ?? manager, teamId: null };
    if (input.to === 'service_manager') return { personId: manager, teamId: null };
    if (input.to === 'regional_director') {
      const director = input.people.find((p) => p.title === 'regional_director' && p.region === input.ticket.region && p.active);
      const chain = input.people.find((p) => p.id === manager)?.managerId ?? null;
      return { personId: chain ?? director?.id ?? null, teamId: null };
    }
    return { personId: input.ticket.assigneeId || null, teamId: null };
  }
  const fn = input.to === 'spare_parts' || input.to === 'logistics' ? input.to : null;
  const candidates = input.teams.filter((t) => t.active && (fn ? t.function === fn : t.level === input.to));
  const score = (t: Team) => (t.region === input.ticket.region ? 2 : 0) + (t.productLines.length === 0 || t.productLines.includes(input.ticket.productLine) ? 1 : 0);
  const best = [...candidates].sort((a, b) => score(b) - score(a) || (a.id < b.id ? -1 : 1))[0];
  return { personId: best?.leadId ?? null, teamId: best?.id ?? null };
}

export interface EscalationPreview {
  ticket: Ticket;
  due: EscalationDue;
  receiver: { personId: string | null; teamId: string | null };
}

/**
 * Dry run of a set of rules: what the scheduler would escalate now, with the same functions it
 * uses (dueEscalations, escalationTarget), so an admin sees the effect of a draft before saving
 * it. Nothing is written. Earliest threshold first.
 */
export function escalationDryRun(input: {
  tickets: readonly Ticket[];
  events: ReadonlyMap<string, readonly TicketEvent[]>;
  context: SlaContextFn;
  rules: readonly EscalationRule[];
  teams: readonly Team[];
  people: readonly Person[];
  now: number;
}): EscalationPreview[] {
  const out: EscalationPreview[] = [];
  for (const ticket of input.tickets) {
    const due = dueEscalations({ ticket, events: input.events.get(ticket.id) ?? [], ...input.context(ticket), rules: input.rules, now: input.now });
    for (const d of due) out.push({ ticket, due: d, receiver: escalationTarget({ ticket, axis: d.axis, to: d.toLevel, teams: input.teams, people: input.people }) });
  }
  return out.sort((a, b) => a.due.thresholdAt - b.due.thresholdAt || a.ticket.id.localeCompare(b.ticket.id) || a.due.ruleKey.localeCompare(b.due.ruleKey));
}
