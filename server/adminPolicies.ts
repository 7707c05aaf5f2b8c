import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { dayNumberOf, localDate, localToUtc } from '../shared/domain/calendar';
import { effectiveDateZone, isRetroactive } from '../shared/domain/policyForms';
import type { Policy } from '../shared/schema';
import { savePolicyBody, type rollbackPolicyBody, type ScheduledPolicy } from '../shared/sync/adminPolicies';
import type { Actor } from './admin';
import { audit, auditChange } from './audit';
import type { Db, Queryable } from './db/db';
import { HttpError } from './http/errors';
import { parseBody } from './http/route';
import { readDoc, writeServerDocs } from './sync/engine';
import type { AccessContext, Registry } from './sync/registry';

// Policy versions. The policies schema has `active` but no version number or effective date,
// so a change is a new document and the versions it supersedes (same kind and scope: an SLA
// policy's customer, a calendar's region) are set inactive; the effective date is kept in the
// audit entry. Tickets are re-evaluated from their timeline (pauses are events), so a new
// version never loses paused time. A version dated later than today is stored inactive and
// scheduled (policy_schedule): `activateDuePolicies` puts it in force at the start of that day
// in its zone, and until then the admin may cancel it.

type AnyRegistry = Registry<AccessContext>;
type Managed = Extract<Policy, { kind: 'sla' | 'calendar' | 'priority' | 'escalation' | 'assessmentTemplate' }>;
const MANAGED_KINDS: readonly string[] = ['sla', 'calendar', 'priority', 'escalation', 'assessmentTemplate'];
const isManaged = (p: Policy): p is Managed => MANAGED_KINDS.includes(p.kind);

// The priority and escalation matrices and the assessment template have one scope each: everyone.
const scopeOf = (p: Managed): { kind: string; key: string | null } =>
  p.kind === 'sla' ? { kind: 'sla', key: p.sla.customerId } : p.kind === 'calendar' ? { kind: 'calendar', key: p.calendar.region } : { kind: p.kind, key: null };

function spec(registry: AnyRegistry) {
  const s = registry.get('policies');
  if (!s) throw new HttpError(404, 'UNKNOWN_COLLECTION', 'This server has no policies collection');
  return s;
}

async function activeInScope(q: Queryable, p: Managed): Promise<Record<string, unknown>[]> {
  const { kind, key } = scopeOf(p);
  const field = kind === 'sla' ? `doc->'sla'->>'customerId'` : kind === 'calendar' ? `doc->'calendar'->>'region'` : `null::text`;
  const r = await q.query<{ doc: Record<string, unknown> }>(
    `select doc from sync_docs where collection = 'policies' and not deleted and doc->>'kind' = $1 and (doc->>'active')::boolean and ${field} is not distinct from $2`,
    [kind, key],
  );
  return r.rows.map((row) => row.doc);
}

/** Running tickets a version applies to (the customer's for a contract SLA, the region's for a calendar). */
async function runningTickets(q: Queryable, p: Managed): Promise<number> {
  const { kind, key } = scopeOf(p);
  const filter = key === null ? '' : kind === 'sla' ? `and doc->>'customerId' = $1` : `and doc->>'region' = $1`;
  const r = await q.query<{ n: string }>(
    `select count(*) as n from sync_docs where collection = 'tickets' and not deleted and doc->>'status' not in ('resolved', 'closed') ${filter}`,
    key === null ? [] : [key],
  );
  return Number(r.rows[0]?.n ?? 0);
}

/** A version dated before today re-evaluates running tickets: refused until the admin confirms. */
async function confirmRetroactive(q: Queryable, p: Managed, effectiveFrom: string, confirmed: boolean): Promise<number> {
  const today = localDate(Date.now(), effectiveDateZone(p));
  // A template applies to cycles opened after it; running cycles keep the version they opened with.
  if (!isRetroactive(effectiveFrom, today) || p.kind === 'assessmentTemplate') return 0;
  const running = await runningTickets(q, p);
  if (running > 0 && !confirmed) throw new HttpError(409, 'VALIDATION_FAILED', `${running} running tickets will be re-evaluated from ${effectiveFrom}`, 'confirmReevaluation');
  return running;
}

async function activateIn(tx: Queryable, registry: AnyRegistry, doc: Managed, now: string): Promise<{ stored: Record<string, unknown>; retired: Record<string, unknown>[] }> {
  const others = (await activeInScope(tx, doc)).filter((d) => d.id !== doc.id);
  const retired = others.map((d) => ({ ...d, active: false, updatedAt: now }));
  const written = await writeServerDocs(tx, spec(registry), [...retired.map((d) => ({ doc: d })), { doc }]);
  return { stored: written[written.length - 1]!, retired };
}

const activate = (db: Db, registry: AnyRegistry, doc: Managed, now: string) => db.transaction((tx) => activateIn(tx, registry, doc, now));

/** Stores a version dated later than today inactive, to be put in force at the start of that day in its zone. */
async function schedule(db: Db, registry: AnyRegistry, doc: Managed, body: { effectiveFrom: string; replaces: string | null }, actor: Actor): Promise<Record<string, unknown>> {
  const zone = effectiveDateZone(doc);
  const activateAt = localToUtc(zone, dayNumberOf(body.effectiveFrom), 0);
  return db.transaction(async (tx) => {
    const [stored] = await writeServerDocs(tx, spec(registry), [{ doc: { ...doc, active: false } }]);
    await tx.query(
      'insert into policy_schedule (policy_id, kind, effective_from, zone, activate_at, replaces, scheduled_by) values ($1, $2, $3, $4, $5, $6, $7)',
      [doc.id, doc.kind, body.effectiveFrom, zone, new Date(activateAt), body.replaces, actor.name],
    );
    await auditChange(tx, actor, 'policy.schedule', `policies/${doc.id}`, { kind: doc.kind, effectiveFrom: body.effectiveFrom, zone, activateAt: new Date(activateAt).toISOString(), replaces: body.replaces, after: stored });
    return stored!;
  });
}

/**
 * Puts every scheduled version whose day has begun in force, each in its own transaction. The
 * schedule row is locked and skipped by other server processes, so each activates once.
 * Returns the ids activated.
 */
export async function activateDuePolicies(db: Db, registry: AnyRegistry, now: number): Promise<string[]> {
  const activated: string[] = [];
  for (;;) {
    const id = await db.transaction(async (tx) => {
      const due = await tx.query<{ policy_id: string; effective_from: string }>(
        `select policy_id, effective_from from policy_schedule where activated_at is null and cancelled_at is null and activate_at <= $1
         order by activate_at, policy_id limit 1 for update skip locked`,
        [new Date(now)],
      );
      const row = due.rows[0];
      if (!row) return null;
      const at = new Date(now).toISOString();
      const found = await readDoc(tx, 'policies', row.policy_id);
      const doc = found && !found.deleted ? (found.doc as Policy) : null;
      if (doc && isManaged(doc)) {
        const { stored, retired } = await activateIn(tx, registry, { ...doc, active: true, updatedAt: at }, at);
        await audit(tx, { action: 'policy.activate', outcome: 'ok', actor: 'system', target: `policies/${doc.id}`, detail: { kind: doc.kind, effectiveFrom: row.effective_from, retired: retired.map((d) => d.id), after: stored } });
      }
      await tx.query('update policy_schedule set activated_at = $2 where policy_id = $1', [row.policy_id, new Date(now)]);
      return row.policy_id;
    });
    if (!id) return activated;
    activated.push(id);
  }
}

/** Versions waiting for their day, soonest first. */
export async function scheduledPolicies(q: Queryable): Promise<ScheduledPolicy[]> {
  const r = await q.query<{ policy_id: string; kind: string; effective_from: string; zone: string; activate_at: Date; replaces: string | null; scheduled_by: string | null }>(
    'select * from policy_schedule where activated_at is null and cancelled_at is null order by activate_at, policy_id',
  );
  return r.rows.map((x) => ({
    policyId: x.policy_id,
    kind: x.kind as ScheduledPolicy['kind'],
    effectiveFrom: x.effective_from,
    zone: x.zone,
    activateAt: new Date(x.activate_at).toISOString(),
    replaces: x.replaces,
    scheduledBy: x.scheduled_by,
  }));
}

/** Cancels a version still waiting for its day; it stays stored, inactive, and may be rolled back to later. */
export async function cancelScheduledPolicy(db: Db, id: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const r = await tx.query<{ effective_from: string }>(
      'update policy_schedule set cancelled_at = now(), cancelled_by = $2 where policy_id = $1 and activated_at is null and cancelled_at is null returning effective_from',
      [id, actor.name],
    );
    if (r.rows.length === 0) throw new HttpError(404, 'NOT_FOUND', `No version ${id} is waiting for its effective date`);
    await auditChange(tx, actor, 'policy.unschedule', `policies/${id}`, { effectiveFrom: r.rows[0]!.effective_from });
  });
}

/** Saves a new version of a policy an admin edits (SLA, calendar, priority, escalation, assessment template); the versions it supersedes become inactive. */
export async function savePolicy(db: Db, registry: AnyRegistry, input: z.input<typeof savePolicyBody>, actor: Actor): Promise<Record<string, unknown>> {
  const body = parseBody(savePolicyBody, input);
  if (body.replaces !== null) {
    const row = await readDoc(db, 'policies', body.replaces);
    if (!row || row.deleted || row.doc.kind !== body.draft.kind) throw new HttpError(404, 'NOT_FOUND', `No ${body.draft.kind} policy ${body.replaces}`);
  }
  const now = new Date().toISOString();
  const doc = { ...body.draft, id: uuidv7(), createdAt: now, updatedAt: now, active: true } as Managed;
  if (body.effectiveFrom > localDate(Date.now(), effectiveDateZone(doc))) return schedule(db, registry, doc, body, actor);
  const running = await confirmRetroactive(db, doc, body.effectiveFrom, body.confirmReevaluation);
  const { stored, retired } = await activate(db, registry, doc, now);
  await auditChange(db, actor, 'policy.save', `policies/${doc.id}`, { kind: doc.kind, effectiveFrom: body.effectiveFrom, replaces: body.replaces, retired: retired.map((d) => d.id), reevaluated: running, after: stored });
  return stored;
}

/** Re-activates an earlier version; the version active in its scope now becomes inactive. */
export async function rollbackPolicy(db: Db, registry: AnyRegistry, id: string, input: z.input<typeof rollbackPolicyBody>, actor: Actor): Promise<Record<string, unknown>> {
  const row = await readDoc(db, 'policies', id);
  const before = row?.doc as Policy | undefined;
  if (!row || row.deleted || !before || !isManaged(before)) throw new HttpError(404, 'NOT_FOUND', `No SLA policy, calendar, priority or escalation matrix or assessment template ${id}`);
  if (before.active) throw new HttpError(400, 'VALIDATION_FAILED', 'This version is already active', 'id');
  const now = new Date().toISOString();
  const today = localDate(Date.now(), effectiveDateZone(before));
  const running = await confirmRetroactive(db, before, today, input.confirmReevaluation ?? false);
  const { stored, retired } = await db.transaction(async (tx) => {
    // A version still waiting for its day is put in force now: its schedule is done.
    await tx.query('update policy_schedule set activated_at = now() where policy_id = $1 and activated_at is null and cancelled_at is null', [id]);
    return activateIn(tx, registry, { ...before, active: true, updatedAt: now }, now);
  });
  await auditChange(db, actor, 'policy.rollback', `policies/${id}`, { kind: before.kind, retired: retired.map((d) => d.id), reevaluated: running, before, after: stored });
  return stored;
}
