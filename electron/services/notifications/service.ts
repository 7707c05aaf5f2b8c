/**
 * Notifications of the signed-in user (or the device's local identity), derived in main from
 * the tickets and ticket events in the store, whether they arrived by sync or were written
 * here. Re-derived after every change and once a minute, since SLA warnings come with time.
 */
import { auditTime, combineLatest, filter, firstValueFrom, interval, map, merge, Observable, shareReplay, switchMap, type Subscription } from 'rxjs';
import type { DesktopNotification, NotificationList, NotificationSettings, NotificationView } from '../../../shared/api/notifications';
import { TICKET_ASSIGNEE_INDEX, type Assessment, type AssessmentCycle, type Customer, type OutcomeApprovalRecord, type Person, type Policy, type Ticket, type TicketEvent } from '../../../shared/schema';
import type { ReportPackRecord } from '../../../shared/schema/records';
import { packHref } from '../../../shared/domain/reportPacks';
import { assessmentReminders } from '../../../shared/domain/assessmentReminders';
import { slaContextFrom } from '../../../shared/domain/context';
import { deriveNotifications, NOTIFICATION_HORIZON_MS, type DerivedNotification, type NotificationKind } from '../../../shared/domain/notifications';
import { displayTicketNumber } from '../../../shared/domain/ticketNumber';
import { OPEN_STATUSES } from '../../../shared/domain/lifecycle';
import type { CimsDatabase } from '../../db/open';
import type { QueueIdentity } from '../tickets/queries';
import type { TimelineReader } from '../tickets/timelines';
import { isMuted, type NotificationStateStore, type UserNotificationState } from './state';

interface Derived {
  me: QueueIdentity;
  notifications: DerivedNotification[];
  tickets: Map<string, Ticket>;
  /** Where each assessment reminder or report pack leads and what it names (notification id -> view fields). */
  reminders: Map<string, { cycleName: string; personName: string; href: string }>;
}

const REEVALUATE_MS = 60_000;
const DERIVE_EVERY_MS = 1000;
/** Older events are listed, not popped up on the desktop. */
export const DESKTOP_FRESH_MS = 60 * 60 * 1000;

export const createNotificationService = (options: {
  db: CimsDatabase;
  identity$: Observable<QueueIdentity>;
  state: NotificationStateStore;
  /** The events of tickets (tickets/timelines.ts). */
  timelines: TimelineReader;
  now?: () => number;
  reevaluateMs?: number;
}) => {
  const { db, state } = options;
  const now = options.now ?? Date.now;

  /** Events that may notify this user: assignments and escalations to them, replies. */
  const candidate = (me: QueueIdentity, e: TicketEvent) =>
    e.authorId !== me.personId &&
    ((e.kind === 'assignment' && e.toAssigneeId === me.personId) ||
      (e.kind === 'escalation' && (e.toPersonId === me.personId || (me.teamId !== null && e.toTeamId === me.teamId))) ||
      e.kind === 'reply');

  const derive = async (me: QueueIdentity, candidates: Map<string, TicketEvent>): Promise<Derived> => {
    const horizon = new Date(now() - NOTIFICATION_HORIZON_MS).toISOString();
    for (const [id, e] of candidates) if (e.at < horizon) candidates.delete(id);
    // My open tickets (indexed: assignee + status, team + status), for their SLA clocks.
    const open = { $in: [...OPEN_STATUSES] };
    const own = [
      ...(await db.tickets.find({ selector: { assigneeId: me.personId, status: open }, index: TICKET_ASSIGNEE_INDEX }).exec()),
      ...(me.teamId ? await db.tickets.find({ selector: { teamId: me.teamId, status: open } }).exec() : []),
    ].map((d) => d.toJSON() as Ticket);
    const byId = new Map(own.map((t) => [t.id, t]));
    // Replies count on my open tickets only; assignments and escalations wherever they are.
    const missing = [...new Set([...candidates.values()].filter((e) => e.kind !== 'reply').map((e) => e.ticketId))].filter((id) => !byId.has(id));
    for (const d of (await db.tickets.findByIds(missing).exec()).values()) byId.set(d.id as string, d.toJSON() as Ticket);
    // The timelines of my open tickets (indexed by ticket): pauses and milestones of the clocks.
    const events = new Map<string, TicketEvent>(candidates);
    for (const e of await options.timelines(own.map((t) => t.id))) events.set(e.id, e);
    const people = (await db.people.find().exec()).map((d) => d.toJSON() as Person);
    const staffIds = new Set(people.map((p) => p.id));
    // Until people sync, the device's own identity is the only staff member it knows.
    staffIds.add(me.personId);
    const policies = (await db.policies.find({ selector: { kind: { $in: ['sla', 'calendar'] } } }).exec()).map((d) => d.toJSON() as Policy);
    const tickets = [...byId.values()];
    // The tier is kept on the ticket (schema v1): no customer lookup needed for the SLA.
    const customers = tickets.map((t) => ({ id: t.customerId, tier: t.customerTier }) as Customer);
    const fromTickets = deriveNotifications({ me, tickets, events: [...events.values()], staffIds, sla: slaContextFrom({ customers, policies }), now: now() });
    // Late steps of open assessment cycles this user owes (the store holds only what they may see).
    const cycles = (await db.assessmentCycles.find({ selector: { phase: { $ne: 'closed' } } }).exec()).map((d) => d.toJSON() as AssessmentCycle);
    const assessments = cycles.length === 0 ? [] : (await db.assessments.find({ selector: { cycleId: { $in: cycles.map((c) => c.id) } } }).exec()).map((d) => d.toJSON() as Assessment);
    const approvals = assessments.length === 0 ? [] : (await db.records.find({ selector: { kind: 'outcomeApproval', ref: { $in: assessments.map((a) => a.id) } } }).exec()).map((d) => d.toJSON() as OutcomeApprovalRecord);
    const roles = people.find((p) => p.id === me.personId)?.roles ?? [];
    const late = assessmentReminders({ me: { personId: me.personId, roles }, cycles, assessments, approvals, people, now: now() });
    const names = new Map(people.map((p) => [p.id, p.displayName]));
    const reminders = new Map(late.map((r) => [r.id, { cycleName: r.cycleName, personName: names.get(r.personId) ?? '', href: `/assessments/${r.cycleId}/review/${r.personId}` }]));
    // The monthly review packs the server made for this user (the store holds only their own).
    const packs = (await db.records.find({ selector: { kind: 'reportPack', ref: me.personId, updatedAt: { $gte: horizon } } }).exec())
      .map((d) => d.toJSON() as ReportPackRecord)
      .filter((p) => p.createdAt >= horizon);
    for (const p of packs) reminders.set(`report_pack:${p.id}`, { cycleName: p.body.month, personName: '', href: packHref(p.body.month, p.body.locale) });
    const notifications = [
      ...fromTickets,
      ...late.map((r): DerivedNotification => ({ id: r.id, kind: 'assessment_late', ticketId: r.assessmentId, at: r.at })),
      ...packs.map((p): DerivedNotification => ({ id: `report_pack:${p.id}`, kind: 'report_pack', ticketId: p.id, at: p.createdAt })),
    ].sort((x, y) => y.at.localeCompare(x.at) || x.id.localeCompare(y.id));
    return { me, notifications, tickets: byId, reminders };
  };

  /**
   * Per user: the candidate events are read once (recent ones, by the updatedAt index) and then
   * kept up to date from the change stream, since events are immutable. Derivation runs at most
   * once a second and one at a time, always once more after the last change: a sync writing
   * thousands of documents neither starves it nor runs it thousands of times.
   */
  const derivedFor = (me: QueueIdentity) =>
    new Observable<Derived>((subscriber) => {
      const candidates = new Map<string, TicketEvent>();
      let closed = false;
      let running = false;
      let again = false;
      const run = async () => {
        if (running) {
          again = true;
          return;
        }
        running = true;
        do {
          again = false;
          try {
            const derived = await derive(me, candidates);
            if (!closed) subscriber.next(derived);
          } catch (error) {
            if (!closed) console.warn('[cims] notifications: derivation failed', error);
          }
        } while (again && !closed);
        running = false;
      };
      const stream = db.ticketEvents.$.subscribe((change) => {
        const e = change.documentData as unknown as TicketEvent;
        if (change.operation === 'INSERT' && candidate(me, e)) candidates.set(e.id, e);
      });
      const packs$ = db.records.$.pipe(filter((c) => (c.documentData as { kind?: string } | undefined)?.kind === 'reportPack'));
      const ticks = merge(db.tickets.$, db.ticketEvents.$, db.people.$, db.policies.$, db.assessments.$, db.assessmentCycles.$, packs$, interval(options.reevaluateMs ?? REEVALUATE_MS)).pipe(auditTime(DERIVE_EVERY_MS));
      let ticking: Subscription | null = null;
      const horizon = new Date(now() - NOTIFICATION_HORIZON_MS).toISOString();
      const recent = db.ticketEvents
        .find({ selector: { updatedAt: { $gte: horizon }, kind: { $in: ['assignment', 'escalation', 'reply'] } } })
        .exec() as Promise<{ toJSON(): unknown }[]>;
      void recent
        .then((docs) => {
          for (const d of docs) {
            const e = d.toJSON() as TicketEvent;
            if (candidate(me, e)) candidates.set(e.id, e);
          }
          if (closed) return;
          ticking = ticks.subscribe(() => void run());
          void run();
        })
        .catch((error: unknown) => subscriber.error(error));
      return () => {
        closed = true;
        stream.unsubscribe();
        ticking?.unsubscribe();
      };
    });

  const derived$: Observable<Derived> = options.identity$.pipe(
    switchMap((me) => derivedFor(me)),
    shareReplay({ bufferSize: 1, refCount: true }),
  );
  const withState$ = combineLatest([derived$, state.changes$]).pipe(map(([derived]) => ({ ...derived, user: state.get(derived.me.personId) })));

  const isRead = (user: UserNotificationState, n: DerivedNotification) => n.id in user.read || (user.readBefore !== null && n.at <= user.readBefore);
  const visible = (user: UserNotificationState, list: DerivedNotification[]) => list.filter((n) => !isMuted(user, n.kind));

  const view = (d: Derived & { user: UserNotificationState }, n: DerivedNotification): NotificationView => {
    const reminder = d.reminders.get(n.id);
    if (reminder)
      return { id: n.id, kind: n.kind, ticketId: n.ticketId, ticketNumber: reminder.cycleName, ticketTitle: reminder.personName, at: n.at, clock: null, read: isRead(d.user, n), href: reminder.href };
    const ticket = d.tickets.get(n.ticketId)!;
    return {
      id: n.id,
      kind: n.kind,
      ticketId: n.ticketId,
      ticketNumber: displayTicketNumber(ticket),
      ticketTitle: ticket.title,
      at: n.at,
      clock: n.clock ?? null,
      read: isRead(d.user, n),
      href: `/tickets/${encodeURIComponent(displayTicketNumber(ticket))}`,
    };
  };

  let currentUser: string | null = null;
  const userId = async (): Promise<string> => currentUser ?? (await firstValueFrom(options.identity$)).personId;
  // The user's state (and its `since`) starts when the user first appears on this device,
  // before anything is derived: events that happened earlier are history, not news.
  const identitySub = options.identity$.subscribe((me) => {
    currentUser = me.personId;
    state.get(me.personId);
  });

  return {
    list$: (limit: number): Observable<NotificationList> =>
      withState$.pipe(
        map((d) => {
          const shown = visible(d.user, d.notifications);
          return { rows: shown.slice(0, limit).map((n) => view(d, n)), unread: shown.filter((n) => !isRead(d.user, n)).length };
        }),
      ),

    settings$: (): Observable<NotificationSettings> =>
      combineLatest([options.identity$, state.changes$]).pipe(map(([me]) => ({ muted: [...state.get(me.personId).muted] }))),

    /**
     * Not muted, never claimed, and news: after the user's notifications were first evaluated
     * on this device (a first start does not pop up two weeks of history) and within the last
     * hour. Read state is kept per device, so a second device that comes online hours later lists
     * what the first one already showed but does not pop it up again. A warning of a clock
     * running now always counts.
     */
    desktop$: (): Observable<DesktopNotification[]> =>
      withState$.pipe(
        map((d) => {
          const fresh = new Date(Math.max(Date.parse(d.user.since), now() - DESKTOP_FRESH_MS)).toISOString();
          return visible(d.user, d.notifications)
            // A late assessment step, like a clock about to breach, is news while it lasts; a
            // pack, made by the server, may reach a device that was offline hours later.
            .filter((n) => !(n.id in d.user.claimed) && !isRead(d.user, n) && (n.at >= fresh || n.kind === 'breach_warning' || n.kind === 'assessment_late' || n.kind === 'report_pack'))
            .map((n) => {
              const v = view(d, n);
              return { id: v.id, kind: v.kind, ticketNumber: v.ticketNumber, ticketTitle: v.ticketTitle, clock: v.clock, href: v.href };
            });
        }),
      ),

    async markRead(input: { ids: string[]; all: boolean }): Promise<{ unread: number }> {
      const id = await userId();
      const at = new Date(now()).toISOString();
      await state.update(id, (s) =>
        input.all ? { ...s, readBefore: at, read: {} } : { ...s, read: { ...s.read, ...Object.fromEntries(input.ids.map((n) => [n, at])) } },
      );
      const list = await firstValueFrom(this.list$(1));
      return { unread: list.unread };
    },

    async setMuted(input: { kind: NotificationKind; muted: boolean }): Promise<NotificationSettings> {
      const next = await state.update(await userId(), (s) => ({
        ...s,
        muted: input.muted ? [...new Set([...s.muted, input.kind])] : s.muted.filter((k) => k !== input.kind),
      }));
      return { muted: next.muted };
    },

    /** Records the ids as shown; answers those not shown before. */
    async claim(input: { ids: string[] }): Promise<string[]> {
      const id = await userId();
      const fresh = input.ids.filter((n) => !(n in state.get(id).claimed));
      if (fresh.length === 0) return [];
      const at = new Date(now()).toISOString();
      await state.update(id, (s) => ({ ...s, claimed: { ...s.claimed, ...Object.fromEntries(fresh.map((n) => [n, at])) } }));
      return fresh;
    },

    close: () => identitySub.unsubscribe(),
  };
};
export type NotificationService = ReturnType<typeof createNotificationService>;

