// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ReviewView } from '../../../../../shared/api/assessments';
import { ok } from '../../../../../shared/api/result';
import { DEFAULT_ASSESSMENT_TEMPLATE } from '../../../../../shared/domain/defaults';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { ApprovalPanel } from './ApprovalPanel';

const empty = { scores: [], summary: '', submittedAt: null };
const view = (over: Partial<ReviewView> = {}): ReviewView => ({
  assessmentId: 'a1',
  cycle: { id: 'c1', name: '2026-Q1', year: 2026, quarter: 1, phase: 'calibration', startsOn: '2026-01-01', endsOn: '2026-03-31', people: 1, selfSubmitted: 1, managerSubmitted: 1, acknowledged: 0 },
  person: { id: 'p1', name: 'Zhang San', nameZh: '张三' },
  manager: { id: 'm1', name: 'Li Si', nameZh: '李四' },
  phase: 'calibration',
  criteria: DEFAULT_ASSESSMENT_TEMPLATE.criteria.map((c) => ({ ...c })),
  rewardAtLeast: 4.5,
  meetsAtLeast: 2.5,
  selfReview: empty,
  managerReview: empty,
  kpis: null,
  kpisSnapshot: true,
  calibration: [],
  total: 4.75,
  outcome: 'reward',
  acknowledgement: null,
  approval: { approver: { id: 'd1', name: 'Wang Wu', nameZh: '王五' }, decision: null },
  plan: null,
  followUp: [],
  can: { selfReview: false, managerReview: false, calibrate: false, acknowledge: false, seeSelfReview: true, decideOutcome: true, printResult: false },
  ...over,
});
type Decide = { assessmentId: string; decision: string; comment: string };

describe('ApprovalPanel', () => {
  it('lets the one up approve; returning needs a reason and sends nothing without one', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'assessments.decideOutcome': () => ok(null) });
    renderWithApp(<ApprovalPanel view={view()} />, { transport });
    expect(screen.getByRole('heading', { name: 'One-up approval: Reward' })).toBeTruthy();
    expect(screen.getByTestId('approval-status').textContent).toContain('Waiting for the decision');
    await user.click(screen.getByTestId('approval-return'));
    expect(await screen.findByText('Say why the outcome goes back.')).toBeTruthy();
    expect(transport.calls.filter((c) => c.name === 'assessments.decideOutcome')).toEqual([]);
    // Typing a comment takes the message away.
    await user.type(screen.getByTestId('approval-comment'), 'ok');
    expect(screen.queryByText('Say why the outcome goes back.')).toBeNull();
    await user.clear(screen.getByTestId('approval-comment'));
    await user.click(screen.getByTestId('approval-approve'));
    await waitFor(() => expect(transport.calls.some((c) => c.name === 'assessments.decideOutcome')).toBe(true));
    expect(transport.calls.find((c) => c.name === 'assessments.decideOutcome')!.input as Decide).toEqual({ assessmentId: 'a1', decision: 'approved', comment: '' });
  });

  it('shows the decision to the others above the person without buttons', () => {
    renderWithApp(
      <ApprovalPanel view={view({ can: { ...view().can, decideOutcome: false, printResult: false }, approval: { approver: null, decision: { status: 'returned', by: { id: 'x', name: 'Hu Liu', nameZh: null }, at: '2026-04-10T08:00:00.000Z', comment: 'SLA figures do not back a reward' } } })} />,
    );
    expect(screen.getByText('Decided by an assessor: the reviewing manager has nobody above them.')).toBeTruthy();
    expect(screen.getByTestId('approval-status').textContent).toContain('Returned by Hu Liu');
    expect(screen.getByTestId('approval-status').textContent).toContain('SLA figures do not back a reward');
    expect(screen.queryByTestId('approval-approve')).toBeNull();
  });

  it('speaks Chinese', async () => {
    const user = userEvent.setup();
    renderWithApp(<ApprovalPanel view={view({ outcome: 'improvement_plan' })} />, { locale: 'zh-CN' });
    expect(screen.getByText('由评审经理的上级 王五 决定。')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '退回' }));
    expect(await screen.findByText('请说明退回的理由。')).toBeTruthy();
  });
});
