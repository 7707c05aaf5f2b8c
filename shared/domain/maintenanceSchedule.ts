/**
 * Maintenance plans and their due dates (DOMAIN.md, "Inspection rounds and preventive
 * maintenance"): calendar plans, running-hours plans, the customer's maintenance window and the
 * rounds the server generates from them. Pure functions of data and dates.
 */
import type { CheckItem, Frequency, MaintenancePlanRecord, MaintenanceRoundRecord, PlanScope, RoundWorkWindow, WorkWindow } from '../schema/records/maintenance';
import { dateOfDayNumber, dayNumberOf, localDate } from './calendar';
import { fail } from './maintenanceErrors';

/** What a plan covers; plans saved before scopes existed name their assets. */
export const planScopeOf = (plan: { scope?: PlanScope | undefined }): PlanScope => plan.scope ?? 'assets';

/** The running-hours meter of a template: its number item marked as such, if any. */
export const meterItemOf = (items: readonly CheckItem[]): Extract<CheckItem, { type: 'number' }> | null =>
  items.find((i): i is Extract<CheckItem, { type: 'number' }> => i.type === 'number' && i.meter === 'running_hours') ?? null;

/**
 * A maintenance window allows at least one weekday, and its hours end after they start (a
 * window over midnight is two days' work and is not offered).
 */
export function checkWorkWindow(w: WorkWindow): void {
  if (new Set(w.weekdays.filter((d) => Number.isInteger(d) && d >= 1 && d <= 7)).size === 0) fail('window_no_days', 'workWindow.weekdays');
  if (w.to <= w.from) fail('window_end_before_start', 'workWindow.to');
}

export function checkPlan(plan: {
  scope?: PlanScope | undefined;
  model?: string | undefined;
  siteId?: string | null | undefined;
  assetIds: readonly string[];
  frequency: { every: number; unit?: Frequency['unit'] };
  workWindow?: WorkWindow | null | undefined;
}): void {
  const scope = planScopeOf(plan);
  if (scope === 'assets' && plan.assetIds.length === 0) fail('plan_without_assets', 'assetIds');
  if (scope === 'model' && (plan.model ?? '').trim() === '') fail('plan_without_model', 'model');
  if (scope === 'site' && !plan.siteId) fail('plan_without_site', 'siteId');
  if (!Number.isInteger(plan.frequency.every) || plan.frequency.every < 1) fail('frequency_zero', 'frequency.every');
  if (plan.frequency.unit !== undefined && plan.frequency.unit !== 'running_hours' && plan.frequency.every > 366) fail('frequency_too_long', 'frequency.every');
  if (plan.workWindow) checkWorkWindow(plan.workWindow);
}

/** Days of one period; a running-hours period has no fixed length (the window default treats it as monthly). */
const periodDays = (f: Frequency): number => {
  switch (f.unit) {
    case 'day':
      return f.every;
    case 'week':
      return 7 * f.every;
    case 'month':
      return 30 * f.every;
    default:
      return 30;
  }
};

/** DOMAIN.md: 7 days either side for monthly or longer periods, 1 day for weekly, none for shorter. A running-hours plan: 7. */
export function defaultWindowDays(f: Frequency): number {
  const days = periodDays(f);
  if (days >= 28) return 7;
  if (days >= 7) return 1;
  return 0;
}

export const windowDaysOf = (plan: Pick<MaintenancePlanRecord['body'], 'frequency' | 'windowDays'>): number => plan.windowDays ?? defaultWindowDays(plan.frequency);

export const addDays = (date: string, days: number): string => dateOfDayNumber(dayNumberOf(date) + days);

/** ISO weekday of a calendar day: 1 = Monday ... 7 = Sunday. */
export const isoWeekday = (date: string): number => {
  const d = new Date(`${date}T00:00:00.000Z`).getUTCDay();
  return d === 0 ? 7 : d;
};

/**
 * The customer's maintenance window on a due date: a date on an allowed weekday stays; any
 * other moves to the next allowed day (Saturday with Monday-Friday allowed: the Monday). A
 * window with no day allowed is refused (window_no_days).
 */
export function nextAllowedDay(date: string, weekdays: readonly number[]): string {
  const allowed = new Set(weekdays);
  for (let i = 0; i < 7; i++) {
    const day = addDays(date, i);
    if (allowed.has(isoWeekday(day))) return day;
  }
  return fail('window_no_days', 'workWindow.weekdays');
}

/** The window a round keeps: the plan's days and hours, and the zone those hours are in. */
export const roundWorkWindow = (w: WorkWindow | null | undefined, timeZone: string): RoundWorkWindow | null =>
  w ? { weekdays: [...new Set(w.weekdays)].sort((a, b) => a - b), from: w.from, to: w.to, timeZone } : null;

/** `date` plus `months` months, the day clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The k-th due date of a plan (k = 0 is its start date). Months count from the start date, so no day drifts. */
export function dueDateAt(startDate: string, f: Frequency, k: number): string {
  if (f.unit === 'running_hours') throw new Error('a running-hours plan has no calendar due dates (runningHoursDue)');
  if (f.unit === 'month') return addMonths(startDate, k * f.every);
  return addDays(startDate, k * periodDays(f));
}

export interface DueRound {
  dueDate: string;
  windowStart: string;
  windowEnd: string;
  nextDueDate: string;
}

/**
 * The rounds of a calendar plan due from `from` to `to` (calendar days, inclusive), with their
 * windows. The generator writes them ahead of time; a plan started later yields none before its
 * start. With a maintenance window, each due date moves to the next allowed weekday, and two
 * dates that land on the same day make one round (a daily plan on weekdays: Saturday's and
 * Sunday's rounds are Monday's). A running-hours plan has no calendar dates: none here.
 */
export function dueRounds(plan: Pick<MaintenancePlanRecord['body'], 'startDate' | 'frequency' | 'windowDays' | 'workWindow'>, from: string, to: string): DueRound[] {
  checkPlan({ assetIds: ['x'], frequency: plan.frequency, workWindow: plan.workWindow });
  if (plan.frequency.unit === 'running_hours') return [];
  const window = windowDaysOf(plan);
  const days = plan.workWindow?.weekdays;
  const at = (k: number) => {
    const due = dueDateAt(plan.startDate, plan.frequency, k);
    return days ? nextAllowedDay(due, days) : due;
  };
  const out: DueRound[] = [];
  // Skip the periods before `from` without walking them one by one.
  // A month has at most 31 days, so this k is never past `from`.
  const longest = plan.frequency.unit === 'month' ? 31 * plan.frequency.every : periodDays(plan.frequency);
  const approx = Math.max(0, Math.floor((dayNumberOf(from) - dayNumberOf(plan.startDate)) / longest) - 1);
  let previous = approx > 0 ? at(approx - 1) : null;
  for (let k = approx; ; k++) {
    const due = at(k);
    if (due > to) break;
    const repeat = due === previous;
    previous = due;
    if (repeat || due < from) continue;
    let j = k + 1;
    let next = at(j);
    while (next === due) next = at(++j);
    out.push({ dueDate: due, windowStart: addDays(due, -window), windowEnd: addDays(due, window), nextDueDate: next });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Running hours

/**
 * Running-hours plans ("every N running hours"), the rule every screen and the server apply:
 *
 * - The hours come from the template's running-hours meter: a number item marked
 *   `meter: 'running_hours'` (unit h). Each reading of it on an asset says how many hours the
 *   asset has run, at the time the reading was taken.
 * - A meter only counts up. A reading below an earlier one of the same asset is ignored, with
 *   the reason `meter_backwards` (a typo, or a meter replaced: the later readings count again
 *   once they pass the highest seen).
 * - No round done yet: the first round is due on the plan's start date.
 * - After a done round, per asset: the hours at that round are its latest reading taken up to
 *   the sign-off (none then: its first reading after). The asset is due at those hours + N.
 * - Its latest reading at or above that: due on the day of the first reading that reached it
 *   (at the earliest the day after the done round).
 * - Below it: the due date is projected at the rate between its last two readings (hours per
 *   day); a meter that did not move, or a single reading, projects nothing.
 * - The plan's round is due on the earliest date of its assets. No asset with a date: none yet.
 * Days are calendar days in `zone` (the organisation's).
 */
export interface MeterReading {
  assetId: string;
  /** ISO time the reading was taken. */
  at: string;
  hours: number;
  id?: string;
}

export type IgnoredReadingReason = 'meter_backwards' | 'meter_not_a_number';
export interface IgnoredReading {
  reading: MeterReading;
  reason: IgnoredReadingReason;
}

export type RunningHoursDue =
  | { dueDate: string; basis: 'first' | 'reached' | 'projected'; assetId: string | null; hoursPerDay: number | null; ignored: IgnoredReading[] }
  | { dueDate: null; reason: 'no_readings' | 'no_rate'; ignored: IgnoredReading[] };

const DAY_MS = 86_400_000;

/** The readings of one asset that count (time order, never going down), and those ignored. */
export function meterSeries(readings: readonly MeterReading[]): { kept: MeterReading[]; ignored: IgnoredReading[] } {
  const sorted = [...readings].sort((a, b) => a.at.localeCompare(b.at) || (a.id ?? '').localeCompare(b.id ?? ''));
  const kept: MeterReading[] = [];
  const ignored: IgnoredReading[] = [];
  for (const r of sorted) {
    if (!Number.isFinite(r.hours) || r.hours < 0) ignored.push({ reading: r, reason: 'meter_not_a_number' });
    else if (kept.length > 0 && r.hours < kept[kept.length - 1]!.hours) ignored.push({ reading: r, reason: 'meter_backwards' });
    else kept.push(r);
  }
  return { kept, ignored };
}

/** When a running-hours plan's next round is due (the rule above). */
export function runningHoursDue(input: {
  startDate: string;
  every: number;
  /** Sign-off time of the plan's latest done round, or null. */
  lastDoneAt: string | null;
  readings: readonly MeterReading[];
  zone: string;
}): RunningHoursDue {
  const byAsset = new Map<string, MeterReading[]>();
  for (const r of input.readings) byAsset.set(r.assetId, [...(byAsset.get(r.assetId) ?? []), r]);
  const ignored: IgnoredReading[] = [];
  const series = [...byAsset.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([assetId, list]) => {
    const s = meterSeries(list);
    ignored.push(...s.ignored);
    return { assetId, kept: s.kept };
  });
  if (input.lastDoneAt === null) return { dueDate: input.startDate, basis: 'first', assetId: null, hoursPerDay: null, ignored };
  const doneAt = input.lastDoneAt;
  const earliest = addDays(localDate(Date.parse(doneAt), input.zone), 1);
  let best: Extract<RunningHoursDue, { basis: string }> | null = null;
  let anyReading = false;
  for (const { assetId, kept } of series) {
    if (kept.length === 0) continue;
    anyReading = true;
    const before = kept.filter((r) => r.at <= doneAt);
    const base = before.length > 0 ? before[before.length - 1]! : kept[0]!;
    const target = base.hours + input.every;
    const latest = kept[kept.length - 1]!;
    let due: string | null = null;
    let basis: 'reached' | 'projected' = 'reached';
    let rate: number | null = null;
    if (latest.hours >= target) {
      const reached = kept.find((r) => r.at > base.at && r.hours >= target)!;
      due = localDate(Date.parse(reached.at), input.zone);
    } else if (kept.length >= 2) {
      const prev = kept[kept.length - 2]!;
      const days = (Date.parse(latest.at) - Date.parse(prev.at)) / DAY_MS;
      rate = days > 0 ? (latest.hours - prev.hours) / days : 0;
      if (rate > 0) {
        basis = 'projected';
        due = localDate(Date.parse(latest.at) + ((target - latest.hours) / rate) * DAY_MS, input.zone);
      }
    }
    if (due === null) continue;
    if (due < earliest) due = earliest;
    if (!best || due < best.dueDate) best = { dueDate: due, basis, assetId, hoursPerDay: rate, ignored };
  }
  return best ?? { dueDate: null, reason: anyReading ? 'no_rate' : 'no_readings', ignored };
}

/**
 * The round of a running-hours plan due on `dueDate`: its window as any plan's; the next round
 * (missed after it) one period on at the projected rate, else 30 days on, never inside the window.
 */
export function runningHoursRound(plan: Pick<MaintenancePlanRecord['body'], 'frequency' | 'windowDays' | 'workWindow'>, dueDate: string, hoursPerDay: number | null): DueRound {
  const due = plan.workWindow ? nextAllowedDay(dueDate, plan.workWindow.weekdays) : dueDate;
  const window = windowDaysOf(plan);
  const period = hoursPerDay && hoursPerDay > 0 ? Math.ceil(plan.frequency.every / hoursPerDay) : 30;
  return { dueDate: due, windowStart: addDays(due, -window), windowEnd: addDays(due, window), nextDueDate: addDays(due, Math.max(period, window + 1)) };
}

// FNV-1a, 32-bit, with a seed: three of them give the 74 random bits of a UUID v7.
function fnv(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h ^= h >>> 12;
  return h >>> 0;
}
const HEX = (n: number, width: number) => n.toString(16).padStart(width, '0').slice(-width);

/**
 * The id of a plan's round due on `dueDate`: a UUID v7 whose time is the due date and whose
 * other bits are a hash of (plan, date). Every server process derives the same id, so a round
 * is written once however many generate it.
 */
export function roundId(planId: string, dueDate: string): string {
  const ms = Date.parse(`${dueDate}T00:00:00.000Z`);
  const key = `${planId}|${dueDate}`;
  const [a, b, c] = [fnv(key, 1), fnv(key, 2), fnv(key, 3)];
  const t = HEX(ms, 12);
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${HEX(a, 3)}-${HEX(0x8 | ((a >>> 12) & 0x3), 1)}${HEX(a >>> 16, 3)}-${HEX(b, 8)}${HEX(c, 4)}`;
}

/**
 * A new round of a plan, as the server generates it. `assetIds`: the assets the server resolved
 * for a site or model plan (default: the plan's list); `workWindow`: the plan's window with
 * the zone of its hours.
 */
export function roundDraft(
  plan: Pick<MaintenancePlanRecord, 'id' | 'ref' | 'ref2' | 'body'>,
  due: DueRound,
  nowIso: string,
  resolved: { assetIds?: readonly string[]; workWindow?: RoundWorkWindow | null } = {},
): MaintenanceRoundRecord {
  return {
    id: roundId(plan.id, due.dueDate),
    createdAt: nowIso,
    updatedAt: nowIso,
    kind: 'maintenanceRound',
    ref: plan.id,
    ref2: plan.ref2,
    status: 'planned',
    body: {
      customerId: plan.body.customerId,
      siteId: plan.body.siteId,
      dueDate: due.dueDate,
      windowStart: due.windowStart,
      windowEnd: due.windowEnd,
      nextDueDate: due.nextDueDate,
      assetIds: [...(resolved.assetIds ?? plan.body.assetIds)],
      templateId: plan.ref,
      assigneeId: plan.body.assigneeId,
      region: plan.body.region,
      ...(resolved.workWindow ? { workWindow: resolved.workWindow } : {}),
      template: null,
      openedBy: null,
      openedAt: null,
      pausedAt: null,
      signedBy: null,
      signedAt: null,
      customerSigner: '',
      signatureSha256: '',
    },
  };
}
