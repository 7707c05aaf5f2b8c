import { checkPlan, checkTemplateItems, MaintenanceRuleError } from '../../../shared/domain/maintenance';
import { changedFields } from '../../../shared/domain/ticketAccess';
import type { CheckItem } from '../../../shared/schema/records';
import { jsonEqual } from '../../../shared/sync/merge';
import type { Doc } from '../../sync/registry';
import type { CimsContext } from '../context';
import { ALLOW, has, refuse, type RecordKindAccess } from './kinds';

// Preventive maintenance (shared/schema/records/maintenance.ts). Templates and plans are
// reference data everyone on staff reads. Rounds, their readings and faults are read as tickets
// are (shared/domain/ticketAccess.ts): admins, managers of the round's region or team, field
// staff of its team, and the person it is assigned to. Managers and admins keep templates and
// plans and assign rounds; the server generates rounds; field staff of a round's team do it:
// open, pause, sign off, and record readings and the faults they raise, append only, in their
// own name.

const body = (doc: Doc | null): Record<string, unknown> => (doc?.body && typeof doc.body === 'object' ? (doc.body as Record<string, unknown>) : {});
const keepers = (ctx: CimsContext) => has(ctx, 'admin', 'manager');
const denied = (old: Doc | null, next: Doc, deleted: boolean) => (deleted ? ['_deleted'] : old ? changedFields(old, next) : ['kind']);

/** Field staff of the team (members, or those who lead or manage it); managers and admins anywhere. */
const worksFor = (ctx: CimsContext, teamId: unknown): boolean => {
  if (keepers(ctx)) return true;
  if (typeof teamId !== 'string' || !has(ctx, 'technician', 'engineer', 'expert')) return false;
  return ctx.teamId === teamId || ctx.managedTeams.has(teamId);
};

/** Who reads a round and what was recorded on it, given the round's team, region and assignee. */
const readsRound = (ctx: CimsContext, teamId: unknown, region: unknown, assigneeId: unknown): boolean => {
  if (has(ctx, 'admin')) return true;
  if (assigneeId === ctx.me) return true;
  const team = typeof teamId === 'string' ? teamId : null;
  if (team !== null && has(ctx, 'technician', 'engineer', 'expert', 'manager') && (ctx.teamId === team || ctx.managedTeams.has(team))) return true;
  return has(ctx, 'manager') && ctx.region !== null && region === ctx.region;
};

/** SQL twin of readsRound (may accept more, never less): `team`, `region`, `mine` are the record's paths. */
const roundFilterSql = (ctx: CimsContext, param: (v: unknown) => string, paths: { team: string; region: string; mine: string[]; regionTeams?: boolean }): string => {
  if (has(ctx, 'admin')) return 'true';
  const ors = paths.mine.map((path) => `${path} = ${param(ctx.me)}`);
  const teams = [...(ctx.teamId ? [ctx.teamId] : []), ...ctx.managedTeams];
  if (has(ctx, 'technician', 'engineer', 'expert', 'manager') && teams.length > 0) ors.push(`${paths.team} = any(${param(teams)}::text[])`);
  if (has(ctx, 'manager') && ctx.region !== null) {
    if (paths.regionTeams) {
      const inRegion = [...ctx.teamRegions].filter(([, r]) => r === ctx.region).map(([t]) => t);
      if (inRegion.length > 0) ors.push(`${paths.team} = any(${param(inRegion)}::text[])`);
    } else ors.push(`${paths.region} = ${param(ctx.region)}`);
  }
  return ors.length > 0 ? ors.join(' or ') : 'false';
};

const keptByManagers = (what: string): RecordKindAccess => ({
  canRead: () => true,
  canWrite(ctx, old, next, deleted) {
    if (!keepers(ctx)) return refuse(denied(old, next, deleted), `${what} are kept by managers and admins`);
    if (deleted && !has(ctx, 'admin')) return refuse(['_deleted'], `${what} are retired or ended, not deleted`);
    if (!deleted && body(next).updatedBy !== ctx.me) return refuse(['body.updatedBy'], 'a change is recorded in its author’s own name');
    return ALLOW;
  },
});

const keptTemplates = keptByManagers('checklist templates');
/** Kept by managers, and checked as main checks them: ranges the right way round, unique keys. */
export const checklistTemplateAccess: RecordKindAccess = {
  ...keptTemplates,
  canWrite(ctx, old, next, deleted) {
    const decision = keptTemplates.canWrite(ctx, old, next, deleted);
    if (!decision.allowed || deleted) return decision;
    try {
      checkTemplateItems((body(next).items ?? []) as CheckItem[]);
    } catch (e) {
      if (e instanceof MaintenanceRuleError) return refuse([`body.${e.path}`], e.code);
      throw e;
    }
    return ALLOW;
  },
};
const keptPlans = keptByManagers('maintenance plans');
/**
 * Kept by managers, and checked as main checks them (shared/domain checkPlan): a list plan
 * names an asset, a model plan its model, a window allows a day and ends after it starts.
 */
export const maintenancePlanAccess: RecordKindAccess = {
  ...keptPlans,
  canWrite(ctx, old, next, deleted) {
    const decision = keptPlans.canWrite(ctx, old, next, deleted);
    if (!decision.allowed || deleted) return decision;
    const b = body(next);
    try {
      checkPlan({ ...b, assetIds: Array.isArray(b.assetIds) ? b.assetIds : [], frequency: (b.frequency ?? { every: 0 }) as { every: number } } as Parameters<typeof checkPlan>[0]);
    } catch (e) {
      if (e instanceof MaintenanceRuleError) return refuse([`body.${e.path}`], e.code);
      throw e;
    }
    return ALLOW;
  },
};

/** What the plan decides for a round: field staff never change it. */
const PLANNED_FIELDS = ['ref', 'ref2', 'customerId', 'siteId', 'dueDate', 'windowStart', 'windowEnd', 'nextDueDate', 'assetIds', 'templateId', 'region', 'workWindow'];

export const maintenanceRoundAccess: RecordKindAccess = {
  canRead: (ctx, r) => readsRound(ctx, r.ref2, body(r).region, body(r).assigneeId),
  filterSql: (ctx, col, param) => roundFilterSql(ctx, param, { team: `${col}->>'ref2'`, region: `${col}->'body'->>'region'`, mine: [`${col}->'body'->>'assigneeId'`] }),
  canWrite(ctx, old, next, deleted) {
    // Rounds are generated by the server; managers may add one by hand.
    if (!old) return keepers(ctx) ? ALLOW : refuse(['kind'], 'rounds are generated from plans');
    if (deleted) return has(ctx, 'admin') ? ALLOW : refuse(['_deleted'], 'a round is done or missed, not deleted');
    if (!worksFor(ctx, old.ref2)) return refuse(changedFields(old, next), 'rounds are done by field staff of their team');
    if (old.status === 'done') return refuse(changedFields(old, next), 'a signed round is not changed');
    const was = body(old);
    const now = body(next);
    // The version a round started with is kept (DOMAIN.md): a template change never alters it.
    if (was.template !== null && was.template !== undefined && !jsonEqual(was.template, now.template)) {
      return refuse(['body.template'], 'a round keeps the template version it started with');
    }
    if (!keepers(ctx)) {
      const planned = PLANNED_FIELDS.filter((f) => (f === 'ref' || f === 'ref2' ? old[f] !== next[f] : !jsonEqual(was[f], now[f])));
      if (planned.length > 0) return refuse(planned.map((f) => (f === 'ref' || f === 'ref2' ? f : `body.${f}`)), 'the plan decides this');
      if (was.assigneeId !== now.assigneeId) return refuse(['body.assigneeId'], 'rounds are assigned by managers and admins');
    }
    if (next.status === 'done' && now.signedBy !== ctx.me) return refuse(['body.signedBy'], 'a round is signed off in the technician’s own name');
    return ALLOW;
  },
};

/**
 * Readings and faults are read with their round: the round's readers (by the team and region
 * copied onto them), their author, and whoever the round is assigned to (ctx.assignedRounds).
 * A fault carries no region: its team's region stands for it.
 */
const readingRound = (r: Doc): unknown => (r.kind === 'maintenanceFault' ? body(r).roundId : r.ref);
const regionOf = (ctx: CimsContext, r: Doc): unknown => (r.kind === 'maintenanceFault' ? ctx.teamRegions.get(String(body(r).teamId)) : body(r).region);

const appendedByStaff = (what: string, roundPath: (col: string) => string, regionTeams: boolean): RecordKindAccess => ({
  canRead: (ctx, r) => body(r).by === ctx.me || ctx.assignedRounds.has(String(readingRound(r))) || readsRound(ctx, body(r).teamId, regionOf(ctx, r), null),
  filterSql(ctx, col, param) {
    const own = roundFilterSql(ctx, param, { team: `${col}->'body'->>'teamId'`, region: `${col}->'body'->>'region'`, mine: [`${col}->'body'->>'by'`], regionTeams });
    return ctx.assignedRounds.size > 0 && own !== 'true' ? `${own} or ${roundPath(col)} = any(${param([...ctx.assignedRounds])}::text[])` : own;
  },
  appendOnly: true,
  canWrite(ctx, _old, next) {
    const b = body(next);
    if (b.by !== ctx.me) return refuse(['body.by'], `${what} is recorded in its author’s own name`);
    if (!worksFor(ctx, b.teamId)) return refuse(['body.teamId'], `${what} comes from field staff of the round’s team`);
    return ALLOW;
  },
});

export const maintenanceReadingAccess = appendedByStaff('a reading', (col) => `${col}->>'ref'`, false);
export const maintenanceFaultAccess = appendedByStaff('a fault', (col) => `${col}->'body'->>'roundId'`, true);
