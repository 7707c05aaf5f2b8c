import { changedFields } from '../../../shared/domain/ticketAccess';
import type { Doc } from '../../sync/registry';
import type { CimsContext } from '../context';
import { ALLOW, has, refuse, type RecordKindAccess } from './kinds';

// Stocktakes (shared/schema/records/stocktake.ts). Everyone on staff reads them: a stocktake
// is about the installed base, which everyone reads too. Asset managers (managers, admins)
// open, close and resolve; field staff of the stocktake's region count, append only.

const body = (doc: Doc): Record<string, unknown> => (doc.body && typeof doc.body === 'object' ? (doc.body as Record<string, unknown>) : {});
const keepers = (ctx: CimsContext) => has(ctx, 'admin', 'manager');
const denied = (old: Doc | null, next: Doc, deleted: boolean, fallback: string) => (deleted ? ['_deleted'] : old ? changedFields(old, next) : [fallback]);

/** Field staff count in their own region (their own, or their team's); asset managers anywhere. */
const countsIn = (ctx: CimsContext, region: string): boolean => {
  if (keepers(ctx)) return true;
  if (!has(ctx, 'technician', 'engineer')) return false;
  const teamRegion = ctx.teamId ? ctx.teamRegions.get(ctx.teamId) : null;
  return ctx.region === region || teamRegion === region;
};

export const stocktakeAccess: RecordKindAccess = {
  canRead: () => true,
  canWrite(ctx, old, next, deleted) {
    if (!keepers(ctx)) return refuse(denied(old, next, deleted, 'kind'), 'stocktakes are opened and closed by asset managers');
    // The result is kept: a stocktake is closed, not deleted (administrators may remove a mistaken one).
    if (deleted && !has(ctx, 'admin')) return refuse(['_deleted'], 'a stocktake is closed, not deleted');
    return ALLOW;
  },
};

export const stocktakeCountAccess: RecordKindAccess = {
  canRead: () => true,
  appendOnly: true,
  canWrite(ctx, _old, next) {
    const b = body(next);
    if (b.countedBy !== ctx.me) return refuse(['body.countedBy'], 'a count is recorded in the counter’s own name');
    if (!countsIn(ctx, String(b.region))) return refuse(['body.region'], 'counts come from field staff of the stocktake’s region');
    return ALLOW;
  },
};

export const stocktakeResolutionAccess: RecordKindAccess = {
  canRead: () => true,
  canWrite(ctx, old, next, deleted) {
    if (!keepers(ctx)) return refuse(denied(old, next, deleted, 'kind'), 'discrepancies are resolved by asset managers');
    if (!deleted && body(next).by !== ctx.me) return refuse(['body.by'], 'a resolution is recorded in its author’s own name');
    return ALLOW;
  },
};
