import type { Assessment, AssessmentPhase, AssessmentTemplate, CriterionScore, Kpis, Outcome, Person, Role, Ticket, TicketEvent } from '../schema';
import { ASSESSMENT_PHASES } from '../schema/enums';
import type { SlaContextFn } from './context';
import { groupEventsByTicket } from './context';
import { DEFAULT_ASSESSMENT_TEMPLATE } from './defaults';
import { latestCsatAnswers } from './metrics';
import { countsForTl9000 } from './priority';
import { slaMet, slaState } from './sla';

// Quarterly staff assessment (seed: 考核与奖惩): weighted score over the template's
// criteria, KPIs from the quarter's tickets, phase-guarded editing, outcome bands.

type Score = Pick<CriterionScore, 'criterion' | 'score'>;

/**
 * DOMAIN.md: totals, bands and KPIs use exact values; rounding to 2 decimals is for display
 * only (a 4.499 shown as 4.5 is still "meets"). Every screen and export rounds through this.
 */
export const displayScore = (n: number): number => Math.round(n * 100) / 100;

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
  return weights > 0 ? sum / weights : null;
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

/** The sections that belong to the assessed person; every other section is someone else's. */
export const OWN_SECTIONS: readonly AssessmentSection[] = ['selfReview', 'acknowledgement'];

/**
 * DOMAIN.md: nobody acts as manager, calibrator or assessor on their own assessment, whatever
 * their roles. The one statement of that rule: the UI, main and the server all ask it.
 */
export function actsOnOwnAssessment(a: Pick<Assessment, 'personId'>, viewer: Pick<Viewer, 'id'>): boolean {
  return viewer.id === a.personId;
}

/**
 * Who may edit what in which phase: the person their self review, the manager their review
 * (and the KPI prefill), assessors calibration, the person the acknowledgement. Admins run
 * the system but never touch assessment content.
 */
export function canEditAssessment(a: Pick<Assessment, 'phase' | 'personId' | 'managerId'>, viewer: Viewer, section: AssessmentSection): boolean {
  const self = actsOnOwnAssessment(a, viewer);
  if (self !== OWN_SECTIONS.includes(section)) return false;
  const manager = viewer.id === a.managerId && viewer.roles.includes('manager');
  const assessor = viewer.roles.includes('assessor');
  switch (section) {
    case 'selfReview':
      return a.phase === 'self_review';
    case 'managerReview':
      return a.phase === 'manager_review' && manager;
    case 'kpis':
      return (a.phase === 'self_review' || a.phase === 'manager_review') && (manager || assessor);
    case 'calibration':
      return a.phase === 'calibration' && assessor;
    case 'acknowledgement':
      return a.phase === 'acknowledgement';
  }
}

/** Runs the cycle's bookkeeping on this assessment (phase, people, creation): assessors, never on their own. */
export function runsAssessment(a: Pick<Assessment, 'personId'>, viewer: Viewer): boolean {
  return viewer.roles.includes('assessor') && !actsOnOwnAssessment(a, viewer);
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

const pct = (num: number, den: number): number | null => (den === 0 ? null : (num / den) * 100);

export interface KpiInput {
  personId: string;
  from: number;
  to: number;
  tickets: readonly Ticket[];
  events: readonly TicketEvent[];
  slaContext: SlaContextFn;
  now: number;
}

/**
 * The tickets behind each KPI figure, so every figure opens the list it counts. `slaKnown` and
 * `frtKnown` are the denominators (tickets whose targets are decided).
 */
export interface KpiTickets {
  resolved: string[];
  slaKnown: string[];
  slaMet: string[];
  frtKnown: string[];
  frtOnTime: string[];
  reopened: string[];
  escalated: string[];
  csat: string[];
  complaints: string[];
}
export type KpiFigure = keyof KpiTickets;

/**
 * Who held the ticket at a moment: the current assignee unless a later assignment moved it,
 * then the one that assignment moved it from (DOMAIN.md: credited to the assignee at the
 * resolution, not the current one).
 */
export function assigneeAt(ticket: Pick<Ticket, 'assigneeId'>, events: readonly TicketEvent[], at: string): string {
  let later: { at: string; from: string } | null = null;
  for (const e of events)
    if (e.kind === 'assignment' && e.at > at && (!later || e.at < later.at)) later = { at: e.at, from: e.fromAssigneeId };
  return later ? later.from : ticket.assigneeId;
}

/** The KPI rules of DOMAIN.md: the figures and the tickets behind each. */
export function personKpiDetail(input: KpiInput): { kpis: Kpis; tickets: KpiTickets } {
  const { personId, from, to } = input;
  const inRange = (iso: string | null) => {
    if (iso === null) return false;
    const t = Date.parse(iso);
    return t >= from && t < to;
  };
  const byTicket = groupEventsByTicket(input.events);
  const out: KpiTickets = { resolved: [], slaKnown: [], slaMet: [], frtKnown: [], frtOnTime: [], reopened: [], escalated: [], csat: [], complaints: [] };
  // resolvedAt is the last resolution not undone by a reopen (a reopen clears it); the ticket
  // is credited to whoever held it then.
  const credited = input.tickets.filter((t) => t.resolvedAt !== null && inRange(t.resolvedAt) && assigneeAt(t, byTicket.get(t.id) ?? [], t.resolvedAt) === personId);
  for (const t of credited) {
    out.resolved.push(t.id);
    const events = byTicket.get(t.id) ?? [];
    const state = slaState({ ticket: t, events, now: input.now, ...input.slaContext(t) });
    const met = slaMet(state);
    if (met !== null) {
      out.slaKnown.push(t.id);
      if (met) out.slaMet.push(t.id);
    }
    if (countsForTl9000(t) && state.fix.met !== null) {
      out.frtKnown.push(t.id);
      if (state.fix.met) out.frtOnTime.push(t.id);
    }
    if (t.reopenCount > 0 || events.some((e) => e.kind === 'status_change' && (e.from === 'resolved' || e.from === 'closed') && e.to === 'in_progress')) out.reopened.push(t.id);
  }
  // CSAT: answers given in the period on tickets credited to the person, whenever resolved.
  const creditedAnyTime = new Set(input.tickets.filter((t) => t.resolvedAt !== null && assigneeAt(t, byTicket.get(t.id) ?? [], t.resolvedAt) === personId).map((t) => t.id));
  const answers = latestCsatAnswers(input.events, from, to).filter((a) => creditedAnyTime.has(a.ticketId));
  out.csat = answers.map((a) => a.ticketId);
  let escalations = 0;
  const escalated = new Set<string>();
  for (const e of input.events) {
    // Manual (no rule) upward escalations on either axis; sideways and downward moves do not count.
    if (e.kind !== 'escalation' || e.authorId !== personId || e.ruleKey !== null || e.direction !== 'up' || !inRange(e.at)) continue;
    escalations++;
    escalated.add(e.ticketId);
  }
  out.escalated = [...escalated];
  out.complaints = input.tickets.filter((t) => t.type === 'complaint' && t.subjectPersonId === personId && inRange(t.createdAt)).map((t) => t.id);
  const kpis: Kpis = {
    ticketsResolved: out.resolved.length,
    slaMetPercent: pct(out.slaMet.length, out.slaKnown.length),
    frtOnTimePercent: pct(out.frtOnTime.length, out.frtKnown.length),
    reopenRatePercent: pct(out.reopened.length, out.resolved.length),
    escalationsRaised: escalations,
    averageCsat: answers.length === 0 ? null : answers.reduce((n, a) => n + a.score, 0) / answers.length,
    complaintsReceived: out.complaints.length,
  };
  return { kpis, tickets: out };
}

/**
 * KPIs of a person for a period, prefilled into the assessment (DOMAIN.md "KPI rules"):
 * tickets resolved, SLA met % and FRT (TL 9000 fix on time) % of those, reopen rate,
 * escalations they raised by hand, average CSAT (latest answer per ticket), complaints about
 * them. Exact values: `displayScore` rounds for display.
 */
export function personKpis(input: KpiInput): Kpis {
  return personKpiDetail(input).kpis;
}
