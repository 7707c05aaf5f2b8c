import type { Logger } from 'pino';
import { localDate } from '../../shared/domain/calendar';
import { dueRounds, planScopeOf, roundDraft, roundWorkWindow, runningHoursDue, runningHoursRound, type DueRound } from '../../shared/domain/maintenance';
import { DEFAULT_ORG_SETTINGS } from '../../shared/domain/organisation';
import { MAX_PLAN_ASSETS, type MaintenancePlanRecord } from '../../shared/schema/records/maintenance';
import { orgSettings } from '../adminSettings';
import type { Db } from '../db/db';
import { startPeriodic } from '../ops/periodic';
import { writeServerDocs } from '../sync/engine';
import type { AccessContext, Registry } from '../sync/registry';
import { planFacts, type PlanFacts } from './planFacts';

/** Rounds are written this many days ahead of their due date, so technicians have them offline. */
export const ROUND_HORIZON_DAYS = 42;
/** One transaction writes at most this many rounds. */
const BATCH = 1000;
/** Every process serialises round generation on this advisory lock (any 64-bit key of ours). */
const ROUND_LOCK = 0x43494d53_0f;

const DAY_MS = 86_400_000;

/** The organisation's zone (its settings, UTC before any save): plans' calendar days are its days. */
export const organisationZone = async (db: Db): Promise<string> => (await orgSettings(db).catch(() => DEFAULT_ORG_SETTINGS)).defaultTimeZone;

export interface GenerateOptions {
  /** First and last due date written (calendar days in the organisation's zone); default: from the start of today's windows to the horizon. */
  from?: string;
  to?: string;
  /** Where plans that write nothing (no asset in service) and ignored meter readings are told. */
  logger?: Pick<Logger, 'info' | 'warn'>;
}

/**
 * Writes the rounds of every active plan due between `from` and `to` that do not exist yet.
 * A round's id is derived from (plan, due date), and each batch runs under one advisory lock
 * after reading which of its ids exist: several server processes generating at once write
 * every round exactly once. Returns the number of rounds written.
 */
export async function generateRounds(db: Db, registry: Registry<AccessContext>, now: number, opts: GenerateOptions = {}): Promise<number> {
  const spec = registry.get('records');
  if (!spec) return 0;
  const plans = (
    await db.query<{ doc: MaintenancePlanRecord }>(
      `select doc from sync_docs where collection = 'records' and not deleted and doc->>'kind' = 'maintenancePlan' and doc->>'status' = 'active'`,
    )
  ).rows.map((r) => r.doc);
  const nowIso = new Date(now).toISOString();
  // Calendar days are the organisation's: a plan created at 23:30 UTC is created on the next
  // day in Shanghai, and "today" turns at its midnight, not at UTC's.
  const zone = await organisationZone(db);
  const dayOf = (ms: number) => localDate(ms, zone);
  // A round whose window still includes today is written too (at most 60 days of window).
  const from = opts.from ?? dayOf(now - 60 * DAY_MS);
  const to = opts.to ?? dayOf(now + ROUND_HORIZON_DAYS * DAY_MS);
  const facts = await planFacts(db, plans, zone);
  let written = 0;
  let batch: ReturnType<typeof roundDraft>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const drafts = batch;
    batch = [];
    written += await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [ROUND_LOCK]);
      const found = await tx.query<{ id: string }>(`select id from sync_docs where collection = 'records' and id = any($1::text[])`, [drafts.map((d) => d.id)]);
      const have = new Set(found.rows.map((r) => r.id));
      const missing = drafts.filter((d) => !have.has(d.id));
      if (missing.length > 0) await writeServerDocs(tx, spec, missing.map((doc) => ({ doc: doc as unknown as Record<string, unknown> })));
      return missing.length;
    });
  };
  for (const plan of plans) {
    const created = dayOf(Date.parse(plan.createdAt));
    // A round whose window ended before the plan existed is not written: it could only be missed.
    const due = (plan.body.frequency.unit === 'running_hours' ? hoursRound(plan, facts, zone, created, to, opts.logger) : dueRounds(plan.body, from, to)).filter((d) => d.windowEnd >= created);
    if (due.length === 0) continue;
    // Site and model plans: the assets in service now (at most what a round holds).
    const assetIds = planScopeOf(plan.body) === 'assets' ? plan.body.assetIds : (facts.assetsOf.get(plan.id) ?? []).slice(0, MAX_PLAN_ASSETS);
    if (assetIds.length === 0) {
      opts.logger?.info({ planId: plan.id, scope: planScopeOf(plan.body), model: plan.body.model ?? '', rounds: due.length }, 'maintenance plan has no asset in service: its rounds are not written');
      continue;
    }
    const workWindow = roundWorkWindow(plan.body.workWindow, facts.zoneOf(plan));
    for (const d of due) {
      batch.push(roundDraft(plan, d, nowIso, { assetIds, workWindow }));
      if (batch.length >= BATCH) await flush();
    }
  }
  await flush();
  return written;
}

/**
 * The next round of a running-hours plan (shared/domain, runningHoursDue): one at a time, so a
 * projection that moves as readings come in never leaves two rounds; written once its date is
 * within the horizon. The first round is due on the start date, or the day the plan was made.
 */
function hoursRound(plan: MaintenancePlanRecord, facts: PlanFacts, zone: string, created: string, to: string, logger?: Pick<Logger, 'info' | 'warn'>): DueRound[] {
  const f = facts.hours.get(plan.id);
  if (!f || f.open) return [];
  const next = runningHoursDue({ startDate: plan.body.startDate, every: plan.body.frequency.every, lastDoneAt: f.lastDoneAt, readings: f.readings, zone });
  if (next.ignored.length > 0) {
    logger?.warn({ planId: plan.id, ignored: next.ignored.map((i) => ({ readingId: i.reading.id, assetId: i.reading.assetId, hours: i.reading.hours, reason: i.reason })) }, 'running-hours readings ignored');
  }
  if (next.dueDate === null) return [];
  const round = runningHoursRound(plan.body, next.dueDate < created ? created : next.dueDate, next.basis === 'first' ? null : next.hoursPerDay);
  return round.dueDate <= to ? [round] : [];
}

export interface RoundGenerator {
  stop(): Promise<void>;
  tick(now?: number): Promise<number>;
}

/**
 * Runs `generateRounds` every `intervalMs`, but only when records changed or the day turned
 * since the last run: a plan saved is followed by its rounds within one interval.
 */
export function startRoundGenerator(db: Db, registry: Registry<AccessContext>, logger: Logger, intervalMs: number): RoundGenerator {
  let last: string | null = null;
  const stateNow = async (now: number) => {
    const r = await db.query<{ seq: string }>(`select seq from sync_counters where collection = 'records'`);
    return `${localDate(now, await organisationZone(db))}|${r.rows[0]?.seq ?? 0}`;
  };
  return startPeriodic({
    intervalMs,
    logger,
    what: 'round generation',
    fallback: () => 0,
    job: async (now, scheduled) => {
      const before = await stateNow(now);
      if (scheduled && before === last) return 0;
      const n = await generateRounds(db, registry, now, { logger });
      // Our own writes moved the counter: remember the state after them.
      last = await stateNow(now);
      if (n > 0) logger.info({ rounds: n }, 'maintenance rounds generated');
      return n;
    },
  });
}
