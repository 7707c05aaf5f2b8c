import type { AssessmentTemplate, BusinessCalendar, EscalationRule, PriorityPolicyBody, SlaTarget } from '../schema';
import { FUNCTIONAL_TARGETS, MANAGEMENT_LEVELS, SEVERITIES, TIERS } from '../schema/enums';

// Checks of the SLA and calendar editors beyond the schema's shapes: things an admin can get
// wrong that the schema cannot see (a calendar with no working time, a date that is both a
// holiday and a swapped working day, targets out of order). Messages are i18n keys of the
// admin namespace's `validation.*`, the same keys the server's refusals carry.

export interface PolicyIssue {
  path: (string | number)[];
  message: string;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const isRealDate = (s: string): boolean => DATE_RE.test(s) && new Date(`${s}T00:00:00.000Z`).toISOString().slice(0, 10) === s;

export interface DateList {
  dates: string[];
  /** Lines that are neither a date nor a range `from..to` (1-based line numbers). */
  badLines: number[];
  /** Dates named by more than one line (overlapping ranges or repeated dates). */
  overlaps: string[];
}

/**
 * A list of dates as typed or pasted (a CSV column, an official holiday notice): one date or a
 * range `2026-10-01..2026-10-07` per line or comma, blank lines ignored. Sorted, unique.
 */
export function parseDateList(text: string): DateList {
  const seen = new Set<string>();
  const overlaps = new Set<string>();
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    for (const raw of line.split(/[,;，、\s]+/).filter(Boolean)) {
      const parts = raw.split(/\.\.|~|到/);
      const from = parts[0] ?? '';
      const to = parts[1] ?? from;
      if ( !isRealDate(from) || !isRealDate(to) || to < from || Date.parse(to) - Date.parse(from) > 366 * DAY_MS) {
        badLines.push(i + 1);
        continue;
      }
      for (let d = Date.parse(`${from}T00:00:00.000Z`); d <= Date.parse(`${to}T00:00:00.000Z`); d += DAY_MS) {
        const date = new Date(d).toISOString().slice(0, 10);
        if (seen.has(date)) overlaps.add(date);
        seen.add(date);
      }
    }
  });
  return { dates: [...seen].sort(), badLines: [...new Set(badLines)], overlaps: [...overlaps].sort() };
}

const validZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
};

/** Issues of a business calendar; none means it can be saved. */
export function calendarIssues(cal: BusinessCalendar): PolicyIssue[] {
  const out: PolicyIssue[] = [];
  if (!cal.region.trim()) out.push({ path: ['region'], message: 'validation.regionRequired' });
  if (!validZone(cal.timeZone)) out.push({ path: ['timeZone'], message: 'validation.timeZoneInvalid' });
  cal.hours.forEach((h, i) => {
    if (!/^\d{2}:\d{2}$/.test(h.start) || !/^\d{2}:\d{2}$/.test(h.end)) out.push({ path: ['hours', i, 'start'], message: 'validation.timeInvalid' });
    else if (minutesOf(h.end) <= minutesOf(h.start)) out.push({ path: ['hours', i, 'end'], message: 'validation.hoursEndBeforeStart' });
  });
  const sorted = cal.hours.map((h, i) => ({ i, s: minutesOf(h.start), e: minutesOf(h.end) })).sort((a, b) => a.s - b.s);
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k]!.s < sorted[k - 1]!.e) out.push({ path: ['hours', sorted[k]!.i, 'start'], message: 'validation.hoursOverlap' });
  }
  const workingMinutes = cal.hours.reduce((sum, h) => sum + Math.max(0, minutesOf(h.end) - minutesOf(h.start)), 0);
  if (cal.hours.length === 0 || workingMinutes === 0 || (cal.workingDays.length === 0 && cal.extraWorkingDays.length === 0)) {
    out.push({ path: ['workingDays'], message: 'validation.calendarNoWorkingTime' });
  }
  if (new Set(cal.holidays).size !== cal.holidays.length) out.push({ path: ['holidays'], message: 'validation.holidayOverlap' });
  const swaps = new Set(cal.extraWorkingDays);
  if (cal.holidays.some((d) => swaps.has(d))) out.push({ path: ['extraWorkingDays'], message: 'validation.holidayIsSwapDay' });
  return out;
}

/** Issues of an SLA policy's targets: one row per severity and tier, response <= restore <= fix. */
export function slaIssues(targets: readonly SlaTarget[], warningRatio: number): PolicyIssue[] {
  const out: PolicyIssue[] = [];
  if (!(warningRatio > 0 && warningRatio < 1)) out.push({ path: ['warningRatio'], message: 'validation.warningRatio' });
  const keys = new Set<string>();
  targets.forEach((t, i) => {
    const key = `${t.severity}/${t.tier}`;
    if (keys.has(key)) out.push({ path: ['targets', i, 'severity'], message: 'validation.targetDuplicate' });
    keys.add(key);
    const set = [t.firstResponseMinutes, t.restoreMinutes, t.fixMinutes];
    set.forEach((m, j) => {
      if (m !== null && (!Number.isFinite(m) || m < 0)) out.push({ path: ['targets', i, ['firstResponseMinutes', 'restoreMinutes', 'fixMinutes'][j]!], message: 'validation.minutesInvalid' });
    });
    if (t.firstResponseMinutes !== null && t.restoreMinutes !== null && t.restoreMinutes < t.firstResponseMinutes) {
      out.push({ path: ['targets', i, 'restoreMinutes'], message: 'validation.restoreBeforeResponse' });
    }
    const before = t.restoreMinutes ?? t.firstResponseMinutes;
    if (before !== null && t.fixMinutes !== null && t.fixMinutes < before) out.push({ path: ['targets', i, 'fixMinutes'], message: 'validation.fixBeforeRestore' });
  });
  return out;
}

/** Whether an effective date (local 'YYYY-MM-DD') lies before `today`: running tickets must be re-evaluated. */
export const isRetroactive = (effectiveFrom: string, today: string): boolean => effectiveFrom < today;

/** The organisation's zone: the calendar day of an organisation-wide policy's effective date. */
export const ORGANISATION_TIME_ZONE = 'Asia/Shanghai';

/**
 * The zone an effective date is a day of: a calendar's own zone, otherwise the organisation's.
 * The server judges "today" and "retroactive" in it, and the forms offer its today, so an
 * administrator in another zone (or a machine on UTC) sees what the server will decide.
 */
export const effectiveDateZone = (draft: { kind: string; calendar?: { timeZone: string } }): string =>
  draft.kind === 'calendar' && draft.calendar ? draft.calendar.timeZone : ORGANISATION_TIME_ZONE;

/** Issues of a priority matrix: exactly one cell per severity and tier. */
export function priorityIssues(matrix: PriorityPolicyBody['matrix']): PolicyIssue[] {
  const out: PolicyIssue[] = [];
  for (const severity of SEVERITIES)
    for (const tier of TIERS) {
      const n = matrix.filter((c) => c.severity === severity && c.tier === tier).length;
      if (n !== 1) out.push({ path: ['matrix'], message: 'validation.matrixIncomplete' });
    }
  return out.slice(0, 1);
}

/** Issues of escalation rules: unique ids, and each action naming a level of its own axis, once. */
export function escalationIssues(rules: readonly EscalationRule[]): PolicyIssue[] {
  const out: PolicyIssue[] = [];
  const ids = new Set<string>();
  rules.forEach((rule, i) => {
    if (!rule.id.trim()) out.push({ path: ['rules', i, 'id'], message: 'validation.ruleIdRequired' });
    else if (ids.has(rule.id)) out.push({ path: ['rules', i, 'id'], message: 'validation.ruleIdDuplicate' });
    ids.add(rule.id);
    if (!Number.isInteger(rule.atPercent) || rule.atPercent < 1 || rule.atPercent > 1000) out.push({ path: ['rules', i, 'atPercent'], message: 'validation.percentInvalid' });
    if (rule.actions.length === 0) out.push({ path: ['rules', i, 'actions'], message: 'validation.actionsRequired' });
    const seen = new Set<string>();
    rule.actions.forEach((a, j) => {
      // Escalating to the assignee would never raise the level: only levels above it are targets.
      const fits = a.axis === 'functional' ? a.to === 'next' || (FUNCTIONAL_TARGETS as readonly string[]).includes(a.to) : a.to !== 'assignee' && (MANAGEMENT_LEVELS as readonly string[]).includes(a.to);
      if (!fits) out.push({ path: ['rules', i, 'actions', j, 'to'], message: 'validation.actionLevelMismatch' });
      else if (seen.has(`${a.axis}:${a.to}`)) out.push({ path: ['rules', i, 'actions', j, 'to'], message: 'validation.actionDuplicate' });
      seen.add(`${a.axis}:${a.to}`);
    });
  });
  return out;
}

/** Scores are given on this scale (DOMAIN.md: scores 1-5); outcome bands lie within it. */
export const SCORE_SCALE = { min: 1, max: 5 } as const;

/**
 * Issues of an assessment template: weights totalling 100 %, criteria named once, and outcome
 * bands in order within the scale (reward above meets; below meets is an improvement plan).
 */
export function templateIssues(t: AssessmentTemplate): PolicyIssue[] {
  const out: PolicyIssue[] = [];
  const total = t.criteria.reduce((sum, c) => sum + c.weight, 0);
  // Compared in hundredths of a percent, so 25 + 25 + 25 + 25 typed as fractions is exactly 100.
  if (Math.round(total * 10_000) !== 10_000) out.push({ path: ['criteria'], message: 'validation.weightsTotal' });
  const keys = new Set<string>();
  const labels = new Set<string>();
  t.criteria.forEach((c, i) => {
    if (keys.has(c.key)) out.push({ path: ['criteria', i, 'key'], message: 'validation.criterionDuplicate' });
    else if (labels.has(c.labelEn.trim().toLowerCase())) out.push({ path: ['criteria', i, 'labelEn'], message: 'validation.criterionDuplicate' });
    keys.add(c.key);
    labels.add(c.labelEn.trim().toLowerCase());
  });
  const inScale = (n: number) => Number.isFinite(n) && n >= SCORE_SCALE.min && n <= SCORE_SCALE.max;
  if (!inScale(t.meetsAtLeast)) out.push({ path: ['meetsAtLeast'], message: 'validation.bandOutOfScale' });
  if (!inScale(t.rewardAtLeast)) out.push({ path: ['rewardAtLeast'], message: 'validation.bandOutOfScale' });
  else if (inScale(t.meetsAtLeast) && t.rewardAtLeast <= t.meetsAtLeast) out.push({ path: ['rewardAtLeast'], message: 'validation.bandsOrder' });
  return out;
}
