import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { slaContextFrom } from '../../shared/domain/context';
import { dueEscalations, escalationDraft, escalationRulesFrom, escalationTarget } from '../../shared/domain/escalation';
import { OPEN_STATUSES } from '../../shared/domain/lifecycle';
import type { Customer, Person, Policy, Team, Ticket, TicketEvent } from '../../shared/schema';
import type { Db, Queryable } from '../db/db';
import { activateDuePolicies } from '../adminPolicies';
import { startPeriodic } from '../ops/periodic';
import { writeServerDocs } from '../sync/engine';
import type { AccessContext, Registry } from '../sync/registry';

/** Author of automatic timeline events (a fixed UUID v7 no person has). */
export const SYSTEM_AUTHOR_ID = '00000000-0000-7000-8000-000000000000';

async function docs<T>(q: Queryable, collection: string, where = '', params: unknown[] = []): Promise<T[]> {
  const r = await q.query<{ doc: T }>(`select doc from sync_docs where collection = $1 and not deleted ${where}`, [collection, ...params]);
  return r.rows.map((x) => x.doc);
}

/**
 * One evaluation of every open ticket's SLA clocks with the shared domain functions. Each
 * automatic escalation is written as a ticket event exactly once: the (ticket, rule) key in
 * sla_escalations is claimed in the same transaction as the event, so a second server process
 * evaluating the same ticket waits, then finds the key taken. Returns the events written.
 */
export async function runSlaTick(db: Db, registry: Registry<AccessContext>, now: number): Promise<TicketEvent[]> {
  const eventsSpec = registry.get('ticketEvents');
  if (!eventsSpec || !registry.get('tickets')) return [];
  const tickets = await docs<Ticket>(db, 'tickets', `and doc->>'status' = any($2::text[])`, [[...OPEN_STATUSES]]);
  if (tickets.length === 0) return [];
  const [events, customers, policies, teams, people] = await Promise.all([
    docs<TicketEvent>(db, 'ticketEvents', `and doc->>'ticketId' = any($2::text[])`, [tickets.map((t) => t.id)]),
    docs<Customer>(db, 'customers'),
    docs<Policy>(db, 'policies'),
    docs<Team>(db, 'teams'),
    docs<Person>(db, 'people'),
  ]);
  const byTicket = new Map<string, TicketEvent[]>();
  for (const e of events) byTicket.set(e.ticketId, [...(byTicket.get(e.ticketId) ?? []), e]);
  const contextOf = slaContextFrom({ customers, policies });
  const rules = escalationRulesFrom(policies);
  const written: TicketEvent[] = [];
  for (const ticket of tickets) {
    const own = byTicket.get(ticket.id) ?? [];
    const due = dueEscalations({ ticket, events: own, ...contextOf(ticket), rules, now });
    for (const d of due) {
      const target = escalationTarget({ ticket, axis: d.axis, to: d.toLevel, teams, people });
      const at = new Date(now).toISOString();
      const event = { ...escalationDraft(d, target, now), id: uuidv7(), ticketId: ticket.id, authorId: SYSTEM_AUTHOR_ID, createdAt: at, updatedAt: at } as TicketEvent;
      const stored = await db.transaction(async (tx) => {
        const claim = await tx.query(
          'insert into sla_escalations (ticket_id, rule, event_id) values ($1, $2, $3) on conflict do nothing returning event_id',
          [ticket.id, d.ruleKey, event.id],
        );
        if (claim.rows.length === 0) return false;
        await writeServerDocs(tx, eventsSpec, [{ doc: event as unknown as Record<string, unknown> }]);
        return true;
      });
      if (stored) written.push(event);
    }
  }
  return written;
}

export interface Scheduler {
  stop(): Promise<void>;
  /** Runs one tick now (tests, or an admin "evaluate now"). */
  tick(now?: number): Promise<TicketEvent[]>;
  /** Seconds past its period since the last tick finished (0 = on time): the lag metric. */
  lagSeconds(now?: number): number;
}

/**
 * Every `intervalMs`: puts in force the policy versions whose effective day has begun, then
 * runs `runSlaTick` under them; never two ticks at once in this process.
 */
export function startSlaScheduler(db: Db, registry: Registry<AccessContext>, logger: Logger, intervalMs: number): Scheduler {
  return startPeriodic({
    intervalMs,
    logger,
    what: 'sla tick',
    fallback: (): TicketEvent[] => [],
    job: async (now) => {
      try {
        const activated = await activateDuePolicies(db, registry, now);
        if (activated.length > 0) logger.info({ policies: activated }, 'scheduled policy versions in force');
      } catch (err) {
        logger.error({ err }, 'activating scheduled policy versions failed');
      }
      const written = await runSlaTick(db, registry, now);
      if (written.length > 0) logger.info({ escalations: written.length }, 'automatic escalations written');
      return written;
    },
  });
}
