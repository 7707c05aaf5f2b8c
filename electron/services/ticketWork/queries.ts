/**
 * What the ticket screen reads: the ticket with its customer, SLA clocks, levels and what the
 * worker may change; its timeline, a page at a time; and the people and teams to assign to,
 * with their open work. Each obeys the ticket read rules (an unseen ticket reads as absent).
 */
import { auditTime, combineLatest, distinctUntilChanged, map, merge, of, startWith, switchMap, timer, type Observable } from 'rxjs';
import type { MangoQuerySelector } from 'rxdb';
import {
  editableTicketFields,
  type AssigneeOption,
  type EscalationNotice,
  type SlaClockView,
  type TicketWorkDetail,
  type TimelineEntry,
  type TimelineParams,
} from '../../../shared/api/ticketWork';
import type { Page } from '../../../shared/api/paging';
import { CAUSE_CATEGORIES, NONE, TICKET_ASSIGNEE_INDEX, type Asset, type CauseCategory, type Customer, type Person, type Policy, type Team, type Ticket, type TicketEvent, type VisitCorrectionRecord, type VisitRecord } from '../../../shared/schema';
import { slaContextFrom } from '../../../shared/domain/context';
import { currentOrgSettings } from '../admin/orgSettings';
import { currentLevels, unacknowledgedEscalations } from '../../../shared/domain/escalation';
import { canTransition, OPEN_STATUSES, reopenDeadline, TRANSITIONS } from '../../../shared/domain/lifecycle';
import { isPaused, slaState, type SlaClock } from '../../../shared/domain/sla';
import { canReadTicket, ticketFieldAccess } from '../../../shared/domain/ticketAccess';
import { displayTicketNumber, parseOfficialTicketNumber } from '../../../shared/domain/ticketNumber';
import type { SessionUser } from '../../../shared/sync/protocol';
import type { VisitTimelineItem } from '../../../shared/api/fieldwork';
import type { CimsDatabase } from '../../db/open';
import { recordChanges$ } from '../../db/record-changes';
import { eventWindow, mergePage, visitTimelineItems } from '../fieldwork/timeline';
import { liveFrom, page$, type Emit, type OnError } from '../../core/live';
import type { SettingsStore } from '../../core/settings';
import { CAUSE_TAG } from './work';
import { workerOf, type Worker } from './viewer';

/** Clocks tick on the screen; main refreshes the computed state this often (pauses move due times). */
const SLA_REFRESH_MS = 30_000;
const WORKLOAD_SETTLE_MS = 500;
const NUMBER_LOOKUP_MS = 50;

/** A ticket's official (server) or provisional number. */
export type TicketNumberKey = { official: number } | { provisional: string };

export const iso = (ms: number | null): string | null => (ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString());
const clockView = (c: SlaClock): SlaClockView => ({
  targetMinutes: c.targetMinutes,
  dueAt: iso(c.dueAt),
  stoppedAt: iso(c.stoppedAt),
  paused: c.paused,
  elapsedMinutes: c.elapsedMinutes,
  percent: c.percent === null || !Number.isFinite(c.percent) ? c.percent === null ? null : 1e6 : c.percent,
  state: c.state,
  met: c.met,
  mode: c.mode,
});

const causeOf = (tags: readonly string[]): CauseCategory | null => {
  const tag = [...tags].reverse().find((t) => t.startsWith(CAUSE_TAG));
  const cause = tag?.slice(CAUSE_TAG.length);
  return cause && (CAUSE_CATEGORIES as readonly string[]).includes(cause) ? (cause as CauseCategory) : null;
};

export const createTicketWorkQueries = (
  db: CimsDatabase,
  settings: SettingsStore,
  currentUser: () => SessionUser | null,
  /** Emits when the signed-in user changes: what they may see and change follows. */
  identity$: Observable<unknown>,
  clock: () => Date = () => new Date(),
  /**
   * The id of the ticket with a number, from the store's tickets projection (an indexed
   * lookup; the tickets collection has no index on the numbers). Without it, a query.
   */
  idByNumber?: (number: TicketNumberKey) => string | null,
) => {
  const worker = () => workerOf(db, settings, currentUser());
  const ping = <T>(source: Observable<T>) => source.pipe(map(() => null), startWith(null));

  const nameMaps = async () => {
    const [people, teams] = await Promise.all([db.people.find().exec(), db.teams.find().exec()]);
    return {
      people: new Map(people.map((d) => [d.id, d.toJSON() as Person])),
      teams: new Map(teams.map((d) => [d.id, d.toJSON() as Team])),
    };
  };

  const eventsOf = async (ticketId: string): Promise<TicketEvent[]> =>
    (await db.ticketEvents.find({ selector: { ticketId } }).exec()).map((d) => d.toJSON() as TicketEvent);

  const detailOf = async (w: Worker, ticket: Ticket): Promise<TicketWorkDetail> => {
    const now = clock().getTime();
    const [events, customerDoc, policies, assetDoc, names, { reopenWindowDays }] = await Promise.all([
      eventsOf(ticket.id),
      db.customers.findOne(ticket.customerId).exec(),
      db.policies.find({ selector: { kind: { $in: ['sla', 'calendar'] } } }).exec(),
      ticket.assetId === NONE ? Promise.resolve(null) : db.assets.findOne(ticket.assetId).exec(),
      nameMaps(),
      currentOrgSettings(db),
    ]);
    const customer = customerDoc?.toJSON() as Customer | undefined;
    const asset = assetDoc?.toJSON() as Asset | undefined;
    const context = slaContextFrom({ customers: customer ? [customer] : [], policies: policies.map((p) => p.toJSON() as Policy) })(ticket);
    const sla = slaState({ ticket, events, ...context, now });
    const transitions = TRANSITIONS[ticket.status].filter(
      (to) => canTransition({ ticket, to, roles: w.roleList, now, pendingReason: to === 'pending' ? 'customer' : null, reopenWindowDays }).ok,
    );
    const related = customer
      ? (
          await db.tickets
            .find({ selector: ticket.assetId === NONE ? { customerId: ticket.customerId } : { assetId: ticket.assetId }, sort: [{ updatedAt: 'desc' }], limit: 11 })
            .exec()
        )
          .map((d) => d.toJSON() as Ticket)
          .filter((t) => t.id !== ticket.id && canReadTicket(w, t))
          .slice(0, 10)
          .map((t) => ({ number: displayTicketNumber(t), title: t.title, status: t.status }))
      : [];
    const openEscalations: EscalationNotice[] = unacknowledgedEscalations(events).map((e) => ({
      eventId: e.id,
      axis: e.axis,
      fromLevel: e.fromLevel,
      toLevel: e.toLevel,
      reason: e.reason,
      at: e.at,
      toPersonId: e.toPersonId,
      toTeamId: e.toTeamId,
      forMe: e.toPersonId === w.me || (e.toTeamId !== null && (e.toTeamId === w.teamId || w.managedTeams.has(e.toTeamId))),
    }));
    const site = customer?.sites.find((s) => s.id === ticket.siteId);
    const team = names.teams.get(ticket.teamId);
    const assignee = ticket.assigneeId === NONE ? null : names.people.get(ticket.assigneeId);
    const fields = ticketFieldAccess(w, ticket, editableTicketFields);
    const teamAccess = ticketFieldAccess(w, ticket, ['teamId', 'assigneeId', 'functionalLevel']);
    return {
      id: ticket.id,
      number: displayTicketNumber(ticket),
      provisional: ticket.number === null,
      title: ticket.title,
      description: ticket.description,
      status: ticket.status,
      pendingReason: ticket.pendingReason,
      severity: ticket.severity,
      priority: ticket.priority,
      type: ticket.type,
      channel: ticket.channel,
      problemReport: ticket.problemReport,
      productLine: ticket.productLine,
      tags: ticket.tags,
      cause: causeOf(ticket.tags),
      customer: { id: ticket.customerId, name: customer?.name ?? ticket.customerName, tier: customer?.tier ?? ticket.customerTier, code: customer?.code ?? null },
      site: { id: ticket.siteId, name: site?.name ?? null },
      region: ticket.region,
      contact: ticket.contact,
      asset: asset ? { id: asset.id, code: asset.assetCode, model: asset.model } : ticket.assetId === NONE ? null : { id: ticket.assetId, code: ticket.assetId, model: null },
      team: team ? { id: team.id, name: team.name, ...(team.nameZh ? { nameZh: team.nameZh } : {}) } : { id: ticket.teamId, name: '' },
      assignee: ticket.assigneeId === NONE ? null : { id: ticket.assigneeId, name: assignee?.displayName ?? (ticket.assigneeId === w.me ? currentUser()?.displayName ?? '' : '') },
      levels: currentLevels(ticket, events),
      sla: { firstResponse: clockView(sla.firstResponse), restore: clockView(sla.restore), fix: clockView(sla.fix), paused: isPaused(events) && ticket.status === 'pending', computedAt: new Date(now).toISOString() },
      fields,
      transitions,
      reopenUntil: iso(reopenDeadline(ticket, reopenWindowDays)),
      mayAssign: teamAccess.teamId.editable || teamAccess.assigneeId.editable,
      mayEscalate: OPEN_STATUSES.includes(ticket.status) && w.roleList.some((r) => r !== 'assessor'),
      openEscalations,
      related,
      createdAt: ticket.createdAt,
      updatedAt: ticket.updatedAt,
      respondedAt: ticket.respondedAt,
      restoredAt: ticket.restoredAt,
      resolvedAt: ticket.resolvedAt,
      closedAt: ticket.closedAt,
      reopenCount: ticket.reopenCount,
      eventCount: events.length,
    };
  };

  const visibleTicket = async (w: Worker, ticketId: string): Promise<Ticket | null> => {
    const t = (await db.tickets.findOne(ticketId).exec())?.toJSON() as Ticket | undefined;
    return t && canReadTicket(w, t) ? t : null;
  };

  return {
    /** One ticket by its server or provisional number, with everything its screen shows; null when absent or unseen. */
    watchDetail(params: { number: string }, emit: Emit<TicketWorkDetail | null>, onError: OnError) {
      const serverNumber = parseOfficialTicketNumber(params.number);
      const selector: MangoQuerySelector<Ticket> = serverNumber === null ? { provisionalNumber: params.number } : { number: serverNumber };
      const key: TicketNumberKey = serverNumber === null ? { provisional: params.number } : { official: serverNumber };
      // Looked up again after ticket writes: a number arrives with the first sync.
      const ticket$ = idByNumber
        ? merge(of(null), db.tickets.$.pipe(auditTime(NUMBER_LOOKUP_MS))).pipe(
            map(() => idByNumber(key)),
            distinctUntilChanged(),
            switchMap((id) => (id === null ? of(null) : db.tickets.findOne(id).$)),
          )
        : db.tickets.findOne({ selector }).$;
      const source = combineLatest([
        ticket$,
        ticket$.pipe(switchMap((doc) => (doc ? ping(db.ticketEvents.find({ selector: { ticketId: doc.id } }).$) : of(null)))),
        ping(merge(db.customers.$, db.people.$, db.teams.$, db.policies.$, db.assets.$)),
        timer(0, SLA_REFRESH_MS),
        identity$,
      ]);
      return liveFrom(
        source,
        async ([doc]) => {
          if (!doc) return null;
          const w = await worker();
          const ticket = doc.toJSON() as Ticket;
          return canReadTicket(w, ticket) ? detailOf(w, ticket) : null;
        },
        emit,
        onError,
      );
    },

    /**
     * The timeline, newest first, a page at a time (long histories stay fast): the ticket's
     * events with its site visits (setting off, check-in and out, corrections) among them.
     */
    watchTimeline(params: Required<TimelineParams>, emit: Emit<Page<TimelineEntry>>, onError: OnError) {
      const empty: Page<TimelineEntry> = { rows: [], total: 0 };
      const visits = async () => {
        const docs = await db.records.find({ selector: { kind: { $in: ['visit', 'visit_correction'] }, ref: params.ticketId } as MangoQuerySelector<never> }).exec();
        return visitTimelineItems(docs.map((d) => d.toJSON() as unknown as VisitRecord | VisitCorrectionRecord));
      };
      const pages = combineLatest([identity$, ping(db.tickets.findOne(params.ticketId).$)]).pipe(
        switchMap(async () => {
          const w = await worker();
          return (await visibleTicket(w, params.ticketId)) ? w : null;
        }),
        switchMap((w) =>
          w === null
            ? of(empty)
            : combineLatest([ping(merge(db.people.$, db.teams.$)), ping(recordChanges$(db, ['visit', 'visit_correction']))]).pipe(
                switchMap(() => visits()),
                switchMap((extras) => {
                  const window = eventWindow(params.offset, params.limit, extras.length);
                  return page$(
                    db.ticketEvents,
                    { selector: { ticketId: params.ticketId }, sort: [{ at: 'desc' }, { id: 'desc' }], offset: window.skip, limit: window.limit },
                    async (events) => {
                      const names = await nameMaps();
                      const nameOf = (id: string | null | undefined): [string, string][] => {
                        if (!id) return [];
                        const person = names.people.get(id);
                        const team = names.teams.get(id);
                        return person ? [[id, person.displayName]] : team ? [[id, team.name]] : [];
                      };
                      return mergePage<TicketEvent, VisitTimelineItem>(events, window, extras, params).map((e) => {
                        const refs = [
                          ...('toTeamId' in e ? [e.toTeamId] : []),
                          ...('fromTeamId' in e ? [e.fromTeamId] : []),
                          ...('toAssigneeId' in e ? [e.toAssigneeId] : []),
                          ...('fromAssigneeId' in e ? [e.fromAssigneeId] : []),
                          ...('toPersonId' in e ? [e.toPersonId] : []),
                          ...('lostAuthorId' in e ? [e.lostAuthorId] : []),
                        ];
                        return {
                          ...e,
                          authorName: names.people.get(e.authorId)?.displayName ?? (e.authorId === w.me ? (currentUser()?.displayName ?? '') : ''),
                          names: Object.fromEntries(refs.flatMap(nameOf)),
                          mine: e.authorId === w.me,
                        } as TimelineEntry;
                      });
                    },
                  ).pipe(map((page) => ({ ...page, total: page.total + extras.length })));
                }),
              ),
        ),
      );
      return liveFrom(pages, (page) => page, emit, onError);
    },

    /** Active teams and people, with their open tickets, matching the typed text. */
    watchAssignees(params: { query: string }, emit: Emit<AssigneeOption[]>, onError: OnError) {
      const source = combineLatest([ping(merge(db.people.$, db.teams.$)), ping(db.tickets.$.pipe(auditTime(WORKLOAD_SETTLE_MS))), identity$]);
      const q = params.query.toLowerCase();
      const matches = (...texts: (string | undefined)[]) => q === '' || texts.some((t) => t?.toLowerCase().includes(q));
      return liveFrom(
        source,
        async () => {
          const { people, teams } = await nameMaps();
          const open = { $in: [...OPEN_STATUSES] };
          const options: AssigneeOption[] = [];
          for (const t of teams.values()) {
            if (!t.active || !matches(t.name, t.nameZh)) continue;
            const openTickets = await db.tickets.count({ selector: { teamId: t.id, status: open } }).exec();
            options.push({ kind: 'team', id: t.id, name: t.name, ...(t.nameZh ? { nameZh: t.nameZh } : {}), teamId: t.id, level: t.level, openTickets });
          }
          for (const p of people.values()) {
            if (!p.active || p.roles.every((r) => r === 'assessor' || r === 'admin') || !matches(p.displayName, p.displayNameZh, p.username)) continue;
            const openTickets = await db.tickets.count({ selector: { assigneeId: p.id, status: open }, index: TICKET_ASSIGNEE_INDEX }).exec();
            options.push({ kind: 'person', id: p.id, name: p.displayName, ...(p.displayNameZh ? { nameZh: p.displayNameZh } : {}), teamId: p.teamId, level: p.teamId ? teams.get(p.teamId)?.level ?? null : null, openTickets });
          }
          return options.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'team' ? -1 : 1));
        },
        emit,
        onError,
      );
    },
  };
};
