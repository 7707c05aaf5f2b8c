/**
 * The timelines of many tickets, read on the store's read connection in one snapshot: one
 * tight range of the (ticketId, at) index per ticket, without a round trip to the store's
 * worker each. One `$in` over their ids would scan the index from the smallest id to the
 * largest; one RxDB query per ticket (the notifications' 700 open tickets of a team at start)
 * queued hundreds of requests in front of the first screen's. A ticket the read connection
 * cannot answer for is asked of RxDB.
 */
import type { TicketEvent } from '../../../shared/schema';
import type { CimsDatabase } from '../../db/open';
import type { SearchIndex } from '../../db/search-index';
import { readOnlyQueries } from '../../db/sqlite-storage';

export type TimelineReader = (ticketIds: readonly string[]) => Promise<TicketEvent[]>;

export const createTimelineReader = (db: CimsDatabase, search: SearchIndex): TimelineReader => {
  const readEvents = readOnlyQueries<TicketEvent>('ticketEvents', db.ticketEvents.schema.jsonSchema);
  return async (ticketIds) => {
    if (ticketIds.length === 0) return [];
    const queries = ticketIds.map((id) => db.ticketEvents.find({ selector: { ticketId: id } }));
    const read = search.read((conn) => queries.map((q) => readEvents(conn, q.getPreparedQuery())));
    const timelines = await Promise.all(read.map(async (docs, i) => (docs ?? (await queries[i]!.exec()).map((d) => d.toJSON())) as TicketEvent[]));
    return timelines.flat();
  };
};
