/**
 * The timelines of many tickets, read on the store's read connection: one tight range of the
 * (ticketId, at) index per ticket, without a round trip to the store's worker each. One `$in`
 * over their ids would scan the index from the smallest id to the largest; one RxDB query per
 * ticket (the notifications' 700 open tickets of a team at start) queued hundreds of requests
 * in front of the first screen's. A ticket the read connection cannot answer for is asked of
 * RxDB.
 */
import type { PreparedQuery } from 'rxdb';
import type { TicketEvent } from '../../../shared/schema';
import type { CimsDatabase } from '../../db/open';
import type { SearchIndex } from '../../db/search-index';
import { readOnlyQueries } from '../../db/sqlite-storage';

export type TimelineReader = (ticketIds: readonly string[]) => Promise<TicketEvent[]>;

/**
 * Tickets read in one snapshot before the event loop is let go: the notifications' hundreds of
 * timelines held the main process for a second at a time, and the screens' queries waited.
 */
const TICKETS_PER_SLICE = 100;

/** Stands for the ticket id in the one query planned for all tickets. */
const ANY_TICKET = '\u0000ticket';

export const createTimelineReader = (db: CimsDatabase, search: SearchIndex): TimelineReader => {
  const readEvents = readOnlyQueries<TicketEvent>('ticketEvents', db.ticketEvents.schema.jsonSchema);
  // Planned once: the plan of `{ ticketId: x }` differs from ticket to ticket only in the
  // keys that hold x (RxDB's planner is pure JavaScript and took as long as the reads).
  let template: PreparedQuery<TicketEvent> | undefined;
  const preparedFor = (id: string): PreparedQuery<TicketEvent> => {
    template ??= db.ticketEvents.find({ selector: { ticketId: ANY_TICKET } }).getPreparedQuery() as PreparedQuery<TicketEvent>;
    const { query, queryPlan: plan } = template;
    // A plan whose keys do not hold the id (another index chosen) is planned for each ticket.
    if (!plan.startKeys.includes(ANY_TICKET)) return db.ticketEvents.find({ selector: { ticketId: id } }).getPreparedQuery() as PreparedQuery<TicketEvent>;
    const put = (keys: typeof plan.startKeys) => keys.map((k) => (k === ANY_TICKET ? id : k)) as typeof plan.startKeys;
    return { query: { ...query, selector: { ...query.selector, ticketId: { $eq: id } } }, queryPlan: { ...plan, startKeys: put(plan.startKeys), endKeys: put(plan.endKeys) } };
  };
  return async (ticketIds) => {
    const events: TicketEvent[] = [];
    for (let from = 0; from < ticketIds.length; from += TICKETS_PER_SLICE) {
      if (from > 0) await new Promise((resolve) => setImmediate(resolve));
      const ids = ticketIds.slice(from, from + TICKETS_PER_SLICE);
      const read = search.read((conn) => ids.map((id) => readEvents(conn, preparedFor(id))));
      for (const [i, docs] of read.entries()) {
        if (docs) for (const { _meta, _rev, _attachments, _deleted, ...event } of docs) events.push(event as TicketEvent);
        else events.push(...(await db.ticketEvents.find({ selector: { ticketId: ids[i]! } }).exec()).map((d) => d.toJSON() as TicketEvent));
      }
    }
    return events;
  };
};
