/**
 * Working a ticket in the main process: edit, status changes, replies and notes, assignment,
 * escalation and its acknowledgement. Every command judges the change with the same shared
 * rules the server applies (shared/domain/ticketAccess.ts), checks the ticket and its new
 * timeline events against the shared schemas, and only then writes, locally; sync carries it.
 *
 * `assign`, `transition` and `escalate` take one ticket id and return what changed, so bulk
 * actions and the escalation board call them per ticket and can undo.
 */
import type { z } from 'zod';
import type {
  acknowledgeInput,
  assignInput,
  editTicketInput,
  escalateInput,
  reopenInput,
  replyInput,
  resolveInput,
  TicketChange,
  transitionInput,
} from '../../../shared/api/ticketWork';
import type { FieldIssue } from '../../../shared/api/result';
import { NONE, validateDocument, type Customer, type Person, type Policy, type Team, type Ticket, type TicketEvent } from '../../../shared/schema';
import { slaContextFrom } from '../../../shared/domain/context';
import { currentOrgSettings } from '../admin/orgSettings';
import { applyEscalation, escalationTarget, manualEscalation, unacknowledgedEscalations, type EscalationLevel } from '../../../shared/domain/escalation';
import { applyTransition, canTransition, type EventDraft } from '../../../shared/domain/lifecycle';
import { changeSeverity } from '../../../shared/domain/priority';
import { slaDueAtField, slaState } from '../../../shared/domain/sla';
import { canReadTicket, changedFields, ticketWriteDecision } from '../../../shared/domain/ticketAccess';
import type { SessionUser } from '../../../shared/sync/protocol';
import type { CimsDatabase } from '../../db/open';
import { DomainError } from '../../core/errors';
import { newId, type SettingsStore } from '../../core/settings';
import { workerOf, type Worker } from './viewer';

type Input<S extends z.ZodType> = z.output<S>;

/** Kept as a tag until the ticket schema has a field for it (problem records hold causes). */
export const CAUSE_TAG = 'cause:';

const issue = (path: string, code: string, message: string): FieldIssue[] => [{ path, code, message }];
const invalid = (path: string, code: string, message: string) => new DomainError('VALIDATION_FAILED', message, issue(path, code, message));

/** Fields a command may leave as they were when the role may not change them: the timeline keeps the record. */
type Derived = readonly (keyof Ticket)[];

export const createTicketWorkService = (
  db: CimsDatabase,
  settings: SettingsStore,
  currentUser: () => SessionUser | null = () => null,
  clock: () => Date = () => new Date(),
) => {
  const worker = () => workerOf(db, settings, currentUser());

  /** The ticket, if it exists here and the worker may see it; unknown and out of sight read alike. */
  const load = async (w: Worker, ticketId: string): Promise<Ticket> => {
    const doc = await db.tickets.findOne(ticketId).exec();
    const ticket = doc?.toJSON() as Ticket | undefined;
    if (!ticket || !canReadTicket(w, ticket)) throw new DomainError('NOT_FOUND', `ticket ${ticketId} is not here`, issue('ticketId', 'ticket_not_found', 'ticket not found'));
    return ticket;
  };

  const eventsOf = async (ticketId: string): Promise<TicketEvent[]> =>
    (await db.ticketEvents.find({ selector: { ticketId } }).exec()).map((d) => d.toJSON() as TicketEvent);

  /** The SLA due time after the change, from the synced policies (shipped defaults before any sync). */
  const dueAt = async (ticket: Ticket, events: readonly TicketEvent[], now: number): Promise<string> => {
    const [customer, policies] = await Promise.all([
      db.customers.findOne(ticket.customerId).exec(),
      db.policies.find({ selector: { kind: { $in: ['sla', 'calendar'] } } }).exec(),
    ]);
    const context = slaContextFrom({
      customers: customer ? [customer.toJSON() as Customer] : [],
      policies: policies.map((p) => p.toJSON() as Policy),
    })(ticket);
    return slaDueAtField(slaState({ ticket, events, ...context, now }));
  };

  /** Events of one command share their time; ascending ids keep them in the order written (timelines sort by time, then id). */
  const envelope = (w: Worker, ticketId: string, drafts: readonly EventDraft[], now: string): TicketEvent[] => {
    const eventIds = drafts.map(() => newId()).sort();
    return drafts.map((d, i) => ({ ...d, id: eventIds[i]!, ticketId, authorId: w.me, createdAt: now, updatedAt: now }) as TicketEvent);
  };

  /**
   * Judges and writes one change: the next ticket (SLA due time kept in step) and its events.
   * `derived` fields the worker may not change keep their old value instead of refusing the
   * whole action. Nothing is written unless everything passes.
   */
  const commit = async (w: Worker, old: Ticket, proposed: Ticket, drafts: readonly EventDraft[], derived: Derived = []): Promise<TicketChange> => {
    const now = clock();
    const nowIso = now.toISOString();
    const events = envelope(w, old.id, drafts, nowIso);
    let next: Ticket = { ...proposed };
    if (changedFields(old, next).some((f) => f !== 'updatedAt') || events.length > 0) {
      const history = [...(await eventsOf(old.id)), ...events];
      next.slaDueAt = await dueAt(next, history, now.getTime());
    }
    const keep = (fields: readonly string[]) => {
      for (const f of fields) (next as Record<string, unknown>)[f] = (old as Record<string, unknown>)[f];
    };
    let decision = ticketWriteDecision(w, old, next, false);
    // Each refusal names the fields of one rule: drop soft ones rule by rule until none is left.
    for (let round = 0; round < 4 && !decision.allowed; round++) {
      const soft = decision.fields.filter((f) => f === 'slaDueAt' || derived.includes(f as keyof Ticket));
      if (soft.length === 0 || soft.length !== decision.fields.length) break;
      keep(soft);
      decision = ticketWriteDecision(w, old, next, false);
    }
    if (!decision.allowed) {
      const message = `${decision.reason}: ${decision.fields.join(', ')}`;
      throw new DomainError('FORBIDDEN', message, decision.fields.map((f) => ({ path: f, code: 'role_forbidden', message })));
    }
    const changed = changedFields(old, next).filter((f) => f !== 'updatedAt');
    if (changed.length === 0) next = old;
    const ticketCheck = validateDocument('tickets', next);
    if (!ticketCheck.ok) throw new DomainError('VALIDATION_FAILED', `tickets: ${ticketCheck.errors.join('; ')}`);
    for (const e of events) {
      const r = validateDocument('ticketEvents', e);
      if (!r.ok) throw new DomainError('VALIDATION_FAILED', `ticketEvents: ${r.errors.join('; ')}`);
    }
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const f of changed) {
      before[f] = (old as Record<string, unknown>)[f];
      after[f] = (next as Record<string, unknown>)[f];
    }
    if (events.length > 0) {
      const result = await db.ticketEvents.bulkInsert(events);
      if (result.error.length > 0) throw new DomainError('STORAGE_FAILED', `ticketEvents: ${result.error.length} not written`);
    }
    if (changed.length > 0) {
      const doc = await db.tickets.findOne(old.id).exec();
      if (!doc) throw new DomainError('NOT_FOUND', `ticket ${old.id} is not here`);
      // Only the changed fields: a change pulled meanwhile to another field is kept.
      await doc.incrementalPatch({ ...after, updatedAt: nowIso } as Partial<Ticket>);
      before.updatedAt = old.updatedAt;
      after.updatedAt = nowIso;
    }
    return { ticketId: old.id, before, after, eventIds: events.map((e) => e.id) };
  };

  const transitionError = (code: string, message: string): DomainError => {
    const path = code === 'pending_reason_required' ? 'pendingReason' : 'to';
    const top = code === 'role_forbidden' ? 'FORBIDDEN' : code === 'pending_reason_required' ? 'VALIDATION_FAILED' : 'CONFLICT';
    return new DomainError(top, message, issue(path, code, message));
  };

  /** A status change the domain allows for this worker, with its events. */
  const move = async (
    w: Worker,
    ticket: Ticket,
    to: Ticket['status'],
    opts: { pendingReason?: Ticket['pendingReason']; reason?: string; tags?: string[] },
  ): Promise<TicketChange> => {
    const now = clock().getTime();
    const { reopenWindowDays } = await currentOrgSettings(db);
    const check = canTransition({ ticket, to, roles: w.roleList, now, pendingReason: opts.pendingReason ?? null, reopenWindowDays });
    if (!check.ok) throw transitionError(check.code, check.message);
    const applied = applyTransition(ticket, to, { now, pendingReason: opts.pendingReason ?? null, ...(opts.reason ? { reason: opts.reason } : {}) });
    const next = opts.tags ? { ...applied.ticket, tags: opts.tags } : applied.ticket;
    return commit(w, ticket, next, applied.events);
  };

  const teamOf = async (teamId: string): Promise<Team | null> => ((await db.teams.findOne(teamId).exec())?.toJSON() as Team | undefined) ?? null;
  const personOf = async (personId: string): Promise<Person | null> => ((await db.people.findOne(personId).exec())?.toJSON() as Person | undefined) ?? null;

  const at = () => clock().toISOString();

  return {
    /** Title, description, contact, classification; a severity change needs a reason and moves the priority. */
    async edit(input: Input<typeof editTicketInput>): Promise<TicketChange> {
      const w = await worker();
      const old = await load(w, input.ticketId);
      const c = input.changes;
      let next: Ticket = { ...old, updatedAt: at() };
      const drafts: EventDraft[] = [];
      if (c.severity !== undefined && c.severity !== old.severity) {
        const customer = (await db.customers.findOne(old.customerId).exec())?.toJSON() as Customer | undefined;
        const changed = changeSeverity(next, c.severity, { now: clock().getTime(), reason: input.reason ?? '', tier: customer?.tier ?? old.customerTier });
        if (!changed.ok) throw invalid('reason', changed.code, changed.message);
        next = changed.ticket;
        drafts.push(...changed.events);
      }
      if (c.priority !== undefined && c.priority !== next.priority) {
        drafts.push({ kind: 'priority_change', at: at(), fromPriority: next.priority, toPriority: c.priority, ...(input.reason ? { reason: input.reason } : {}) });
        next.priority = c.priority;
      }
      if (c.title !== undefined) next.title = c.title;
      if (c.description !== undefined) next.description = c.description;
      if (c.type !== undefined) next.type = c.type;
      if (c.problemReport !== undefined) next.problemReport = c.problemReport;
      if (c.productLine !== undefined) next.productLine = c.productLine;
      if (c.tags !== undefined) next.tags = [...new Set(c.tags)];
      if (c.contact !== undefined) {
        const { name, phone, email } = c.contact;
        next.contact = { name, ...(phone ? { phone } : {}), ...(email ? { email } : {}) };
      }
      return commit(w, old, next, drafts);
    },

    /** A status change: pending needs its reason; reopening only within the window. */
    async transition(input: Input<typeof transitionInput>): Promise<TicketChange> {
      const w = await worker();
      const ticket = await load(w, input.ticketId);
      return move(w, ticket, input.to, { pendingReason: input.pendingReason ?? null, ...(input.reason ? { reason: input.reason } : {}) });
    },

    /** Service restored (the fix goes on) or the cause fixed, with the root cause category. */
    async resolve(input: Input<typeof resolveInput>): Promise<TicketChange> {
      const w = await worker();
      const ticket = await load(w, input.ticketId);
      const tags = [...ticket.tags.filter((t) => !t.startsWith(CAUSE_TAG)), `${CAUSE_TAG}${input.cause}`];
      if (tags.length > 20) throw invalid('cause', 'too_many_tags', 'the ticket has too many tags to record the cause');
      return move(w, ticket, input.outcome === 'fixed' ? 'resolved' : 'restored', { reason: input.summary, tags });
    },

    async reopen(input: Input<typeof reopenInput>): Promise<TicketChange> {
      const w = await worker();
      const ticket = await load(w, input.ticketId);
      if (ticket.status !== 'resolved' && ticket.status !== 'closed') throw transitionError('invalid_transition', `status: a ${ticket.status} ticket is not resolved`);
      return move(w, ticket, 'in_progress', { reason: input.reason });
    },

    /** A public reply to the customer: the first one is the first response. */
    async reply(input: Input<typeof replyInput>): Promise<TicketChange> {
      const w = await worker();
      const ticket = await load(w, input.ticketId);
      const when = at();
      const next = ticket.respondedAt === null ? { ...ticket, respondedAt: when, updatedAt: when } : ticket;
      return commit(w, ticket, next, [{ kind: 'reply', at: when, body: input.body }]);
    },

    /** An internal note: never shown to the customer; the ticket itself is unchanged. */
    async note(input: Input<typeof replyInput>): Promise<TicketChange> {
      const w = await worker();
      const ticket = await load(w, input.ticketId);
      return commit(w, ticket, ticket, [{ kind: 'note', at: at(), body: input.body }]);
    },

    /** To a team, and optionally a person of that team ('' leaves it unassigned). */
    async assign(input: Input<typeof assignInput>): Promise<TicketChange> {
      const w = await worker();
      const ticket = await load(w, input.ticketId);
      const team = await teamOf(input.teamId);
      // The device's own team exists before any sign-in only as an id.
      if (!team && input.teamId !== ticket.teamId) throw new DomainError('NOT_FOUND', `team ${input.teamId} is not here`, issue('teamId', 'team_not_found', 'team not found'));
      if (team && !team.active) throw invalid('teamId', 'team_inactive', `team ${team.id} is not active`);
      if (input.assigneeId !== NONE) {
        const person = input.assigneeId === w.me ? { active: true, teamId: w.teamId } : await personOf(input.assigneeId);
        if (!person) throw new DomainError('NOT_FOUND', `person ${input.assigneeId} is not here`, issue('assigneeId', 'person_not_found', 'person not found'));
        if (!person.active) throw invalid('assigneeId', 'person_inactive', 'the person is not active');
        if (person.teamId !== input.teamId) throw invalid('assigneeId', 'not_in_team', 'the person is not a member of that team');
      }
      if (input.teamId === ticket.teamId && input.assigneeId === ticket.assigneeId) throw invalid('assigneeId', 'unchanged', 'the ticket is already assigned there');
      const when = at();
      const next = { ...ticket, teamId: input.teamId, assigneeId: input.assigneeId, updatedAt: when };
      return commit(w, ticket, next, [
        { kind: 'assignment', at: when, fromTeamId: ticket.teamId, toTeamId: input.teamId, fromAssigneeId: ticket.assigneeId, toAssigneeId: input.assigneeId },
      ]);
    },

    /**
     * Escalates or de-escalates on one axis, with a reason, to a team or person (the domain's
     * default receiver when none is given). Level fields follow where the role may change them.
     */
    async escalate(input: Input<typeof escalateInput>): Promise<TicketChange> {
      const w = await worker();
      const ticket = await load(w, input.ticketId);
      let target: { personId: string | null; teamId: string | null };
      if (input.teamId || input.personId) {
        if (input.teamId && !(await teamOf(input.teamId))) throw new DomainError('NOT_FOUND', `team ${input.teamId} is not here`, issue('teamId', 'team_not_found', 'team not found'));
        if (input.personId && !(await personOf(input.personId))) throw new DomainError('NOT_FOUND', `person ${input.personId} is not here`, issue('personId', 'person_not_found', 'person not found'));
        target = { personId: input.personId || null, teamId: input.teamId || null };
      } else {
        const [teams, people] = await Promise.all([db.teams.find().exec(), db.people.find().exec()]);
        target = escalationTarget({
          ticket,
          axis: input.axis,
          to: input.to as EscalationLevel,
          teams: teams.map((d) => d.toJSON() as Team),
          people: people.map((d) => d.toJSON() as Person),
        });
      }
      const events = await eventsOf(ticket.id);
      const check = manualEscalation({ ticket, events, axis: input.axis, to: input.to as EscalationLevel, reason: input.reason, roles: w.roleList, target, now: clock().getTime() });
      if (!check.ok) {
        const top = check.code === 'role_forbidden' ? 'FORBIDDEN' : check.code === 'ticket_not_open' ? 'CONFLICT' : 'VALIDATION_FAILED';
        throw new DomainError(top, check.message, issue(check.code === 'reason_required' ? 'reason' : 'to', check.code, check.message));
      }
      if (check.draft.kind !== 'escalation') throw new DomainError('INTERNAL', 'escalation draft expected');
      const next = applyEscalation(ticket, check.draft);
      return commit(w, ticket, next, [check.draft], ['functionalLevel', 'managementLevel', 'teamId', 'assigneeId']);
    },

    /** The receiver confirms an escalation: the person it names, or a member (or lead) of its team. */
    async acknowledge(input: Input<typeof acknowledgeInput>): Promise<TicketChange> {
      const w = await worker();
      const ticket = await load(w, input.ticketId);
      const open = unacknowledgedEscalations(await eventsOf(ticket.id));
      const escalation = open.find((e) => e.id === input.escalationEventId);
      if (!escalation) throw new DomainError('CONFLICT', 'no open escalation with that id on this ticket', issue('escalationEventId', 'not_open', 'escalation already acknowledged or unknown'));
      const receiver =
        escalation.toPersonId === w.me ||
        (escalation.toTeamId !== null && (escalation.toTeamId === w.teamId || w.managedTeams.has(escalation.toTeamId))) ||
        (escalation.toPersonId === null && escalation.toTeamId === null && w.roles.has('manager'));
      if (!receiver) throw new DomainError('FORBIDDEN', 'only the receiver acknowledges an escalation', issue('escalationEventId', 'not_receiver', 'not the receiver'));
      return commit(w, ticket, ticket, [{ kind: 'escalation_ack', at: at(), escalationEventId: escalation.id, ...(input.body ? { body: input.body } : {}) }]);
    },
  };
};
export type TicketWorkService = ReturnType<typeof createTicketWorkService>;
