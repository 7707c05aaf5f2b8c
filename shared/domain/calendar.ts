import type { BusinessCalendar } from '../schema';

// Business calendars in the site's IANA zone, computed with Intl.DateTimeFormat (an
// ECMAScript API, present in Node, Chromium and Electron alike), so shared/ needs no Node
// or DOM API. Times are epoch ms; days are UTC day numbers of the *local* date.

export type Interval = readonly [start: number, end: number];
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday, 1 = Monday ... 7 = Sunday. */
  weekday: number;
}

/** "3/29/2026, 01:00:00": the formatter's en-US text, read about three times faster than formatToParts. */
const FORMATTED = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/;

/** The zone's offset read from Intl at one instant (whole seconds, as Intl gives them). */
function exactOffset(ms: number, zone: string): number {
  const floorSec = Math.floor(ms / 1000) * 1000;
  const m = FORMATTED.exec(formatter(zone).format(ms));
  if (m) return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6])) - floorSec;
  // Any other shape (a year before the common era, an engine's own punctuation): the parts.
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second) - floorSec;
}

// Offsets per zone and hour, each read once: a queue page's SLA clocks ask for thousands of
// wall times, and formatToParts costs microseconds and garbage per call (600 ms of the first
// page at 100,000 tickets). An hour whose start and end have the same offset has it
// throughout (no zone changes its offset twice within an hour); an hour with a change in it
// is read exactly at each instant.
const HOUR_MS = 3_600_000;
const MAX_CACHED_HOURS = 100_000;
const VARIES = Number.NaN;
const hourOffsets = new Map<string, Map<number, number>>();
let cachedHours = 0;

/** Offset of the zone from UTC at an instant, in ms (Shanghai: +8 h). */
export function zoneOffset(ms: number, zone: string): number {
  let hours = hourOffsets.get(zone);
  if (!hours) hourOffsets.set(zone, (hours = new Map()));
  const hour = Math.floor(ms / HOUR_MS);
  let offset = hours.get(hour);
  if (offset === undefined) {
    if (cachedHours >= MAX_CACHED_HOURS) {
      for (const m of hourOffsets.values()) m.clear();
      cachedHours = 0;
    }
    const start = exactOffset(hour * HOUR_MS, zone);
    offset = start === exactOffset((hour + 1) * HOUR_MS - 1, zone) ? start : VARIES;
    hours.set(hour, offset);
    cachedHours++;
  }
  return Number.isNaN(offset) ? exactOffset(ms, zone) : offset;
}

/** Local wall time of an instant in a zone. */
export function wallTime(ms: number, zone: string): WallTime {
  // Whole seconds, as Intl shows them: the fields of the local time as if it were UTC.
  const local = new Date(Math.floor(ms / 1000) * 1000 + zoneOffset(ms, zone));
  const dow = local.getUTCDay();
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: dow === 0 ? 7 : dow,
  };
}

/** The instant a local wall-clock time occurs in the zone (the later offset across a DST jump). */
export function localToUtc(zone: string, dayNumber: number, minuteOfDay: number): number {
  const asUtc = dayNumber * DAY_MS + minuteOfDay * 60_000;
  const first = asUtc - zoneOffset(asUtc, zone);
  const second = asUtc - zoneOffset(first, zone);
  return second;
}

export const dayNumberOf = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00.000Z`) / DAY_MS);
export const dateOfDayNumber = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Local date ('YYYY-MM-DD') of an instant in a zone. */
export function localDate(ms: number, zone: string): string {
  const w = wallTime(ms, zone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function isWorkingDay(cal: BusinessCalendar, date: string): boolean {
  if (cal.extraWorkingDays.includes(date)) return true;
  if (cal.holidays.includes(date)) return false;
  const dow = new Date(`${date}T00:00:00.000Z`).getUTCDay();
  return cal.workingDays.includes(dow === 0 ? 7 : dow);
}

/** What is worked out once per calendar: working intervals per local day, and the running sums. */
interface CalendarMemo {
  days: Map<number, Interval[]>;
  sums?: DaySums;
}

// Per calendar content, not per object: every read of the policies gives new objects (the
// notifications read them at each evaluation), and each new object walked a year of days
// again. What is memoised is a pure function of the calendar's content. A few calendars
// exist; the oldest of those seen is dropped beyond MAX_CALENDARS.
const MAX_CALENDARS = 64;
const memoKeys = new WeakMap<BusinessCalendar, string>();
const memos = new Map<string, CalendarMemo>();
function memoOf(cal: BusinessCalendar): CalendarMemo {
  let key = memoKeys.get(cal);
  if (key === undefined) memoKeys.set(cal, (key = JSON.stringify([cal.timeZone, cal.workingDays, cal.hours, cal.holidays, cal.extraWorkingDays])));
  let memo = memos.get(key);
  if (!memo) {
    if (memos.size >= MAX_CALENDARS) memos.delete(memos.keys().next().value as string);
    memos.set(key, (memo = { days: new Map() }));
  }
  return memo;
}

function dayIntervals(cal: BusinessCalendar, day: number): Interval[] {
  const cache = memoOf(cal).days;
  let list = cache.get(day);
  if (!list) {
    list = [];
    if (isWorkingDay(cal, dateOfDayNumber(day))) {
      for (const h of cal.hours) {
        const s = minutesOf(h.start);
        const e = minutesOf(h.end);
        if (e > s) list.push([localToUtc(cal.timeZone, day, s), localToUtc(cal.timeZone, day, e)]);
      }
      list.sort((a, b) => a[0] - b[0]);
    }
    cache.set(day, list);
  }
  return list;
}

/** Working intervals of the calendar inside [from, to); a null calendar means 24x7. */
export function workingIntervals(cal: BusinessCalendar | null, from: number, to: number): Interval[] {
  if (to <= from) return [];
  if (cal === null) return [[from, to]];
  // Local days that can overlap [from, to): one day of slack either side covers any offset.
  const first = Math.floor(from / DAY_MS) - 1;
  const last = Math.floor(to / DAY_MS) + 1;
  const out: Interval[] = [];
  for (let d = first; d <= last; d++) {
    for (const [s, e] of dayIntervals(cal, d)) {
      const a = Math.max(s, from);
      const b = Math.min(e, to);
      if (b > a) out.push([a, b]);
    }
  }
  return out;
}

/** Sorted, non-overlapping union of intervals. */
export function mergeIntervals(list: readonly Interval[]): Interval[] {
  // Most tickets were never paused: nothing to copy or sort (SLA reports ask for thousands).
  if (list.length === 0) return [];
  const sorted = [...list].filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** `list` minus `holes` (holes merged and sorted). */
export function subtractIntervals(list: readonly Interval[], holes: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [a0, b] of list) {
    let a = a0;
    for (const [h0, h1] of holes) {
      if (h1 <= a) continue;
      if (h0 >= b) break;
      if (h0 > a) out.push([a, h0]);
      a = Math.max(a, h1);
      if (a >= b) break;
    }
    if (a < b) out.push([a, b]);
  }
  return out;
}

/**
 * Working ms before each local day, per calendar object, so working time between two
 * instants is a difference of two sums instead of a walk over every day between them (a
 * report works out the clocks of tens of thousands of tickets over weeks each).
 * `cum[i]` = working ms of the days `first` .. `first + i - 1`.
 */
interface DaySums {
  first: number;
  /** The sum before `first`: a table rebuilt from an earlier day keeps the origin of the first one. */
  base: number;
  cum: number[];
}

/** Working ms of `cal` on the local days before `day` (relative to a fixed origin day). */
function workBeforeDay(cal: BusinessCalendar, day: number): number {
  const memo = memoOf(cal);
  let sums = memo.sums;
  if (!sums || day < sums.first) {
    // Rebuilt from a year before the day asked: earlier days are asked rarely after that.
    const first = Math.min(day, sums?.first ?? day) - 366;
    const cum = [0];
    const upTo = Math.max(day, sums ? sums.first + sums.cum.length - 1 : day);
    for (let d = first; d < upTo; d++) cum.push(cum[cum.length - 1]! + dayWork(cal, d));
    // Sums read before the rebuild and after it are subtracted from each other (workIn): the
    // days both tables hold must read the same.
    const base = sums ? sums.base - cum[sums.first - first]! : 0;
    sums = { first, base, cum };
    memo.sums = sums;
  }
  const { first, base, cum } = sums;
  while (first + cum.length - 1 < day) {
    const d = first + cum.length - 1;
    cum.push(cum[cum.length - 1]! + dayWork(cal, d));
  }
  return base + cum[day - first]!;
}

function dayWork(cal: BusinessCalendar, day: number): number {
  let sum = 0;
  for (const [a, b] of dayIntervals(cal, day)) sum += b - a;
  return sum;
}

/**
 * Working ms of the calendar before the instant `t` (from the same origin as workBeforeDay).
 * A local day's hours lie within 14 h of its UTC day, so every day before the UTC day ahead
 * of `t`'s ended before `t`, and every day after the one behind it starts after `t`.
 */
function workBefore(cal: BusinessCalendar, t: number): number {
  const d0 = Math.floor(t / DAY_MS) - 1;
  let sum = workBeforeDay(cal, d0);
  for (let d = d0; d <= d0 + 2; d++) {
    for (const [a, b] of dayIntervals(cal, d)) if (t > a) sum += Math.min(b, t) - a;
  }
  return sum;
}

/** Working ms in [from, to); a null calendar means 24x7. */
const workIn = (cal: BusinessCalendar | null, from: number, to: number): number =>
  to <= from ? 0 : cal === null ? to - from : workBefore(cal, to) - workBefore(cal, from);

/** Working ms of the calendar between two instants, minus the pauses. */
export function businessMsBetween(cal: BusinessCalendar | null, from: number, to: number, pauses: readonly Interval[] = []): number {
  let sum = workIn(cal, from, to);
  for (const [a, b] of mergeIntervals(pauses)) sum -= workIn(cal, Math.max(a, from), Math.min(b, to));
  return sum;
}

// Far enough for any target (fix: 180 days) even across long holidays; beyond it a due
// time is reported as unreachable (null) instead of looping forever on an empty calendar.
const HORIZON_MS = 3 * 366 * DAY_MS;

/** The first instant at or after `from` by which `amountMs` (> 0) of working time has passed. */
function reach(cal: BusinessCalendar | null, from: number, amountMs: number, limit: number): number | null {
  if (cal === null) return from + amountMs <= limit ? from + amountMs : null;
  const target = workBefore(cal, from) + amountMs;
  // The first local day whose end reaches the target: a search over the running sums.
  let lo = Math.floor(from / DAY_MS) - 1;
  let hi = Math.floor(limit / DAY_MS) + 1;
  if (workBeforeDay(cal, hi + 1) < target) return null;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (workBeforeDay(cal, mid + 1) >= target) hi = mid;
    else lo = mid + 1;
  }
  let left = target - workBeforeDay(cal, lo);
  for (const [a, b] of dayIntervals(cal, lo)) {
    if (b - a >= left) return a + left <= limit ? a + left : null;
    left -= b - a;
  }
  return null;
}

/** The instant at which `amountMs` of working time (minus pauses) has elapsed since `from`. */
export function addBusinessMs(cal: BusinessCalendar | null, from: number, amountMs: number, pauses: readonly Interval[] = []): number | null {
  let left = amountMs;
  if (left <= 0) return from;
  const limit = from + HORIZON_MS;
  let cursor = from;
  for (const [a, b] of mergeIntervals(pauses)) {
    if (b <= cursor) continue;
    if (a >= limit) break;
    const before = workIn(cal, cursor, Math.min(a, limit));
    if (before >= left) return reach(cal, cursor, left, Math.min(a, limit));
    left -= before;
    cursor = Math.max(cursor, b);
    if (cursor >= limit) return null;
  }
  return reach(cal, cursor, left, limit);
}
