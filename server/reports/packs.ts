import type { Logger } from 'pino';
import { mailRetryMs, MAIL_MAX_ATTEMPTS, maySubscribe, packCalendar, packDue, packId, packMonths } from '../../shared/domain/reportPacks';
import type { ReportResults } from '../../shared/api/reports';
import type { Month } from '../../shared/domain/metrics';
import { PACK_MAX_LINES, type PackFigures, type ReportPackRecord, type ReportSubscriptionRecord } from '../../shared/schema/records';
import type { CimsContext } from '../access/context';
import { findUserById } from '../auth/users';
import type { Db, Queryable } from '../db/db';
import { startPeriodic } from '../ops/periodic';
import { writeServerDocs } from '../sync/engine';
import type { AccessContext, Registry } from '../sync/registry';
import { backlogFromSql, csatFromDb, escalationsFromDb, problemsFromDb, slaFromDb } from './flows';
import { loadPolicies, reportContext } from './scope';
import { tl9000FromSql } from './tl9000';
import type { PackMailer } from './mail';

// Monthly review packs (shared/schema/records/reportPacks.ts): on the first working day of a
// month the server writes last month's figures for every active subscription, in the
// subscriber's scope, with the very functions the /reports routes answer with; then mails
// those whose subscriber asked for mail, where a mail server is configured.

/** Every process serialises pack writing and mail claims on this advisory lock (a 64-bit key of ours). */
const PACK_LOCK = 0x43494d53_1a;


export const emptyFigures = (): PackFigures => ({
  tl9000: [],
  sla: { firstResponse: { measured: 0, met: 0, percent: null }, restore: { measured: 0, met: 0, percent: null }, fix: { measured: 0, met: 0, percent: null } },
  backlog: { open: 0, byStatus: {} },
  escalations: { tickets: 0, escalated: 0, percent: null, raised: 0, acknowledged: 0, averageAckMinutes: null },
  csat: { responses: 0, average: null },
  problems: { byStatus: {}, overdueActions: 0, effectivePercent: null },
});

/** The compact figures a pack keeps of a month's reports. */
/** A pack's figures from the six reports of its month, as the /reports routes answer them. */
export function figuresFrom(r: ReportResults, month: Month): PackFigures {
  const f = emptyFigures();
  f.tl9000 = r.tl9000.totals
    .filter((t) => t.month === month)
    .slice(0, PACK_MAX_LINES)
    .map((t) => ({
      productLine: t.productLine,
      reports: t.reports,
      unitMonths: t.unitMonths,
      fixesDelivered: t.fixesDelivered,
      fixesOnTime: t.fixesOnTime,
      overdue: t.overdue,
      overdueClosed: t.overdueClosed,
      npr: t.npr,
      frtPercent: t.frtPercent,
      ofrPercent: t.ofrPercent,
    }));
  for (const row of r.sla.rows) {
    if (row.month !== month) continue;
    const c = f.sla[row.clock];
    c.measured += row.measured;
    c.met += row.met;
  }
  for (const c of Object.values(f.sla)) c.percent = c.measured === 0 ? null : (c.met / c.measured) * 100;
  f.backlog = { open: r.backlog.open, byStatus: { ...r.backlog.byStatus } };
  const rate = r.escalations.rate.find((x) => x.month === month);
  f.escalations = {
    tickets: rate?.tickets ?? 0,
    escalated: rate?.escalated ?? 0,
    percent: rate?.percent ?? null,
    raised: r.escalations.acknowledge.raised,
    acknowledged: r.escalations.acknowledge.acknowledged,
    averageAckMinutes: r.escalations.acknowledge.averageMinutes,
  };
  f.csat = { responses: r.csat.responses, average: r.csat.average };
  f.problems = { byStatus: { ...r.problems.byStatus }, overdueActions: r.problems.overdueActions.length, effectivePercent: r.problems.effectiveness.percent };
  return f;
}

/** A month's figures in the scope of `ctx` (the subscriber's, as the routes decide it). */
export async function packFigures(q: Queryable, ctx: CimsContext, month: Month, now: number): Promise<PackFigures> {
  const f = { from: month, to: month };
  // One after the other: a PGlite database has a single connection.
  const tl9000 = await tl9000FromSql(q, ctx, f, now);
  const sla = await slaFromDb(q, ctx, f, now);
  const backlog = await backlogFromSql(q, ctx, f, now);
  const escalations = await escalationsFromDb(q, ctx, f, now);
  const csat = await csatFromDb(q, ctx, f, now);
  const problems = await problemsFromDb(q, ctx, f, now);
  return figuresFrom({ tl9000, sla, backlog, escalations, csat, problems }, month);
}

const activeSubscriptions = async (q: Queryable): Promise<ReportSubscriptionRecord[]> =>
  (
    await q.query<{ doc: ReportSubscriptionRecord }>(
      `select doc from sync_docs where collection = 'records' and not deleted and doc->>'kind' = 'reportSubscription' and doc->>'status' = 'active' order by id`,
    )
  ).rows.map((r) => r.doc);

const emailOf = async (q: Queryable, personId: string): Promise<string> =>
  (await q.query<{ email: string | null }>(`select doc->>'email' as email from sync_docs where collection = 'people' and id = $1 and not deleted`, [personId])).rows[0]?.email ?? '';

export interface PackOptions {
  /** Mail is sent where a mail server is configured; without one, packs are in the app only. */
  mailer: PackMailer | null;
  /** One subscription failing (say a person's data the reports cannot read) does not stop the others. */
  logger?: Pick<Logger, 'error'>;
}

/** The month of a subscription's newest pack, or null before its first. */
const newestPackMonth = async (q: Queryable, subscriptionId: string): Promise<Month | null> =>
  (
    await q.query<{ month: Month | null }>(
      `select max(doc->'body'->>'month') as month from sync_docs where collection = 'records' and doc->>'kind' = 'reportPack' and doc->>'ref2' = $1`,
      [subscriptionId],
    )
  ).rows[0]?.month ?? null;

/**
 * Writes the pack due at `now` (last month's, from the first working day of this month) for
 * every active subscription of a person who may still read reports, unless it exists, and the
 * packs of the months before it that the subscription missed (packMonths: a server down for a
 * whole month). A pack's id is derived from (subscription, month) and it is written under an
 * advisory lock after checking that id: several processes ticking together write each pack
 * once. Returns the packs written, oldest month first per subscription.
 */
export async function generatePacks(db: Db, registry: Registry<AccessContext>, now: number, opts: PackOptions): Promise<ReportPackRecord[]> {
  const spec = registry.get('records');
  if (!spec) return [];
  const due = packDue(packCalendar(await loadPolicies(db)), now);
  if (!due) return [];
  const written: ReportPackRecord[] = [];
  for (const sub of await activeSubscriptions(db)) {
    if (await packExists(db, packId(sub.id, due))) continue;
    const user = await findUserById(db, sub.ref);
    // Roles can change after subscribing: a person who may no longer read reports gets none.
    if (!user || !user.active || !maySubscribe(user.roles)) continue;
    for (const month of packMonths(due, await newestPackMonth(db, sub.id))) {
      const pack = await writePack(db, spec, sub, user, month, now, opts);
      if (pack) written.push(pack);
    }
  }
  return written;
}

const packExists = async (q: Queryable, id: string): Promise<boolean> =>
  (await q.query(`select 1 from sync_docs where collection = 'records' and id = $1`, [id])).rows.length > 0;

/** One subscription's pack of one month, unless it exists; null when not written. */
async function writePack(
  db: Db,
  spec: NonNullable<ReturnType<Registry<AccessContext>['get']>>,
  sub: ReportSubscriptionRecord,
  user: NonNullable<Awaited<ReturnType<typeof findUserById>>>,
  month: Month,
  now: number,
  opts: PackOptions,
): Promise<ReportPackRecord | null> {
  const id = packId(sub.id, month);
  if (await packExists(db, id)) return null;
  let ctx: CimsContext;
  let figures: PackFigures;
  try {
    ctx = await reportContext(db, user, { from: month, to: month });
    figures = await packFigures(db, ctx, month, now);
  } catch (err) {
    opts.logger?.error({ err, subscription: sub.id, month }, 'report pack could not be computed');
    return null;
  }
  const to = sub.body.mail && opts.mailer ? await emailOf(db, sub.ref) : '';
  const at = new Date(now).toISOString();
  const pack: ReportPackRecord = {
    id,
    createdAt: at,
    updatedAt: at,
    kind: 'reportPack',
    ref: sub.ref,
    ref2: sub.id,
    status: 'ready',
    body: {
      pack: sub.body.pack,
      month,
      locale: sub.body.locale,
      scope: { region: ctx.roles.has('admin') ? null : ctx.region, all: ctx.roles.has('admin') },
      figures,
      mail: { state: to ? 'pending' : 'off', to, attempts: 0, lastError: '', nextAttemptAt: to ? at : null, sentAt: null },
    },
  };
  const stored = await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [PACK_LOCK]);
    if (await packExists(tx, id)) return false;
    await writeServerDocs(tx, spec, [{ doc: pack as unknown as Record<string, unknown> }]);
    return true;
  });
  return stored ? pack : null;
}

const readPack = async (q: Queryable, id: string): Promise<ReportPackRecord | null> =>
  (await q.query<{ doc: ReportPackRecord }>(`select doc from sync_docs where collection = 'records' and id = $1 and not deleted`, [id])).rows[0]?.doc ?? null;

/** How long a claimed mail is left to its sender before another process may try again. */
const CLAIM_MS = 10 * 60_000;

/**
 * Mails the packs waiting for it. Each is claimed first (state `sending`, attempt counted,
 * under the lock), so two processes never send one together; a sender that dies leaves the
 * claim to lapse and the pack is tried again. A failure is logged and tried again later,
 * waiting longer each time, and given up after MAIL_MAX_ATTEMPTS; the pack itself stays.
 * Returns the number of mails sent.
 */
export async function deliverPackMail(db: Db, registry: Registry<AccessContext>, now: number, mailer: PackMailer, logger: Pick<Logger, 'warn'>): Promise<number> {
  const spec = registry.get('records');
  if (!spec) return 0;
  const nowIso = new Date(now).toISOString();
  const due = await db.query<{ id: string }>(
    `select id from sync_docs where collection = 'records' and not deleted and doc->>'kind' = 'reportPack'
        and doc->'body'->'mail'->>'state' in ('pending', 'sending') and doc->'body'->'mail'->>'nextAttemptAt' <= $1 order by id`,
    [nowIso],
  );
  const save = (tx: Queryable, pack: ReportPackRecord, mail: Partial<ReportPackRecord['body']['mail']>) =>
    writeServerDocs(tx, spec, [{ doc: { ...pack, updatedAt: new Date(Math.max(now, Date.parse(pack.updatedAt) + 1)).toISOString(), body: { ...pack.body, mail: { ...pack.body.mail, ...mail } } } as unknown as Record<string, unknown> }]);
  let sent = 0;
  for (const { id } of due.rows) {
    const claimed = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [PACK_LOCK]);
      const pack = await readPack(tx, id);
      const m = pack?.body.mail;
      if (!pack || !m || (m.state !== 'pending' && m.state !== 'sending') || (m.nextAttemptAt ?? '') > nowIso) return null;
      const attempts = m.attempts + 1;
      await save(tx, pack, { state: 'sending', attempts, nextAttemptAt: new Date(now + CLAIM_MS).toISOString() });
      return { pack, attempts };
    });
    if (!claimed) continue;
    const { pack, attempts } = claimed;
    let error: string | null = null;
    try {
      await mailer.send(pack);
    } catch (err) {
      error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      logger.warn({ err, pack: pack.id, attempts }, 'report pack mail failed');
    }
    await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [PACK_LOCK]);
      const current = await readPack(tx, id);
      if (!current) return;
      if (error === null) await save(tx, current, { state: 'sent', sentAt: new Date(now).toISOString(), nextAttemptAt: null, lastError: '' });
      else if (attempts >= MAIL_MAX_ATTEMPTS) await save(tx, current, { state: 'failed', lastError: error, nextAttemptAt: null });
      else await save(tx, current, { state: 'pending', lastError: error, nextAttemptAt: new Date(now + mailRetryMs(attempts)).toISOString() });
    });
    if (error === null) sent++;
  }
  return sent;
}

export interface PackScheduler {
  stop(): Promise<void>;
  /** One run now: packs due, then mail due. */
  tick(now?: number): Promise<ReportPackRecord[]>;
}

/** Runs packs and their mail every `intervalMs`; never two runs at once in this process. */
export function startPackScheduler(db: Db, registry: Registry<AccessContext>, logger: Logger, intervalMs: number, opts: PackOptions): PackScheduler {
  return startPeriodic({
    intervalMs,
    logger,
    what: 'report packs',
    fallback: (): ReportPackRecord[] => [],
    job: async (now) => {
      const written = await generatePacks(db, registry, now, { logger, ...opts });
      if (written.length > 0) logger.info({ packs: written.length, month: written[0]!.body.month }, 'report packs written');
      if (opts.mailer) await deliverPackMail(db, registry, now, opts.mailer, logger);
      return written;
    },
  });
}

