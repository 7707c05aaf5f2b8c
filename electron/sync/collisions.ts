/**
 * Records the values that lost a sync conflict, so no edit vanishes without a trace (S6, S8).
 * Tickets get a `field_conflict` event on their timeline (immutable, synced like any event);
 * collections without a timeline go to `onOther` (the caller logs them).
 */
import { v7 as uuidv7 } from 'uuid';
import type { FieldCollisionEvent, OnFieldCollision } from './conflict';
import type { SyncDatabase } from './replication';

const MAX_TEXT = 20_000;

function asText(v: unknown): string {
  const s = v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s;
}

export interface TicketCollisionRecorderOptions {
  db: SyncDatabase;
  /** The signed-in user: author of the event and owner of the lost value. */
  userId: () => string | null;
  now?: () => Date;
  onOther?: (event: FieldCollisionEvent) => void;
}

export function ticketConflictEvent(e: FieldCollisionEvent, userId: string, at: Date): Record<string, unknown> {
  const iso = at.toISOString();
  const kept = e.reason === 'deleted-remotely' ? '(ticket deleted on the server)' : asText(e.remoteValue);
  const lost = e.reason === 'deleted-locally' ? '(deleted on this device)' : asText(e.localValue);
  return {
    id: uuidv7(),
    createdAt: iso,
    updatedAt: iso,
    ticketId: e.id,
    authorId: userId,
    at: iso,
    kind: 'field_conflict',
    field: e.field.slice(0, 60),
    keptValue: kept,
    lostValue: lost,
    lostAuthorId: userId,
  };
}

export function createTicketCollisionRecorder(options: TicketCollisionRecorderOptions): OnFieldCollision {
  return async (e) => {
    const userId = options.userId();
    const events = options.db.collections.ticketEvents;
    if (e.collection !== 'tickets' || !userId || !events) {
      options.onOther?.(e);
      return;
    }
    await events.insert(ticketConflictEvent(e, userId, options.now?.() ?? new Date()));
  };
}
