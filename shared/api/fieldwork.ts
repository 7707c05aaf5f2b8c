import { z } from 'zod';
import { MAX_SCORE, signOffIssues, type FieldworkTotals } from '../domain/fieldwork';
import type { CauseCategory, Severity, TicketStatus } from '../schema/enums';
import { locales } from './app';
import { command, liveQuery, slice } from './define';

// Field work on a ticket: site visits, the work and travel log, the customer's sign-off and
// the service report PDF. Messages are codes the fieldwork screens translate (`errors.*`),
// so a refusal shows in the user's language.

const ticketId = z.string().trim().min(1).max(64);
const recordId = z.string().trim().min(1).max(64);
const minutes = (tooMany: string) =>
  z
    .number({ error: 'minutes_invalid' })
    .int('minutes_invalid')
    .min(0, 'minutes_invalid')
    .max(24 * 60, tooMany);
const isoTime = z.iso.datetime({ error: 'time_invalid' }).transform((s) => new Date(s).toISOString());

export const checkInInput = z
  .object({
    ticketId,
    /** When the technician set off; travel minutes are counted from it. */
    travelStartedAt: isoTime.nullable().default(null),
    travelMinutes: minutes('minutes_too_many').default(0),
    note: z.string().trim().max(2000, 'note_too_long').default(''),
  })
  .strict();
export type CheckInInput = z.input<typeof checkInInput>;

export const checkOutInput = z
  .object({ visitId: recordId, note: z.string().trim().max(2000, 'note_too_long').optional() })
  .strict();

export const workLogInput = z
  .object({
    ticketId,
    workMinutes: minutes('minutes_too_many'),
    travelMinutes: minutes('minutes_too_many'),
    activity: z.string().trim().min(1, 'activity_required').max(2000, 'note_too_long'),
  })
  .strict()
  .refine((v) => v.workMinutes + v.travelMinutes > 0, { path: ['workMinutes'], message: 'nothing_logged' });
export type WorkLogInput = z.input<typeof workLogInput>;

/** The largest signature image accepted (a PNG of the pad; a few tens of kB in practice). */
export const MAX_SIGNATURE_BYTES = 1_000_000;

export const signOffInput = z
  .object({
    ticketId,
    signerName: z.string().max(120, 'signer_too_long'),
    /** The pad's drawing as a PNG data URL. */
    signaturePng: z.string().max(Math.ceil((MAX_SIGNATURE_BYTES * 4) / 3) + 100, 'signature_too_large'),
    /** Points drawn; 0 = an empty pad. */
    strokePoints: z.number().int().min(0),
    score: z.number({ error: 'score_out_of_range' }),
    reason: z.string().max(2000, 'note_too_long').default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    for (const issue of signOffIssues(v))
      ctx.addIssue({
        code: 'custom',
        path: [issue.path === 'signature' ? 'signaturePng' : issue.path],
        message: issue.code,
      });
    if (v.strokePoints > 0 && !v.signaturePng.startsWith('data:image/png;base64,'))
      ctx.addIssue({ code: 'custom', path: ['signaturePng'], message: 'signature_empty' });
  });
export type SignOffInput = z.input<typeof signOffInput>;

export const correctVisitInput = z
  .object({
    visitId: recordId,
    checkInAt: isoTime.nullable().default(null),
    checkOutAt: isoTime.nullable().default(null),
    travelMinutes: minutes('minutes_too_many').nullable().default(null),
    reason: z.string().trim().min(1, 'correction_reason_required').max(2000, 'note_too_long'),
  })
  .strict()
  .refine((v) => v.checkInAt !== null || v.checkOutAt !== null || v.travelMinutes !== null, {
    path: ['checkInAt'],
    message: 'nothing_corrected',
  });
export type CorrectVisitInput = z.input<typeof correctVisitInput>;

export const makeReportInput = z
  .object({ ticketId, locale: z.enum(locales), photos: z.boolean().default(true) })
  .strict();

export const MAX_SCORE_VALUE = MAX_SCORE;

export interface VisitView {
  id: string;
  status: 'open' | 'closed' | 'signed';
  technicianId: string;
  technicianName: string;
  siteName: string | null;
  travelStartedAt: string | null;
  checkInAt: string;
  checkOutAt: string | null;
  travelMinutes: number;
  onSiteMinutes: number;
  note: string;
  signedAt: string | null;
  /** Whether the record was corrected after the sign-off (the values shown include it). */
  corrected: boolean;
  /** The times as the customer signed them, when corrected since; else null. */
  signedValues: { checkInAt: string; checkOutAt: string | null; travelMinutes: number } | null;
  /** The corrections of this signed visit, oldest first. */
  corrections: VisitCorrectionView[];
  /** Whether the viewer may file a correction: the visit is signed and their role writes field work. */
  mayCorrect: boolean;
  mine: boolean;
}

/** A correction of a signed visit; null fields kept the value before it. */
export interface VisitCorrectionView {
  id: string;
  authorName: string;
  at: string;
  checkInAt: string | null;
  checkOutAt: string | null;
  travelMinutes: number | null;
  reason: string;
}

/**
 * A site visit's moments on the ticket timeline, beside the ticket's events: setting off,
 * checking in and out, and each correction after the sign-off. Built from the `visit` and
 * `visit_correction` records (times as recorded; a correction is its own entry).
 */
export type VisitTimelineItem = {
  id: string;
  ticketId: string;
  authorId: string;
  at: string;
  visitId: string;
} & (
  | { kind: 'visit_travel' }
  | { kind: 'visit_check_in'; travelMinutes: number; note: string }
  | { kind: 'visit_check_out'; onSiteMinutes: number }
  | {
      kind: 'visit_correction';
      checkInAt: string | null;
      checkOutAt: string | null;
      travelMinutes: number | null;
      reason: string;
    }
);

export interface WorkLogView {
  eventId: string;
  at: string;
  authorId: string;
  authorName: string;
  workMinutes: number;
  travelMinutes: number;
  activity: string;
}

export interface SignOffView {
  signerName: string;
  signatureSha256: string;
  at: string;
  technicianName: string;
  score: number | null;
  reason: string | null;
}

export interface ReportFileView {
  eventId: string;
  fileName: string;
  at: string;
  sizeBytes: number;
  sha256: string;
}

export interface FieldworkPanel {
  ticketId: string;
  visits: VisitView[];
  workLogs: WorkLogView[];
  totals: Omit<FieldworkTotals, 'byPerson'> & {
    byPerson: (FieldworkTotals['byPerson'][number] & { name: string })[];
  };
  signOff: SignOffView | null;
  /** The viewer's open visit, if they are on site now. */
  myOpenVisitId: string | null;
  reports: ReportFileView[];
}

export interface PartLine {
  action: 'used' | 'returned';
  partNumber: string;
  /** Serial of the unit that went in (fitted), '' when none. */
  serialIn: string;
  /** Serial of the unit that came out (removed, or brought back), '' when none. */
  serialOut: string;
  /** The unit that came out is defective and goes back to its supplier. */
  defective: boolean;
  quantity: number;
  at: string;
}

/** Everything the service report prints (the print view's data). */
export interface ServiceReport {
  ticket: {
    id: string;
    number: string;
    title: string;
    description: string;
    status: TicketStatus;
    severity: Severity;
    createdAt: string;
    resolvedAt: string | null;
    cause: CauseCategory | null;
    resolution: string | null;
  };
  customer: { name: string; nameZh: string | null; code: string | null };
  site: { name: string | null; address: string | null };
  asset: { code: string; model: string | null; serial: string | null } | null;
  contact: { name: string; phone?: string };
  visits: VisitView[];
  workLogs: WorkLogView[];
  totals: FieldworkPanel['totals'];
  parts: PartLine[];
  photos: { fileName: string; caption: string | null; dataUrl: string | null }[];
  signOff: (SignOffView & { imageDataUrl: string | null }) | null;
  generatedAt: string;
}

export interface MadeReport {
  eventId: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  /** How long making the PDF took, in milliseconds. */
  millis: number;
}

export const fieldworkApi = slice({
  commands: {
    'fieldwork.checkIn': command<VisitView>()(checkInInput),
    'fieldwork.checkOut': command<VisitView>()(checkOutInput),
    'fieldwork.logWork': command<WorkLogView>()(workLogInput),
    'fieldwork.signOff': command<{ signatureEventId: string; csatEventId: string; visitId: string | null }>()(
      signOffInput,
    ),
    'fieldwork.correctVisit': command<VisitView>()(correctVisitInput),
    'fieldwork.makeReport': command<MadeReport>()(makeReportInput),
  },
  liveQueries: {
    'fieldwork.panel': liveQuery<FieldworkPanel>()(z.object({ ticketId }).strict()),
    'fieldwork.report': liveQuery<ServiceReport | null>()(
      z.object({ number: z.string().trim().min(1).max(40), photos: z.boolean().default(true) }).strict(),
    ),
  },
});
