// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { GoalView, ReviewView } from '../../../../../shared/api/assessments';
import { ok } from '../../../../../shared/api/result';
import { DEFAULT_ASSESSMENT_TEMPLATE } from '../../../../../shared/domain/defaults';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { GoalFollowUpPanel, PlanGoalsPanel } from './ImprovementGoals';

const empty = { scores: [], summary: '', submittedAt: null };
const person = { id: 'p1', name: 'Zhang San', nameZh: '张三' };
const manager = { id: 'm1', name: 'Li Si', nameZh: '李四' };
const goal = (over: Partial<GoalView> = {}): GoalView => ({ id: 'g1', title: 'First response within the SLA', owner: person, dueOn: '2026-06-30', status: 'open', followUp: '', cycleName: '2026-Q1', canFollowUp: true, ...over });
const view = (over: Partial<ReviewView> = {}): ReviewView => ({
  assessmentId: 'a1',
  cycle: { id: 'c1', name: '2026-Q1', year: 2026, quarter: 1, phase: 'acknowledgement', startsOn: '2026-01-01', endsOn: '2026-03-31', people: 1, selfSubmitted: 1, managerSubmitted: 1, acknowledged: 0 },
  person,
  manager,
  phase: 'acknowledgement',
  criteria: DEFAULT_ASSESSMENT_TEMPLATE.criteria.map((c) => ({ ...c })),
  rewardAtLeast: 4.5,
  meetsAtLeast: 2.5,
  selfReview: empty,
  managerReview: empty,
  kpis: null,
  kpisSnapshot: true,
  calibration: [],
  total: 2.25,
  outcome: 'improvement_plan',
  acknowledgement: null,
  approval: null,
  plan: { goals: [], canSet: true, owners: [person, manager] },
  followUp: [],
  can: { selfReview: false, managerReview: false, calibrate: false, acknowledge: false, seeSelfReview: true, decideOutcome: false, printResult: false },
  ...over,
});
type SetGoal = { assessmentId: string; title: string; ownerId: string; dueOn: string };

describe('PlanGoalsPanel', () => {
  it('adds a goal with an owner and a due date after the quarter; says what is missing first', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'assessments.setGoal': () => ok({ id: 'g1' }) });
    renderWithApp(<PlanGoalsPanel view={view()} />, { transport });
    expect(screen.getByText('No goals yet.')).toBeTruthy();
    await user.click(screen.getByTestId('goal-add'));
    expect(await screen.findByText('Describe the goal (at most 500 characters).')).toBeTruthy();
    expect(screen.getByText("Choose a due date after the quarter's end.")).toBeTruthy();
    expect(transport.calls.filter((c) => c.name === 'assessments.setGoal')).toEqual([]);
    await user.type(screen.getByTestId('goal-title'), 'Coach on the OTN runbook');
    await user.type(screen.getByTestId('goal-due'), '2026-05-31');
    await user.click(screen.getByTestId('goal-add'));
    await waitFor(() => expect(transport.calls.some((c) => c.name === 'assessments.setGoal')).toBe(true));
    expect(transport.calls.find((c) => c.name === 'assessments.setGoal')!.input as SetGoal).toEqual({ assessmentId: 'a1', title: 'Coach on the OTN runbook', ownerId: 'p1', dueOn: '2026-05-31' });
  });

  it('shows the goals read-only to the person, in Chinese', () => {
    renderWithApp(<PlanGoalsPanel view={view({ plan: { goals: [goal()], canSet: false, owners: [] } })} />, { locale: 'zh-CN' });
    expect(screen.getByRole('heading', { name: '改进计划：目标' })).toBeTruthy();
    expect(screen.getByTestId('goal-g1').textContent).toContain('负责人 张三');
    expect(screen.queryByTestId('goal-add')).toBeNull();
  });
});

describe('GoalFollowUpPanel', () => {
  it('lets a manager above mark a goal met with a note; shows decided ones as they are', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'assessments.followUpGoal': () => ok(null) });
    renderWithApp(<GoalFollowUpPanel goals={[goal(), goal({ id: 'g2', status: 'not_met', followUp: 'two late', canFollowUp: true })]} />, { transport });
    expect(screen.getByRole('heading', { name: 'Improvement plan follow-up' })).toBeTruthy();
    expect(screen.queryByTestId('goal-met-g2')).toBeNull();
    expect(screen.getByTestId('goal-g2').textContent).toContain('two late');
    await user.type(screen.getByTestId('goal-note-g1'), '9 of 10 in May');
    await user.click(screen.getByTestId('goal-met-g1'));
    await waitFor(() => expect(transport.calls.find((c) => c.name === 'assessments.followUpGoal')?.input).toEqual({ goalId: 'g1', status: 'met', note: '9 of 10 in May' }));
  });

  it('offers nothing to the person, in Chinese', () => {
    renderWithApp(<GoalFollowUpPanel goals={[goal({ canFollowUp: false })]} />, { locale: 'zh-CN' });
    expect(screen.getByRole('heading', { name: '改进计划跟进' })).toBeTruthy();
    expect(screen.getByTestId('goal-status').textContent).toBe('进行中');
    expect(screen.queryByTestId('goal-met-g1')).toBeNull();
  });
});
