import { z } from 'zod';
import { ASSESSMENT_PHASES, OUTCOMES } from './enums';
import { id, isoTime, localDate, name, text, timestamps } from './primitives';

export const assessmentCycleSchema = z.strictObject({
  ...timestamps,
  name: name(60),
  year: z.number().int().min(2000).max(2100),
  quarter: z.number().int().min(1).max(4),
  startsOn: localDate(),
  endsOn: localDate(),
  phase: z.enum(ASSESSMENT_PHASES),
  templatePolicyId: id(),
});
export type AssessmentCycle = z.infer<typeof assessmentCycleSchema>;

const criterionKey = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, { error: 'must be a criterion key' });
// Scores 1-5 (seed: 考核与奖惩).
export const scoreSchema = z.number().int().min(1).max(5);
const criterionScore = z.strictObject({ criterion: criterionKey, score: scoreSchema, comment: text(4000) });
const review = z.strictObject({ scores: z.array(criterionScore).max(20), summary: text(8000), submittedAt: isoTime().nullable() });

export const kpisSchema = z.strictObject({
  ticketsResolved: z.number().int().min(0),
  slaMetPercent: z.number().min(0).max(100).nullable(),
  frtOnTimePercent: z.number().min(0).max(100).nullable(),
  reopenRatePercent: z.number().min(0).max(100).nullable(),
  escalationsRaised: z.number().int().min(0),
  averageCsat: z.number().min(1).max(5).nullable(),
  complaintsReceived: z.number().int().min(0),
});

export const assessmentSchema = z.strictObject({
  ...timestamps,
  cycleId: id(),
  personId: id(),
  managerId: id(),
  phase: z.enum(ASSESSMENT_PHASES),
  selfReview: review,
  managerReview: review,
  kpis: kpisSchema.nullable(),
  calibration: z.strictObject({
    adjustments: z.array(z.strictObject({ criterion: criterionKey, from: scoreSchema, to: scoreSchema, reason: name(2000), byId: id() })).max(20),
    note: text(4000),
  }),
  total: z.number().min(1).max(5).nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
  // Acknowledging is not agreeing: the employee may add a comment.
  acknowledgement: z.strictObject({ at: isoTime(), comment: text(4000) }).nullable(),
});
export type Assessment = z.infer<typeof assessmentSchema>;
export type Kpis = z.infer<typeof kpisSchema>;
export type CriterionScore = z.infer<typeof criterionScore>;
export type Review = z.infer<typeof review>;
