/**
 * Bulk actions: one ticket action per selected ticket, each judged by the ticket actions' own
 * rules, so a refused ticket (out of sight, wrong status, not allowed for the role) leaves the
 * others changed and is reported with its reason. Undo puts each change back through the same
 * actions, and only where nothing changed the ticket since.
 */
import type { z } from 'zod';
import type { BulkOutcome, BulkResult, bulkInput, undoInput } from '../../../shared/api/board';
import type { TicketChange } from '../../../shared/api/ticketWork';
import type { Ticket, TicketEvent } from '../../../shared/schema';
import { canReadTicket } from '../../../shared/domain/ticketAccess';
import { displayTicketNumber } from '../../../shared/domain/ticketNumber';
import type { SessionUser } from '../../../shared/sync/protocol';
import type { CimsDatabase } from '../../db/open';
import { DomainError } from '../../core/errors';
import type { SettingsStore } from '../../core/settings';
import { workerOf } from '../ticketWork/viewer';
import type { TicketWorkService } from '../ticketWork/work';

type Input<S extends z.ZodType> = z.output<S>;
type UndoChange = Input<typeof undoInput>['changes'][number];

/** A refusal the user can read: the precise field reason when the action named one. */
const refusal = (error: unknown): { code: string; reason: string } => {
  if (error instanceof DomainError) return { code: error.fields?.[0]?.code ?? error.code, reason: error.message };
  throw error;
};

const summarise = (outcomes: BulkOutcome[]): BulkResult => ({
  changed: outcomes.filter((o) => o.ok).length,
  refused: outcomes.filter((o) => !o.ok).length,
  outcomes,
});

export const createBulkService = (db: CimsDatabase, settings: SettingsStore, work: TicketWorkService, currentUser: () => SessionUser | null = () => null) => {
  /** The number the user knows the ticket by; nothing about a ticket they may not see. */
  const numberOf = async (ticketId: string): Promise<string> => {
    const ticket = (await db.tickets.findOne(ticketId).exec())?.toJSON() as Ticket | undefined;
    if (!ticket) return '';
    const w = await workerOf(db, settings, currentUser());
    return canReadTicket(w, ticket) ? displayTicketNumber(ticket) : '';
  };

  /** Runs one action per ticket, in the order given; one ticket's refusal never stops the rest. */
  const each = async (ticketIds: readonly string[], act: (ticketId: string) => Promise<TicketChange>): Promise<BulkResult> => {
    const outcomes: BulkOutcome[] = [];
    for (const ticketId of ticketIds) {
      try {
        const change = await act(ticketId);
        outcomes.push({ ticketId, number: await numberOf(ticketId), ok: true, change });
      } catch (error) {
        outcomes.push({ ticketId, number: await numberOf(ticketId), ok: false, ...refusal(error) });
      }
    }
    return summarise(outcomes);
  };

  const escalationOf = async (change: UndoChange): Promise<TicketEvent | undefined> => {
    const docs = await db.ticketEvents.findByIds(change.eventIds).exec();
    return [...docs.values()].map((d) => d.toJSON() as TicketEvent).find((e) => e.kind === 'escalation');
  };

  /** The reverse of one change, if the ticket is still as the change left it. */
  const undoOne = async (kind: Input<typeof undoInput>['kind'], change: UndoChange, reason: string): Promise<TicketChange> => {
    const current = (await db.tickets.findOne(change.ticketId).exec())?.toJSON() as Ticket | undefined;
    if (current && typeof change.after.updatedAt === 'string' && current.updatedAt !== change.after.updatedAt) {
      throw new DomainError('CONFLICT', 'the ticket changed after the action', [{ path: 'ticketId', code: 'changed_since', message: 'changed since' }]);
    }
    const before = change.before;
    const text = (key: string): string | undefined => (typeof before[key] === 'string' ? (before[key] as string) : undefined);
    if (kind === 'assign') {
      const teamId = text('teamId') ?? current?.teamId ?? '';
      return work.assign({ ticketId: change.ticketId, teamId, assigneeId: text('assigneeId') ?? current?.assigneeId ?? '' });
    }
    if (kind === 'transition') {
      const to = text('status');
      if (!to) throw new DomainError('CONFLICT', 'nothing to put back', [{ path: 'ticketId', code: 'not_undoable', message: 'no status change' }]);
      const pendingReason = text('pendingReason');
      return work.transition({ ticketId: change.ticketId, to: to as Ticket['status'], ...(pendingReason ? { pendingReason: pendingReason as Ticket['pendingReason'] & string } : {}), reason });
    }
    const escalation = await escalationOf(change);
    if (!escalation || escalation.kind !== 'escalation') throw new DomainError('CONFLICT', 'no escalation to undo', [{ path: 'ticketId', code: 'not_undoable', message: 'no escalation' }]);
    // A functional move that changed the team goes back to the team (and person) it came from.
    const teamId = text('teamId');
    return work.escalate({
      ticketId: change.ticketId,
      axis: escalation.axis,
      to: escalation.fromLevel as Parameters<TicketWorkService['escalate']>[0]['to'],
      reason,
      ...(teamId ? { teamId, ...(text('assigneeId') ? { personId: text('assigneeId') } : {}) } : {}),
    });
  };

  return {
    bulk(input: Input<typeof bulkInput>): Promise<BulkResult> {
      const action = input.action;
      return each(input.ticketIds, (ticketId) => {
        switch (action.kind) {
          case 'assign':
            return work.assign({ ticketId, teamId: action.teamId, assigneeId: action.assigneeId });
          case 'transition':
            return work.transition({ ticketId, to: action.to, ...(action.pendingReason ? { pendingReason: action.pendingReason } : {}), ...(action.reason ? { reason: action.reason } : {}) });
          case 'escalate':
            return work.escalate({ ticketId, axis: action.axis, to: action.to, reason: action.reason });
        }
      });
    },

    async undo(input: Input<typeof undoInput>): Promise<BulkResult> {
      const byId = new Map(input.changes.map((c) => [c.ticketId, c]));
      return each([...byId.keys()], (ticketId) => undoOne(input.kind, byId.get(ticketId)!, input.reason));
    },
  };
};
export type BulkService = ReturnType<typeof createBulkService>;
