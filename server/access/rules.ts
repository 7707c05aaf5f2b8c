import { canEditAssessment, type AssessmentSection } from '../../shared/domain/assessment';
import { ROLE_ACTIONS } from '../../shared/domain/lifecycle';
import type { Assessment, Role } from '../../shared/schema';
import { jsonEqual } from '../sync/equal';
import type { CollectionAccess, Doc, WriteDecision } from '../sync/registry';
import type { CimsContext } from './context';

/**
 * Role access for the CIMS collections (DOMAIN.md "People and roles"). Read rules filter
 * every pull and stream (Z1, Z5); write rules decide per record and per field (Z2).
 */
const has = (ctx: CimsContext, ...roles: string[]) => roles.some((r) => ctx.roles.has(r));
const ALLOW: WriteDecision = { allowed: true };
const refuse = (fields: string[], reason: string): WriteDecision => ({ allowed: false, fields, reason });

/** Fields whose value differs between two versions (a create changes every field). */
export function changedFields(old: Doc | null, next: Doc): string[] {
  const keys = new Set([...Object.keys(old ?? {}), ...Object.keys(next)]);
  return [...keys].filter((k) => !old || !jsonEqual(old[k], next[k]));
}

function fieldRule(old: Doc | null, next: Doc, deleted: boolean, mayChange: (field: string) => boolean): WriteDecision {
  if (deleted) return refuse(['_deleted'], 'role may not delete');
  const bad = changedFields(old, next).filter((f) => !mayChange(f));
  return bad.length === 0 ? ALLOW : refuse(bad, 'role may not change these fields');
}

// ---- tickets -------------------------------------------------------------------------

export function canReadTicket(ctx: CimsContext, t: Doc): boolean {
  if (has(ctx, 'admin')) return true;
  const mine = t.assigneeId === ctx.me || (ctx.teamId !== null && t.teamId === ctx.teamId);
  if (has(ctx, 'technician', 'engineer') && mine) return true;
  if (has(ctx, 'expert') && (mine || t.functionalLevel === 'L3')) return true;
  if (has(ctx, 'manager') && (mine || t.region === ctx.region || ctx.managedTeams.has(String(t.teamId)))) return true;
  return false;
}

/**
 * SQL twin of canReadTicket (may accept more, never less), so pulls scan only candidate rows.
 * Keep both in step; the access matrix and HTTP tests cover the pair.
 */
export function ticketFilterSql(ctx: CimsContext, col: string, param: (v: unknown) => string): string {
  if (has(ctx, 'admin')) return 'true';
  const ors: string[] = [];
  if (has(ctx, 'technician', 'engineer', 'expert', 'manager')) {
    ors.push(`${col}->>'assigneeId' = ${param(ctx.me)}`);
    if (ctx.teamId) ors.push(`${col}->>'teamId' = ${param(ctx.teamId)}`);
  }
  if (has(ctx, 'expert')) ors.push(`${col}->>'functionalLevel' = 'L3'`);
  if (has(ctx, 'manager')) {
    if (ctx.region) ors.push(`${col}->>'region' = ${param(ctx.region)}`);
    if (ctx.managedTeams.size > 0) ors.push(`${col}->>'teamId' = any(${param([...ctx.managedTeams])}::text[])`);
  }
  return ors.length > 0 ? ors.join(' or ') : 'false';
}

/** Never changed by anyone but admins (history and identity). */
const TICKET_IMMUTABLE = new Set(['id', 'createdAt', 'createdBy', 'provisionalNumber']);
/**
 * Allow-lists (Z2): what each role may change on an existing ticket. Anything not listed is
 * refused, so a field added to the schema later is closed until someone opens it here.
 * Milestones and the reopen count are listed but checked against the master by `timeRefusal`.
 */
const TICKET_WORK_FIELDS = [
  'updatedAt', 'title', 'description', 'contact', 'assetId', 'productLine', 'status', 'pendingReason', 'assigneeId', 'tags', 'problemId',
  'respondedAt', 'restoredAt', 'resolvedAt', 'closedAt', 'reopenCount',
];
const TICKET_TECH_FIELDS = new Set(TICKET_WORK_FIELDS);
/** Engineers and experts also escalate and reclassify, but do not move customers or sites. */
const TICKET_SPECIALIST_FIELDS = new Set([...TICKET_WORK_FIELDS, 'severity', 'priority', 'teamId', 'functionalLevel', 'managementLevel', 'type', 'problemReport']);
/**
 * Managers: everything but identity and history (SLA due time, complaint subject included).
 * The customer's name and tier are copies kept with the ticket for the queues (ticket v1):
 * they change with the customer, which only a manager may move the ticket to.
 */
const TICKET_MANAGER_FIELDS = new Set([
  ...TICKET_SPECIALIST_FIELDS,
  'customerId',
  'customerName',
  'customerTier',
  'siteId',
  'region',
  'slaDueAt',
  'subjectPersonId',
  'channel',
]);
/** Milestones feeding SLA reports and assessments. */
const MILESTONES = ['respondedAt', 'restoredAt', 'resolvedAt', 'closedAt'] as const;

/**
 * Closing, cancelling and reopening are role decisions (domain ROLE_ACTIONS). Only the action
 * is checked, not the transition path: an offline device pushes its latest state, which may be
 * several steps past the master's.
 */
function statusActionRefusal(ctx: CimsContext, old: Doc, next: Doc): WriteDecision | null {
  const from = String(old.status);
  const to = String(next.status);
  if (from === to) return null;
  const action = to === 'closed' ? (from === 'new' ? 'cancel' : 'close') : from === 'resolved' || from === 'closed' ? (to === 'resolved' ? 'work' : 'reopen') : 'work';
  const ok = [...ctx.roles].some((r) => (ROLE_ACTIONS[r as Role] ?? []).includes(action));
  return ok ? null : refuse(['status'], `role may not ${action} a ticket`);
}

const isOpenAgain = (old: Doc, next: Doc) => (old.status === 'resolved' || old.status === 'closed') && next.status !== 'resolved' && next.status !== 'closed';

/**
 * Times that feed SLA and assessments, for roles below manager: a milestone is set once, never
 * before the ticket was created (no back-dating); resolved/closed are cleared only by a
 * reopen; the reopen count only grows, and only when the ticket is reopened. Times in the
 * future are clamped by `prepareTicket`, so a fast device clock stays harmless (S5).
 */
function timeRefusal(old: Doc, next: Doc): WriteDecision | null {
  const bad: string[] = [];
  const created = Date.parse(String(old.createdAt));
  for (const f of MILESTONES) {
    if (jsonEqual(old[f], next[f])) continue;
    if (next[f] === null) {
      if (!((f === 'resolvedAt' || f === 'closedAt') && isOpenAgain(old, next))) bad.push(f);
    } else if (old[f] !== null && old[f] !== undefined) {
      bad.push(f);
    } else if (!(Date.parse(String(next[f])) >= created)) {
      bad.push(f);
    }
  }
  const reopens = Number(next.reopenCount) - Number(old.reopenCount);
  if (reopens < 0 || reopens > 1 || (reopens === 1 && !isOpenAgain(old, next))) bad.push('reopenCount');
  return bad.length > 0 ? refuse(bad, 'milestones and reopen count follow the ticket’s lifecycle') : null;
}

/** Teams a new ticket of this caller may be filed into. */
function teamsForNew(ctx: CimsContext): Set<string> {
  const teams = new Set(ctx.managedTeams);
  if (ctx.teamId) teams.add(ctx.teamId);
  if (has(ctx, 'manager') && ctx.region) for (const [id, region] of ctx.teamRegions) if (region === ctx.region) teams.add(id);
  return teams;
}

/** A create: filed into one's own team (or a team one manages) and its region. */
function createRefusal(ctx: CimsContext, next: Doc): WriteDecision | null {
  const bad: string[] = [];
  const teamId = String(next.teamId);
  if (!teamsForNew(ctx).has(teamId)) bad.push('teamId');
  const regions = new Set([ctx.region, ctx.teamRegions.get(teamId)].filter((r): r is string => Boolean(r)));
  if (regions.size > 0 && !regions.has(String(next.region))) bad.push('region');
  if (!has(ctx, 'manager') && next.subjectPersonId !== null && next.subjectPersonId !== undefined) bad.push('subjectPersonId');
  for (const f of MILESTONES) if (next[f] !== null && next[f] !== undefined && !(Date.parse(String(next[f])) >= Date.parse(String(next.createdAt)))) bad.push(f);
  return bad.length > 0 ? refuse(bad, 'a new ticket belongs to the author’s team and region') : null;
}

/**
 * Server-set fields of a ticket write, before the rules judge it: the author of a new ticket
 * is the caller, and no time may lie in the server's future (a fast clock is clamped, S5).
 */
export function prepareTicket(ctx: CimsContext, old: Doc | null, next: Doc): Doc {
  if (has(ctx, 'admin')) return next;
  const out: Doc = { ...next };
  if (!old) out.createdBy = ctx.me;
  const nowIso = new Date(ctx.now).toISOString();
  for (const f of ['createdAt', 'updatedAt', ...MILESTONES]) {
    const v = out[f];
    if (typeof v === 'string' && Date.parse(v) > ctx.now && (!old || !jsonEqual(old[f], v))) out[f] = nowIso;
  }
  return out;
}

export const ticketAccess: CollectionAccess<CimsContext> = {
  canRead: canReadTicket,
  filterSql: ticketFilterSql,
  prepare: prepareTicket,
  canWrite(ctx, old, next, deleted) {
    if (has(ctx, 'admin')) return ALLOW;
    if (old && !canReadTicket(ctx, old)) return refuse(['id'], 'ticket not visible to the user');
    if (!canReadTicket(ctx, next) && !has(ctx, 'manager', 'engineer', 'expert')) return refuse(['teamId', 'assigneeId'], 'ticket would leave the user’s scope');
    if (!old) {
      if (deleted || !has(ctx, 'technician', 'engineer', 'expert', 'manager')) return refuse(['id'], 'role may not create tickets');
      return createRefusal(ctx, next) ?? ALLOW;
    }
    if (has(ctx, 'manager')) {
      if (deleted) return ALLOW;
      return fieldRule(old, next, false, (f) => TICKET_MANAGER_FIELDS.has(f));
    }
    if (deleted) return refuse(['_deleted'], 'only managers delete tickets');
    const statusRefusal = statusActionRefusal(ctx, old, next);
    if (statusRefusal) return statusRefusal;
    const specialist = has(ctx, 'engineer', 'expert');
    if (!specialist && !has(ctx, 'technician')) return refuse(changedFields(old, next), 'role may not change tickets');
    const fields = fieldRule(old, next, false, (f) => {
      if (TICKET_IMMUTABLE.has(f)) return false;
      if (f === 'assigneeId' && !specialist) {
        // Take an unassigned ticket or hand one's own back; never reassign someone else's.
        const ok = (v: unknown) => v === '' || v === ctx.me;
        return ok(old[f]) && ok(next[f]);
      }
      return (specialist ? TICKET_SPECIALIST_FIELDS : TICKET_TECH_FIELDS).has(f);
    });
    if (!fields.allowed) return fields;
    return timeRefusal(old, next) ?? ALLOW;
  },
};

// ---- ticketEvents: immutable timeline, visible with its ticket ---------------------------

export const ticketEventAccess: CollectionAccess<CimsContext> = {
  canRead(ctx, e) {
    if (has(ctx, 'admin') || e.authorId === ctx.me) return true;
    return ctx.tickets?.get(String(e.ticketId)) === true;
  },
  canWrite(ctx, old, next, deleted) {
    if (old || deleted) return refuse(old ? changedFields(old, next) : ['_deleted'], 'timeline events are immutable');
    if (next.authorId !== ctx.me && !has(ctx, 'admin')) return refuse(['authorId'], 'events are written in one’s own name');
    if (has(ctx, 'assessor') && ctx.roles.size === 1) return refuse(['ticketId'], 'assessors do not write to tickets');
    // A ticket created offline may arrive after its events: unknown tickets are accepted.
    const seen = ctx.tickets?.get(String(next.ticketId));
    return seen === false ? refuse(['ticketId'], 'ticket not visible to the user') : ALLOW;
  },
};

// ---- shared reference data ----------------------------------------------------------

/** Readable by everyone signed in; written by admins (and `writers`) only. */
export function serverOwned(...writers: string[]): CollectionAccess<CimsContext> {
  return {
    canRead: () => true,
    canWrite: (ctx, old, next, deleted) => (has(ctx, 'admin', ...writers) ? ALLOW : refuse(deleted ? ['_deleted'] : changedFields(old, next), 'server-owned collection')),
  };
}

/** Customers and assets: everyone reads; field staff update, managers/admins also delete. */
export function referenceData(fieldEditors: string[], deleters: string[]): CollectionAccess<CimsContext> {
  return {
    canRead: () => true,
    canWrite(ctx, old, next, deleted) {
      if (deleted) return has(ctx, ...deleters) ? ALLOW : refuse(['_deleted'], 'role may not delete');
      if (has(ctx, 'admin', 'manager')) return fieldRule(old, next, false, (f) => !old || (f !== 'id' && f !== 'createdAt'));
      if (!has(ctx, ...fieldEditors)) return refuse(changedFields(old, next), 'role may not change this collection');
      return fieldRule(old, next, false, (f) => !old || (f !== 'id' && f !== 'createdAt'));
    },
  };
}

export const problemAccess: CollectionAccess<CimsContext> = {
  canRead: (ctx) => has(ctx, 'admin', 'manager', 'expert', 'engineer', 'technician'),
  canWrite(ctx, old, next, deleted) {
    if (deleted) return has(ctx, 'admin', 'manager') ? ALLOW : refuse(['_deleted'], 'role may not delete');
    if (!has(ctx, 'admin', 'manager', 'expert', 'engineer')) return refuse(changedFields(old, next), 'role may not change problems');
    return fieldRule(old, next, false, (f) => !old || (f !== 'id' && f !== 'createdAt'));
  },
};

// ---- assessments (Z5): the domain's privacy and phase rules, applied per field ----------

export function canReadAssessment(ctx: CimsContext, a: Doc): boolean {
  if (has(ctx, 'assessor')) return true;
  return a.personId === ctx.me || a.managerId === ctx.me || ctx.reports.has(String(a.personId));
}

export function assessmentFilterSql(ctx: CimsContext, col: string, param: (v: unknown) => string): string {
  if (has(ctx, 'assessor')) return 'true';
  return `${col}->>'personId' = any(${param([ctx.me, ...ctx.reports])}::text[]) or ${col}->>'managerId' = ${param(ctx.me)}`;
}

const SECTIONS: readonly AssessmentSection[] = ['selfReview', 'managerReview', 'kpis', 'calibration', 'acknowledgement'];

export const assessmentAccess: CollectionAccess<CimsContext> = {
  canRead: canReadAssessment,
  filterSql: assessmentFilterSql,
  canWrite(ctx, old, next, deleted) {
    if (old && !canReadAssessment(ctx, old)) return refuse(['id'], 'assessment not visible to the user');
    if (!canReadAssessment(ctx, next)) return refuse(['personId'], 'assessment not visible to the user');
    // Nobody runs their own assessment: an assessor about themselves is only its person.
    const own = next.personId === ctx.me || old?.personId === ctx.me;
    const runsCycle = has(ctx, 'assessor') && !own;
    if (deleted || !old) return runsCycle ? ALLOW : refuse(deleted ? ['_deleted'] : ['id'], 'assessments are created and removed by assessors, never their own');
    const roles = [...ctx.roles].filter((r) => runsCycle || r !== 'assessor') as Role[];
    const viewer = { id: ctx.me, roles };
    const a = old as unknown as Assessment;
    return fieldRule(old, next, false, (f) => {
      if ((SECTIONS as readonly string[]).includes(f)) return canEditAssessment(a, viewer, f as AssessmentSection);
      // The total and outcome follow the manager review and the calibration.
      if (f === 'total' || f === 'outcome') return canEditAssessment(a, viewer, 'managerReview') || canEditAssessment(a, viewer, 'calibration');
      if (f === 'updatedAt') return true;
      // Phase, cycle, person and manager: the assessors who run the cycle.
      return runsCycle && f !== 'id' && f !== 'createdAt';
    });
  },
};

/** Fields that decide who reads a ticket: a change keeps the old version for tombstones (Z1). */
export const ticketAccessKey = (t: Doc): string => `${String(t.teamId)}|${String(t.assigneeId)}|${String(t.region)}|${String(t.functionalLevel)}`;
export const assessmentAccessKey = (a: Doc): string => String(a.personId);
