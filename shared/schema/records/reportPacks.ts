import { z } from 'zod';
import { LOCALES } from '../enums';
import { id, isoTime, NONE, text } from '../primitives';
import { recordKind } from './kind';

// Scheduled report packs (issue "Quality reports", scheduled reports):
//
// - `reportSubscription`: a manager's wish to get the monthly review pack, written from the
//   app (offline too). ref = the subscriber. One per person and pack: its id is derived from
//   the person (shared/domain/reportPacks.ts), so two devices subscribing offline write the
//   same record. `status` 'active' or 'cancelled' (kept, not deleted, so a device offline
//   learns of the change). The scope is never stored: the server takes it from the person.
// - `reportPack`: a month's figures in the subscriber's scope, written only by the server on
//   the first working day of the next month. ref = the subscriber, ref2 = the subscription.
//   Its id is derived from (subscription, month), so it is written once however many server
//   processes run. `mail` records the delivery by mail, when asked for and configured.

export const REPORT_PACKS = ['monthlyReview'] as const;
export type ReportPackName = (typeof REPORT_PACKS)[number];
export const SUBSCRIPTION_STATUSES = ['active', 'cancelled'] as const;
export const PACK_MAIL_STATES = ['off', 'pending', 'sending', 'sent', 'failed'] as const;
export type PackMailState = (typeof PACK_MAIL_STATES)[number];
/** Product lines kept in one pack's TL 9000 table (a larger organisation keeps the first ones). */
export const PACK_MAX_LINES = 100;

const month = () => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');
const count = () => z.number().int().min(0);
const rate = () => z.number().finite().nullable();

export const reportSubscriptionRecord = recordKind('reportSubscription', {
  ref: id(),
  ref2: z.literal(NONE),
  status: z.enum(SUBSCRIPTION_STATUSES),
  body: {
    pack: z.enum(REPORT_PACKS),
    locale: z.enum(LOCALES),
    /** Also by mail to the person's address, where the server has a mail server configured. */
    mail: z.boolean(),
  },
});
export type ReportSubscriptionRecord = z.infer<typeof reportSubscriptionRecord>;

/** One product line's TL 9000 month across severities (reports.ts `totals`). */
const tl9000Line = z.strictObject({
  productLine: text(80),
  reports: count(),
  unitMonths: count(),
  fixesDelivered: count(),
  fixesOnTime: count(),
  overdue: count(),
  overdueClosed: count(),
  npr: rate(),
  frtPercent: rate(),
  ofrPercent: rate(),
});

const clockSla = z.strictObject({ measured: count(), met: count(), percent: rate() });

export const packFiguresSchema = z.strictObject({
  tl9000: z.array(tl9000Line).max(PACK_MAX_LINES),
  sla: z.strictObject({ firstResponse: clockSla, restore: clockSla, fix: clockSla }),
  /** Open tickets when the pack was made (a backlog is a state, not a flow). */
  backlog: z.strictObject({ open: count(), byStatus: z.record(z.string().max(40), count()) }),
  escalations: z.strictObject({ tickets: count(), escalated: count(), percent: rate(), raised: count(), acknowledged: count(), averageAckMinutes: rate() }),
  csat: z.strictObject({ responses: count(), average: rate() }),
  problems: z.strictObject({ byStatus: z.record(z.string().max(40), count()), overdueActions: count(), effectivePercent: rate() }),
});
export type PackFigures = z.infer<typeof packFiguresSchema>;

export const reportPackRecord = recordKind('reportPack', {
  ref: id(),
  ref2: id(),
  status: z.literal('ready'),
  body: {
    pack: z.enum(REPORT_PACKS),
    month: month(),
    locale: z.enum(LOCALES),
    /** The subscriber's scope as the server decided it: their region, or everything (admins). */
    scope: z.strictObject({ region: text(40).nullable(), all: z.boolean() }),
    figures: packFiguresSchema,
    mail: z.strictObject({
      state: z.enum(PACK_MAIL_STATES),
      to: text(200),
      attempts: z.number().int().min(0).max(1000),
      lastError: text(500),
      /** Not tried again before this time (a failure waits longer each time). */
      nextAttemptAt: isoTime().nullable(),
      sentAt: isoTime().nullable(),
    }),
  },
});
export type ReportPackRecord = z.infer<typeof reportPackRecord>;
