/**
 * Field work rules (DOMAIN.md, "Field work", "Visits and spare parts"): site visits with the
 * travel before them, the work and travel log's totals, the customer's sign-off and its lock.
 * Pure functions: main applies them before writing, the tests state them.
 */
import type { TicketEvent, TicketEventOf, VisitCorrectionRecord, VisitRecord } from '../schema';

const MINUTE = 60_000;
export const MAX_SCORE = 5;
/** Scores that need a reason (DOMAIN: a reason is required for 1-2). */
export const REASON_BELOW = 3;

/** Codes of refused field work; the screens translate them (fieldwork i18n, `errors.*`). */
export type FieldworkIssue =
  | 'already_checked_in'
  | 'not_checked_in'
  | 'visit_signed'
  | 'check_out_before_check_in'
  | 'travel_after_check_in'
  | 'time_in_future'
  | 'signature_empty'
  | 'signer_required'
  | 'score_out_of_range'
  | 'reason_required'
  | 'nothing_to_sign'
  | 'nothing_logged';

export class FieldworkRuleError extends Error {
  constructor(
    readonly code: FieldworkIssue,
    readonly path: string,
  ) {
    super(`${path}: ${code}`);
  }
}

const minutesBetween = (from: string, to: string) =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / MINUTE));

/** The visit as it counts now: a signed visit with its corrections applied, newest last. */
export const effectiveVisit = (
  visit: VisitRecord,
  corrections: readonly VisitCorrectionRecord[],
): VisitRecord => {
  const mine = corrections
    .filter((c) => c.ref2 === visit.id)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return mine.reduce<VisitRecord>(
    (v, c) => ({
      ...v,
      body: {
        ...v.body,
        checkInAt: c.body.checkInAt ?? v.body.checkInAt,
        checkOutAt: c.body.checkOutAt ?? v.body.checkOutAt,
        travelMinutes: c.body.travelMinutes ?? v.body.travelMinutes,
      },
    }),
    visit,
  );
};

/** Minutes on site: check-in to check-out, or to `now` while the technician is still there. */
export const onSiteMinutes = (visit: VisitRecord, now: string): number =>
  minutesBetween(visit.body.checkInAt, visit.body.checkOutAt ?? now);

/** A visit may change only until the customer signs it. */
export const canEditVisit = (visit: VisitRecord): boolean => visit.status !== 'signed';

export interface CheckIn {
  ticketId: string;
  siteId: string;
  technicianId: string;
  id: string;
  now: string;
  /** When the technician set off; the travel minutes follow from it. */
  travelStartedAt: string | null;
  /** Travel minutes given directly (when no start time was taken). */
  travelMinutes: number;
  note: string;
}

/** A new open visit; refused while the technician has an open visit on the same ticket. */
export const checkIn = (input: CheckIn, visits: readonly VisitRecord[]): VisitRecord => {
  if (
    visits.some(
      (v) => v.ref === input.ticketId && v.body.technicianId === input.technicianId && v.status === 'open',
    )
  ) {
    throw new FieldworkRuleError('already_checked_in', 'ticketId');
  }
  if (input.travelStartedAt && input.travelStartedAt > input.now)
    throw new FieldworkRuleError('travel_after_check_in', 'travelStartedAt');
  return {
    id: input.id,
    createdAt: input.now,
    updatedAt: input.now,
    kind: 'visit',
    ref: input.ticketId,
    ref2: input.siteId,
    status: 'open',
    body: {
      technicianId: input.technicianId,
      travelStartedAt: input.travelStartedAt,
      checkInAt: input.now,
      checkOutAt: null,
      travelMinutes: input.travelStartedAt
        ? minutesBetween(input.travelStartedAt, input.now)
        : input.travelMinutes,
      note: input.note,
      signedAt: null,
    },
  };
};

/** The visit checked out at `at` (not before its check-in, not after `now`). */
export const checkOut = (visit: VisitRecord, at: string, now: string, note?: string): VisitRecord => {
  if (!canEditVisit(visit)) throw new FieldworkRuleError('visit_signed', 'visitId');
  if (visit.status !== 'open') throw new FieldworkRuleError('not_checked_in', 'visitId');
  if (at < visit.body.checkInAt) throw new FieldworkRuleError('check_out_before_check_in', 'at');
  if (at > now) throw new FieldworkRuleError('time_in_future', 'at');
  return {
    ...visit,
    updatedAt: now,
    status: 'closed',
    body: { ...visit.body, checkOutAt: at, note: note ?? visit.body.note },
  };
};

/** The visit signed by the customer: checked out now if still open, then frozen. */
export const signVisit = (visit: VisitRecord, now: string): VisitRecord => {
  if (!canEditVisit(visit)) throw new FieldworkRuleError('visit_signed', 'visitId');
  const closed = visit.status === 'open' ? checkOut(visit, now, now) : visit;
  return { ...closed, updatedAt: now, status: 'signed', body: { ...closed.body, signedAt: now } };
};

export interface SignOffInput {
  signerName: string;
  /** Points drawn on the pad; an empty pad has none. */
  strokePoints: number;
  score: number;
  reason: string;
}

/** Every problem of a sign-off at once, so the dialog shows them together. Empty = valid. */
export const signOffIssues = (s: SignOffInput): { path: string; code: FieldworkIssue }[] => {
  const issues: { path: string; code: FieldworkIssue }[] = [];
  if (!s.signerName.trim()) issues.push({ path: 'signerName', code: 'signer_required' });
  if (s.strokePoints <= 0) issues.push({ path: 'signature', code: 'signature_empty' });
  if (!Number.isInteger(s.score) || s.score < 1 || s.score > MAX_SCORE)
    issues.push({ path: 'score', code: 'score_out_of_range' });
  else if (s.score < REASON_BELOW && !s.reason.trim())
    issues.push({ path: 'reason', code: 'reason_required' });
  return issues;
};

export interface PersonTotals {
  personId: string;
  workMinutes: number;
  travelMinutes: number;
  onSiteMinutes: number;
}

export interface FieldworkTotals extends Omit<PersonTotals, 'personId'> {
  visits: number;
  byPerson: PersonTotals[];
}

/**
 * Totals per ticket and per person: logged work, travel (logged and before visits) and time on
 * site (open visits up to `now`). Signed visits count with their corrections.
 */
export const fieldworkTotals = (
  visits: readonly VisitRecord[],
  corrections: readonly VisitCorrectionRecord[],
  events: readonly TicketEvent[],
  now: string,
): FieldworkTotals => {
  const people = new Map<string, PersonTotals>();
  const of = (personId: string) => {
    const found = people.get(personId) ?? { personId, workMinutes: 0, travelMinutes: 0, onSiteMinutes: 0 };
    people.set(personId, found);
    return found;
  };
  for (const v of visits.map((v) => effectiveVisit(v, corrections))) {
    const p = of(v.body.technicianId);
    p.travelMinutes += v.body.travelMinutes;
    p.onSiteMinutes += onSiteMinutes(v, now);
  }
  for (const e of events.filter((e): e is TicketEventOf<'work_log'> => e.kind === 'work_log')) {
    const p = of(e.authorId);
    p.workMinutes += e.workMinutes;
    p.travelMinutes += e.travelMinutes;
  }
  const byPerson = [...people.values()].sort((a, b) => a.personId.localeCompare(b.personId));
  const sum = (k: keyof Omit<PersonTotals, 'personId'>) => byPerson.reduce((n, p) => n + p[k], 0);
  return {
    visits: visits.length,
    workMinutes: sum('workMinutes'),
    travelMinutes: sum('travelMinutes'),
    onSiteMinutes: sum('onSiteMinutes'),
    byPerson,
  };
};

/** The ticket's latest sign-off: its signature and CSAT events, newest of each. */
export const latestSignOff = (events: readonly TicketEvent[]) => {
  const ordered = [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const signature =
    ordered.filter((e): e is TicketEventOf<'signature'> => e.kind === 'signature').at(-1) ?? null;
  const csat = ordered.filter((e): e is TicketEventOf<'csat'> => e.kind === 'csat').at(-1) ?? null;
  return { signature, csat };
};
