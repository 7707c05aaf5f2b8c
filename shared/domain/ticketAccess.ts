import type { Role } from '../schema';
import { jsonEqual } from '../sync/merge';
import { ROLE_ACTIONS } from './lifecycle';

// Who may read and change a ticket, field by field (DOMAIN.md "People and roles"). The server
// judges every push with these rules; the app judges every local change with the same ones
// before writing, and shows the screen which fields are read-only and why.

/** A stored document as the rules see it: plain JSON with an id. */
export type AccessDoc = Record<string, unknown>;

/** What the rules know about the person acting. */
export interface TicketViewer {
  me: string;
  roles: ReadonlySet<string>;
  region: string | null;
  teamId: string | null;
  /** Teams the person manages or leads. */
  managedTeams: ReadonlySet<string>;
  /** Region of every team (new tickets are filed in their team's region). */
  teamRegions: ReadonlyMap<string, string | null>;
}

export type AccessDecision = { allowed: true } | { allowed: false; fields: string[]; reason: string };

const has = (v: TicketViewer, ...roles: string[]) => roles.some((r) => v.roles.has(r));
const ALLOW: AccessDecision = { allowed: true };
const refuse = (fields: string[], reason: string): AccessDecision => ({ allowed: false, fields, reason });

/** Fields whose value differs between two versions (a create changes every field). */
export function changedFields(old: AccessDoc | null, next: AccessDoc): string[] {
  const keys = new Set([...Object.keys(old ?? {}), ...Object.keys(next)]);
  return [...keys].filter((k) => !old || !jsonEqual(old[k], next[k]));
}

/** Refuses a delete, or the changed fields `mayChange` does not accept. */
export function fieldRule(old: AccessDoc | null, next: AccessDoc, deleted: boolean, mayChange: (field: string) => boolean): AccessDecision {
  if (deleted) return refuse(['_deleted'], 'role may not delete');
  const bad = changedFields(old, next).filter((f) => !mayChange(f));
  return bad.length === 0 ? ALLOW : refuse(bad, 'role may not change these fields');
}

export function canReadTicket(v: TicketViewer, t: AccessDoc): boolean {
  if (has(v, 'admin')) return true;
  const mine = t.assigneeId === v.me || (v.teamId !== null && t.teamId === v.teamId);
  if (has(v, 'technician', 'engineer') && mine) return true;
  if (has(v, 'expert') && (mine || t.functionalLevel === 'L3')) return true;
  if (has(v, 'manager') && (mine || t.region === v.region || v.managedTeams.has(String(t.teamId)))) return true;
  return false;
}

/** Never changed by anyone but admins (history and identity). */
const TICKET_IMMUTABLE = new Set(['id', 'createdAt', 'createdBy', 'provisionalNumber']);
/**
 * Allow-lists: what each role may change on an existing ticket. Anything not listed is
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
export const TICKET_MILESTONES = ['respondedAt', 'restoredAt', 'resolvedAt', 'closedAt'] as const;

/**
 * Closing, cancelling and reopening are role decisions (domain ROLE_ACTIONS). Only the action
 * is checked, not the transition path: an offline device pushes its latest state, which may be
 * several steps past the master's.
 */
function statusActionRefusal(v: TicketViewer, old: AccessDoc, next: AccessDoc): AccessDecision | null {
  const from = String(old.status);
  const to = String(next.status);
  if (from === to) return null;
  const action = to === 'closed' ? (from === 'new' ? 'cancel' : 'close') : from === 'resolved' || from === 'closed' ? (to === 'resolved' ? 'work' : 'reopen') : 'work';
  const ok = [...v.roles].some((r) => (ROLE_ACTIONS[r as Role] ?? []).includes(action));
  return ok ? null : refuse(['status'], `role may not ${action} a ticket`);
}

const isOpenAgain = (old: AccessDoc, next: AccessDoc) =>
  (old.status === 'resolved' || old.status === 'closed') && next.status !== 'resolved' && next.status !== 'closed';

/**
 * Times that feed SLA and assessments, for roles below manager: a milestone is set once, never
 * before the ticket was created (no back-dating); resolved/closed are cleared only by a
 * reopen; the reopen count only grows, and only when the ticket is reopened. Times in the
 * future are clamped by the server before it judges, so a fast device clock stays harmless.
 */
function timeRefusal(old: AccessDoc, next: AccessDoc): AccessDecision | null {
  const bad: string[] = [];
  const created = Date.parse(String(old.createdAt));
  for (const f of TICKET_MILESTONES) {
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

/** Teams a new ticket of this person may be filed into. */
function teamsForNew(v: TicketViewer): Set<string> {
  const teams = new Set(v.managedTeams);
  if (v.teamId) teams.add(v.teamId);
  if (has(v, 'manager') && v.region) for (const [id, region] of v.teamRegions) if (region === v.region) teams.add(id);
  return teams;
}

/** A create: filed into one's own team (or a team one manages) and its region. */
function createRefusal(v: TicketViewer, next: AccessDoc): AccessDecision | null {
  const bad: string[] = [];
  const teamId = String(next.teamId);
  if (!teamsForNew(v).has(teamId)) bad.push('teamId');
  const regions = new Set([v.region, v.teamRegions.get(teamId)].filter((r): r is string => Boolean(r)));
  if (regions.size > 0 && !regions.has(String(next.region))) bad.push('region');
  if (!has(v, 'manager') && next.subjectPersonId !== null && next.subjectPersonId !== undefined) bad.push('subjectPersonId');
  for (const f of TICKET_MILESTONES) if (next[f] !== null && next[f] !== undefined && !(Date.parse(String(next[f])) >= Date.parse(String(next.createdAt)))) bad.push(f);
  return bad.length > 0 ? refuse(bad, 'a new ticket belongs to the author’s team and region') : null;
}

/** Whether the role allow-lists let this person change `field` of `old` (to `value`, when known). */
function fieldAllowed(v: TicketViewer, old: AccessDoc, field: string, value?: unknown): boolean {
  if (has(v, 'admin')) return true;
  if (has(v, 'manager')) return TICKET_MANAGER_FIELDS.has(field);
  const specialist = has(v, 'engineer', 'expert');
  if (!specialist && !has(v, 'technician')) return false;
  if (TICKET_IMMUTABLE.has(field)) return false;
  if (field === 'assigneeId' && !specialist) {
    // Take an unassigned ticket or hand one's own back; never reassign someone else's.
    const ok = (x: unknown) => x === '' || x === v.me;
    return ok(old[field]) && (value === undefined || ok(value));
  }
  return (specialist ? TICKET_SPECIALIST_FIELDS : TICKET_TECH_FIELDS).has(field);
}

/** The decision on one ticket write: a create (`old` null), a change or a delete. */
export function ticketWriteDecision(v: TicketViewer, old: AccessDoc | null, next: AccessDoc, deleted: boolean): AccessDecision {
  if (has(v, 'admin')) return ALLOW;
  if (old && !canReadTicket(v, old)) return refuse(['id'], 'ticket not visible to the user');
  if (!canReadTicket(v, next) && !has(v, 'manager', 'engineer', 'expert')) return refuse(['teamId', 'assigneeId'], 'ticket would leave the user’s scope');
  if (!old) {
    if (deleted || !has(v, 'technician', 'engineer', 'expert', 'manager')) return refuse(['id'], 'role may not create tickets');
    return createRefusal(v, next) ?? ALLOW;
  }
  if (has(v, 'manager')) {
    if (deleted) return ALLOW;
    return fieldRule(old, next, false, (f) => fieldAllowed(v, old, f));
  }
  if (deleted) return refuse(['_deleted'], 'only managers delete tickets');
  const statusRefusal = statusActionRefusal(v, old, next);
  if (statusRefusal) return statusRefusal;
  if (!has(v, 'engineer', 'expert', 'technician')) return refuse(changedFields(old, next), 'role may not change tickets');
  const fields = fieldRule(old, next, false, (f) => fieldAllowed(v, old, f, next[f]));
  if (!fields.allowed) return fields;
  return timeRefusal(old, next) ?? ALLOW;
}

/** Why a field is read-only for the viewer: their role, or the ticket is out of their sight. */
export type ReadOnlyReason = 'role' | 'not_visible';
export type FieldAccess = { editable: true } | { editable: false; reason: ReadOnlyReason };

/**
 * Per field, whether the viewer may change it on this ticket, for the screen's read-only hints.
 * The same allow-lists as `ticketWriteDecision`; value-dependent checks (milestones, status
 * actions) are left to the write itself.
 */
export function ticketFieldAccess<F extends string>(v: TicketViewer, ticket: AccessDoc, fields: readonly F[]): Record<F, FieldAccess> {
  const visible = canReadTicket(v, ticket);
  const out = {} as Record<F, FieldAccess>;
  for (const f of fields) {
    out[f] = !visible ? { editable: false, reason: 'not_visible' } : fieldAllowed(v, ticket, f) ? { editable: true } : { editable: false, reason: 'role' };
  }
  return out;
}
