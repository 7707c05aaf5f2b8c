import { maySubscribe, subscriptionId } from '../../../shared/domain/reportPacks';
import type { CimsContext } from '../context';
import { ALLOW, has, refuse, type RecordKindAccess } from './kinds';

// Scheduled report packs (shared/schema/records/reportPacks.ts). A subscription is the
// subscriber's own: only they (and admins) read or write it, and only people who may read
// reports may subscribe. Packs hold figures of the subscriber's scope: only they (and admins)
// read them, and only the server writes them.
const own = (ctx: CimsContext, personId: unknown) => personId === ctx.me || has(ctx, 'admin');
const ownSql = (ctx: CimsContext, col: string, param: (value: unknown) => string) => (has(ctx, 'admin') ? 'true' : `${col}->>'ref' = ${param(ctx.me)}`);

export const reportSubscriptionAccess: RecordKindAccess = {
  canRead: (ctx, r) => own(ctx, r.ref),
  filterSql: ownSql,
  canWrite(ctx, old, next, deleted) {
    if (old && old.ref !== next.ref) return refuse(['ref'], 'a subscription stays with its person');
    if (!own(ctx, next.ref)) return refuse(['ref'], 'a subscription is kept by its person');
    // One subscription per person: two devices subscribing offline write the same record.
    if (next.id !== subscriptionId(String(next.ref))) return refuse(['id'], 'a subscription has the id derived from its person');
    if (deleted) return ALLOW;
    // The writer's roles: a person subscribes themself. An admin writing for someone else is
    // allowed; the server checks the subscriber's own roles again when it makes a pack.
    if (next.status === 'active' && !maySubscribe([...ctx.roles])) return refuse(['status'], 'report packs are for managers and administrators');
    return ALLOW;
  },
};

export const reportPackAccess: RecordKindAccess = {
  canRead: (ctx, r) => own(ctx, r.ref),
  filterSql: ownSql,
  canWrite: (_ctx, old) => refuse(old ? ['body'] : ['kind'], 'report packs are made by the server'),
};
