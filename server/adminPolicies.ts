import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { localDate } from '../shared/domain/calendar';
import { effectiveDateZone, isRetroactive } from '../shared/domain/policyForms';
import type { Policy } from '../shared/schema';
import { savePolicyBody, type rollbackPolicyBody } from '../shared/sync/adminPolicies';
import type { Actor } from './admin';
import { audit } from './audit';
import type { Db, Queryable } from './db/db';
import { HttpError } from './http/errors';
import { parseBody } from './http/route';
import { readDoc, writeServerDocs } from './sync/engine';
import type { AccessContext, Registry } from './sync/registry';

// Policy versions. The policies schema has `active` but no version number or effective date,
// so a change is a new document and the versions it supersedes (same kind and scope: an SLA
// policy's customer, a calendar's region) are set inactive; the effective date is kept in the
// audit entry. Tickets are re-evaluated from their timeline (pauses are events), so a new
// version never loses paused time.

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
  if (effectiveFrom > today) throw new HttpError(400, 'VALIDATION_FAILED', 'A version cannot be scheduled for a later date yet', 'effectiveFrom');
  // A template applies to cycles opened after it; running cycles keep the version they opened with.
  if (!isRetroactive(effectiveFrom, today) || p.kind === 'assessmentTemplate') return 0;
  const running = await runningTickets(q, p);
  if (running > 0 && !confirmed) throw new HttpError(409, 'VALIDATION_FAILED', `${running} running tickets will be re-evaluated from ${effectiveFrom}`, 'confirmReevaluation');
  return running;
}

async function activate(db: Db, registry: AnyRegistry, doc: Managed, now: string): Promise<{ stored: Record<string, unknown>; retired: Record<string, unknown>[] }> {
  const others = (await activeInScope(db, doc)).filter((d) => d.id !== doc.id);
  const retired = others.map((d) => ({ ...d, active: false, updatedAt: now }));
  const written = await db.transaction((tx) => writeServerDocs(tx, spec(registry), [...retired.map((d) => ({ doc: d })), { doc }]));
  return { stored: written[written.length - 1]!, retired };
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
  const running = await confirmRetroactive(db, doc, body.effectiveFrom, body.confirmReevaluation);
  const { stored, retired } = await activate(db, registry, doc, now);
  await audit(db, {
    action: 'policy.save',
    outcome: 'ok',
    actorId: actor.id,
    actor: actor.name,
    ip: actor.ip ?? null,
    target: `policies/${doc.id}`,
    detail: { kind: doc.kind, effectiveFrom: body.effectiveFrom, replaces: body.replaces, retired: retired.map((d) => d.id), reevaluated: running, after: stored },
  });
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
  const { stored, retired } = await activate(db, registry, { ...before, active: true, updatedAt: now }, now);
  await audit(db, {
    action: 'policy.rollback',
    outcome: 'ok',
    actorId: actor.id,
    actor: actor.name,
    ip: actor.ip ?? null,
    target: `policies/${id}`,
    detail: { kind: before.kind, retired: retired.map((d) => d.id), reevaluated: running, before, after: stored },
  });
  return stored;
}
