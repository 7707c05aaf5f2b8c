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
/** Escalation, classification and routing: not a technician's call. */
const TICKET_TECH_DENIED = new Set(['severity', 'priority', 'teamId', 'functionalLevel', 'managementLevel', 'customerId', 'siteId', 'region', 'type', 'problemReport']);
/** Engineers and experts escalate and reclassify, but do not move customers or sites. */
const TICKET_SPECIALIST_DENIED = new Set(['customerId', 'siteId', 'region']);

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

export const ticketAccess: CollectionAccess<CimsContext> = {
  canRead: canReadTicket,
  filterSql: ticketFilterSql,
  canWrite(ctx, old, next, deleted) {
    if (has(ctx, 'admin')) return ALLOW;
    if (old && !canReadTicket(ctx, old)) return refuse(['id'], 'ticket not visible to the user');
    if (!canReadTicket(ctx, next) && !has(ctx, 'manager', 'engineer', 'expert')) return refuse(['teamId', 'assigneeId'], 'ticket would leave the user’s scope');
    if (has(ctx, 'manager')) {
      if (deleted) return ALLOW;
      return fieldRule(old, next, false, (f) => !old || !TICKET_IMMUTABLE.has(f));
    }
    if (deleted) return refuse(['_deleted'], 'only managers delete tickets');
    if (!old) return has(ctx, 'technician', 'engineer', 'expert') ? ALLOW : refuse(['id'], 'role may not create tickets');
    const statusRefusal = statusActionRefusal(ctx, old, next);
    if (statusRefusal) return statusRefusal;
    const specialist = has(ctx, 'engineer', 'expert');
    if (!specialist && !has(ctx, 'technician')) return refuse(changedFields(old, next), 'role may not change tickets');
    return fieldRule(old, next, false, (f) => {
      if (TICKET_IMMUTABLE.has(f)) return false;
      if (f === 'assigneeId' && !specialist) {
        // Take an unassigned ticket or hand one's own back; never reassign someone else's.
        const ok = (v: unknown) => v === '' || v === ctx.me;
        return ok(old[f]) && ok(next[f]);
      }
      return specialist ? !TICKET_SPECIALIST_DENIED.has(f) : !TICKET_TECH_DENIED.has(f);
    });
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
    if (deleted || !old) return has(ctx, 'assessor') ? ALLOW : refuse(deleted ? ['_deleted'] : ['id'], 'assessments are created and removed by assessors');
    const viewer = { id: ctx.me, roles: [...ctx.roles] as Role[] };
    const a = old as unknown as Assessment;
    return fieldRule(old, next, false, (f) => {
      if ((SECTIONS as readonly string[]).includes(f)) return canEditAssessment(a, viewer, f as AssessmentSection);
      // The total and outcome follow the manager review and the calibration.
      if (f === 'total' || f === 'outcome') return canEditAssessment(a, viewer, 'managerReview') || canEditAssessment(a, viewer, 'calibration');
      if (f === 'updatedAt') return true;
      // Phase, cycle, person and manager: the assessors who run the cycle.
      return has(ctx, 'assessor') && f !== 'id' && f !== 'createdAt';
    });
  },
};

/** Fields that decide who reads a ticket: a change keeps the old version for tombstones (Z1). */
export const ticketAccessKey = (t: Doc): string => `${String(t.teamId)}|${String(t.assigneeId)}|${String(t.region)}|${String(t.functionalLevel)}`;
export const assessmentAccessKey = (a: Doc): string => String(a.personId);
