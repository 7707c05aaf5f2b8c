/**
 * Assessment live queries. Each answer holds only assessments the viewer may see (Z5: the
 * person, their manager chain, assessors), checked with the domain's rule, and re-emits
 * after every change of assessments, cycles, people or the viewer.
 */
import { combineLatest, debounceTime, map, merge, of, type Observable } from 'rxjs';
import { HISTORY_QUARTERS, type ApprovalView, type CalibrationRow, type GoalView, type CalibrationView, type CycleSummary, type CycleView, type HistoryPoint, type KpiFigureName, type KpiTicketRow, type ReviewData, type ReviewView } from '../../../shared/api/assessments';
import { canEditAssessment, runsAssessment, type Viewer } from '../../../shared/domain/assessment';
import { canDecideOutcome, currentDecision, needsOneUpApproval, oneUpOf } from '../../../shared/domain/assessmentApproval';
import { cycleExitGaps, isLate } from '../../../shared/domain/assessmentCycle';
import { canFollowUpGoal, canSetGoals, goalOwners, goalsToFollowUp } from '../../../shared/domain/improvementPlan';
import { displayTicketNumber } from '../../../shared/domain/ticketNumber';
import type { Assessment, AssessmentCycle, ImprovementGoalRecord, OutcomeApprovalRecord, Ticket } from '../../../shared/schema';
import type { CimsDatabase } from '../../db/open';
import { recordChanges$ } from '../../db/record-changes';
import { liveFrom, type Emit, type OnError } from '../../core/live';
import { computeKpis } from './kpis';
import { approvalsOf, chainOf, goalsOfPerson, cycleSummary, loadOrg, personRef, templateFor, visibleTo, type Org } from './org';

const review = (r: Assessment['selfReview']): ReviewData => ({ scores: r.scores.map((s) => ({ ...s })), summary: r.summary, submittedAt: r.submittedAt });

export const createAssessmentQueries = (db: CimsDatabase, viewer$: Observable<Viewer | null>, clock: () => Date = () => new Date()) => {
  const tick = <T>(o: Observable<T>) => o.pipe(map(() => null));
  const changes$ = merge(of(null), tick(db.assessments.$), tick(db.assessmentCycles.$), tick(db.people.$), tick(db.teams.$), tick(db.policies.$), tick(recordChanges$(db, ['outcomeApproval', 'improvementGoal']))).pipe(debounceTime(20));
  const ticketChanges$ = merge(of(null), tick(db.tickets.$), tick(db.ticketEvents.$)).pipe(debounceTime(50));
  const watch = <R>(source: Observable<unknown>, compute: (viewer: Viewer | null) => Promise<R>, emit: Emit<R>, onError: OnError) =>
    liveFrom(combineLatest([viewer$, source]), ([viewer]) => compute(viewer), emit, onError);

  const visible = async (viewer: Viewer, org: Org, cycleId?: string): Promise<Assessment[]> => {
    const docs = await db.assessments.find(cycleId ? { selector: { cycleId } } : undefined).exec();
    return docs.map((d) => d.toJSON() as Assessment).filter(visibleTo(viewer, org));
  };
  const cycleDoc = async (id: string) => (await db.assessmentCycles.findOne(id).exec())?.toJSON() as AssessmentCycle | undefined;
  const teamName = (org: Org, personId: string) => {
    const teamId = org.people.get(personId)?.teamId;
    return teamId ? (org.teams.get(teamId)?.name ?? null) : null;
  };

  const cycles = async (viewer: Viewer | null): Promise<CycleSummary[]> => {
    if (!viewer) return [];
    const org = await loadOrg(db);
    const all = await visible(viewer, org);
    const docs = await db.assessmentCycles.find({ sort: [{ createdAt: 'desc' }, { id: 'desc' }] }).exec();
    return docs
      .map((d) => d.toJSON() as AssessmentCycle)
      .map((c) => cycleSummary(c, all.filter((a) => a.cycleId === c.id)))
      // A cycle without anything the viewer may see is not theirs to list, unless they run cycles.
      .filter((c) => c.people > 0 || viewer.roles.includes('assessor'));
  };

  const cycle = async (viewer: Viewer | null, cycleId: string): Promise<CycleView | null> => {
    const c = viewer ? await cycleDoc(cycleId) : undefined;
    if (!viewer || !c) return null;
    const org = await loadOrg(db);
    const mine = await visible(viewer, org, cycleId);
    if (mine.length === 0 && !viewer.roles.includes('assessor')) return null;
    const now = clock().getTime();
    const byId = new Map(mine.map((a) => [a.id, a]));
    const approvals = await approvalsOf(db, mine.map((a) => a.id));
    return {
      cycle: cycleSummary(c, mine),
      rows: mine
        .map((a) => ({
          assessmentId: a.id,
          person: personRef(org, a.personId),
          managerChain: chainOf(org, a.personId).map((id) => personRef(org, id)),
          teamName: teamName(org, a.personId),
          phase: a.phase,
          selfSubmitted: a.selfReview.submittedAt !== null,
          managerSubmitted: a.managerReview.submittedAt !== null,
          acknowledged: a.acknowledgement !== null,
          late: isLate(c, a, now, approvals),
          total: a.phase === 'self_review' || a.phase === 'manager_review' ? null : a.total,
          outcome: a.phase === 'self_review' || a.phase === 'manager_review' ? null : a.outcome,
        }))
        .sort((x, y) => x.person.name.localeCompare(y.person.name)),
      canAdvance: viewer.roles.includes('assessor') && c.phase !== 'closed' && mine.every((a) => runsAssessment(a, viewer)),
      missing: cycleExitGaps(c, mine, now, approvals).map((g) => ({ assessmentId: g.assessmentId, person: personRef(org, byId.get(g.assessmentId)!.personId), what: g.what })),
    };
  };

  /** The one-up approval as those above the person see it; the person sees the final result only. */
  const approvalView = (org: Org, a: Assessment, approvals: OutcomeApprovalRecord[]): ApprovalView | null => {
    if (!needsOneUpApproval(a.outcome) || a.phase === 'self_review' || a.phase === 'manager_review') return null;
    const up = oneUpOf(a, [...org.people.values()]);
    const d = currentDecision(a, approvals);
    return {
      approver: up === null ? null : personRef(org, up),
      decision: d ? { status: d.status, by: personRef(org, d.body.decidedBy), at: d.createdAt, comment: d.body.comment } : null,
    };
  };

  /** This assessment's plan (once final) and the goals of earlier plans to follow up now. */
  const goalViews = async (viewer: Viewer, org: Org, a: Assessment, c: AssessmentCycle): Promise<Pick<ReviewView, 'plan' | 'followUp'>> => {
    const people = [...org.people.values()];
    const goals = await goalsOfPerson(db, a.personId);
    const cycles = new Map((await db.assessmentCycles.findByIds([...new Set(goals.map((g) => g.body.cycleId))]).exec()).entries());
    const view = (g: ImprovementGoalRecord): GoalView => ({
      id: g.id,
      title: g.body.title,
      owner: personRef(org, g.body.ownerId),
      dueOn: g.body.dueOn,
      status: g.status,
      followUp: g.body.followUp,
      cycleName: (cycles.get(g.body.cycleId)?.toJSON() as AssessmentCycle | undefined)?.name ?? '',
      canFollowUp: canFollowUpGoal(g, viewer, people),
    });
    const final = a.phase === 'acknowledgement' || a.phase === 'closed';
    const plan =
      final && a.outcome === 'improvement_plan'
        ? {
            goals: goals.filter((g) => g.ref === a.id).sort((x, y) => x.body.dueOn.localeCompare(y.body.dueOn) || x.id.localeCompare(y.id)).map(view),
            canSet: canSetGoals(a, viewer, people),
            owners: goalOwners(a.personId, people).map((id) => personRef(org, id)),
          }
        : null;
    const endsOf = new Map([...cycles].map(([id, d]) => [id, d.toJSON() as AssessmentCycle]));
    return { plan, followUp: goalsToFollowUp(a.personId, c, goals, endsOf).map(view) };
  };

  const findOne = async (viewer: Viewer, org: Org, cycleId: string, personId: string) =>
    (await visible(viewer, org, cycleId)).find((a) => a.personId === personId);

  const reviewView = async (viewer: Viewer | null, cycleId: string, personId: string): Promise<ReviewView | null> => {
    const c = viewer ? await cycleDoc(cycleId) : undefined;
    if (!viewer || !c) return null;
    const org = await loadOrg(db);
    const a = await findOne(viewer, org, cycleId, personId);
    if (!a) return null;
    const template = await templateFor(db, c);
    const self = viewer.id === a.personId;
    // Until the manager review opens the snapshot, managers see the figures as they stand.
    const kpis = a.kpis ?? (self ? null : (await computeKpis(db, c, a.personId, clock().getTime())).kpis);
    const all = await visible(viewer, org, cycleId);
    const people = [...org.people.values()];
    return {
      assessmentId: a.id,
      cycle: cycleSummary(c, all),
      person: personRef(org, a.personId),
      manager: personRef(org, a.managerId),
      phase: a.phase,
      criteria: template.criteria.map((x) => ({ ...x })),
      rewardAtLeast: template.rewardAtLeast,
      meetsAtLeast: template.meetsAtLeast,
      selfReview: review(a.selfReview),
      // The person sees the manager's review once it is final (calibration done).
      managerReview: self && (a.phase === 'self_review' || a.phase === 'manager_review' || a.phase === 'calibration') ? { scores: [], summary: '', submittedAt: null } : review(a.managerReview),
      kpis,
      kpisSnapshot: a.kpis !== null,
      calibration: a.calibration.adjustments.map((x) => ({ criterion: x.criterion, from: x.from, to: x.to, reason: x.reason })),
      total: self && a.phase !== 'acknowledgement' && a.phase !== 'closed' ? null : a.total,
      outcome: self && a.phase !== 'acknowledgement' && a.phase !== 'closed' ? null : a.outcome,
      acknowledgement: a.acknowledgement,
      approval: self ? null : approvalView(org, a, await approvalsOf(db, [a.id])),
      ...(await goalViews(viewer, org, a, c)),
      can: {
        selfReview: canEditAssessment(a, viewer, 'selfReview') && a.selfReview.submittedAt === null,
        managerReview: canEditAssessment(a, viewer, 'managerReview') && a.managerReview.submittedAt === null,
        calibrate: canEditAssessment(a, viewer, 'calibration'),
        acknowledge: canEditAssessment(a, viewer, 'acknowledgement') && a.acknowledgement === null,
        // The manager sees the self review once it is submitted; the person always sees their own.
        seeSelfReview: self || a.selfReview.submittedAt !== null,
        decideOutcome: canDecideOutcome(a, viewer, people),
        // One's own final result prints to PDF (Z5: the command refuses anyone else's).
        printResult: self && (a.phase === 'acknowledgement' || a.phase === 'closed'),
      },
    };
  };

  const kpiTickets = async (viewer: Viewer | null, cycleId: string, personId: string, figure: KpiFigureName): Promise<KpiTicketRow[]> => {
    const c = viewer ? await cycleDoc(cycleId) : undefined;
    if (!viewer || !c) return [];
    const org = await loadOrg(db);
    if (!(await findOne(viewer, org, cycleId, personId))) return [];
    const { tickets } = await computeKpis(db, c, personId, clock().getTime());
    const docs = await db.tickets.findByIds(tickets[figure]).exec();
    return [...docs.values()]
      .map((d) => d.toJSON() as Ticket)
      .map((t) => ({ id: t.id, number: displayTicketNumber(t), title: t.title, status: t.status, resolvedAt: t.resolvedAt }))
      .sort((x, y) => x.number.localeCompare(y.number));
  };

  const calibration = async (viewer: Viewer | null, cycleId: string): Promise<CalibrationView | null> => {
    const c = viewer ? await cycleDoc(cycleId) : undefined;
    if (!viewer || !c) return null;
    const org = await loadOrg(db);
    // Calibration is for assessors and second-level managers: what they see is their chain.
    const mine = (await visible(viewer, org, cycleId)).filter((a) => a.personId !== viewer.id);
    if (mine.length === 0 && !viewer.roles.includes('assessor')) return null;
    const byTeam = new Map<string, Assessment[]>();
    for (const a of mine) {
      const name = teamName(org, a.personId) ?? '';
      byTeam.set(name, [...(byTeam.get(name) ?? []), a]);
    }
    const teams = [...byTeam].map(([name, list]) => {
      const totals = list.flatMap((a) => (a.total === null ? [] : [a.total]));
      const mean = totals.length ? totals.reduce((s, x) => s + x, 0) / totals.length : null;
      const sd = mean === null ? 0 : Math.sqrt(totals.reduce((s, x) => s + (x - mean) ** 2, 0) / totals.length);
      const rows: CalibrationRow[] = list.map((a) => ({
        assessmentId: a.id,
        person: personRef(org, a.personId),
        teamName: name || null,
        total: a.total,
        outcome: a.outcome,
        kpis: a.kpis,
        outlier: a.total !== null && mean !== null && totals.length >= 3 && sd > 0 && Math.abs(a.total - mean) > 1.5 * sd,
        adjusted: a.calibration.adjustments.length > 0,
      }));
      return { name, rows: rows.sort((x, y) => x.person.name.localeCompare(y.person.name)), mean };
    });
    const distribution = Array.from({ length: 8 }, (_, i) => ({ from: 1 + i * 0.5, to: 1.5 + i * 0.5, count: 0 }));
    for (const a of mine) if (a.total !== null) distribution[Math.min(7, Math.floor((a.total - 1) / 0.5))]!.count++;
    return {
      cycle: cycleSummary(c, mine),
      teams: teams.sort((x, y) => x.name.localeCompare(y.name)),
      distribution,
      canCalibrate: c.phase === 'calibration' && viewer.roles.includes('assessor'),
    };
  };

  /** Final results (acknowledgement or closed) of the last quarters, oldest first. */
  const history = async (viewer: Viewer | null, personId: string): Promise<HistoryPoint[]> => {
    if (!viewer) return [];
    const org = await loadOrg(db);
    const mine = (await db.assessments.find({ selector: { personId } }).exec()).map((d) => d.toJSON() as Assessment).filter(visibleTo(viewer, org));
    const final = mine.filter((a) => a.phase === 'acknowledgement' || a.phase === 'closed');
    const cycles = new Map((await db.assessmentCycles.findByIds(final.map((a) => a.cycleId)).exec()).entries());
    return final
      .flatMap((a) => {
        const c = cycles.get(a.cycleId)?.toJSON() as AssessmentCycle | undefined;
        return c ? [{ cycleId: c.id, name: c.name, year: c.year, quarter: c.quarter, total: a.total, outcome: a.outcome }] : [];
      })
      .sort((x, y) => x.year - y.year || x.quarter - y.quarter)
      .slice(-HISTORY_QUARTERS);
  };

  return {
    watchHistory: (p: { personId: string }, emit: Emit<HistoryPoint[]>, onError: OnError) => watch(changes$, (v) => history(v, p.personId), emit, onError),
    watchCycles: (emit: Emit<CycleSummary[]>, onError: OnError) => watch(changes$, cycles, emit, onError),
    watchCycle: (p: { cycleId: string }, emit: Emit<CycleView | null>, onError: OnError) => watch(changes$, (v) => cycle(v, p.cycleId), emit, onError),
    watchReview: (p: { cycleId: string; personId: string }, emit: Emit<ReviewView | null>, onError: OnError) =>
      watch(combineLatest([changes$, ticketChanges$]), (v) => reviewView(v, p.cycleId, p.personId), emit, onError),
    watchKpiTickets: (p: { cycleId: string; personId: string; figure: KpiFigureName }, emit: Emit<KpiTicketRow[]>, onError: OnError) =>
      watch(combineLatest([changes$, ticketChanges$]), (v) => kpiTickets(v, p.cycleId, p.personId, p.figure), emit, onError),
    watchCalibration: (p: { cycleId: string }, emit: Emit<CalibrationView | null>, onError: OnError) => watch(changes$, (v) => calibration(v, p.cycleId), emit, onError),
  };
};
