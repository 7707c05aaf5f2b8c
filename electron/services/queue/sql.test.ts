/**
 * The queue's SQL (sql.ts, read.ts over the tickets' projection) answers exactly what its
 * reference, the RxDB selector and SLA predicate of filters.ts, answers: the same rows in
 * the same order, on a randomized fixture of tickets and filters.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fillWithDefaultSettings, getQueryMatcher, normalizeMangoQuery, type RxJsonSchema } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { builtInViews, queueSortFields, slaStates, type QueueFilter, type QueueSort } from '../../../shared/api/queue';
import { seededRandom } from '../../../shared/domain/ids';
import { queueSlaState } from '../../../shared/domain/queueSla';
import { aTicket } from '../../../shared/domain/testing/builders';
import { collections, NONE, NO_DUE, type SlaPolicyBody, type Ticket } from '../../../shared/schema';
import { PENDING_REASONS, PRIORITIES, SEVERITIES, TICKET_STATUSES, TICKET_TYPES, TIERS } from '../../../shared/schema/enums';
import { betterSqlite3Driver } from '../../db/sqlite-storage';
import { tempDir } from '../../db/sqlite-storage/test-builders';
import { ticketProjection } from '../../db/ticket-projection';
import { queueCriteria, type QueueIdentity } from './filters';
import { readPage } from './read';
import { queueWhere } from './sql';

const HOUR = 3_600_000;
const ROUNDS = 250;
const NOW = Date.parse('2026-06-15T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('queue SQL equals the queue selector', () => {
  const random = seededRandom(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const some = <T>(list: readonly T[]): T[] => list.filter(() => random() < 0.4);
  const people = ['me', 'ann', 'bob', NONE];
  const teams = ['t-mine', 't-other', 't-third'];
  const customers = ['c1', 'c2', 'c3'];
  const me: QueueIdentity = { personId: 'me', teamId: 't-mine' };
  const policy = (customerId: string): SlaPolicyBody | null => (customerId === 'c1' ? ({ warningRatio: 0.5 } as SlaPolicyBody) : null);

  const tickets: Ticket[] = Array.from({ length: 400 }, (_, i) => {
    const status = pick(TICKET_STATUSES);
    const closed = status === 'resolved' || status === 'closed';
    const at = (spread: number) => iso(NOW + Math.round((random() - 0.5) * spread * HOUR));
    return aTicket({
      id: `id-${String(i).padStart(4, '0')}`,
      status,
      pendingReason: status === 'pending' ? pick(PENDING_REASONS) : null,
      severity: pick(SEVERITIES),
      priority: pick(PRIORITIES),
      type: pick(TICKET_TYPES),
      customerTier: pick(TIERS),
      customerId: pick(customers),
      teamId: pick(teams),
      assigneeId: pick(people),
      region: pick(['cn-east', 'eu-central']),
      productLine: pick(['OLT', 'ONT', 'Router']),
      functionalLevel: pick(['L1', 'L2', 'L3']),
      managementLevel: pick(['assignee', 'team_lead', 'service_manager']),
      createdAt: at(24 * 60),
      // Some share a due time, so the id decides their order.
      slaDueAt: random() < 0.2 ? NO_DUE : random() < 0.2 ? iso(NOW + HOUR) : at(24 * 10),
      respondedAt: random() < 0.5 ? at(24) : null,
      restoredAt: random() < 0.3 ? at(24) : null,
      resolvedAt: closed ? at(24 * 20) : null,
      closedAt: status === 'closed' ? at(24 * 20) : null,
    });
  });

  const cols = ticketProjection.columns.map(([n, t]) => `${n} ${t}`).join(', ');

  const schema = fillWithDefaultSettings(collections.tickets.rxSchema as RxJsonSchema<Ticket>);

  /** The reference: the RxDB selector, the SLA predicate, sorted as RxDB sorts. */
  const reference = (filter: QueueFilter, sort: QueueSort, hits: string[] | undefined): string[] => {
    const criteria = queueCriteria(filter, me, NOW, (t) => policy(t.customerId));
    const matches = getQueryMatcher(schema, normalizeMangoQuery(schema, { selector: criteria.selector as never }));
    const rank = hits ? new Map(hits.map((id, i) => [id, i])) : undefined;
    const dir = sort.direction === 'asc' ? 1 : -1;
    const key = (t: Ticket): string | number => (sort.field === 'relevance' ? rank!.get(t.id)! : t[sort.field]);
    return tickets
      .filter((t) => matches({ ...t, _deleted: false } as never) && (!criteria.predicate || criteria.predicate(t)) && (!rank || rank.has(t.id)))
      .sort((a, b) => (key(a) < key(b) ? -dir : key(a) > key(b) ? dir : a.id < b.id ? -dir : a.id > b.id ? dir : 0))
      .map((t) => t.id);
  };

  const randomFilter = (): QueueFilter => {
    const f: QueueFilter = { view: pick(builtInViews) };
    const maybe = <K extends keyof QueueFilter>(key: K, value: () => QueueFilter[K]) => {
      if (random() < 0.25) f[key] = value();
    };
    maybe('status', () => some(TICKET_STATUSES));
    maybe('severity', () => some(SEVERITIES));
    maybe('priority', () => some(PRIORITIES));
    maybe('type', () => some(TICKET_TYPES));
    maybe('tier', () => some(TIERS));
    maybe('pendingReason', () => some(PENDING_REASONS));
    maybe('sla', () => some(slaStates));
    maybe('teamId', () => some(teams));
    maybe('assigneeId', () => some(people.filter((p) => p !== NONE)));
    maybe('customerId', () => some(customers));
    maybe('productLine', () => some(['OLT', 'ONT', 'Router']));
    maybe('region', () => some(['cn-east', 'eu-central']));
    maybe('createdFrom', () => iso(NOW - random() * 30 * 24 * HOUR).slice(0, 10));
    maybe('createdTo', () => iso(NOW + random() * 30 * 24 * HOUR).slice(0, 10));
    maybe('dueFrom', () => iso(NOW - random() * 5 * 24 * HOUR).slice(0, 10));
    maybe('dueTo', () => iso(NOW + random() * 5 * 24 * HOUR).slice(0, 10));
    // Empty lists mean "no filter" in the selector; the grid never sends them.
    for (const k of Object.keys(f) as (keyof QueueFilter)[]) if (Array.isArray(f[k]) && (f[k] as unknown[]).length === 0) delete f[k];
    return f;
  };

  it('answers the same rows, order and total for 250 random filters, sorts and searches', () => {
    let compared = 0;
    let nonEmpty = 0;
    // The projection and documents as the storage writes them.
    const { dir, cleanup } = tempDir('cims-queue-sql-');
    const path = join(dir, 'cims.sqlite');
    const disk = new Database(path);
    disk.exec(`CREATE TABLE "proj:tickets:v1" (rowid INTEGER PRIMARY KEY, ${cols})`);
    disk.exec(`CREATE TABLE "docs:tickets:v1" (rowid INTEGER PRIMARY KEY, data TEXT)`);
    ticketProjection.indexes.forEach((idx, i) => disk.exec(`CREATE INDEX x${i} ON "proj:tickets:v1" (${idx.join(', ')})`));
    const ins = disk.prepare(`INSERT INTO "proj:tickets:v1" VALUES (?${', ?'.repeat(ticketProjection.columns.length)})`);
    const insDoc = disk.prepare(`INSERT INTO "docs:tickets:v1" VALUES (?, ?)`);
    tickets.forEach((t, i) => {
      ins.run(i + 1, ...(ticketProjection.row(t as unknown as Record<string, unknown>) as (string | number | null)[]));
      insDoc.run(i + 1, JSON.stringify(t));
    });
    disk.close();
    const reader = betterSqlite3Driver(path);
    try {
      for (let i = 0; i < ROUNDS; i++) {
        const filter = randomFilter();
        const hits = random() < 0.2 ? some(tickets.map((t) => t.id)).sort(() => random() - 0.5).slice(0, 60) : undefined;
        const field = pick(queueSortFields.filter((s) => hits || s !== 'relevance'));
        const sort: QueueSort = { field, direction: pick(['asc', 'desc'] as const) };
        const expected = reference(filter, sort, hits);
        const offset = pick([0, 0, 5]);
        const limit = pick([10, 50]);
        const got = readPage(reader, {
          where: queueWhere(filter, me, NOW),
          hits,
          sort,
          offset,
          limit,
          slaState: (t) => queueSlaState(t, policy(t.customerId), NOW),
        });
        expect({ filter, sort, total: got.total, ids: got.tickets.map((t) => t.id) }).toEqual({ filter, sort, total: expected.length, ids: expected.slice(offset, offset + limit) });
        compared++;
        if (expected.length > 0) nonEmpty++;
      }
    } finally {
      reader.close();
      cleanup();
    }
    expect(compared).toBe(ROUNDS);
    // The fixture is not trivially empty for most filters.
    expect(nonEmpty).toBeGreaterThan(ROUNDS / 4);
  });
});
