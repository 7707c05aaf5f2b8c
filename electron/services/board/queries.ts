/**
 * The escalation board: open tickets by their level on one axis, the nearest SLA due first,
 * with their clocks, the time spent at that level and the escalations nobody has acknowledged.
 * Live: any change to tickets, their events, people, teams, customers or policies recomputes it.
 */
import { auditTime, combineLatest, map, merge, startWith, timer, type Observable } from 'rxjs';
import type { MangoQuerySelector } from 'rxdb';
import {
  BOARD_COLUMN_LIMIT,
  boardColumns,
  type BoardCard,
  type BoardClock,
  type BoardColumn,
  type BoardFilterOptions,
  type BoardLevel,
  type BoardParams,
  type BoardView,
} from '../../../shared/api/board';
import { NONE, type Customer, type Person, type Policy, type Team, type Ticket, type TicketEvent } from '../../../shared/schema';
import { groupEventsByTicket, slaContextFrom } from '../../../shared/domain/context';
import { unacknowledgedEscalations } from '../../../shared/domain/escalation';
import { OPEN_STATUSES } from '../../../shared/domain/lifecycle';
import { slaState, sortEvents, type SlaClock } from '../../../shared/domain/sla';
import { canReadTicket } from '../../../shared/domain/ticketAccess';
import { displayTicketNumber } from '../../../shared/domain/ticketNumber';
import type { SessionUser } from '../../../shared/sync/protocol';
import type { CimsDatabase } from '../../db/open';
import { liveFrom, type Emit, type OnError } from '../../core/live';
import type { SettingsStore } from '../../core/settings';
import { iso } from '../ticketWork/queries';
import { workerOf } from '../ticketWork/viewer';

/** Clocks change state with time alone: the board is recomputed this often without any change. */
const REFRESH_MS = 30_000;
/** A burst of writes (a bulk action, a sync pull) recomputes the board once. */
const SETTLE_MS = 150;

const clockOf = (c: SlaClock): BoardClock => ({ kind: c.clock, dueAt: iso(c.dueAt), state: c.state, paused: c.paused, met: c.met });

type Params = Required<Pick<BoardParams, 'axis'>> & Omit<BoardParams, 'axis'>;

export const boardSelector = (params: Params, level: BoardLevel): MangoQuerySelector<Ticket> => {
  const selector: MangoQuerySelector<Ticket> = { status: { $in: [...OPEN_STATUSES] } };
  if (params.axis === 'functional') selector.functionalLevel = level as Ticket['functionalLevel'];
  else selector.managementLevel = level as Ticket['managementLevel'];
  if (params.region) selector.region = params.region;
  if (params.teamId) selector.teamId = params.teamId;
  if (params.productLine) selector.productLine = params.productLine;
  if (params.severity?.length) selector.severity = { $in: params.severity };
  return selector;
};

export const createBoardQueries = (
  db: CimsDatabase,
  settings: SettingsStore,
  currentUser: () => SessionUser | null,
  identity$: Observable<unknown>,
  clock: () => Date = () => new Date(),
) => {
  const ping = <T>(source: Observable<T>) => source.pipe(map(() => null), startWith(null));

  const compute = async (params: Params): Promise<BoardView> => {
    const now = clock().getTime();
    const w = await workerOf(db, settings, currentUser());
    const levels: readonly BoardLevel[] = boardColumns[params.axis];
    const found = await Promise.all(
      levels.map(async (level) => {
        const selector = boardSelector(params, level);
        const [docs, total] = await Promise.all([
          db.tickets.find({ selector, sort: [{ slaDueAt: 'asc' }, { id: 'asc' }], limit: BOARD_COLUMN_LIMIT }).exec(),
          db.tickets.count({ selector }).exec(),
        ]);
        // The local store holds what the server let this user pull; the read rules still decide what shows.
        const tickets = docs.map((d) => d.toJSON() as Ticket).filter((t) => canReadTicket(w, t));
        return { level, total: total - (docs.length - tickets.length), tickets };
      }),
    );
    const all = found.flatMap((c) => c.tickets);
    const [eventDocs, customerDocs, policyDocs, peopleDocs, teamDocs] = await Promise.all([
      all.length ? db.ticketEvents.find({ selector: { ticketId: { $in: all.map((t) => t.id) } } }).exec() : Promise.resolve([]),
      all.length ? db.customers.find({ selector: { id: { $in: [...new Set(all.map((t) => t.customerId))] } } }).exec() : Promise.resolve([]),
      db.policies.find({ selector: { kind: { $in: ['sla', 'calendar'] } } }).exec(),
      db.people.find().exec(),
      db.teams.find().exec(),
    ]);
    const events = groupEventsByTicket(eventDocs.map((d) => d.toJSON() as TicketEvent));
    const customers = customerDocs.map((d) => d.toJSON() as Customer);
    const customerById = new Map(customers.map((c) => [c.id, c]));
    const context = slaContextFrom({ customers, policies: policyDocs.map((d) => d.toJSON() as Policy) });
    const people = new Map(peopleDocs.map((d) => [d.id, d.toJSON() as Person]));
    const teams = teamDocs.map((d) => d.toJSON() as Team);
    const teamById = new Map(teams.map((t) => [t.id, t]));

    const card = (ticket: Ticket, level: BoardLevel): BoardCard => {
      const history = events.get(ticket.id) ?? [];
      const sla = slaState({ ticket, events: history, ...context(ticket), now });
      const arrived = sortEvents(history)
        .filter((e) => e.kind === 'escalation' && e.axis === params.axis && e.toLevel === level)
        .at(-1);
      const customer = customerById.get(ticket.customerId);
      const receiver = (personId: string | null, teamId: string | null, toLevel: string): string =>
        (personId && people.get(personId)?.displayName) || (teamId && teamById.get(teamId)?.name) || toLevel;
      return {
        id: ticket.id,
        number: displayTicketNumber(ticket),
        title: ticket.title,
        status: ticket.status,
        severity: ticket.severity,
        priority: ticket.priority,
        customerName: customer?.name ?? ticket.customerName,
        tier: customer?.tier ?? ticket.customerTier,
        region: ticket.region,
        productLine: ticket.productLine,
        teamName: teamById.get(ticket.teamId)?.name ?? '',
        assigneeName: ticket.assigneeId === NONE ? '' : (people.get(ticket.assigneeId)?.displayName ?? ''),
        level,
        atLevelSince: arrived?.at ?? ticket.createdAt,
        clocks: [sla.firstResponse, sla.restore, sla.fix].filter((c) => c.targetMinutes !== null && c.met !== true).map(clockOf),
        unacknowledged: unacknowledgedEscalations(history).map((e) => ({ eventId: e.id, receiver: receiver(e.toPersonId, e.toTeamId, e.toLevel), toLevel: e.toLevel, at: e.at })),
      };
    };

    const columns: BoardColumn[] = found.map(({ level, total, tickets }) => ({ level, total, cards: tickets.map((t) => card(t, level)) }));
    const active = teams.filter((t) => t.active);
    const options: BoardFilterOptions = {
      regions: [...new Set([...active.map((t) => t.region), w.region].filter((r): r is string => Boolean(r)))].sort(),
      teams: active.map((t) => ({ id: t.id, name: t.name, ...(t.nameZh ? { nameZh: t.nameZh } : {}) })).sort((a, b) => a.name.localeCompare(b.name)),
      productLines: [...new Set(active.flatMap((t) => t.productLines))].sort(),
    };
    return { axis: params.axis, columns, options, computedAt: new Date(now).toISOString() };
  };

  return {
    compute,
    watchBoard(params: Params, emit: Emit<BoardView>, onError: OnError) {
      const changes = merge(db.tickets.$, db.ticketEvents.$, db.people.$, db.teams.$, db.customers.$, db.policies.$).pipe(auditTime(SETTLE_MS));
      const source = combineLatest([ping(changes), timer(0, REFRESH_MS), identity$]);
      return liveFrom(source, () => compute(params), emit, onError);
    },
  };
};
