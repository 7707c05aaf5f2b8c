/**
 * Training records (seed 考核与奖惩 / 培训; DOMAIN.md "Quarterly assessment"): who may see and
 * keep them, what a quarter's training adds up to, which certifications lapse, and the CSV
 * import. The server's access rule and the main process apply the same functions.
 */
import type { TrainingKind, TrainingRecord } from '../schema';


/** How the acting user stands to the person a record is about. */
export interface TrainingActor {
  /** The record is about the actor. */
  self: boolean;
  /** The actor is above the person in the manager chain. */
  managerAbove: boolean;
  /** Assessors keep everyone's records (as they run every assessment). */
  assessor: boolean;
}

/** Assessment privacy (RELIABILITY Z5): the person, the managers above them, the assessors. */
export const canSeeTraining = (a: TrainingActor): boolean => a.self || a.managerAbove || a.assessor;

export type TrainingRefusal = 'notVisible' | 'confirmedLocked' | 'selfDecision' | 'otherPerson';

/**
 * Why a write is refused, or null. `next` null = delete. A person enters their own records,
 * which a manager above them (or an assessor) confirms or rejects; once confirmed, the person
 * can no longer change or remove it. Nobody decides on their own record, whatever their roles.
 */
export function trainingWriteRefusal(actor: TrainingActor, old: TrainingRecord | null, next: TrainingRecord | null): TrainingRefusal | null {
  if (!canSeeTraining(actor)) return 'notVisible';
  if (old && next && old.ref !== next.ref) return 'otherPerson';
  if (!actor.self) return null;
  if (old?.status === 'confirmed') return 'confirmedLocked';
  if (next && next.status !== 'submitted') return 'selfDecision';
  return null;
}

/** Confirmed training that ended within [from, to] (ISO dates, inclusive): the KPI panel's line. */
export function trainingInPeriod(records: readonly TrainingRecord[], from: string, to: string): { count: number; hours: number; records: TrainingRecord[] } {
  const inside = records.filter((r) => r.status === 'confirmed' && r.body.endsOn >= from && r.body.endsOn <= to);
  return { count: inside.length, hours: inside.reduce((sum, r) => sum + r.body.hours, 0), records: inside };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

export interface ExpiringCertification {
  record: TrainingRecord;
  /** Negative once lapsed. */
  daysLeft: number;
}

/**
 * Confirmed certifications that lapse within `withinDays` of `today`, or lapsed less than
 * `lapsedDays` ago (a manager still has to act on those), soonest first. A later confirmed
 * certification with the same title renews an earlier one.
 */
export function expiringCertifications(records: readonly TrainingRecord[], today: string, withinDays = 60, lapsedDays = 90): ExpiringCertification[] {
  const certs = records.filter((r) => r.status === 'confirmed' && r.body.trainingKind === 'certification' && r.body.expiresOn !== null);
  const latest = new Map<string, TrainingRecord>();
  for (const r of certs) {
    const key = `${r.ref}\u0000${r.body.title.toLowerCase()}`;
    const seen = latest.get(key);
    if (!seen || r.body.expiresOn! > seen.body.expiresOn!) latest.set(key, r);
  }
  return [...latest.values()]
    .map((record) => ({ record, daysLeft: daysBetween(today, record.body.expiresOn!) }))
    .filter((e) => e.daysLeft <= withinDays && e.daysLeft >= -lapsedDays)
    .sort((a, b) => a.daysLeft - b.daysLeft || a.record.id.localeCompare(b.record.id));
}

// ---- CSV import -----------------------------------------------------------------------

export const TRAINING_CSV_COLUMNS = ['username', 'kind', 'title', 'provider', 'startsOn', 'endsOn', 'hours', 'result', 'expiresOn'] as const;
export type TrainingCsvColumn = (typeof TRAINING_CSV_COLUMNS)[number];
export const TRAINING_CSV_ERRORS = ['required', 'tooLong', 'unknownPerson', 'notYours', 'badKind', 'badDate', 'endsBeforeStart', 'expiresBeforeEnd', 'badHours'] as const;
export type TrainingCsvErrorCode = (typeof TRAINING_CSV_ERRORS)[number];
export const MAX_TRAINING_CSV_ROWS = 5000;

export interface TrainingDraft {
  personId: string;
  trainingKind: TrainingKind;
  title: string;
  provider: string;
  startsOn: string;
  endsOn: string;
  hours: number;
  result: string;
  expiresOn: string | null;
}

export interface CheckedTrainingRow {
  /** 1-based line in the file, the header being line 1. */
  line: number;
  draft: TrainingDraft | null;
  errors: { field: TrainingCsvColumn; code: TrainingCsvErrorCode }[];
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => DATE_RE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
// Offices keep the kind in Chinese as well (课程 / 证书).
const KIND_WORDS: Record<string, TrainingKind> = { course: 'course', certification: 'certification', 课程: 'course', 培训: 'course', 证书: 'certification', 认证: 'certification' };
const LIMITS: Partial<Record<TrainingCsvColumn, number>> = { username: 80, title: 200, provider: 200, result: 200 };

/**
 * Checks every row of an import. `personOf` resolves a user name to a person id the importer
 * may keep records for: null = no such person, 'notYours' = a person outside their chain.
 */
export function checkTrainingRows(rows: readonly Partial<Record<TrainingCsvColumn, string>>[], personOf: (username: string) => string | null | 'notYours'): CheckedTrainingRow[] {
  return rows.map((raw, index) => {
    const v = Object.fromEntries(TRAINING_CSV_COLUMNS.map((c) => [c, (raw[c] ?? '').trim()])) as Record<TrainingCsvColumn, string>;
    const errors: CheckedTrainingRow['errors'] = [];
    for (const c of ['username', 'kind', 'title', 'startsOn', 'endsOn', 'hours'] as const) if (v[c] === '') errors.push({ field: c, code: 'required' });
    for (const [c, max] of Object.entries(LIMITS) as [TrainingCsvColumn, number][]) if (v[c].length > max) errors.push({ field: c, code: 'tooLong' });
    const person = v.username === '' ? null : personOf(v.username);
    if (v.username !== '' && person === null) errors.push({ field: 'username', code: 'unknownPerson' });
    if (person === 'notYours') errors.push({ field: 'username', code: 'notYours' });
    const kind = KIND_WORDS[v.kind.toLowerCase()] ?? KIND_WORDS[v.kind];
    if (v.kind !== '' && !kind) errors.push({ field: 'kind', code: 'badKind' });
    for (const c of ['startsOn', 'endsOn', 'expiresOn'] as const) if (v[c] !== '' && !isDate(v[c])) errors.push({ field: c, code: 'badDate' });
    if (isDate(v.startsOn) && isDate(v.endsOn) && v.endsOn < v.startsOn) errors.push({ field: 'endsOn', code: 'endsBeforeStart' });
    if (isDate(v.endsOn) && isDate(v.expiresOn) && v.expiresOn < v.endsOn) errors.push({ field: 'expiresOn', code: 'expiresBeforeEnd' });
    const hours = Number(v.hours);
    if (v.hours !== '' && (!Number.isFinite(hours) || hours < 0 || hours > 2000)) errors.push({ field: 'hours', code: 'badHours' });
    const ok = errors.length === 0 && person !== null && person !== 'notYours' && kind !== undefined;
    return {
      line: index + 2,
      errors,
      draft: ok
        ? { personId: person, trainingKind: kind, title: v.title, provider: v.provider, startsOn: v.startsOn, endsOn: v.endsOn, hours, result: v.result, expiresOn: v.expiresOn === '' ? null : v.expiresOn }
        : null,
    };
  });
}
