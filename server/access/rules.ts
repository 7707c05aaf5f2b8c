import { calibrationIssues, canEditAssessment, reviewIssues, runsAssessment, type AssessmentSection } from '../../shared/domain/assessment';
import { canReadTicket as canReadSharedTicket, changedFields, fieldRule, TICKET_MILESTONES, ticketWriteDecision } from '../../shared/domain/ticketAccess';
import { problemWriteIssues } from '../../shared/domain/problems';
import type { Assessment, Problem, Role } from '../../shared/schema';
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

// ---- tickets: the shared rules (shared/domain/ticketAccess.ts), which the app applies too --

export const canReadTicket = (ctx: CimsContext, t: Doc): boolean => canReadSharedTicket(ctx, t);

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

/**
 * Server-set fields of a ticket write, before the rules judge it: the author of a new ticket
 * is the caller, and no time may lie in the server's future (a fast clock is clamped, S5).
 */
export function prepareTicket(ctx: CimsContext, old: Doc | null, next: Doc): Doc {
  if (has(ctx, 'admin')) return next;
  const out: Doc = { ...next };
  if (!old) out.createdBy = ctx.me;
  return clampFuture(out, old, ['createdAt', 'updatedAt', ...TICKET_MILESTONES], ctx.now);
}

/** Sets each of `fields` that changed and lies after `now` to `now` (S5: a fast device clock). */
function clampFuture(doc: Doc, old: Doc | null, fields: readonly string[], now: number): Doc {
  const nowIso = new Date(now).toISOString();
  for (const f of fields) {
    const v = doc[f];
    if (typeof v === 'string' && Date.parse(v) > now && (!old || !jsonEqual(old[f], v))) doc[f] = nowIso;
  }
  return doc;
}

/**
 * A new event gets the server's receive time in `receivedAt` (a client's value is replaced),
 * and its device times no later than that (S5), for admins too: the receive time is a fact,
 * not a permission. So every computation over event times (SLA clocks, work logs, reports)
 * uses the device's time, unless the device's clock ran ahead of the server's.
 */
export function prepareTicketEvent(ctx: CimsContext, old: Doc | null, next: Doc): Doc {
  if (old) return next;
  return clampFuture({ ...next, receivedAt: new Date(ctx.now).toISOString() }, null, ['at', 'createdAt', 'updatedAt'], ctx.now);
}

export const ticketAccess: CollectionAccess<CimsContext> = {
  canRead: canReadTicket,
  filterSql: ticketFilterSql,
  prepare: prepareTicket,
  canWrite: ticketWriteDecision,
};

// ---- ticketEvents: immutable timeline, visible with its ticket ---------------------------

export const ticketEventAccess: CollectionAccess<CimsContext> = {
  prepare: prepareTicketEvent,
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

/**
 * Problems: read by field and support roles, written by specialists and managers. The
 * domain's content rules (shared/domain/problems.ts) hold for every writer, admins included:
 * a problem links at least one ticket, and no action is (re)dated before the problem's creation.
 */
export const problemAccess: CollectionAccess<CimsContext> = {
  canRead: (ctx) => has(ctx, 'admin', 'manager', 'expert', 'engineer', 'technician'),
  canWrite(ctx, old, next, deleted) {
    if (deleted) return has(ctx, 'admin', 'manager') ? ALLOW : refuse(['_deleted'], 'role may not delete');
    if (!has(ctx, 'admin', 'manager', 'expert', 'engineer')) return refuse(changedFields(old, next), 'role may not change problems');
    const fields = fieldRule(old, next, false, (f) => !old || (f !== 'id' && f !== 'createdAt'));
    if (!fields.allowed) return fields;
    const issues = problemWriteIssues(old as unknown as Problem | null, next as unknown as Problem);
    return issues.length === 0 ? ALLOW : refuse([...new Set(issues.map((i) => i.path.split('.')[0]!))], issues.map((i) => i.code).join(', '));
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

/**
 * Content rules the schema cannot state, checked on the pushed section: a submitted review is
 * locked, a 1 or a 5 carries a comment, a calibration change has a reason and starts from
 * the score at the time of the change. The same domain functions run in main before a write.
 */
function sectionContentOk(old: Assessment, next: Assessment, section: AssessmentSection): boolean {
  if (section === 'selfReview' || section === 'managerReview') {
    if (old[section].submittedAt !== null) return false;
    return reviewIssues(section, next[section].scores).every((i) => i.code !== 'comment_required');
  }
  if (section === 'calibration') return calibrationIssues(next).length === 0;
  return true;
}

export const assessmentAccess: CollectionAccess<CimsContext> = {
  canRead: canReadAssessment,
  filterSql: assessmentFilterSql,
  canWrite(ctx, old, next, deleted) {
    if (old && !canReadAssessment(ctx, old)) return refuse(['id'], 'assessment not visible to the user');
    if (!canReadAssessment(ctx, next)) return refuse(['personId'], 'assessment not visible to the user');
    const viewer = { id: ctx.me, roles: [...ctx.roles] as Role[] };
    // The domain's rules decide, for the stored and the pushed person alike: nobody runs
    // their own assessment, whatever their roles.
    const runsCycle = runsAssessment(next as unknown as Assessment, viewer) && (!old || runsAssessment(old as unknown as Assessment, viewer));
    if (deleted || !old) return runsCycle ? ALLOW : refuse(deleted ? ['_deleted'] : ['id'], 'assessments are created and removed by assessors, never their own');
    const a = old as unknown as Assessment;
    const n = next as unknown as Assessment;
    return fieldRule(old, next, false, (f) => {
      if ((SECTIONS as readonly string[]).includes(f)) return canEditAssessment(a, viewer, f as AssessmentSection) && sectionContentOk(a, n, f as AssessmentSection);
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
