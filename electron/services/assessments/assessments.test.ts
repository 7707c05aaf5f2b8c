import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { BehaviorSubject } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleSummary, CycleView, HistoryPoint, KpiTicketRow, ReviewView } from '../../../shared/api/assessments';
import type { Viewer } from '../../../shared/domain/assessment';
import { aPerson, aTeam, aTicket, anEvent, newId } from '../../../shared/domain/testing/builders';
import type { Assessment } from '../../../shared/schema';
import { openDatabase, type CimsDatabase } from '../../db/open';
import { DomainError } from '../../core/errors';
import { createAssessmentCommands } from './commands';
import { createAssessmentQueries } from './queries';

/**
 * The assessment cycle in the main process on a real SQLite store: commands check the same
 * rules as the server, live queries answer only what the viewer may see (Z5).
 */
const team = aTeam({ id: newId(), name: 'Field East' });
const director = aPerson({ id: newId(), username: 'dir', displayName: 'Director Wu', managerId: null, roles: ['manager'], teamId: null });
const manager = aPerson({ id: newId(), username: 'mgr', displayName: 'Manager Li', managerId: director.id, roles: ['manager'], teamId: team.id });
const tech = aPerson({ id: newId(), username: 'tech', displayName: 'Tech Zhang', managerId: manager.id, teamId: team.id });
const peer = aPerson({ id: newId(), username: 'peer', displayName: 'Peer Chen', managerId: manager.id, teamId: team.id });
const assessor = aPerson({ id: newId(), username: 'hr', displayName: 'Assessor Sun', managerId: director.id, roles: ['assessor'], teamId: null });
const as = (p: typeof tech): Viewer => ({ id: p.id, roles: p.roles });

// Hand-counted fixture, 2026-Q1: tech resolved `fast` (SLA met, CSAT 2 then 4) and `slow`
// (response late, reopened once); `handed` was resolved by tech and later reassigned to the
// peer (still tech's); `peerOwn` is the peer's; `april` falls in the next quarter.
const H = 3_600_000;
const t0 = Date.parse('2026-02-02T02:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();
const fast = aTicket({ id: newId(), assigneeId: tech.id, teamId: team.id, severity: 'critical', status: 'resolved', createdAt: at(t0), respondedAt: at(t0 + 0.1 * H), restoredAt: at(t0 + H), resolvedAt: at(t0 + 2 * H) });
const slow = aTicket({ id: newId(), assigneeId: tech.id, teamId: team.id, severity: 'critical', status: 'resolved', createdAt: at(t0), respondedAt: at(t0 + H), restoredAt: at(t0 + 5 * H), resolvedAt: at(t0 + 6 * H), reopenCount: 1 });
const handed = aTicket({ id: newId(), assigneeId: peer.id, teamId: team.id, severity: 'minor', status: 'resolved', createdAt: at(t0), respondedAt: at(t0 + 0.5 * H), resolvedAt: at(t0 + 3 * H) });
const peerOwn = aTicket({ id: newId(), assigneeId: peer.id, teamId: team.id, status: 'resolved', createdAt: at(t0), resolvedAt: at(t0 + H) });
const april = aTicket({ id: newId(), assigneeId: tech.id, teamId: team.id, status: 'resolved', createdAt: at(t0), resolvedAt: '2026-04-02T00:00:00.000Z' });
const events = [
  anEvent('csat', { ticketId: fast.id, at: at(t0 + 3 * H), score: 2, reason: 'slow answer' }),
  anEvent('csat', { ticketId: fast.id, at: at(t0 + 4 * H), score: 4 }),
  anEvent('assignment', { ticketId: handed.id, at: at(t0 + 5 * H), fromTeamId: team.id, toTeamId: team.id, fromAssigneeId: tech.id, toAssigneeId: peer.id }),
  anEvent('escalation', { ticketId: slow.id, authorId: tech.id, at: at(t0 + 2 * H), axis: 'functional', fromLevel: 'L1', toLevel: 'L2', direction: 'up', reason: 'needs L2', ruleKey: null, toPersonId: null, toTeamId: null }),
];

describe('assessments in main', () => {
  let dir: string;
  let db: CimsDatabase;
  const viewer = new BehaviorSubject<Viewer | null>(null);
  let now = Date.parse('2026-04-03T00:00:00.000Z');
  const clock = () => new Date(now);
  let commands: ReturnType<typeof createAssessmentCommands>;
  let queries: ReturnType<typeof createAssessmentQueries>;
  let cycleId = '';

  const latest = async <T,>(watch: (emit: (v: T) => void, onError: (e: unknown) => void) => () => void): Promise<T> => {
    const seen: T[] = [];
    const stop = watch((v) => seen.push(v), (e) => {
      throw e;
    });
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 80));
    stop();
    return seen.at(-1)!;
  };
  const review = (p: typeof tech) => latest<ReviewView | null>((e, o) => queries.watchReview({ cycleId, personId: p.id }, e, o));
  const cycleView = () => latest<CycleView | null>((e, o) => queries.watchCycle({ cycleId }, e, o));
  const code = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof DomainError ? e.code : String(e)));
  const assessmentOf = async (p: typeof tech) => (await db.assessments.findOne({ selector: { personId: p.id } }).exec())!.toJSON() as Assessment;
  const scores = (n: number, comment = '') => ['businessSkill', 'serviceAttitude', 'workEfficiency', 'customerSatisfaction'].map((criterion) => ({ criterion, score: n, comment }));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-assessments-'));
    db = await openDatabase({ directory: dir });
    await db.teams.insert(team);
    await db.people.bulkInsert([director, manager, tech, peer, assessor]);
    await db.tickets.bulkInsert([fast, slow, handed, peerOwn, april]);
    await db.ticketEvents.bulkInsert(events);
    commands = createAssessmentCommands(db, () => viewer.value, clock);
    queries = createAssessmentQueries(db, viewer, clock);
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('only an assessor opens a cycle; everyone in scope but the assessor gets an assessment', async () => {
    viewer.next(as(tech));
    expect(await code(commands.openCycle({ year: 2026, quarter: 1 }))).toBe('FORBIDDEN');
    viewer.next(null);
    expect(await code(commands.openCycle({ year: 2026, quarter: 1 }))).toBe('UNAUTHORIZED');
    viewer.next(as(assessor));
    const c = await commands.openCycle({ year: 2026, quarter: 1 });
    cycleId = c.id;
    expect(c).toMatchObject({ name: '2026-Q1', phase: 'self_review', startsOn: '2026-01-01', endsOn: '2026-03-31', people: 3 });
    expect(await code(commands.openCycle({ year: 2026, quarter: 1 }))).toBe('CONFLICT');
    const view = (await cycleView())!;
    expect(view.rows.map((r) => r.person.name)).toEqual(['Manager Li', 'Peer Chen', 'Tech Zhang']);
    expect(view.rows.find((r) => r.person.id === tech.id)!.managerChain.map((p) => p.name)).toEqual(['Manager Li', 'Director Wu']);
    expect(view.canAdvance).toBe(true);
  });

  it('Z5: a peer sees neither the cycle board entry nor the review of another engineer', async () => {
    viewer.next(as(peer));
    expect((await review(tech))).toBeNull();
    expect((await cycleView())!.rows.map((r) => r.person.id)).toEqual([peer.id]);
    expect(await latest<KpiTicketRow[]>((e, o) => queries.watchKpiTickets({ cycleId, personId: tech.id, figure: 'resolved' }, e, o))).toEqual([]);
    const cycles = await latest<CycleSummary[]>((e, o) => queries.watchCycles(e, o));
    expect(cycles.map((c) => c.people)).toEqual([1]);
    expect(await code(commands.saveReview({ assessmentId: (await assessmentOf(tech)).id, section: 'selfReview', review: { scores: scores(3), summary: '' }, submit: false }))).toBe('FORBIDDEN');
  });

  it('the self review saves drafts, needs comments for 1 and 5, and locks on submit', async () => {
    viewer.next(as(tech));
    const id = (await assessmentOf(tech)).id;
    await commands.saveReview({ assessmentId: id, section: 'selfReview', review: { scores: [{ criterion: 'businessSkill', score: 4, comment: '' }, { criterion: 'serviceAttitude', score: null, comment: 'half typed' }], summary: 'draft' }, submit: false });
    const draft = (await review(tech))!;
    expect(draft.selfReview).toMatchObject({ summary: 'draft', submittedAt: null, scores: [{ criterion: 'businessSkill', score: 4 }] });
    expect(draft.can.selfReview).toBe(true);
    // A 5 without a comment, and a submit with criteria missing: refused, nothing changes.
    const before = await assessmentOf(tech);
    expect(await code(commands.saveReview({ assessmentId: id, section: 'selfReview', review: { scores: [{ criterion: 'businessSkill', score: 5, comment: ' ' }], summary: '' }, submit: false }))).toBe('VALIDATION_FAILED');
    expect(await code(commands.saveReview({ assessmentId: id, section: 'selfReview', review: { scores: scores(3).slice(0, 2), summary: '' }, submit: true }))).toBe('VALIDATION_FAILED');
    expect(await assessmentOf(tech)).toEqual(before);
    await commands.saveReview({ assessmentId: id, section: 'selfReview', review: { scores: scores(4), summary: 'my quarter' }, submit: true });
    expect((await review(tech))!.can.selfReview).toBe(false);
    expect(await code(commands.saveReview({ assessmentId: id, section: 'selfReview', review: { scores: scores(3), summary: '' }, submit: false }))).toBe('CONFLICT');
  });

  it('the phase does not move while steps are missing, and says which', async () => {
    viewer.next(as(assessor));
    const view = (await cycleView())!;
    expect(view.missing.map((m) => [m.person.name, m.what]).sort()).toEqual([['Manager Li', 'selfReview'], ['Peer Chen', 'selfReview']]);
    expect(view.rows.find((r) => r.person.id === peer.id)!.late).toBe(false);
    now = Date.parse('2026-04-09T00:00:00.000Z'); // past the self review's due date (7 days after the quarter)
    expect((await cycleView())!.rows.find((r) => r.person.id === peer.id)!.late).toBe(true);
    const refused = await commands.advancePhase({ cycleId }).catch((e: DomainError) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).fields!.map((f) => f.code)).toEqual(['selfReview', 'selfReview']);
    expect((await cycleView())!.cycle.phase).toBe('self_review');
    for (const p of [peer, manager]) {
      viewer.next(as(p));
      await commands.saveReview({ assessmentId: (await assessmentOf(p)).id, section: 'selfReview', review: { scores: scores(3), summary: '' }, submit: true });
    }
    viewer.next(as(assessor));
    expect((await commands.advancePhase({ cycleId })).phase).toBe('manager_review');
  });

  it('the manager reviews with the KPI panel from the tickets, hand-counted', async () => {
    viewer.next(as(manager));
    const before = (await review(tech))!;
    expect(before.can).toMatchObject({ managerReview: true, selfReview: false, calibrate: false, seeSelfReview: true });
    expect(before.kpisSnapshot).toBe(false);
    expect(before.kpis).toEqual({ ticketsResolved: 3, slaMetPercent: (2 / 3) * 100, frtOnTimePercent: 100, reopenRatePercent: (1 / 3) * 100, escalationsRaised: 1, averageCsat: 4, complaintsReceived: 0 });
    const resolved = await latest<KpiTicketRow[]>((e, o) => queries.watchKpiTickets({ cycleId, personId: tech.id, figure: 'resolved' }, e, o));
    expect(resolved.map((r) => r.id).sort()).toEqual([fast.id, slow.id, handed.id].sort());
    const csat = await latest<KpiTicketRow[]>((e, o) => queries.watchKpiTickets({ cycleId, personId: tech.id, figure: 'csat' }, e, o));
    expect(csat.map((r) => r.id)).toEqual([fast.id]);
    // The manager of tech is not the manager of their own assessment.
    expect((await review(manager))!.can.managerReview).toBe(false);
    const id = (await assessmentOf(tech)).id;
    await commands.saveReview({ assessmentId: id, section: 'managerReview', review: { scores: [...scores(4).slice(0, 3), { criterion: 'customerSatisfaction', score: 5, comment: 'CSAT 4 after a fix' }], summary: 'solid' }, submit: true });
    const stored = await assessmentOf(tech);
    expect(stored.kpis).toMatchObject({ ticketsResolved: 3, averageCsat: 4 });
    expect([stored.total, stored.outcome]).toEqual([4.25, 'meets']);
    for (const p of [peer, manager]) {
      viewer.next(as(p === manager ? director : manager));
      await commands.saveReview({ assessmentId: (await assessmentOf(p)).id, section: 'managerReview', review: { scores: scores(3), summary: '' }, submit: true });
    }
    viewer.next(as(assessor));
    expect((await commands.advancePhase({ cycleId })).phase).toBe('calibration');
  });

  it('calibration needs a reason, starts from the current score, and updates the total', async () => {
    viewer.next(as(manager));
    const id = (await assessmentOf(tech)).id;
    expect(await code(commands.calibrate({ assessmentId: id, criterion: 'workEfficiency', to: 5, reason: 'x' }))).toBe('FORBIDDEN');
    viewer.next(as(assessor));
    expect(await code(commands.calibrate({ assessmentId: id, criterion: 'nope', to: 5, reason: 'x' }))).toBe('VALIDATION_FAILED');
    const r = await commands.calibrate({ assessmentId: id, criterion: 'workEfficiency', to: 5, reason: 'same KPIs as the best of the team' });
    expect(r).toEqual({ total: 4.5, outcome: 'reward' });
    expect((await assessmentOf(tech)).calibration.adjustments[0]).toMatchObject({ from: 4, to: 5, byId: assessor.id });
  });

  it('a reward waits for the approval of the manager one level up; nobody else decides it', async () => {
    viewer.next(as(assessor));
    const refused = await commands.advancePhase({ cycleId }).catch((e: DomainError) => e);
    expect((refused as DomainError).fields!.map((f) => f.code)).toEqual(['approval']);
    expect((await cycleView())!.missing.map((m) => [m.person.name, m.what])).toEqual([['Tech Zhang', 'approval']]);
    const id = (await assessmentOf(tech)).id;
    // The reviewing manager, the assessor (the reviewer has a manager), the person: refused.
    for (const p of [manager, assessor, tech]) {
      viewer.next(as(p));
      expect(await code(commands.decideOutcome({ assessmentId: id, decision: 'approved', comment: '' }))).toBe('FORBIDDEN');
    }
    viewer.next(as(manager));
    expect((await review(tech))!.approval).toMatchObject({ approver: { id: director.id, name: 'Director Wu' }, decision: null });
    viewer.next(as(director));
    expect((await review(tech))!.can.decideOutcome).toBe(true);
    // Returning needs a reason; then it goes back, and the cycle still waits.
    expect(await code(commands.decideOutcome({ assessmentId: id, decision: 'returned', comment: ' ' }))).toBe('VALIDATION_FAILED');
    await commands.decideOutcome({ assessmentId: id, decision: 'returned', comment: 'Check efficiency against the SLA figures' });
    now += 1000;
    expect((await review(tech))!.approval!.decision).toMatchObject({ status: 'returned', by: { name: 'Director Wu' } });
    await commands.decideOutcome({ assessmentId: id, decision: 'approved', comment: '' });
    expect((await review(tech))!.approval!.decision).toMatchObject({ status: 'approved' });
    // The person does not see management's decisions, only the final result later.
    viewer.next(as(tech));
    expect((await review(tech))!.approval).toBeNull();
    viewer.next(as(assessor));
    expect((await commands.advancePhase({ cycleId })).phase).toBe('acknowledgement');
  });

  it('the employee acknowledges with a comment; the cycle closes when all did or the deadline passed', async () => {
    viewer.next(as(tech));
    const mine = (await review(tech))!;
    expect([mine.total, mine.outcome, mine.can.acknowledge]).toEqual([4.5, 'reward', true]);
    await commands.acknowledge({ assessmentId: mine.assessmentId, comment: 'noted, not agreed on efficiency' });
    expect(await code(commands.acknowledge({ assessmentId: mine.assessmentId, comment: '' }))).toBe('CONFLICT');
    viewer.next(as(assessor));
    expect(await code(commands.advancePhase({ cycleId }))).toBe('CONFLICT');
    now += 15 * 86_400_000; // the acknowledgement deadline (14 days) passed: "not acknowledged"
    expect((await commands.advancePhase({ cycleId })).phase).toBe('closed');
    viewer.next(as(tech));
    expect(await code(commands.saveReview({ assessmentId: mine.assessmentId, section: 'selfReview', review: { scores: scores(3), summary: '' }, submit: false }))).toBe('FORBIDDEN');
    expect(await code(commands.advancePhase({ cycleId }))).toBe('FORBIDDEN');
    // The export holds what the caller may see: everyone for the assessor, their own for the peer.
    viewer.next(as(assessor));
    const all = await commands.exportCycle({ cycleId });
    expect([all.fileName, all.rows]).toEqual(['assessments-2026-Q1.csv', 3]);
    expect(all.csv.split('\r\n')[0]).toBe('\uFEFFcycle,person,username,team,manager,phase,businessSkill,serviceAttitude,workEfficiency,customerSatisfaction,total,outcome,acknowledgedAt,acknowledgementComment');
    expect(all.csv).toContain('2026-Q1,Tech Zhang,tech,Field East,Manager Li,closed,4,4,5,5,4.5,reward,');
    expect(all.csv).toContain('"noted, not agreed on efficiency"');
    viewer.next(as(peer));
    expect((await commands.exportCycle({ cycleId })).rows).toBe(1);
    // The workbook for HR holds the same rows under the same rules: all for the assessor, the peer's own for the peer.
    const sheetOf = async (base64: string) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
      return book.worksheets[0]!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    };
    viewer.next(as(assessor));
    const xlsx = await commands.exportCycleXlsx({ cycleId });
    expect([xlsx.fileName, xlsx.rows]).toEqual(['assessments-2026-Q1.xlsx', 3]);
    const sheet = await sheetOf(xlsx.base64);
    expect(sheet[0]!.slice(0, 2)).toEqual(['cycle', 'person']);
    expect(sheet.find((r) => r[1] === 'Tech Zhang')!.slice(5, 12)).toEqual(['closed', 4, 4, 5, 5, 4.5, 'reward']);
    viewer.next(as(peer));
    expect((await sheetOf((await commands.exportCycleXlsx({ cycleId })).base64)).map((r) => r[1])).toEqual(['person', 'Peer Chen']);
    viewer.next(null);
    expect(await code(commands.exportCycleXlsx({ cycleId }))).toBe('UNAUTHORIZED');
    // A result prints for its own person only (Z5); this store has no print window.
    viewer.next(as(director));
    expect(await code(commands.resultPdf({ cycleId, locale: 'en' }))).toBe('FORBIDDEN');
    viewer.next(as(tech));
    expect((await review(tech))!.can.printResult).toBe(true);
    expect(await code(commands.resultPdf({ cycleId, locale: 'zh-CN' }))).toBe('CONFLICT');
    viewer.next(as(manager));
    expect((await review(tech))!.can.printResult).toBe(false);
    viewer.next(as(tech));
    // The history of final results: theirs and their chain's, nobody else's.
    const history = await latest<HistoryPoint[]>((e, o) => queries.watchHistory({ personId: tech.id }, e, o));
    expect(history).toEqual([{ cycleId, name: '2026-Q1', year: 2026, quarter: 1, total: 4.5, outcome: 'reward' }]);
    viewer.next(as(peer));
    expect(await latest<HistoryPoint[]>((e, o) => queries.watchHistory({ personId: tech.id }, e, o))).toEqual([]);
  });

  it('an improvement plan gets goals from the managers above, followed up in the next cycle', async () => {
    // The peer's closed Q1 result, made an improvement plan for this test.
    const q1 = await assessmentOf(peer);
    await (await db.assessments.findOne(q1.id).exec())!.incrementalPatch({ total: 2.25, outcome: 'improvement_plan' });
    viewer.next(as(tech));
    expect(await code(commands.setGoal({ assessmentId: q1.id, title: 'x', ownerId: peer.id, dueOn: '2026-06-30' }))).toBe('FORBIDDEN');
    viewer.next(as(peer));
    expect(await code(commands.setGoal({ assessmentId: q1.id, title: 'x', ownerId: peer.id, dueOn: '2026-06-30' }))).toBe('FORBIDDEN');
    viewer.next(as(manager));
    // The owner is the person or above them; the due date falls after the quarter.
    const bad = await commands.setGoal({ assessmentId: q1.id, title: 'x', ownerId: tech.id, dueOn: '2026-03-31' }).catch((e: DomainError) => e);
    expect((bad as DomainError).fields!.map((f) => f.path)).toEqual(['ownerId', 'dueOn']);
    await commands.setGoal({ assessmentId: q1.id, title: 'First response within the SLA on 9 of 10 tickets', ownerId: peer.id, dueOn: '2026-06-30' });
    await commands.setGoal({ assessmentId: q1.id, title: 'Coach on the OTN runbook', ownerId: manager.id, dueOn: '2026-05-31' });
    const planned = (await review(peer))!;
    expect(planned.plan!.canSet).toBe(true);
    expect(planned.plan!.goals.map((g) => [g.title, g.owner.name, g.status])).toEqual([['Coach on the OTN runbook', 'Manager Li', 'open'], ['First response within the SLA on 9 of 10 tickets', 'Peer Chen', 'open']]);
    // The next quarter's review shows them beside the KPIs; the manager follows them up.
    viewer.next(as(assessor));
    const q2 = await commands.openCycle({ year: 2026, quarter: 2 });
    viewer.next(as(peer));
    const own = (await latest<ReviewView | null>((e, o) => queries.watchReview({ cycleId: q2.id, personId: peer.id }, e, o)))!;
    expect(own.followUp.map((g) => [g.cycleName, g.canFollowUp])).toEqual([['2026-Q1', false], ['2026-Q1', false]]);
    expect(await code(commands.followUpGoal({ goalId: own.followUp[0]!.id, status: 'met', note: '' }))).toBe('FORBIDDEN');
    viewer.next(as(manager));
    const next = (await latest<ReviewView | null>((e, o) => queries.watchReview({ cycleId: q2.id, personId: peer.id }, e, o)))!;
    await commands.followUpGoal({ goalId: next.followUp[1]!.id, status: 'met', note: '9 of 10 in May' });
    const after = (await latest<ReviewView | null>((e, o) => queries.watchReview({ cycleId: q2.id, personId: peer.id }, e, o)))!;
    expect(after.followUp.map((g) => [g.status, g.followUp])).toEqual([['open', ''], ['met', '9 of 10 in May']]);
    // A peer sees none of it.
    viewer.next(as(tech));
    expect(await latest<ReviewView | null>((e, o) => queries.watchReview({ cycleId: q2.id, personId: peer.id }, e, o))).toBeNull();
  });
});
