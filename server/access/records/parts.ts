import { changedFields } from '../../../shared/domain/ticketAccess';
import type { Doc } from '../../sync/registry';
import type { CimsContext } from '../context';
import { ALLOW, has, refuse, type RecordKindAccess } from './kinds';

// Spare parts, van stock and suppliers (DOMAIN.md, "Visits and spare parts", "Suppliers").

/** Everyone signed in reads the catalogue and the suppliers; admins and managers keep them. */
const referenceKind: RecordKindAccess = {
  canRead: () => true,
  canWrite(ctx, old, next, deleted) {
    if (has(ctx, 'admin', 'manager')) return ALLOW;
    return refuse(deleted ? ['_deleted'] : old ? changedFields(old, next) : ['kind'], 'the parts catalogue and suppliers are kept by managers and admins');
  },
};

export const partAccess = referenceKind;
export const supplierAccess = referenceKind;

const bodyOf = (r: Doc): Record<string, unknown> => (r.body && typeof r.body === 'object' ? (r.body as Record<string, unknown>) : {});

/**
 * A technician's movements are read by the technician, their managers (chain) and the
 * admins and managers who issue stock and judge suppliers. Managers read every holder's:
 * supplier figures count every movement.
 */
const readsAllStock = (ctx: CimsContext) => has(ctx, 'admin', 'manager');

export const stockMovementAccess: RecordKindAccess = {
  // D5: a movement, once stored, is never changed or deleted; a correction is a new movement.
  appendOnly: true,
  canRead: (ctx, r) => readsAllStock(ctx) || r.ref2 === ctx.me || ctx.reports.has(String(r.ref2)),
  filterSql(ctx, col, param) {
    if (readsAllStock(ctx)) return 'true';
    return `${col}->>'ref2' = any(${param([ctx.me, ...ctx.reports])}::text[])`;
  },
  canWrite(ctx, _old, next) {
    const body = bodyOf(next);
    // A technician moves only their own stock; managers and admins issue to anyone.
    if (next.ref2 !== ctx.me && !readsAllStock(ctx)) return refuse(['ref2'], 'a technician moves only their own stock');
    if (body.by !== ctx.me && !has(ctx, 'admin')) return refuse(['body'], 'movements are written in one’s own name');
    const ticketId = body.ticketId;
    if (typeof ticketId === 'string' && ticketId !== '') {
      // As for timeline events: a ticket created offline may arrive after its movements.
      if (ctx.tickets?.get(ticketId) === false) return refuse(['body'], 'ticket not visible to the user');
    }
    return ALLOW;
  },
};
