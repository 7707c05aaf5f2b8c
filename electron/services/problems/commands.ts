/**
 * Problem commands of the main process. Each checks the domain's rules (shared/domain/problems.ts)
 * that the server enforces on push, before anything is written, and writes to the local store
 * first: a problem opened offline syncs when the network is back. Linking a ticket also marks
 * the ticket (its `problemId` and a `problem_link` event on its timeline) where the ticket's
 * own write rules allow it; the problem's list of tickets is the record either way.
 */
import type { z } from 'zod';
import { RESOLVED_STATUSES } from '../../../shared/api/problems';
import type {
  ActionInput,
  ProblemTicket,
  createProblemInput,
  linkInput,
  recordCheckInput,
  ResolveProblemResult,
  resolveProblemInput,
  TicketResolution,
  unlinkInput,
  updateProblemInput,
} from '../../../shared/api/problems';
import type { FieldIssue } from '../../../shared/api/result';
import { problemIssues, resolveIssues, type ProblemIssue } from '../../../shared/domain/problems';
import { ticketWriteDecision } from '../../../shared/domain/ticketAccess';
import { validateDocument, type Problem, type ProblemAction, type Ticket, type TicketEvent } from '../../../shared/schema';
import type { CimsDatabase } from '../../db/open';
import { DomainError } from '../../core/errors';
import { newId } from '../../core/settings';
import type { Worker } from '../ticketWork/viewer';
import type { TicketWorkService } from '../ticketWork/work';
import { localDate, mayWriteProblems, type ProblemFacts } from './facts';

type Input<S extends z.ZodType> = z.output<S>;

/** The i18n key (problems namespace) of each domain issue. */
const MESSAGE: Record<ProblemIssue['code'], string> = {
  no_ticket: 'validation.ticketsRequired',
  due_before_created: 'validation.dueBeforeCreated',
  due_before_problem: 'validation.dueBeforeProblem',
  done_needed_for_check: 'validation.doneNeededForCheck',
  root_cause_required: 'validation.rootCauseRequired',
  cause_required: 'validation.causeRequired',
};

const refuseIssues = (issues: readonly ProblemIssue[]): void => {
  if (issues.length === 0) return;
  const fields: FieldIssue[] = issues.map((i) => ({ path: i.path, code: i.code, message: MESSAGE[i.code] }));
  throw new DomainError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.code}`).join('; '), fields);
};

const checked = (doc: Problem): Problem => {
  const result = validateDocument('problems', doc);
  if (!result.ok) throw new DomainError('VALIDATION_FAILED', `problems: ${result.errors.join('; ')}`);
  return doc;
};

/** Input actions to stored ones: an existing action keeps its id and its effectiveness check. */
const actionsFrom = (input: readonly ActionInput[], old: readonly ProblemAction[]): ProblemAction[] => {
  const before = new Map(old.map((a) => [a.id, a]));
  return input.map((a) => {
    const prior = a.id ? before.get(a.id) : undefined;
    const keepCheck = prior && a.status === 'done';
    return {
      id: prior?.id ?? newId(),
      kind: a.kind,
      description: a.description,
      ownerId: a.ownerId,
      dueDate: a.dueDate,
      status: a.status,
      effective: keepCheck ? prior.effective : null,
      checkedAt: keepCheck ? prior.checkedAt : null,
    };
  });
};

export const createProblemCommands = (db: CimsDatabase, facts: ProblemFacts, work: TicketWorkService, clock: () => Date = () => new Date()) => {
  const writer = async (): Promise<Worker> => {
    const w = await facts.worker();
    if (!mayWriteProblems(w)) throw new DomainError('FORBIDDEN', 'role may not change problems');
    return w;
  };
  const load = async (id: string): Promise<Problem> => {
    const p = await facts.problem(id);
    if (!p) throw new DomainError('NOT_FOUND', `problem ${id} is not here`, [{ path: 'id', code: 'problem_not_found', message: 'validation.problemNotFound' }]);
    return p;
  };

  /** Tickets to link must be here and in the worker's sight. */
  const visibleTickets = async (w: Worker, ids: readonly string[]): Promise<Ticket[]> => {
    const byId = await facts.ticketsByIds(ids);
    const seen = new Set((await facts.factsOf(w, [...byId.values()])).map((f) => f.ticket.id));
    const missing = ids.filter((id) => !seen.has(id));
    if (missing.length > 0) throw new DomainError('VALIDATION_FAILED', `tickets not here: ${missing.join(', ')}`, [{ path: 'ticketIds', code: 'ticket_not_found', message: 'validation.ticketNotFound' }]);
    return ids.map((id) => byId.get(id)!);
  };

  /** Marks each ticket: a timeline event, and its `problemId` when it has none and the rules allow. */
  const markLinked = async (w: Worker, problemId: string, tickets: readonly Ticket[]): Promise<void> => {
    const at = clock().toISOString();
    const events: TicketEvent[] = tickets.map((t) => ({ id: newId(), ticketId: t.id, authorId: w.me, createdAt: at, updatedAt: at, at, kind: 'problem_link', problemId }) as TicketEvent);
    const valid = events.filter((e) => validateDocument('ticketEvents', e).ok);
    if (valid.length > 0) await db.ticketEvents.bulkInsert(valid);
    for (const t of tickets) {
      if (t.problemId !== null) continue;
      const next = { ...t, problemId, updatedAt: at };
      if (!ticketWriteDecision(w, t, next, false).allowed) continue;
      await (await db.tickets.findOne(t.id).exec())?.incrementalPatch({ problemId, updatedAt: at });
    }
  };

  const save = async (old: Problem, next: Problem): Promise<{ id: string }> => {
    refuseIssues(problemIssues(old, next, localDate(clock())));
    const doc = await db.problems.findOne(old.id).exec();
    if (!doc) throw new DomainError('NOT_FOUND', `problem ${old.id} is not here`);
    await doc.incrementalPatch(checked(next));
    return { id: old.id };
  };

  /** Resolves one linked ticket (a new one is taken into work first), then replies once. */
  const resolveTicket = async (problem: Problem, ticket: ProblemTicket, ticketId: string, reply: string): Promise<TicketResolution> => {
    // Nothing about a ticket out of the worker's sight, not even its number.
    const number = ticket.number;
    if (ticket.status === 'resolved' || ticket.status === 'closed') return { ticketId, number, outcome: 'already_resolved' };
    try {
      if (ticket.status === 'new') await work.transition({ ticketId, to: 'in_progress', reason: problem.title });
      const summary = `${problem.title}: ${problem.rootCause}`.slice(0, 2000);
      await work.resolve({ ticketId, outcome: 'fixed', cause: problem.causeCategory, summary });
      await work.reply({ ticketId, body: reply });
      return { ticketId, number, outcome: 'resolved' };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { ticketId, number, outcome: 'refused', code: error.fields?.[0]?.code ?? error.code, reason: error.message };
    }
  };

  return {
    async create(input: Input<typeof createProblemInput>): Promise<{ id: string }> {
      const w = await writer();
      const tickets = await visibleTickets(w, input.ticketIds);
      const now = clock().toISOString();
      const problem: Problem = {
        id: newId(),
        createdAt: now,
        updatedAt: now,
        title: input.title,
        description: input.description,
        status: 'open',
        causeCategory: input.causeCategory,
        productLine: input.productLine,
        ownerId: input.ownerId,
        ticketIds: input.ticketIds,
        assetIds: [...new Set(tickets.map((t) => t.assetId).filter((a) => a !== ''))],
        whys: input.whys,
        rootCause: input.rootCause,
        actions: actionsFrom(input.actions, []),
      };
      refuseIssues(problemIssues(null, problem, localDate(clock())));
      await db.problems.insert(checked(problem));
      await markLinked(w, problem.id, tickets);
      return { id: problem.id };
    },

    async update(input: Input<typeof updateProblemInput>): Promise<{ id: string }> {
      await writer();
      const old = await load(input.id);
      const c = input.changes;
      const next: Problem = {
        ...old,
        ...(c.title !== undefined ? { title: c.title } : {}),
        ...(c.description !== undefined ? { description: c.description } : {}),
        ...(c.status !== undefined ? { status: c.status } : {}),
        ...(c.causeCategory !== undefined ? { causeCategory: c.causeCategory } : {}),
        ...(c.productLine !== undefined ? { productLine: c.productLine } : {}),
        ...(c.ownerId !== undefined ? { ownerId: c.ownerId } : {}),
        ...(c.whys !== undefined ? { whys: c.whys } : {}),
        ...(c.rootCause !== undefined ? { rootCause: c.rootCause } : {}),
        ...(c.actions !== undefined ? { actions: actionsFrom(c.actions, old.actions) } : {}),
        updatedAt: clock().toISOString(),
      };
      // Verifying or closing needs the root cause, however the status is changed.
      const resolving = (s: Problem['status']) => (RESOLVED_STATUSES as readonly string[]).includes(s);
      if (resolving(next.status) && !resolving(old.status)) refuseIssues(resolveIssues(next));
      return save(old, next);
    },

    async link(input: Input<typeof linkInput>): Promise<{ id: string }> {
      const w = await writer();
      const old = await load(input.id);
      const added = input.ticketIds.filter((id) => !old.ticketIds.includes(id));
      const tickets = await visibleTickets(w, added);
      const assetIds = [...new Set([...old.assetIds, ...tickets.map((t) => t.assetId).filter((a) => a !== '')])];
      const result = await save(old, { ...old, ticketIds: [...old.ticketIds, ...added], assetIds, updatedAt: clock().toISOString() });
      await markLinked(w, old.id, tickets);
      return result;
    },

    async unlink(input: Input<typeof unlinkInput>): Promise<{ id: string }> {
      await writer();
      const old = await load(input.id);
      return save(old, { ...old, ticketIds: old.ticketIds.filter((id) => id !== input.ticketId), updatedAt: clock().toISOString() });
    },

    /**
     * The root cause is known: the problem moves to verifying (or closed) and, if asked, every
     * linked ticket is resolved with the same public reply, one by one through the ticket
     * actions, so each ticket's own rules decide and a refusal is reported, never skipped.
     */
    async resolve(input: Input<typeof resolveProblemInput>): Promise<ResolveProblemResult> {
      const w = await writer();
      const old = await load(input.id);
      refuseIssues(resolveIssues(old));
      await save(old, { ...old, status: input.status, updatedAt: clock().toISOString() });
      const tickets: TicketResolution[] = [];
      if (input.resolveTickets) {
        const views = await facts.ticketViews(w, old.ticketIds);
        for (const view of views) tickets.push(await resolveTicket(old, view, view.id, input.reply));
      }
      return { id: old.id, status: input.status, tickets };
    },

    /** The effectiveness verdict, recorded on every action that is done. */
    async recordCheck(input: Input<typeof recordCheckInput>): Promise<{ id: string }> {
      await writer();
      const old = await load(input.id);
      if (!old.actions.some((a) => a.status === 'done')) {
        throw new DomainError('CONFLICT', 'no action is done', [{ path: 'actions', code: 'no_done_action', message: 'validation.noDoneAction' }]);
      }
      const at = clock().toISOString();
      const actions = old.actions.map((a) => (a.status === 'done' ? { ...a, effective: input.effective, checkedAt: at } : a));
      return save(old, { ...old, actions, updatedAt: at });
    },
  };
};
export type ProblemCommands = ReturnType<typeof createProblemCommands>;
