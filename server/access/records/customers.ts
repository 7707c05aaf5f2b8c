import { changedFields } from '../../../shared/domain/ticketAccess';
import type { Doc } from '../../sync/registry';
import type { CimsContext } from '../context';
import { ALLOW, has, refuse, type RecordKindAccess } from './kinds';

// Customer relationship records (DOMAIN.md "Customer relationship"). Customers are reference
// data every member of staff reads, and so are their contact logs and account plans: whoever
// serves an account should know when it was last visited and who looks after it.

const bodyOf = (doc: Doc | null): Record<string, unknown> => (doc?.body && typeof doc.body === 'object' ? (doc.body as Record<string, unknown>) : {});
const isManager = (ctx: CimsContext) => has(ctx, 'admin', 'manager');
const staff = (ctx: CimsContext) => ctx.roles.size > 0;

/**
 * Contact logs: anyone on the staff logs a contact in their own name (`by` is the pusher);
 * only its author or a manager changes or removes it, and nobody moves it to another author.
 */
export const contactLogAccess: RecordKindAccess = {
  canRead: (ctx) => staff(ctx),
  canWrite(ctx, old, next, deleted) {
    const by = String(bodyOf(next).by ?? '');
    if (!old) return by === ctx.me ? ALLOW : refuse(['body'], 'a contact is logged in its author’s own name');
    const author = String(bodyOf(old).by ?? '');
    if (author !== ctx.me && !isManager(ctx)) return refuse(deleted ? ['_deleted'] : changedFields(old, next), 'only the author or a manager changes a contact log');
    if (by !== author) return refuse(['body'], 'a contact log keeps its author');
    return ALLOW;
  },
};

/**
 * Account plans: managers and admins set them up and name the account manager; the account
 * manager keeps their own plan (cadence, notes) but does not hand it to someone else.
 */
export const accountPlanAccess: RecordKindAccess = {
  canRead: (ctx) => staff(ctx),
  canWrite(ctx, old, next, deleted) {
    if (isManager(ctx)) return ALLOW;
    const fields = deleted ? ['_deleted'] : changedFields(old, next);
    const keeper = old ? String(bodyOf(old).managerId ?? '') : '';
    if (!old || keeper !== ctx.me) return refuse(fields, 'account plans are kept by managers and the account manager');
    if (deleted || String(bodyOf(next).managerId ?? '') !== keeper) return refuse(deleted ? fields : ['body'], 'only a manager names another account manager');
    return ALLOW;
  },
};
