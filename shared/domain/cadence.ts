import type { Tier } from '../schema';
import { dateOfDayNumber, dayNumberOf, localDate } from './calendar';

// Contact cadence of customer accounts (DOMAIN.md "Customer relationship"; seed 客户关系管理:
// 关键客户关系 first, then 普遍客户关系). Each account has a target number of days between
// contacts; an account whose last contact is older than that is overdue and is listed for its
// account manager. Days are calendar days at the customer (its `timeZone`): a call at 23:30 in
// Shanghai counts for that Shanghai day, whatever the zone of the person who logged it.

/**
 * Default days between contacts when the account plan sets none. DOMAIN.md: key accounts
 * (关键客户) at least one contact a week, general accounts (普遍客户) one a quarter.
 */
export const DEFAULT_CADENCE_DAYS: Readonly<Record<Tier, number>> = { key: 7, general: 90 };

export const cadenceTarget = (tier: Tier, planDays: number | null | undefined): number => planDays ?? DEFAULT_CADENCE_DAYS[tier];

export interface CadenceInput {
  tier: Tier;
  timeZone: string;
  /** The account plan's target; null or absent = the tier's default. */
  cadenceDays?: number | null;
  /** When each contact was made (ISO times); any order, any author: the relationship is the company's, not one person's (seed). */
  contactTimes: readonly string[];
}

export interface CadenceStatus {
  targetDays: number;
  /** The latest contact, or null when the account was never contacted. */
  lastContactAt: string | null;
  /** The customer's local date by which the next contact is due; null when never contacted (due now). */
  dueOn: string | null;
  /** Whole days past the due date at the customer (0 = due today or later); null when never contacted. */
  overdueDays: number | null;
  overdue: boolean;
  never: boolean;
}

/** Where an account stands against its contact cadence at `now` (epoch ms). */
export function cadenceStatus(input: CadenceInput, now: number): CadenceStatus {
  const targetDays = cadenceTarget(input.tier, input.cadenceDays);
  let last: number | null = null;
  for (const at of input.contactTimes) {
    const ms = Date.parse(at);
    // A contact logged in the future (a wrong device clock) does not hold the account off.
    if (Number.isNaN(ms) || ms > now) continue;
    if (last === null || ms > last) last = ms;
  }
  if (last === null) return { targetDays, lastContactAt: null, dueOn: null, overdueDays: null, overdue: true, never: true };
  const today = dayNumberOf(localDate(now, input.timeZone));
  const due = dayNumberOf(localDate(last, input.timeZone)) + targetDays;
  const late = today - due;
  return { targetDays, lastContactAt: new Date(last).toISOString(), dueOn: dateOfDayNumber(due), overdueDays: Math.max(0, late), overdue: late > 0, never: false };
}

/** Overdue first: never contacted, then the most days late; ties by name. */
export const byUrgency = <T extends { cadence: CadenceStatus; name: string }>(a: T, b: T): number => {
  const rank = (c: CadenceStatus) => (c.never ? Number.MAX_SAFE_INTEGER : c.overdue ? (c.overdueDays ?? 0) : -1);
  return rank(b.cadence) - rank(a.cadence) || a.name.localeCompare(b.name);
};
