import type { VisitView, WorkLogView } from '../../../shared/api/fieldwork';
import { effectiveVisit, onSiteMinutes } from '../../../shared/domain/fieldwork';
import type { TicketEventOf, VisitCorrectionRecord, VisitRecord } from '../../../shared/schema';

/**
 * A visit as the panel shows it: the values with its corrections applied, the values the
 * customer signed when corrections changed them, and the corrections themselves.
 */
export const visitView = (
  v: VisitRecord,
  corrections: readonly VisitCorrectionRecord[],
  facts: {
    technicianName: string;
    siteName: string | null;
    me: string;
    now: string;
    nameOf: (personId: string) => string;
    /** The viewer's role writes field work (main and the server refuse assessors alone). */
    writes: boolean;
  },
): VisitView => {
  const own = corrections
    .filter((c) => c.ref2 === v.id)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const e = effectiveVisit(v, own);
  return {
    id: v.id,
    status: v.status,
    technicianId: v.body.technicianId,
    technicianName: facts.technicianName,
    siteName: facts.siteName,
    travelStartedAt: e.body.travelStartedAt,
    checkInAt: e.body.checkInAt,
    checkOutAt: e.body.checkOutAt,
    travelMinutes: e.body.travelMinutes,
    onSiteMinutes: onSiteMinutes(e, facts.now),
    note: v.body.note,
    signedAt: v.body.signedAt,
    corrected: own.length > 0,
    signedValues:
      own.length > 0
        ? { checkInAt: v.body.checkInAt, checkOutAt: v.body.checkOutAt, travelMinutes: v.body.travelMinutes }
        : null,
    corrections: own.map((c) => ({
      id: c.id,
      authorName: facts.nameOf(c.body.authorId),
      at: c.createdAt,
      checkInAt: c.body.checkInAt,
      checkOutAt: c.body.checkOutAt,
      travelMinutes: c.body.travelMinutes,
      reason: c.body.reason,
    })),
    mayCorrect: v.status === 'signed' && facts.writes,
    mine: v.body.technicianId === facts.me,
  };
};

export const workLogView = (e: TicketEventOf<'work_log'>, authorName: string): WorkLogView => ({
  eventId: e.id,
  at: e.at,
  authorId: e.authorId,
  authorName,
  workMinutes: e.workMinutes,
  travelMinutes: e.travelMinutes,
  activity: e.body ?? '',
});
