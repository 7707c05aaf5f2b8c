import { z } from 'zod';
import { id, isoTime, text } from '../primitives';
import { recordKind } from './kind';

// A site visit on a ticket (DOMAIN.md, "Visits and spare parts"): travel before it, check-in
// and check-out on site. ref = the ticket, ref2 = the site. A ticket may have several.
// `signed` after the customer's sign-off: the record is then frozen (server rule and main
// refuse a change) and corrected only by a `visit_correction` record.
export const VISIT_STATUSES = ['open', 'closed', 'signed'] as const;

export const visitRecord = recordKind('visit', {
  ref: id(),
  ref2: id(),
  status: z.enum(VISIT_STATUSES),
  body: {
    technicianId: id(),
    travelStartedAt: isoTime().nullable(),
    checkInAt: isoTime(),
    checkOutAt: isoTime().nullable(),
    travelMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    note: text(2000),
    /** When the customer signed (status `signed`), else null. */
    signedAt: isoTime().nullable(),
  },
});
export type VisitRecord = z.infer<typeof visitRecord>;

// A correction of a signed visit: a new record, never a change of the signed one.
// ref = the ticket, ref2 = the visit. Fields left null keep the visit's value.
export const visitCorrectionRecord = recordKind('visit_correction', {
  ref: id(),
  ref2: id(),
  status: z.literal('recorded'),
  body: {
    authorId: id(),
    checkInAt: isoTime().nullable(),
    checkOutAt: isoTime().nullable(),
    travelMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .nullable(),
    reason: z.string().trim().min(1).max(2000),
  },
});
export type VisitCorrectionRecord = z.infer<typeof visitCorrectionRecord>;
