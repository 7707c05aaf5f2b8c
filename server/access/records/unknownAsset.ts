import { changedFields } from '../../../shared/domain/ticketAccess';
import { ALLOW, has, refuse, type RecordKindAccess } from './kinds';

// Notes of unknown asset codes: every member of staff may leave one (in their own name) and
// read them; the asset team (the roles that edit assets) registers or dismisses them.
const STAFF = ['admin', 'manager', 'expert', 'engineer', 'technician'];

export const unknownAssetAccess: RecordKindAccess = {
  canRead: (ctx) => has(ctx, ...STAFF),
  canWrite(ctx, old, next, deleted) {
    if (!has(ctx, ...STAFF))
      return refuse(
        deleted ? ['_deleted'] : old ? changedFields(old, next) : ['kind'],
        'only staff note unknown asset codes',
      );
    if (deleted && !has(ctx, 'admin', 'manager'))
      return refuse(['_deleted'], 'notes are dismissed, not deleted');
    const body = (next.body ?? {}) as Record<string, unknown>;
    if (!old && body.reportedBy !== ctx.me && !has(ctx, 'admin'))
      return refuse(['body'], 'notes are left in one’s own name');
    return ALLOW;
  },
};
