/**
 * Who may send and fetch which blob. A blob belongs to an owner (shared/sync/blobs.ts): a
 * ticket or a maintenance round, and the owner's read rules decide, the same door every
 * document passes (server/access/rules.ts for tickets, server/access/records for rounds).
 *
 * Uploading needs an owner the caller can read. Downloading needs a readable ticket whose
 * attachment or signature event names the hash (or being that event's author, or an admin),
 * or a readable round the blob was sent for (the blob_owners table, migration 11: a round's
 * report PDF is named by no document, so the link is kept when a device sends or asks for it).
 * A round blob the caller may not read is answered exactly as a blob that does not exist.
 *
 * A refusal of something the server has is a `BlobRefusal`: answered like any HttpError, and
 * carrying whose blob it was, so the routes can audit it (Z6, audit.ts) without the answer
 * telling more.
 */
import type { UserRow } from '../auth/users';
import { blobOwnerOf } from '../../shared/sync/blobs';
import { loadContext, type CimsContext } from '../access/context';
import { recordsAccess } from '../access/records';
import { canReadTicket, ticketEventAccess } from '../access/rules';
import type { Queryable } from '../db/db';
import type { Doc } from '../sync/registry';
import { HttpError } from '../http/errors';
import type { SyncErrorCode } from '../../shared/sync/protocol';
import type { RefusedOwners } from './audit';

// The round rules need no ticket map, so the context is loaded as for tickets (without it).
const contextOf = (q: Queryable, user: UserRow): Promise<CimsContext> =>
  loadContext(q, { id: user.id, username: user.username, roles: user.roles, teamId: user.team_id }, 'tickets', canReadTicket);

const ticketDoc = async (q: Queryable, ticketId: string): Promise<Doc | null> =>
  (await q.query<{ doc: Doc }>(`select doc from sync_docs where collection = 'tickets' and id = $1 and not deleted`, [ticketId])).rows[0]?.doc ?? null;

const roundDoc = async (q: Queryable, roundId: string): Promise<Doc | null> =>
  (await q.query<{ doc: Doc }>(`select doc from sync_docs where collection = 'records' and id = $1 and not deleted and doc->>'kind' = 'maintenanceRound'`, [roundId])).rows[0]?.doc ?? null;

/** Whether the caller may read a round: the records rule, as a pull would decide. */
export type RoundReadRule = (ctx: CimsContext, round: Doc) => boolean;
const readsRound: RoundReadRule = (ctx, round) => recordsAccess.canRead(ctx, round);

/** A refused request: the answer the caller gets, and (for the audit only) whose blob it was. */
export class BlobRefusal extends HttpError {
  constructor(
    readonly owners: RefusedOwners,
    status: number,
    code: SyncErrorCode,
    message: string,
    field?: string,
  ) {
    super(status, code, message, field);
  }
}

/**
 * The answer for a blob nobody may see, or that does not exist: the two are not told apart.
 * Only the first is audited: a blob nothing names yet is ordinary sync lag (a photo asked for
 * before its upload), as is an owner not on the server yet.
 */
const NO_SUCH_BLOB = 'No attachment with this content';
const noSuchBlob = (owners: RefusedOwners | null) => (owners ? new BlobRefusal(owners, 404, 'NOT_FOUND', NO_SUCH_BLOB) : new HttpError(404, 'NOT_FOUND', NO_SUCH_BLOB));

/**
 * Throws unless the caller may send the blob for its owner (`ownerRef`, the `ticketId`
 * parameter). An owner the server does not have yet (created offline, still syncing) is 404:
 * the device tries again after its next sync. A round's blob is linked to the round here, so
 * the round's readers may fetch it (also when the server had the bytes already).
 */
export async function assertMayUpload(q: Queryable, user: UserRow, ownerRef: string, sha: string, readRound: RoundReadRule = readsRound): Promise<void> {
  const owner = blobOwnerOf(ownerRef);
  if ('roundId' in owner) {
    const round = await roundDoc(q, owner.roundId);
    if (!round) throw new HttpError(404, 'NOT_FOUND', 'The round is not on the server (yet); try again after it synced', 'ticketId');
    if (!readRound(await contextOf(q, user), round)) throw new BlobRefusal(owner, 403, 'FORBIDDEN', 'Not allowed to attach files to this round', 'ticketId');
    await q.query(`insert into blob_owners (sha256, owner_kind, owner_id, linked_by) values ($1, 'round', $2, $3) on conflict do nothing`, [sha, owner.roundId, user.id]);
    return;
  }
  const ticket = await ticketDoc(q, owner.ticketId);
  if (!ticket) throw new HttpError(404, 'NOT_FOUND', 'The ticket is not on the server (yet); try again after it synced', 'ticketId');
  const ctx = await contextOf(q, user);
  if (!canReadTicket(ctx, ticket)) throw new BlobRefusal(owner, 403, 'FORBIDDEN', 'Not allowed to attach files to this ticket', 'ticketId');
}

/** Throws unless an event or a round the caller may read names the blob. */
export async function assertMayDownload(q: Queryable, user: UserRow, sha: string, readRound: RoundReadRule = readsRound): Promise<void> {
  // Seq scan over the timeline's rows of this hash; downloads happen when a file is opened.
  const events = await q.query<{ doc: Doc }>(
    `select doc from sync_docs
      where collection = 'ticketEvents' and not deleted and doc->>'sha256' = $1 and doc->>'kind' in ('attachment', 'signature')`,
    [sha],
  );
  const rounds = await q.query<{ id: string; doc: Doc }>(
    `select r.id, r.doc from blob_owners o
       join sync_docs r on r.collection = 'records' and r.id = o.owner_id and not r.deleted and r.doc->>'kind' = 'maintenanceRound'
      where o.sha256 = $1 and o.owner_kind = 'round'`,
    [sha],
  );
  const named = { ticketIds: [...new Set(events.rows.map((e) => String(e.doc.ticketId)))], roundIds: rounds.rows.map((r) => r.id) };
  if (events.rows.length === 0 && rounds.rows.length === 0) throw noSuchBlob(null);
  const ctx = await contextOf(q, user);
  if (rounds.rows.some((r) => readRound(ctx, r.doc))) return;
  // Only rounds name it, none of them readable: as if it did not exist.
  if (events.rows.length === 0) throw noSuchBlob(named);
  const tickets = new Map<string, boolean>();
  for (const id of named.ticketIds) {
    const t = await ticketDoc(q, id);
    tickets.set(id, t !== null && canReadTicket(ctx, t));
  }
  const eventCtx: CimsContext = { ...ctx, tickets };
  if (!events.rows.some((e) => ticketEventAccess.canRead(eventCtx, e.doc))) throw new BlobRefusal(named, 403, 'FORBIDDEN', 'Not allowed to see this attachment');
}
