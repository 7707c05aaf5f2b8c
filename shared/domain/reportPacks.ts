import type { BusinessCalendar, Policy } from '../schema';
import { isWorkingDay, localDate } from './calendar';
import { DEFAULT_CALENDAR } from './defaults';
import { monthRange, type Month } from './metrics';
import { defaultCalendar } from './reports';

// Scheduled report packs (shared/schema/records/reportPacks.ts): when a month's pack is due,
// and the ids that make each subscription and pack exist once.

/** Roles that may subscribe: those the server gives reports to (server/reports/scope.ts). */
export const PACK_ROLES = ['manager', 'admin'] as const;
export const maySubscribe = (roles: readonly string[]): boolean => roles.some((r) => (PACK_ROLES as readonly string[]).includes(r));

/** The organisation's calendar for packs: the default calendar policy, else the built-in one. */
export const packCalendar = (policies: readonly Policy[]): BusinessCalendar => defaultCalendar(policies) ?? DEFAULT_CALENDAR;

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
export const previousMonth = (m: Month): Month => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 1 ? `${y - 1}-12` : `${y}-${pad(mo - 1)}`;
};

/** The first working day of a month in the calendar ('YYYY-MM-DD'). */
export function firstWorkingDay(cal: BusinessCalendar, month: Month): string {
  // A calendar without any working day in the month falls back to the month's last day.
  const [start, end] = monthRange(month);
  for (let t = start; t < end; t += DAY_MS) {
    const date = new Date(t).toISOString().slice(0, 10);
    if (isWorkingDay(cal, date)) return date;
  }
  return new Date(end - DAY_MS).toISOString().slice(0, 10);
}

/**
 * The month whose pack is due at `now`, or null: last month's pack, from the first working day
 * of this month (in the calendar's zone) to the month's end, so a day missed (server down) is
 * made up on any later day of the month. The figures are of the UTC month (reports.ts), so it
 * is also not due before that month has ended in UTC (early on the 1st east of Greenwich).
 */
export function packDue(cal: BusinessCalendar, now: number): Month | null {
  const today = localDate(now, cal.timeZone);
  const month = today.slice(0, 7);
  if (today < firstWorkingDay(cal, month)) return null;
  const last = previousMonth(month);
  if (now < monthRange(last)[1]) return null;
  return last;
}

/** Months before the due one whose missing packs a subscriber still gets (a server down for whole months). */
export const PACK_CATCH_UP_MONTHS = 2;

/**
 * The months whose packs a subscription should have at `due` (the month packDue gives): the
 * due month, and the months since the subscription's newest pack that were missed, at most
 * PACK_CATCH_UP_MONTHS of them, oldest first. A new subscriber (no pack yet) gets the due
 * month only, not the months before they subscribed.
 */
export function packMonths(due: Month, newest: Month | null): Month[] {
  const months: Month[] = [due];
  for (let m = previousMonth(due); newest !== null && m > newest && months.length <= PACK_CATCH_UP_MONTHS; m = previousMonth(m)) months.unshift(m);
  return months;
}

// FNV-1a over the key with a seed: derived ids are the same on every device and process.
function fnv(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
const hex = (n: number, digits: number) => (n >>> 0).toString(16).padStart(8, '0').slice(-digits);

/** A UUID v7 whose time part is `ms` and whose other bits are a hash of `key`. */
function derivedId(ms: number, key: string): string {
  const [a, b, c] = [fnv(key, 1), fnv(key, 2), fnv(key, 3)];
  const t = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12);
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${hex(a, 3)}-${hex(0x8 | ((a >>> 12) & 0x3), 1)}${hex(a >>> 16, 3)}-${hex(b, 8)}${hex(c, 4)}`;
}

/** The one subscription of a person to a pack (time part: the person id's own). */
export const subscriptionId = (personId: string, pack = 'monthlyReview'): string =>
  derivedId(parseInt(personId.replace(/-/g, '').slice(0, 12), 16) || 0, `subscription|${personId}|${pack}`);

/** The one pack of a subscription for a month (time part: the month's start). */
export const packId = (subscription: string, month: Month): string => derivedId(monthRange(month)[0], `pack|${subscription}|${month}`);

/** The review pack print view of a month (renderer/src/features/reports, ReviewPackPage). */
export const packHref = (month: Month, locale: string): string => `/reports/review-pack?from=${month}&to=${month}&lang=${encodeURIComponent(locale)}`;

/** Waits between mail attempts: 5 minutes, doubling, at most a day. */
export const mailRetryMs = (attempts: number): number => Math.min(24 * 3600_000, 5 * 60_000 * 2 ** Math.max(0, attempts - 1));
/** Attempts after which a pack's mail is given up (the pack stays in the app). */
export const MAIL_MAX_ATTEMPTS = 8;
