import { describe, expect, it } from 'vitest';
import {
  assessmentResult,
  calibrationIssues,
  canEditAssessment,
  canViewAssessment,
  managerChain,
  nextPhase,
  outcomeFor,
  personKpis,
  phaseExitIssues,
  quarterRange,
  reviewIssues,
  displayScore,
  personKpiDetail,
  weightedScore,
} from './assessment';
import { csatSummary } from './metrics';
import { DEFAULT_ASSESSMENT_TEMPLATE } from './defaults';
import { aPerson, aTicket, anAssessment, anEvent, ids, newId } from './testing/builders';
import { ASSESSMENT_PHASES, validateDocument } from '../schema';
import type { CriterionScore } from '../schema';

const all = (score: number, comment = 'ok'): CriterionScore[] => DEFAULT_ASSESSMENT_TEMPLATE.criteria.map((c) => ({ criterion: c.key, score, comment }));

describe('assessment template defaults (seed 考核与奖惩)', () => {
  it('has four criteria at 25 % each, with the seed names', () => {
    expect(DEFAULT_ASSESSMENT_TEMPLATE.criteria.map((c) => [c.labelZh, c.weight])).toEqual([
      ['业务水平', 0.25],
      ['服务态度', 0.25],
      ['工作效率', 0.25],
      ['客户满意度', 0.25],
    ]);
    expect([DEFAULT_ASSESSMENT_TEMPLATE.rewardAtLeast, DEFAULT_ASSESSMENT_TEMPLATE.meetsAtLeast]).toEqual([4.5, 2.5]);
  });

  it('computes the weighted total, null while incomplete', () => {
    const s = [4, 5, 3, 4].map((score, i) => ({ criterion: DEFAULT_ASSESSMENT_TEMPLATE.criteria[i]!.key, score }));
    expect(weightedScore(s)).toBe(4);
    expect(weightedScore(s.slice(1))).toBeNull();
    const uneven = { ...DEFAULT_ASSESSMENT_TEMPLATE, criteria: DEFAULT_ASSESSMENT_TEMPLATE.criteria.map((c, i) => ({ ...c, weight: i === 0 ? 0.4 : 0.2 })) };
    expect(weightedScore(s, uneven)).toBe(4);
  });

  it.each([
    [5, 'reward'],
    [4.5, 'reward'],
    [4.49, 'meets'],
    [2.5, 'meets'],
    [2.49, 'improvement_plan'],
    [1, 'improvement_plan'],
  ] as const)('total %s -> %s', (total, outcome) => expect(outcomeFor(total)).toBe(outcome));
});

describe('review and calibration rules', () => {
  it('a score of 1 or 5 needs a comment', () => {
    const issues = reviewIssues('selfReview', [{ criterion: 'businessSkill', score: 5, comment: ' ' }, { criterion: 'serviceAttitude', score: 1, comment: '' }, { criterion: 'workEfficiency', score: 3, comment: '' }]);
    expect(issues.map((i) => i.path)).toEqual(['selfReview.scores[0].comment', 'selfReview.scores[1].comment']);
    expect(issues[0]!.message).toContain('selfReview.scores[0].comment');
  });

  it('a submitted review needs every criterion', () => {
    expect(reviewIssues('managerReview', all(3).slice(0, 3), DEFAULT_ASSESSMENT_TEMPLATE, { submitting: true }).map((i) => i.code)).toEqual(['missing_score']);
  });

  it('a calibration change needs a reason and applies to the total', () => {
    const a = anAssessment({ managerReview: { scores: all(4), summary: '', submittedAt: null }, calibration: { adjustments: [{ criterion: 'businessSkill', from: 4, to: 2, reason: ' ', byId: ids.manager }], note: '' } });
    expect(calibrationIssues(a).map((i) => i.code)).toEqual(['reason_required']);
    expect(assessmentResult(a)).toEqual({ total: 3.5, outcome: 'meets' });
    expect(calibrationIssues({ ...a, calibration: { adjustments: [{ criterion: 'businessSkill', from: 3, to: 2, reason: 'x', byId: ids.manager }], note: '' } }).map((i) => i.code)).toEqual(['adjustment_mismatch']);
    expect(validateDocument('assessments', a).ok).toBe(false); // the schema rejects an empty reason too
  });

  it('phases run self review -> manager review -> calibration -> acknowledgement -> closed', () => {
    expect([...ASSESSMENT_PHASES]).toEqual(['self_review', 'manager_review', 'calibration', 'acknowledgement', 'closed']);
    expect(nextPhase('self_review')).toBe('manager_review');
    expect(nextPhase('closed')).toBe('closed');
    expect(phaseExitIssues(anAssessment({ phase: 'self_review' })).length).toBe(4);
    expect(phaseExitIssues(anAssessment({ phase: 'self_review', selfReview: { scores: all(3), summary: '', submittedAt: null } }))).toEqual([]);
  });
});

describe('who may edit and see an assessment', () => {
  const person = { id: ids.assignee, roles: ['technician'] as const };
  const manager = { id: ids.manager, roles: ['manager'] as const };
  const assessor = { id: newId(), roles: ['assessor'] as const };
  const admin = { id: newId(), roles: ['admin'] as const };
  const peer = { id: newId(), roles: ['technician'] as const };
  it.each([
    ['self_review', 'selfReview', person, true],
    ['self_review', 'selfReview', manager, false],
    ['manager_review', 'selfReview', person, false],
    ['manager_review', 'managerReview', manager, true],
    ['manager_review', 'managerReview', person, false],
    ['manager_review', 'kpis', manager, true],
    ['calibration', 'calibration', assessor, true],
    ['calibration', 'calibration', manager, false],
    ['calibration', 'managerReview', manager, false],
    ['acknowledgement', 'acknowledgement', person, true],
    ['acknowledgement', 'acknowledgement', manager, false],
    ['closed', 'acknowledgement', person, false],
    ['self_review', 'selfReview', admin, false],
  ] as const)('%s: %s by %o -> %s', (phase, section, viewer, allowed) => {
    expect(canEditAssessment(anAssessment({ phase }), viewer, section)).toBe(allowed);
  });

  it('is visible to the person, the manager chain and assessors only', () => {
    const director = aPerson({ id: newId(), managerId: null });
    const mgr = aPerson({ id: ids.manager, managerId: director.id });
    const people = [aPerson(), mgr, director];
    const a = anAssessment();
    expect(managerChain(ids.assignee, people)).toEqual([ids.manager, director.id]);
    expect(canViewAssessment(a, person, people)).toBe(true);
    expect(canViewAssessment(a, { id: director.id, roles: ['manager'] }, people)).toBe(true);
    expect(canViewAssessment(a, assessor, people)).toBe(true);
    expect(canViewAssessment(a, peer, people)).toBe(false);
    expect(canViewAssessment(a, admin, people)).toBe(false);
    expect(managerChain('x', [{ id: 'x', managerId: 'y' }, { id: 'y', managerId: 'x' }])).toEqual(['y']);
  });
});

describe('person KPIs for a quarter', () => {
  const [from, to] = quarterRange(2026, 1);
  const iso = (ms: number) => new Date(ms).toISOString();
  const H = 3_600_000;
  it('counts resolved, SLA met, FRT on time, reopen, escalations, CSAT and complaints', () => {
    const created = Date.parse('2026-02-02T02:00:00.000Z');
    const ok = aTicket({ severity: 'critical', createdAt: iso(created), status: 'resolved', respondedAt: iso(created + 0.1 * H), restoredAt: iso(created + H), resolvedAt: iso(created + 2 * H) });
    const late = aTicket({ severity: 'critical', createdAt: iso(created), status: 'resolved', respondedAt: iso(created + H), restoredAt: iso(created + 5 * H), resolvedAt: iso(created + 40 * 24 * H), reopenCount: 1 });
    const other = aTicket({ assigneeId: newId(), status: 'resolved', resolvedAt: iso(created + H) });
    const outside = aTicket({ status: 'resolved', resolvedAt: iso(to + H) });
    const complaint = aTicket({ type: 'complaint', subjectPersonId: ids.assignee, createdAt: iso(created) });
    const events = [
      anEvent('csat', { ticketId: ok.id, at: iso(created + 3 * H), score: 5 }),
      anEvent('csat', { ticketId: late.id, at: iso(created + 3 * H), score: 2, reason: 'slow' }),
      anEvent('csat', { ticketId: other.id, at: iso(created + 3 * H), score: 1, reason: 'x' }),
      anEvent('escalation', { authorId: ids.assignee, at: iso(created), axis: 'functional', fromLevel: 'L1', toLevel: 'L2', direction: 'up', reason: 'r', ruleKey: null, toPersonId: null, toTeamId: null }),
      anEvent('escalation', { authorId: ids.assignee, at: iso(created), axis: 'hierarchical', fromLevel: 'assignee', toLevel: 'team_lead', direction: 'up', reason: 'auto', ruleKey: 'k', toPersonId: null, toTeamId: null }),
    ];
    const kpis = personKpis({ personId: ids.assignee, from, to, tickets: [ok, late, other, outside, complaint], events, slaContext: () => ({ tier: 'general', policy: null, calendar: null }), now: to });
    expect(kpis).toEqual({ ticketsResolved: 2, slaMetPercent: 50, frtOnTimePercent: 50, reopenRatePercent: 50, escalationsRaised: 1, averageCsat: 3.5, complaintsReceived: 1 });
    expect(validateDocument('assessments', anAssessment({ kpis })).ok).toBe(true);
  });
  it('gives null percentages when nothing was resolved', () => {
    const k = personKpis({ personId: ids.assignee, from, to, tickets: [], events: [], slaContext: () => ({ tier: 'general', policy: null, calendar: null }), now: to });
    expect(k).toMatchObject({ ticketsResolved: 0, slaMetPercent: null, averageCsat: null });
    expect(quarterRange(2026, 4).map((x) => new Date(x).toISOString())).toEqual(['2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
  });
});

describe('KPI rules of DOMAIN.md', () => {
  const [from, to] = quarterRange(2026, 1);
  const iso = (ms: number) => new Date(ms).toISOString();
  const H = 3_600_000;
  const ctx = () => ({ tier: 'general' as const, policy: null, calendar: null });

  it('average CSAT takes one survey per ticket, its latest answer (as the CSAT report does)', () => {
    const created = Date.parse('2026-02-02T02:00:00.000Z');
    const t = aTicket({ status: 'resolved', createdAt: iso(created), resolvedAt: iso(created + H) });
    const events = [
      anEvent('csat', { ticketId: t.id, at: iso(created + 2 * H), score: 2, reason: 'slow' }),
      anEvent('csat', { ticketId: t.id, at: iso(created + 3 * H), score: 4 }),
    ];
    const kpis = personKpis({ personId: ids.assignee, from, to, tickets: [t], events, slaContext: ctx, now: to });
    expect(kpis.averageCsat).toBe(4);
    expect(kpis.averageCsat).toBe(csatSummary({ events, from, to }).average);
  });

  it('an assessed person who holds the assessor role cannot edit their own KPIs, calibration or phase-run sections', () => {
    const own = anAssessment({ personId: ids.assignee, managerId: ids.manager, phase: 'manager_review' });
    const selfAssessor = { id: ids.assignee, roles: ['technician', 'assessor'] as const };
    expect(canEditAssessment(own, selfAssessor, 'kpis')).toBe(false);
    expect(canEditAssessment({ ...own, phase: 'calibration' }, selfAssessor, 'calibration')).toBe(false);
    // Whose own manager record points at themselves still does not review themselves.
    expect(canEditAssessment({ ...own, managerId: ids.assignee }, { id: ids.assignee, roles: ['manager'] }, 'kpis')).toBe(false);
    // Their own parts stay theirs.
    expect(canEditAssessment({ ...own, phase: 'self_review' }, selfAssessor, 'selfReview')).toBe(true);
    // Another assessor still may.
    expect(canEditAssessment(own, { id: newId(), roles: ['assessor'] }, 'kpis')).toBe(true);
  });

  it('bands apply to the exact total; rounding is for display only', () => {
    // 5, 5, 5 on weights 0.499/3 each and 4 on 0.501: exactly 4.499, which rounds to 4.5.
    const template = { ...DEFAULT_ASSESSMENT_TEMPLATE, criteria: DEFAULT_ASSESSMENT_TEMPLATE.criteria.map((c, i) => ({ ...c, weight: i === 3 ? 0.501 : 0.499 / 3 })) };
    const scores = template.criteria.map((c, i) => ({ criterion: c.key, score: i === 3 ? 4 : 5 }));
    const total = weightedScore(scores, template)!;
    expect(total).toBeCloseTo(4.499, 10);
    expect(total).toBeLessThan(4.5);
    expect(outcomeFor(total, template)).toBe('meets');
    expect(assessmentResult({ managerReview: { scores: scores.map((s) => ({ ...s, comment: 'c' })), summary: '', submittedAt: null }, calibration: { adjustments: [], note: '' } }, template)).toEqual({ total, outcome: 'meets' });
    expect(displayScore(total)).toBe(4.5);
  });

  it('credits a resolution to whoever held the ticket then, and lists the tickets behind each figure', () => {
    const created = Date.parse('2026-02-02T02:00:00.000Z');
    const other = newId();
    // Resolved by the assignee, then handed to another person: still the assignee's.
    const handed = aTicket({ assigneeId: other, status: 'resolved', createdAt: iso(created), resolvedAt: iso(created + H) });
    const events = [
      anEvent('assignment', { ticketId: handed.id, at: iso(created + 2 * H), fromTeamId: handed.teamId, toTeamId: handed.teamId, fromAssigneeId: ids.assignee, toAssigneeId: other }),
      anEvent('escalation', { ticketId: handed.id, authorId: ids.assignee, at: iso(created), axis: 'functional', fromLevel: 'L1', toLevel: 'L1', direction: 'sideways', reason: 'parts', ruleKey: null, toPersonId: null, toTeamId: null }),
    ];
    const mine = personKpiDetail({ personId: ids.assignee, from, to, tickets: [handed], events, slaContext: ctx, now: to });
    expect(mine.tickets.resolved).toEqual([handed.id]);
    expect(mine.kpis.escalationsRaised).toBe(0); // sideways moves do not count
    expect(personKpiDetail({ personId: other, from, to, tickets: [handed], events, slaContext: ctx, now: to }).kpis.ticketsResolved).toBe(0);
  });
});
