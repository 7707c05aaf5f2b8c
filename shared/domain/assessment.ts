import type { Assessment, AssessmentPhase, AssessmentTemplate, CriterionScore, Kpis, Outcome, Person, Role, Ticket, TicketEvent } from '../schema';
import { ASSESSMENT_PHASES } from '../schema';
import type { SlaContextFn } from './context';
import { groupEventsByTicket } from './context';
import { DEFAULT_ASSESSMENT_TEMPLATE } from './defaults';
import { countsForTl9000 } from './priority';
import { slaMet, slaState } from './sla';

// Quarterly staff assessment (seed: 考核与奖惩): weighted score over the template's
// criteria, KPIs from the quarter's tickets, phase-guarded editing, outcome bands.

type Score = Pick<CriterionScore, 'criterion' | 'score'>;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Weighted total over the template, or null until every criterion has a score. */
export function weightedScore(scores: readonly Score[], template: AssessmentTemplate = DEFAULT_ASSESSMENT_TEMPLATE): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of template.criteria) {
    const s = scores.find((x) => x.criterion === c.key);
    if (!s) return null;
    sum += s.score * c.weight;
    weights += c.weight;
  }
  // Weights are normalised so a template whose weights do not add up to 1 still gives 1-5.
  return weights > 0 ? round2(sum / weights) : null;
}

/** Outcome band: reward (>= 4.5), meets (>= 2.5), improvement plan (< 2.5). */
export function outcomeFor(total: number, template: AssessmentTemplate = DEFAULT_ASSESSMENT_TEMPLATE): Outcome {
  if (total >= template.rewardAtLeast) return 'reward';
  if (total >= template.meetsAtLeast) return 'meets';
  return 'improvement_plan';
}

/** Manager scores with calibration adjustments applied (the last adjustment per criterion wins). */
export function calibratedScores(a: Pick<Assessment, 'managerReview' | 'calibration'>): Score[] {
  const out = new Map(a.managerReview.scores.map((s) => [s.criterion, s.score]));
  for (const adj of a.calibration.adjustments) out.set(adj.criterion, adj.to);
  return [...out].map(([criterion, score]) => ({ criterion, score }));
}

/** Total and outcome to store on the assessment (null until the manager review is complete). */
export function assessmentResult(a: Pick<Assessment, 'managerReview' | 'calibration'>, template: AssessmentTemplate = DEFAULT_ASSESSMENT_TEMPLATE): { total: number | null; outcome: Outcome | null } {
  const total = weightedScore(calibratedScores(a), template);
  return { total, outcome: total === null ? null : outcomeFor(total, template) };
}

export interface AssessmentIssue {
  path: string;
  code: 'comment_required' | 'reason_required' | 'missing_score' | 'unknown_criterion' | 'adjustment_mismatch';
  message: string;
}

/** Rules of a review: a score of 1 or 5 needs a comment; on submit every criterion needs a score. */
export function reviewIssues(section: 'selfReview' | 'managerReview', scores: readonly CriterionScore[], template: AssessmentTemplate = DEFAULT_ASSESSMENT_TEMPLATE, opts: { submitting?: boolean } = {}): AssessmentIssue[] {
  const keys = template.criteria.map((c) => c.key);
  const issues: AssessmentIssue[] = [];
  scores.forEach((s, i) => {
    const path = `${section}.scores[${i}]`;
    if (!keys.includes(s.criterion)) issues.push({ path: `${path}.criterion`, code: 'unknown_criterion', message: `${path}.criterion: ${s.criterion} is not in the template` });
    if ((s.score === 1 || s.score === 5) && !s.comment.trim()) issues.push({ path: `${path}.comment`, code: 'comment_required', message: `${path}.comment: a score of ${s.score} needs a comment` });
  });
  if (opts.submitting)
    for (const k of keys)
      if (!scores.some((s) => s.criterion === k)) issues.push({ path: `${section}.scores`, code: 'missing_score', message: `${section}.scores: ${k} has no score` });
  return issues;
}

/** Rules of calibration: every change needs a reason and must start from the manager's score. */
export function calibrationIssues(a: Pick<Assessment, 'managerReview' | 'calibration'>): AssessmentIssue[] {
  const issues: AssessmentIssue[] = [];
  const current = new Map(a.managerReview.scores.map((s) => [s.criterion, s.score]));
  a.calibration.adjustments.forEach((adj, i) => {
    const path = `calibration.adjustments[${i}]`;
    if (!adj.reason.trim()) issues.push({ path: `${path}.reason`, code: 'reason_required', message: `${path}.reason: a calibration change needs a reason` });
    if (current.get(adj.criterion) !== adj.from) issues.push({ path: `${path}.from`, code: 'adjustment_mismatch', message: `${path}.from: does not match the current score of ${adj.criterion}` });
    current.set(adj.criterion, adj.to);
  });
  return issues;
}

export type AssessmentSection = 'selfReview' | 'managerReview' | 'kpis' | 'calibration' | 'acknowledgement';
export interface Viewer {
  id: string;
  roles: readonly Role[];
}

/**
 * Who may edit what in which phase: the person their self review, the manager their review
 * (and the KPI prefill), assessors calibration, the person the acknowledgement. Admins run
 * the system but never touch assessment content.
 */
export function canEditAssessment(a: Pick<Assessment, 'phase' | 'personId' | 'managerId'>, viewer: Viewer, section: AssessmentSection): boolean {
  const self = viewer.id === a.personId;
  const manager = viewer.id === a.managerId && viewer.roles.includes('manager');
  const assessor = viewer.roles.includes('assessor');
  switch (section) {
    case 'selfReview':
      return a.phase === 'self_review' && self;
    case 'managerReview':
      return a.phase === 'manager_review' && manager && !self;
    case 'kpis':
      return (a.phase === 'self_review' || a.phase === 'manager_review') && (manager || assessor);
    case 'calibration':
      return a.phase === 'calibration' && assessor && !self;
    case 'acknowledgement':
      return a.phase === 'acknowledgement' && self;
  }
}

/** Manager chain of a person (direct manager first), safe against cycles in bad data. */
export function managerChain(personId: string, people: readonly Pick<Person, 'id' | 'managerId'>[]): string[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  const chain: string[] = [];
  let cur = byId.get(personId)?.managerId ?? null;
  while (cur && !chain.includes(cur) && cur !== personId) {
    chain.push(cur);
    cur = byId.get(cur)?.managerId ?? null;
  }
  return chain;
}

/** Privacy: the person, their manager chain and assessors; not admins, not peers. */
export function canViewAssessment(a: Pick<Assessment, 'personId' | 'managerId'>, viewer: Viewer, people: readonly Pick<Person, 'id' | 'managerId'>[]): boolean {
  if (viewer.id === a.personId || viewer.roles.includes('assessor')) return true;
  if (viewer.id === a.managerId) return true;
  return managerChain(a.personId, people).includes(viewer.id);
}

/** The phase after this one (closed stays closed). */
export function nextPhase(phase: AssessmentPhase): AssessmentPhase {
  const i = ASSESSMENT_PHASES.indexOf(phase);
  return ASSESSMENT_PHASES[Math.min(i + 1, ASSESSMENT_PHASES.length - 1)]!;
}

/** Issues that block moving an assessment to the next phase. */
export function phaseExitIssues(a: Assessment, template: AssessmentTemplate = DEFAULT_ASSESSMENT_TEMPLATE): AssessmentIssue[] {
  switch (a.phase) {
    case 'self_review':
      return reviewIssues('selfReview', a.selfReview.scores, template, { submitting: true });
    case 'manager_review':
      return reviewIssues('managerReview', a.managerReview.scores, template, { submitting: true });
    case 'calibration':
      return calibrationIssues(a);
    default:
      return [];
  }
}

/** [start, end) of a calendar quarter in epoch ms (UTC). */
export function quarterRange(year: number, quarter: number): [number, number] {
  return [Date.UTC(year, (quarter - 1) * 3, 1), Date.UTC(year, quarter * 3, 1)];
}

const pct = (num: number, den: number): number | null => (den === 0 ? null : round2((num / den) * 100));

/**
 * KPIs of a person for a period, prefilled into the assessment: tickets resolved (assigned to
 * them, resolved in the period), SLA met % and FRT (TL 9000 fix on time) % of those,
 * reopen rate, escalations they raised by hand, average CSAT on their tickets, complaints
 * about them.
 */
export function personKpis(input: {
  personId: string;
  from: number;
  to: number;
  tickets: readonly Ticket[];
  events: readonly TicketEvent[];
  slaContext: SlaContextFn;
  now: number;
}): Kpis {
  const { personId, from, to } = input;
  const inRange = (iso: string | null) => {
    if (iso === null) return false;
    const t = Date.parse(iso);
    return t >= from && t < to;
  };
  const byTicket = groupEventsByTicket(input.events);
  const mine = input.tickets.filter((t) => t.assigneeId === personId);
  const resolved = mine.filter((t) => inRange(t.resolvedAt));
  let slaKnown = 0;
  let slaOk = 0;
  let frtDen = 0;
  let frtOk = 0;
  let reopened = 0;
  for (const t of resolved) {
    const events = byTicket.get(t.id) ?? [];
    const state = slaState({ ticket: t, events, now: input.now, ...input.slaContext(t) });
    const met = slaMet(state);
    if (met !== null) {
      slaKnown++;
      if (met) slaOk++;
    }
    if (countsForTl9000(t) && state.fix.met !== null) {
      frtDen++;
      if (state.fix.met) frtOk++;
    }
    if (t.reopenCount > 0 || events.some((e) => e.kind === 'status_change' && (e.from === 'resolved' || e.from === 'closed') && e.to === 'in_progress')) reopened++;
  }
  const mineIds = new Set(mine.map((t) => t.id));
  let csatSum = 0;
  let csatN = 0;
  let escalations = 0;
  for (const e of input.events) {
    // Kind first: only two kinds matter, and parsing every timestamp dominates otherwise.
    if ((e.kind !== 'csat' && e.kind !== 'escalation') || !inRange(e.at)) continue;
    if (e.kind === 'csat' && mineIds.has(e.ticketId)) {
      csatSum += e.score;
      csatN++;
    }
    if (e.kind === 'escalation' && e.authorId === personId && e.ruleKey === null && e.direction !== 'down') escalations++;
  }
  return {
    ticketsResolved: resolved.length,
    slaMetPercent: pct(slaOk, slaKnown),
    frtOnTimePercent: pct(frtOk, frtDen),
    reopenRatePercent: pct(reopened, resolved.length),
    escalationsRaised: escalations,
    averageCsat: csatN === 0 ? null : round2(csatSum / csatN),
    complaintsReceived: input.tickets.filter((t) => t.type === 'complaint' && t.subjectPersonId === personId && inRange(t.createdAt)).length,
  };
}
