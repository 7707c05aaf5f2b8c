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

/** Local wall time of an instant in a zone. */
export function wallTime(ms: number, zone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  const dow = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return { year, month, day, hour, minute, second, weekday: dow === 0 ? 7 : dow };
}

/** Offset of the zone from UTC at an instant, in ms (Shanghai: +8 h). */
export function zoneOffset(ms: number, zone: string): number {
  const w = wallTime(ms, zone);
  const floorSec = Math.floor(ms / 1000) * 1000;
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - floorSec;
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

// Per calendar object: local day -> working intervals in UTC. Calendars come from policy
// documents that do not change under us, so memoising on the object is safe and pure.
const dayCache = new WeakMap<BusinessCalendar, Map<number, Interval[]>>();
function dayIntervals(cal: BusinessCalendar, day: number): Interval[] {
  let cache = dayCache.get(cal);
  if (!cache) dayCache.set(cal, (cache = new Map()));
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

/** Working ms of the calendar between two instants, minus the (merged) pauses. */
export function businessMsBetween(cal: BusinessCalendar | null, from: number, to: number, pauses: readonly Interval[] = []): number {
  let sum = 0;
  for (const [a, b] of subtractIntervals(workingIntervals(cal, from, to), pauses)) sum += b - a;
  return sum;
}

// Far enough for any target (fix: 180 days) even across long holidays; beyond it a due
// time is reported as unreachable (null) instead of looping forever on an empty calendar.
const HORIZON_MS = 3 * 366 * DAY_MS;
const CHUNK_MS = 14 * DAY_MS;

/** The instant at which `amountMs` of working time (minus pauses) has elapsed since `from`. */
export function addBusinessMs(cal: BusinessCalendar | null, from: number, amountMs: number, pauses: readonly Interval[] = []): number | null {
  let left = amountMs;
  if (left <= 0) return from;
  for (let cursor = from; cursor < from + HORIZON_MS; cursor += CHUNK_MS) {
    for (const [a, b] of subtractIntervals(workingIntervals(cal, cursor, cursor + CHUNK_MS), pauses)) {
      if (b - a >= left) return a + left;
      left -= b - a;
    }
  }
  return null;
}
