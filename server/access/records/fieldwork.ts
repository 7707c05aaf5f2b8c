import { changedFields } from '../../../shared/domain/ticketAccess';
import type { CimsContext } from '../context';
import { ALLOW, has, refuse, type RecordKindAccess } from './kinds';

// Site visits and their corrections belong to a ticket (ref) as its timeline events do: read
// and written by whoever may read that ticket (ctx.tickets, loaded for records), in one's own
// name. A ticket created offline may arrive after its visit: an unknown ticket is accepted, as
// for events. A signed visit is frozen: the customer signed those times.
const ticketReadable = (ctx: CimsContext, ticketId: string): boolean | undefined =>
  has(ctx, 'admin') ? true : ctx.tickets?.get(ticketId);

const body = (r: Record<string, unknown>) => (r.body ?? {}) as Record<string, unknown>;

const writerRefusal = (ctx: CimsContext, ticketId: string, person: unknown) => {
  if (has(ctx, 'assessor') && ctx.roles.size === 1)
    return refuse(['ref'], 'assessors do not write to tickets');
  if (ticketReadable(ctx, ticketId) === false) return refuse(['ref'], 'ticket not visible to the user');
  if (person !== ctx.me && !has(ctx, 'admin'))
    return refuse(['body'], 'field work is recorded in one’s own name');
  return null;
};

export const visitAccess: RecordKindAccess = {
  canRead: (ctx, r) => body(r).technicianId === ctx.me || ticketReadable(ctx, String(r.ref)) === true,
  canWrite(ctx, old, next, deleted) {
    if (old?.status === 'signed')
      return refuse(
        deleted ? ['_deleted'] : changedFields(old, next),
        'a signed visit is corrected by a new record, never changed',
      );
    if (deleted) return refuse(['_deleted'], 'visits are kept');
    if (old && (old.ref !== next.ref || body(old).technicianId !== body(next).technicianId))
      return refuse(['ref', 'body'], 'a visit keeps its ticket and technician');
    return writerRefusal(ctx, String(next.ref), body(next).technicianId) ?? ALLOW;
  },
};

export const visitCorrectionAccess: RecordKindAccess = {
  appendOnly: true,
  canRead: (ctx, r) => body(r).authorId === ctx.me || ticketReadable(ctx, String(r.ref)) === true,
  canWrite: (ctx, _old, next) => writerRefusal(ctx, String(next.ref), body(next).authorId) ?? ALLOW,
};
