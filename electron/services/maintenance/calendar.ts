/**
 * The calendar of coming rounds: one team's rounds of one week, a row per technician and one
 * for the team as a whole, and whom a round may be assigned to. Live: re-emits when rounds,
 * plans or readings change (a round synced from the server shows at once), and when people,
 * teams or customers do.
 *
 * Only the week's rounds are read, by primary key: a generated round's id is derived from
 * (plan, due date) (shared/domain/maintenance.ts roundId), so the plans' due dates in the week
 * name them. Plans without calendar dates (running hours) are read by the plan index instead.
 */
import { combineLatest, debounceTime, map, merge, of, type Observable } from 'rxjs';
import type { RoundSummary } from '../../../shared/api/maintenance';
import type { CalendarPerson, CalendarRow, CalendarTeam, MaintenanceCalendar, RoundAssignees } from '../../../shared/api/maintenanceCalendar';
import { dueRounds, roundId } from '../../../shared/domain/maintenance';
import type { Person, Team } from '../../../shared/schema';
import type { MaintenancePlanRecord, MaintenanceRoundRecord } from '../../../shared/schema/records';
import type { CimsDatabase } from '../../db/open';
import { recordChanges$ } from '../../db/record-changes';
import { liveFrom, type Emit, type OnError } from '../../core/live';
import { isKeeper, type MaintenanceStore, type MaintenanceViewer } from './store';
import { addDays, roundSummary, siteDay } from './views';

/** Field staff rounds are assigned to (as the plan form offers them). */
export const ASSIGNABLE_ROLES = ['technician', 'engineer'] as const;
export const isAssignable = (p: Person, teamId: string): boolean => p.active && p.teamId === teamId && p.roles.some((r) => (ASSIGNABLE_ROLES as readonly string[]).includes(r));

/** The Monday of the week `day` falls in (calendar days, no zone). */
export const mondayOf = (day: string): string => {
  const weekday = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
};

const personOf = (p: Person): CalendarPerson => ({ id: p.id, name: p.displayName, nameZh: p.displayNameZh ?? null });
const teamOf = (t: Team): CalendarTeam => ({ id: t.id, name: t.name, nameZh: t.nameZh ?? null });
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** Teams a viewer may show: admins all, managers their region's and their own, others their own. */
export const calendarTeams = (v: MaintenanceViewer, teams: readonly Team[], region: string | null): Team[] => {
  const active = teams.filter((t) => t.active);
  if (v.roles.includes('admin')) return active;
  const own = (t: Team) => t.id === v.teamId || v.managedTeams.includes(t.id);
  if (v.roles.includes('manager')) return active.filter((t) => own(t) || (region !== null && t.region === region));
  return active.filter(own);
};

/** The ids a plan's generated rounds due from `from` to `to` have; none for a plan without dates. */
const weekIds = (p: MaintenancePlanRecord, from: string, to: string): string[] => {
  try {
    return dueRounds(p.body, from, to).map((d) => roundId(p.id, d.dueDate));
  } catch {
    // A plan the rules refuse (pushed past the app) has no dates: nothing to name.
    return [];
  }
};

export const createCalendarQueries = (db: CimsDatabase, store: MaintenanceStore, viewer$: Observable<MaintenanceViewer | null>, clock: () => Date = () => new Date()) => {
  const tick = <T>(o: Observable<T>) => o.pipe(map(() => null));
  const changes$ = merge(
    of(null),
    tick(recordChanges$(db, ['maintenancePlan', 'maintenanceRound', 'maintenanceReading'])),
    tick(db.people.$),
    tick(db.teams.$),
    tick(db.customers.$),
  ).pipe(debounceTime(30));
  const watch = <R>(compute: (viewer: MaintenanceViewer | null) => Promise<R>, emit: Emit<R>, onError: OnError) =>
    liveFrom(combineLatest([viewer$, changes$]), ([viewer]) => compute(viewer), emit, onError);

  const people = async (): Promise<Person[]> => (await db.people.find().exec()).map((d) => d.toJSON() as Person);

  /** The week's rounds (due from Monday to Sunday) of every plan, read by id, and by plan for plans without dates. */
  const weekRounds = async (plans: readonly MaintenancePlanRecord[], from: string, to: string): Promise<MaintenanceRoundRecord[]> => {
    const ids = plans.flatMap((p) => weekIds(p, from, to));
    const found = [...(await db.records.findByIds(ids).exec()).values()].map((d) => d.toJSON() as MaintenanceRoundRecord);
    const undated = plans.filter((p) => (p.body.frequency.unit as string) === 'running_hours');
    const byPlan = (await Promise.all(undated.map((p) => store.rounds(p.id)))).flat();
    const seen = new Set(found.map((r) => r.id));
    return [...found, ...byPlan.filter((r) => !seen.has(r.id))].filter((r) => r.kind === 'maintenanceRound' && r.body.dueDate >= from && r.body.dueDate <= to);
  };

  const calendar = async (v: MaintenanceViewer | null, week: string | null, teamId: string | null): Promise<MaintenanceCalendar> => {
    const [sites, teams, everyone] = await Promise.all([store.sites(), store.teams(), people()]);
    const today = siteDay(sites, null, clock().getTime());
    const weekStart = mondayOf(week ?? today);
    const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
    const empty: MaintenanceCalendar = { weekStart, days, today, team: null, teams: [], rows: [], can: { assign: false } };
    if (!v) return empty;
    const region = everyone.find((p) => p.id === v.id)?.region ?? null;
    const visible = calendarTeams(v, [...teams.values()], region).sort(byName);
    const team = visible.find((t) => t.id === teamId) ?? visible.find((t) => t.id === v.teamId) ?? visible.find((t) => v.managedTeams.includes(t.id)) ?? visible[0];
    if (!team) return empty;
    const [plans, templates, customers] = await Promise.all([store.plans(), store.templates(), store.customerNames()]);
    const rounds = (await weekRounds(plans, days[0]!, days[6]!)).filter((r) => r.ref2 === team.id);
    // Readings of these rounds only (by the round index): the chips' progress.
    const readings = (await Promise.all(rounds.map((r) => store.readings(r.id)))).flat();
    const ctx = { plans: new Map(plans.map((p) => [p.id, p])), templates: new Map(templates.map((t) => [t.id, t])), customers, sites, readings, faults: [], now: clock().getTime() };
    const summaries = rounds.map((r) => roundSummary(r, ctx)).sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.planName.localeCompare(b.planName));
    const members = everyone.filter((p) => isAssignable(p, team.id)).map(personOf).sort(byName);
    const of_ = (id: string | null): RoundSummary[] => summaries.filter((r) => r.assigneeId === id);
    const rows: CalendarRow[] = [{ person: null, outside: false, rounds: of_(null) }, ...members.map((person) => ({ person, outside: false, rounds: of_(person.id) }))];
    // Rounds of someone no longer a technician of the team still show, in a row of their own.
    const known = new Set(members.map((m) => m.id));
    const others = [...new Set(summaries.map((r) => r.assigneeId).filter((id): id is string => id !== null && !known.has(id)))];
    for (const id of others) {
      const p = everyone.find((x) => x.id === id);
      rows.push({ person: p ? personOf(p) : { id, name: id, nameZh: null }, outside: true, rounds: of_(id) });
    }
    return { weekStart, days, today, team: teamOf(team), teams: visible.map(teamOf), rows, can: { assign: isKeeper(v) } };
  };

  const assignees = async (v: MaintenanceViewer | null, id: string): Promise<RoundAssignees | null> => {
    if (!v) return null;
    const round = await store.round(id).catch(() => null);
    if (!round) return null;
    const [teams, everyone] = await Promise.all([store.teams(), people()]);
    const team = teams.get(round.ref2);
    return {
      roundId: round.id,
      team: team ? teamOf(team) : null,
      assigneeId: round.body.assigneeId,
      people: everyone.filter((p) => isAssignable(p, round.ref2)).map(personOf).sort(byName),
      can: { assign: isKeeper(v) && round.status !== 'done' },
    };
  };

  return {
    calendar,
    assignees,
    watchCalendar: (params: { week: string | null; teamId: string | null }, emit: Emit<MaintenanceCalendar>, onError: OnError) => watch((v) => calendar(v, params.week, params.teamId), emit, onError),
    watchAssignees: (roundId: string, emit: Emit<RoundAssignees | null>, onError: OnError) => watch((v) => assignees(v, roundId), emit, onError),
  };
};
export type CalendarQueries = ReturnType<typeof createCalendarQueries>;
