import type { Logger } from 'pino';
import { dueRounds, roundDraft } from '../../shared/domain/maintenance';
import type { MaintenancePlanRecord } from '../../shared/schema/records/maintenance';
import type { Db } from '../db/db';
import { writeServerDocs } from '../sync/engine';
import type { AccessContext, Registry } from '../sync/registry';

/** Rounds are written this many days ahead of their due date, so technicians have them offline. */
export const ROUND_HORIZON_DAYS = 42;
/** One transaction writes at most this many rounds. */
const BATCH = 1000;
/** Every process serialises round generation on this advisory lock (any 64-bit key of ours). */
const ROUND_LOCK = 0x43494d53_0f;

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface GenerateOptions {
  /** First and last due date written (calendar days, UTC); default: from the start of today's windows to the horizon. */
  from?: string;
  to?: string;
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
  // A round whose window still includes today is written too (at most 60 days of window).
  const from = opts.from ?? dayOf(now - 60 * DAY_MS);
  const to = opts.to ?? dayOf(now + ROUND_HORIZON_DAYS * DAY_MS);
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
    // A round whose window ended before the plan existed is not written: it could only be missed.
    const created = dayOf(Date.parse(plan.createdAt));
    for (const due of dueRounds(plan.body, from, to)) {
      if (due.windowEnd < created) continue;
      batch.push(roundDraft(plan, due, nowIso));
      if (batch.length >= BATCH) await flush();
    }
  }
  await flush();
  return written;
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
  let running: Promise<number> | null = null;
  let last: string | null = null;
  const stateNow = async (now: number) => {
    const r = await db.query<{ seq: string }>(`select seq from sync_counters where collection = 'records'`);
    return `${dayOf(now)}|${r.rows[0]?.seq ?? 0}`;
  };
  const tick = (now = Date.now(), force = true) => {
    running ??= (async () => {
      const before = await stateNow(now);
      if (!force && before === last) return 0;
      const n = await generateRounds(db, registry, now);
      // Our own writes moved the counter: remember the state after them.
      last = await stateNow(now);
      if (n > 0) logger.info({ rounds: n }, 'maintenance rounds generated');
      return n;
    })()
      .catch((err: unknown) => {
        logger.error({ err }, 'round generation failed');
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void tick(Date.now(), false), intervalMs);
  timer.unref();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
