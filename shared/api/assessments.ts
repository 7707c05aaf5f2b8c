import { z } from 'zod';
import { ASSESSMENT_PHASES, OUTCOMES, type AssessmentPhase, type Outcome, type TicketStatus } from '../schema/enums';
import type { Kpis } from '../schema/assessments';
import { command, liveQuery, slice } from './define';

/**
 * Quarterly staff assessment (DOMAIN.md, seed 考核与奖惩): cycles and their phases, self and
 * manager reviews, calibration and acknowledgement. Messages are i18n keys of the
 * `assessments` namespace, so the review form shows them in the user's language.
 */
export const assessmentPhases = ASSESSMENT_PHASES;
export const outcomes = OUTCOMES;

const docId = z.string().trim().min(1).max(64);
const criterionKey = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'validation.criterion');

/** One criterion of a review as the form holds it: no score yet is allowed in a draft. */
export const reviewScoreInput = z
  .object({
    criterion: criterionKey,
    score: z.number('validation.scoreRange').int('validation.scoreRange').min(1, 'validation.scoreRange').max(5, 'validation.scoreRange').nullable(),
    comment: z.string().max(4000, 'validation.commentTooLong'),
  })
  .strict()
  // DOMAIN.md: a score of 1 or 5 needs a comment.
  .refine((s) => !((s.score === 1 || s.score === 5) && s.comment.trim() === ''), { message: 'validation.commentRequired', path: ['comment'] });

/** The review form (self or manager): what is saved as a draft and what is submitted. */
export const reviewForm = z
  .object({
    scores: z.array(reviewScoreInput).max(20),
    summary: z.string().max(8000, 'validation.summaryTooLong'),
  })
  .strict();
export type ReviewForm = z.input<typeof reviewForm>;

export const reviewSections = ['selfReview', 'managerReview'] as const;
export type ReviewSection = (typeof reviewSections)[number];

export const saveReviewInput = z
  .object({
    assessmentId: docId,
    section: z.enum(reviewSections),
    review: reviewForm,
    /** Submitting locks the review; a draft keeps it open. */
    submit: z.boolean().default(false),
  })
  .strict();

export const openCycleInput = z
  .object({
    year: z.number('validation.year').int('validation.year').min(2000, 'validation.year').max(2100, 'validation.year'),
    quarter: z.number('validation.quarter').int('validation.quarter').min(1, 'validation.quarter').max(4, 'validation.quarter'),
  })
  .strict();

export const calibrateInput = z
  .object({
    assessmentId: docId,
    criterion: criterionKey,
    to: z.number('validation.scoreRange').int('validation.scoreRange').min(1, 'validation.scoreRange').max(5, 'validation.scoreRange'),
    reason: z.string().trim().min(1, 'validation.reasonRequired').max(2000, 'validation.reasonTooLong'),
  })
  .strict();

export const acknowledgeInput = z
  .object({
    assessmentId: docId,
    comment: z.string().max(4000, 'validation.commentTooLong').default(''),
  })
  .strict();

/** The manager one level up approves a reward or an improvement plan, or returns it with a reason. */
export const decideOutcomeInput = z
  .object({
    assessmentId: docId,
    decision: z.enum(['approved', 'returned']),
    comment: z.string().max(2000, 'validation.commentTooLong').default(''),
  })
  .strict()
  .refine((d) => d.decision === 'approved' || d.comment.trim() !== '', { message: 'validation.returnReasonRequired', path: ['comment'] });

/** A goal of an improvement plan, set once the outcome is final. */
export const setGoalInput = z
  .object({
    assessmentId: docId,
    title: z.string().trim().min(1, 'validation.goalTitle').max(500, 'validation.goalTitle'),
    ownerId: docId,
    dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.goalDue'),
  })
  .strict();

/** The follow-up of a goal in a later cycle: met or not, with a note. */
export const followUpGoalInput = z
  .object({
    goalId: docId,
    status: z.enum(['met', 'not_met']),
    note: z.string().max(2000, 'validation.commentTooLong').default(''),
  })
  .strict();

export interface GoalView {
  id: string;
  title: string;
  owner: PersonRef;
  dueOn: string;
  status: 'open' | 'met' | 'not_met';
  followUp: string;
  /** The cycle whose plan set it. */
  cycleName: string;
  canFollowUp: boolean;
}

/** Where an outcome stands with the one-up approval. */
export interface ApprovalView {
  /** Who decides: the reviewing manager's manager, or null when an assessor does. */
  approver: PersonRef | null;
  /** The decision that counts for the outcome as it stands, if any. */
  decision: { status: 'approved' | 'returned'; by: PersonRef; at: string; comment: string } | null;
}

export interface PersonRef {
  id: string;
  name: string;
  nameZh: string | null;
}

export interface CycleSummary {
  id: string;
  name: string;
  year: number;
  quarter: number;
  phase: AssessmentPhase;
  startsOn: string;
  endsOn: string;
  /** Assessments of the cycle the viewer may see. */
  people: number;
  selfSubmitted: number;
  managerSubmitted: number;
  acknowledged: number;
}

/** One line of a cycle's progress board. */
export interface ProgressRow {
  assessmentId: string;
  person: PersonRef;
  /** Direct manager first, then up the chain. */
  managerChain: PersonRef[];
  teamName: string | null;
  phase: AssessmentPhase;
  selfSubmitted: boolean;
  managerSubmitted: boolean;
  acknowledged: boolean;
  /** The current phase's step for this person is not done and the cycle's end has passed. */
  late: boolean;
  total: number | null;
  outcome: Outcome | null;
}

/** What blocks the next phase: one line per person and missing step. */
export interface MissingItem {
  assessmentId: string;
  person: PersonRef;
  /** i18n key suffix: selfReview, managerReview, calibrationReason, acknowledgement. */
  what: 'selfReview' | 'managerReview' | 'calibration' | 'approval' | 'acknowledgement';
}

export interface CycleView {
  cycle: CycleSummary;
  rows: ProgressRow[];
  /** The viewer runs this cycle (an assessor) and may move its phase. */
  canAdvance: boolean;
  missing: MissingItem[];
}

export interface CriterionView {
  key: string;
  labelEn: string;
  labelZh: string;
  weight: number;
}

export interface ReviewView {
  assessmentId: string;
  cycle: CycleSummary;
  person: PersonRef;
  manager: PersonRef | null;
  phase: AssessmentPhase;
  criteria: CriterionView[];
  rewardAtLeast: number;
  meetsAtLeast: number;
  selfReview: ReviewData;
  managerReview: ReviewData;
  /** The stored snapshot, or the figures from the local tickets until it is taken. */
  kpis: Kpis | null;
  kpisSnapshot: boolean;
  calibration: { criterion: string; from: number; to: number; reason: string }[];
  total: number | null;
  outcome: Outcome | null;
  acknowledgement: { at: string; comment: string } | null;
  /** A reward or an improvement plan and its one-up approval, for those above the person; null otherwise. */
  approval: ApprovalView | null;
  /** The goals of this assessment's improvement plan, once the outcome is final; null for other outcomes. */
  plan: { goals: GoalView[]; canSet: boolean; owners: PersonRef[] } | null;
  /** Goals of plans from earlier quarters, followed up in this cycle. */
  followUp: GoalView[];
  /** What the viewer may do now (the server allows the same). */
  can: { selfReview: boolean; managerReview: boolean; calibrate: boolean; acknowledge: boolean; seeSelfReview: boolean; decideOutcome: boolean; printResult: boolean };
}

export interface ReviewData {
  scores: { criterion: string; score: number; comment: string }[];
  summary: string;
  submittedAt: string | null;
}

export const kpiFigures = ['resolved', 'slaKnown', 'slaMet', 'frtKnown', 'frtOnTime', 'reopened', 'escalated', 'csat', 'complaints'] as const;
export type KpiFigureName = (typeof kpiFigures)[number];

export interface KpiTicketRow {
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
  resolvedAt: string | null;
}

export interface CalibrationRow {
  assessmentId: string;
  person: PersonRef;
  teamName: string | null;
  total: number | null;
  outcome: Outcome | null;
  kpis: Kpis | null;
  /** More than 1.5 standard deviations from the team's mean. */
  outlier: boolean;
  adjusted: boolean;
}

export interface CalibrationView {
  cycle: CycleSummary;
  teams: { name: string; rows: CalibrationRow[]; mean: number | null }[];
  /** Buckets of totals 1-1.5, 1.5-2, ... 4.5-5 per outcome band, for the chart. */
  distribution: { from: number; to: number; count: number }[];
  canCalibrate: boolean;
}

/** One quarter of a person's history: the final result of a cycle. */
export interface HistoryPoint {
  cycleId: string;
  name: string;
  year: number;
  quarter: number;
  total: number | null;
  outcome: Outcome | null;
}

/** How many quarters the history shows (issue: the last eight). */
export const HISTORY_QUARTERS = 8;

const cycleParams = z.object({ cycleId: docId }).strict();
const reviewParams = z.object({ cycleId: docId, personId: docId }).strict();

export const assessmentsApi = slice({
  commands: {
    'assessments.openCycle': command<CycleSummary>()(openCycleInput),
    'assessments.advancePhase': command<CycleSummary>()(cycleParams),
    'assessments.saveReview': command<{ savedAt: string }>()(saveReviewInput),
    'assessments.calibrate': command<{ total: number | null; outcome: Outcome | null }>()(calibrateInput),
    'assessments.acknowledge': command<null>()(acknowledgeInput),
    'assessments.exportCycle': command<{ fileName: string; csv: string; rows: number }>()(cycleParams),
    /** The .xlsx file, base64 (IPC and the harness carry JSON). */
    'assessments.exportCycleXlsx': command<{ fileName: string; base64: string; rows: number }>()(cycleParams),
    /** One's own final result as a PDF, base64. */
    'assessments.resultPdf': command<{ fileName: string; base64: string }>()(z.object({ cycleId: docId, locale: z.enum(['en', 'zh-CN']) }).strict()),
    'assessments.decideOutcome': command<null>()(decideOutcomeInput),
    'assessments.setGoal': command<{ id: string }>()(setGoalInput),
    'assessments.followUpGoal': command<null>()(followUpGoalInput),
  },
  liveQueries: {
    'assessments.cycles': liveQuery<CycleSummary[]>()(z.object({}).strict()),
    'assessments.cycle': liveQuery<CycleView | null>()(cycleParams),
    'assessments.review': liveQuery<ReviewView | null>()(reviewParams),
    'assessments.kpiTickets': liveQuery<KpiTicketRow[]>()(reviewParams.extend({ figure: z.enum(kpiFigures) }).strict()),
    'assessments.calibration': liveQuery<CalibrationView | null>()(cycleParams),
    'assessments.history': liveQuery<HistoryPoint[]>()(z.object({ personId: docId }).strict()),
  },
});
