import { z } from 'zod';
import { id, isoTime, localDate, name, text } from '../primitives';
import { recordKind, recordRef } from './kind';

// Courses and certifications of one person (seed 考核与奖惩 / 培训; DOMAIN.md "Quarterly
// assessment"): entered by the person or their manager, confirmed by a manager above them,
// shown in the KPI panel beside business competence (业务水平). ref = the person; ref2 = the
// assessment whose improvement plan asked for it ('' when none).
export const TRAINING_KINDS = ['course', 'certification'] as const;
export const TRAINING_STATUSES = ['submitted', 'confirmed', 'rejected'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];

export const trainingRecord = recordKind('training', {
  ref: id(),
  ref2: recordRef(),
  status: z.enum(TRAINING_STATUSES),
  body: {
    trainingKind: z.enum(TRAINING_KINDS),
    title: name(200),
    provider: text(200),
    startsOn: localDate(),
    endsOn: localDate(),
    hours: z.number().min(0).max(2000),
    // "passed", a score, "attended": free text as providers report it.
    result: text(200),
    // Certifications lapse; courses do not.
    expiresOn: localDate().nullable(),
    enteredBy: id(),
    decidedBy: id().nullable(),
    decidedAt: isoTime().nullable(),
    note: text(2000),
  },
}).superRefine((r, ctx) => {
  // ISO dates compare as strings.
  if (r.body.endsOn < r.body.startsOn) ctx.addIssue({ code: 'custom', path: ['body', 'endsOn'], message: 'must not be before startsOn' });
  if (r.body.expiresOn !== null && r.body.expiresOn < r.body.endsOn) ctx.addIssue({ code: 'custom', path: ['body', 'expiresOn'], message: 'must not be before endsOn' });
  if ((r.status === 'submitted') !== (r.body.decidedBy === null)) ctx.addIssue({ code: 'custom', path: ['body', 'decidedBy'], message: 'is set exactly when the record is confirmed or rejected' });
});
export type TrainingRecord = z.infer<typeof trainingRecord>;
