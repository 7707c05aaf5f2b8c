/**
 * Assessment commands of the main process. Each checks the same domain rules the server
 * enforces (canEditAssessment, runsAssessment, the cycle's exit conditions) before it writes,
 * so the UI never offers what the server would refuse, and writes documents that pass the
 * shared schema. Writes go to the local store first: drafts are kept offline and across
 * restarts, and sync carries them when the network is back.
 */
import type { z } from 'zod';
import type { acknowledgeInput, calibrateInput, CycleSummary, decideOutcomeInput, followUpGoalInput, openCycleInput, saveReviewInput, setGoalInput } from '../../../shared/api/assessments';
import type { FieldIssue } from '../../../shared/api/result';
import { assessmentResult, calibratedScores, canEditAssessment, nextPhase, reviewIssues, runsAssessment, type Viewer } from '../../../shared/domain/assessment';
import { canDecideOutcome } from '../../../shared/domain/assessmentApproval';
import { cycleExitGaps, newAssessment, quarterDates } from '../../../shared/domain/assessmentCycle';
import { canFollowUpGoal, canSetGoals, goalIssues } from '../../../shared/domain/improvementPlan';
import { recordSchema, validateDocument, type Assessment, type AssessmentCycle, type ImprovementGoalRecord, type OutcomeApprovalRecord, type Policy } from '../../../shared/schema';
import type { CimsDatabase } from '../../db/open';
import { DomainError } from '../../core/errors';
import { newId } from '../../core/settings';
import { computeKpis } from './kpis';
import { cycleCsv, cycleXlsx } from './export';
import { approvalsOf, cycleSummary, loadOrg, personRef, templateFor, visibleTo } from './org';

type Input<S extends z.ZodType> = z.output<S>;

const checked = <T>(collection: 'assessments' | 'assessmentCycles', doc: T): T => {
  const result = validateDocument(collection, doc);
  if (!result.ok) throw new DomainError('VALIDATION_FAILED', `${collection}: ${result.errors.join('; ')}`);
  return doc;
};

/** Prints an app route to PDF bytes (the shell's print window or the harness's Chromium). */
export type PrintRoute = (route: string) => Promise<Uint8Array>;

/** The route of a person's result as a print view. */
export const resultRoute = (cycleId: string, personId: string, locale: string) => `/assessments/${cycleId}/result/${personId}?lang=${encodeURIComponent(locale)}&print=1`;

export const createAssessmentCommands = (db: CimsDatabase, viewer: () => Viewer | null, clock: () => Date = () => new Date(), printToPdf: PrintRoute | null = null) => {
  const me = (): Viewer => {
    const v = viewer();
    if (!v) throw new DomainError('UNAUTHORIZED', 'Sign in to work on assessments');
    return v;
  };
  const assessment = async (id: string) => {
    const doc = await db.assessments.findOne(id).exec();
    if (!doc) throw new DomainError('NOT_FOUND', 'No such assessment');
    return { doc, a: doc.toJSON() as Assessment };
  };
  const cycleOf = async (id: string): Promise<AssessmentCycle> => {
    const doc = await db.assessmentCycles.findOne(id).exec();
    if (!doc) throw new DomainError('NOT_FOUND', 'No such cycle');
    return doc.toJSON() as AssessmentCycle;
  };
  /** What of a cycle the caller may export: only what they may see (Z5), by name. */
  const exportable = async (cycleId: string) => {
    const v = me();
    const cycle = await cycleOf(cycleId);
    const org = await loadOrg(db);
    const rows = (await allOf(cycle.id)).filter(visibleTo(v, org));
    if (rows.length === 0) throw new DomainError('FORBIDDEN', 'Nothing of this cycle is visible to the user');
    rows.sort((x, y) => personRef(org, x.personId).name.localeCompare(personRef(org, y.personId).name));
    return { cycle, rows, org };
  };
  const allOf = async (cycleId: string) => (await db.assessments.find({ selector: { cycleId } }).exec()).map((d) => d.toJSON() as Assessment);

  return {
    /** An assessor opens a quarter's cycle: one assessment per active person with a manager, never their own. */
    async openCycle(input: Input<typeof openCycleInput>): Promise<CycleSummary> {
      const v = me();
      if (!v.roles.includes('assessor')) throw new DomainError('FORBIDDEN', 'Only assessors open assessment cycles');
      const existing = await db.assessmentCycles.findOne({ selector: { year: input.year, quarter: input.quarter } }).exec();
      if (existing) throw new DomainError('CONFLICT', `A cycle for ${input.year}-Q${input.quarter} exists`);
      const now = clock().toISOString();
      const template = (await db.policies.findOne({ selector: { kind: 'assessmentTemplate', active: true } }).exec())?.toJSON() as Policy | undefined;
      const cycle: AssessmentCycle = {
        id: newId(),
        createdAt: now,
        updatedAt: now,
        name: `${input.year}-Q${input.quarter}`,
        year: input.year,
        quarter: input.quarter,
        ...quarterDates(input.year, input.quarter),
        phase: 'self_review',
        // Without a synced template the shipped default applies (templateFor falls back).
        templatePolicyId: template?.id ?? newId(),
      };
      const org = await loadOrg(db);
      const inScope = [...org.people.values()].filter((p) => p.active && p.managerId !== null && runsAssessment({ personId: p.id }, v));
      const docs = inScope.map((p) => newAssessment({ id: newId(), at: now, cycleId: cycle.id, personId: p.id, managerId: p.managerId! }));
      await db.assessmentCycles.insert(checked('assessmentCycles', cycle));
      if (docs.length > 0) await db.assessments.bulkInsert(docs.map((d) => checked('assessments', d)));
      return cycleSummary(cycle, docs);
    },

    /** Moves the cycle and its assessments on, refused while the phase's exit conditions are unmet. */
    async advancePhase(input: { cycleId: string }): Promise<CycleSummary> {
      const v = me();
      const cycle = await cycleOf(input.cycleId);
      if (!v.roles.includes('assessor')) throw new DomainError('FORBIDDEN', 'Only assessors move a cycle’s phase');
      if (cycle.phase === 'closed') throw new DomainError('CONFLICT', 'The cycle is closed');
      const all = await allOf(cycle.id);
      const gaps = cycleExitGaps(cycle, all, clock().getTime(), await approvalsOf(db, all.map((a) => a.id)));
      if (gaps.length > 0) {
        const fields: FieldIssue[] = gaps.map((g) => ({ path: g.assessmentId, code: g.what, message: `${g.what} missing` }));
        throw new DomainError('CONFLICT', `${gaps.length} step(s) missing before the next phase`, fields);
      }
      // The phase of one's own assessment is moved by another assessor (the server refuses it).
      const own = all.filter((a) => !runsAssessment(a, v));
      if (own.length > 0) throw new DomainError('FORBIDDEN', 'Another assessor moves a cycle that holds your own assessment');
      const now = clock().toISOString();
      const phase = nextPhase(cycle.phase);
      const next = all.map((a) => checked('assessments', { ...a, phase, updatedAt: now }));
      await db.assessments.bulkUpsert(next);
      const movedCycle = checked('assessmentCycles', { ...cycle, phase, updatedAt: now });
      await db.assessmentCycles.upsert(movedCycle);
      return cycleSummary(movedCycle, next);
    },

    /** Saves a review as the user types (a draft), or submits it, which locks it. */
    async saveReview(input: Input<typeof saveReviewInput>): Promise<{ savedAt: string }> {
      const v = me();
      const { doc, a } = await assessment(input.assessmentId);
      if (!canEditAssessment(a, v, input.section)) throw new DomainError('FORBIDDEN', `${input.section} is not open to this user in phase ${a.phase}`);
      if (a[input.section].submittedAt !== null) throw new DomainError('CONFLICT', 'A submitted review is locked');
      const cycle = await cycleOf(a.cycleId);
      const template = await templateFor(db, cycle);
      const scores = input.review.scores.flatMap((s) => (s.score === null ? [] : [{ criterion: s.criterion, score: s.score, comment: s.comment }]));
      const issues = reviewIssues(input.section, scores, template, { submitting: input.submit });
      if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', issues.map((i) => i.message).join('; '), issues.map((i) => ({ path: i.path, code: i.code, message: i.message })));
      const now = clock().toISOString();
      const next: Assessment = { ...a, updatedAt: now, [input.section]: { scores, summary: input.review.summary, submittedAt: input.submit ? now : null } };
      if (input.section === 'managerReview') {
        // DOMAIN.md: the KPIs are a snapshot taken when the manager review opens; nobody types them.
        if (next.kpis === null) next.kpis = (await computeKpis(db, cycle, a.personId, clock().getTime())).kpis;
        Object.assign(next, assessmentResult(next, template));
      }
      await doc.incrementalPatch(checked('assessments', next));
      return { savedAt: now };
    },

    /** A calibration change: from the score at the time of the change, with a reason. */
    async calibrate(input: Input<typeof calibrateInput>) {
      const v = me();
      const { doc, a } = await assessment(input.assessmentId);
      if (!canEditAssessment(a, v, 'calibration')) throw new DomainError('FORBIDDEN', `Calibration is not open to this user in phase ${a.phase}`);
      const template = await templateFor(db, await cycleOf(a.cycleId));
      if (!template.criteria.some((c) => c.key === input.criterion)) throw new DomainError('VALIDATION_FAILED', `${input.criterion} is not in the template`, [{ path: 'criterion', code: 'unknown_criterion', message: 'unknown criterion' }]);
      const from = calibratedScores(a).find((s) => s.criterion === input.criterion)?.score;
      if (from === undefined) throw new DomainError('CONFLICT', 'The manager review has no score for this criterion');
      const next: Assessment = {
        ...a,
        updatedAt: clock().toISOString(),
        calibration: { ...a.calibration, adjustments: [...a.calibration.adjustments, { criterion: input.criterion, from, to: input.to, reason: input.reason, byId: v.id }] },
      };
      Object.assign(next, assessmentResult(next, template));
      await doc.incrementalPatch(checked('assessments', next));
      return { total: next.total, outcome: next.outcome };
    },

    /** The cycle as CSV for HR: what the caller may see, managers their chain, assessors all. */
    async exportCycle(input: { cycleId: string }) {
      const { cycle, rows, org } = await exportable(input.cycleId);
      return { fileName: `assessments-${cycle.name}.csv`, csv: cycleCsv(cycle, rows, await templateFor(db, cycle), org), rows: rows.length };
    },

    /** The same as an .xlsx workbook, under the same read rules (Z5). */
    async exportCycleXlsx(input: { cycleId: string }) {
      const { cycle, rows, org } = await exportable(input.cycleId);
      return { fileName: `assessments-${cycle.name}.xlsx`, base64: await cycleXlsx(cycle, rows, await templateFor(db, cycle), org), rows: rows.length };
    },

    /**
     * The manager one level up approves a reward or an improvement plan, or returns it with a
     * reason (calibration then changes it, or the same outcome is asked for again).
     */
    async decideOutcome(input: Input<typeof decideOutcomeInput>): Promise<null> {
      const v = me();
      const { a } = await assessment(input.assessmentId);
      const org = await loadOrg(db);
      if (!visibleTo(v, org)(a) || !canDecideOutcome(a, v, [...org.people.values()]))
        throw new DomainError('FORBIDDEN', 'The outcome is decided by the manager one level above the reviewing manager, in calibration');
      const now = clock().toISOString();
      const record: OutcomeApprovalRecord = {
        id: newId(),
        createdAt: now,
        updatedAt: now,
        kind: 'outcomeApproval',
        ref: a.id,
        ref2: a.personId,
        status: input.decision,
        body: { cycleId: a.cycleId, managerId: a.managerId, outcome: a.outcome as OutcomeApprovalRecord['body']['outcome'], decidedBy: v.id, comment: input.comment },
      };
      const parsed = recordSchema.safeParse(record);
      if (!parsed.success) throw new DomainError('VALIDATION_FAILED', parsed.error.issues.map((i) => i.message).join('; '));
      await db.records.insert(record);
      return null;
    },

    /** A goal of an improvement plan: by a manager above the person, once the outcome is final. */
    async setGoal(input: Input<typeof setGoalInput>): Promise<{ id: string }> {
      const v = me();
      const { a } = await assessment(input.assessmentId);
      const org = await loadOrg(db);
      const people = [...org.people.values()];
      if (!visibleTo(v, org)(a) || !canSetGoals(a, v, people)) throw new DomainError('FORBIDDEN', 'Goals of an improvement plan are set by the managers above the person once the outcome is final');
      const cycle = await cycleOf(a.cycleId);
      const now = clock().toISOString();
      const goal: ImprovementGoalRecord = {
        id: newId(),
        createdAt: now,
        updatedAt: now,
        kind: 'improvementGoal',
        ref: a.id,
        ref2: a.personId,
        status: 'open',
        body: { cycleId: a.cycleId, title: input.title, ownerId: input.ownerId, dueOn: input.dueOn, setBy: v.id, followUp: '', followedUpBy: null },
      };
      const issues = goalIssues(goal, cycle, people);
      if (issues.length > 0)
        throw new DomainError('VALIDATION_FAILED', `goal: ${issues.join(', ')}`, issues.map((i) => (i === 'owner' ? { path: 'ownerId', code: i, message: 'validation.goalOwner' } : { path: 'dueOn', code: i, message: 'validation.goalDue' })));
      const parsed = recordSchema.safeParse(goal);
      if (!parsed.success) throw new DomainError('VALIDATION_FAILED', parsed.error.issues.map((i) => i.message).join('; '));
      await db.records.insert(goal);
      return { id: goal.id };
    },

    /** A later cycle's follow-up of a goal: met or not met, by a manager above the person. */
    async followUpGoal(input: Input<typeof followUpGoalInput>): Promise<null> {
      const v = me();
      const doc = await db.records.findOne(input.goalId).exec();
      const goal = doc?.toJSON() as ImprovementGoalRecord | undefined;
      if (!doc || goal?.kind !== 'improvementGoal') throw new DomainError('NOT_FOUND', 'No such goal');
      const org = await loadOrg(db);
      if (!canFollowUpGoal(goal, v, [...org.people.values()])) throw new DomainError('FORBIDDEN', 'Goals are followed up by the managers above the person');
      await doc.incrementalPatch({ status: input.status, updatedAt: clock().toISOString(), body: { ...goal.body, followUp: input.note, followedUpBy: v.id } });
      return null;
    },

    /**
     * The person's own final result as a PDF, from its print view. Only one's own (Z5): a
     * manager or an assessor exports the cycle instead.
     */
    async resultPdf(input: { cycleId: string; locale: 'en' | 'zh-CN' }): Promise<{ fileName: string; base64: string }> {
      const v = me();
      const own = (await db.assessments.find({ selector: { cycleId: input.cycleId, personId: v.id } }).exec())[0]?.toJSON() as Assessment | undefined;
      if (!own || (own.phase !== 'acknowledgement' && own.phase !== 'closed')) throw new DomainError('FORBIDDEN', 'Only one’s own final result prints');
      if (!printToPdf) throw new DomainError('CONFLICT', 'This shell cannot print', [{ path: 'cycleId', code: 'pdf_unavailable', message: 'pdf_unavailable' }]);
      const cycle = await cycleOf(own.cycleId);
      const bytes = await printToPdf(resultRoute(own.cycleId, own.personId, input.locale));
      if (bytes.byteLength < 5 || Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') throw new DomainError('INTERNAL', 'the print view did not give a PDF');
      return { fileName: `assessment-${cycle.name}.pdf`, base64: Buffer.from(bytes).toString('base64') };
    },

    /** The employee acknowledges the result (acknowledging is not agreeing), with an optional comment. */
    async acknowledge(input: Input<typeof acknowledgeInput>): Promise<null> {
      const v = me();
      const { doc, a } = await assessment(input.assessmentId);
      if (!canEditAssessment(a, v, 'acknowledgement')) throw new DomainError('FORBIDDEN', `Acknowledgement is not open to this user in phase ${a.phase}`);
      if (a.acknowledgement !== null) throw new DomainError('CONFLICT', 'Already acknowledged');
      const now = clock().toISOString();
      await doc.incrementalPatch(checked('assessments', { ...a, updatedAt: now, acknowledgement: { at: now, comment: input.comment } }));
      return null;
    },
  };
};
export type AssessmentCommands = ReturnType<typeof createAssessmentCommands>;
