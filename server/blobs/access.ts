/**
 * Who may send and fetch which blob: the ticket read rules (server/access/rules.ts), the same
 * door every document passes. Uploading needs a ticket the caller can read; downloading needs
 * a readable ticket whose attachment or signature event names the hash (or being that event's
 * author, or an admin).
 */
import type { UserRow } from '../auth/users';
import { loadContext, type CimsContext } from '../access/context';
import { canReadTicket, ticketEventAccess } from '../access/rules';
import type { Queryable } from '../db/db';
import type { Doc } from '../sync/registry';
import { HttpError } from '../http/errors';

const contextOf = (q: Queryable, user: UserRow): Promise<CimsContext> =>
  loadContext(q, { id: user.id, username: user.username, roles: user.roles, teamId: user.team_id }, 'tickets', canReadTicket);

const ticketDoc = async (q: Queryable, ticketId: string): Promise<Doc | null> =>
  (await q.query<{ doc: Doc }>(`select doc from sync_docs where collection = 'tickets' and id = $1 and not deleted`, [ticketId])).rows[0]?.doc ?? null;

/**
 * Throws unless the caller may attach to the ticket. A ticket the server does not have yet
 * (created offline, still syncing) is 404: the device tries again after its next sync.
 */
export async function assertMayUpload(q: Queryable, user: UserRow, ticketId: string): Promise<void> {
  const ticket = await ticketDoc(q, ticketId);
  if (!ticket) throw new HttpError(404, 'NOT_FOUND', 'The ticket is not on the server (yet); try again after it synced', 'ticketId');
  const ctx = await contextOf(q, user);
  if (!canReadTicket(ctx, ticket)) throw new HttpError(403, 'FORBIDDEN', 'Not allowed to attach files to this ticket', 'ticketId');
}

/** Throws unless an event the caller may read names the blob. */
export async function assertMayDownload(q: Queryable, user: UserRow, sha: string): Promise<void> {
  // Seq scan over the timeline's rows of this hash; downloads happen when a file is opened.
  const events = await q.query<{ doc: Doc }>(
    `select doc from sync_docs
      where collection = 'ticketEvents' and not deleted and doc->>'sha256' = $1 and doc->>'kind' in ('attachment', 'signature')`,
    [sha],
  );
  if (events.rows.length === 0) throw new HttpError(404, 'NOT_FOUND', 'No attachment with this content');
  const ctx = await contextOf(q, user);
  const tickets = new Map<string, boolean>();
  for (const e of events.rows) {
    const id = String(e.doc.ticketId);
    if (!tickets.has(id)) {
      const t = await ticketDoc(q, id);
      tickets.set(id, t !== null && canReadTicket(ctx, t));
    }
  }
  const eventCtx: CimsContext = { ...ctx, tickets };
  if (!events.rows.some((e) => ticketEventAccess.canRead(eventCtx, e.doc))) throw new HttpError(403, 'FORBIDDEN', 'Not allowed to see this attachment');
}
