// @vitest-environment jsdom
import '../../../testing/setup';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ReviewData, ReviewView } from '../../../../../shared/api/assessments';
import { ok } from '../../../../../shared/api/result';
import { DEFAULT_ASSESSMENT_TEMPLATE } from '../../../../../shared/domain/defaults';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp, renderWithApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';
import { ReviewForm, type ReviewFormProps } from './ReviewForm';

const criteria = DEFAULT_ASSESSMENT_TEMPLATE.criteria.map((c) => ({ ...c }));
const empty: ReviewData = { scores: [], summary: '', submittedAt: null };
const props = (over: Partial<ReviewFormProps> = {}): ReviewFormProps => ({
  assessmentId: 'a1',
  section: 'selfReview',
  criteria,
  rewardAtLeast: 4.5,
  meetsAtLeast: 2.5,
  saved: empty,
  editable: true,
  ...over,
});
const pick = (section: string, criterion: string, n: number) => fireEvent.click(screen.getByTestId(`score-${section}-${criterion}-${n}`));
type SaveInput = { assessmentId: string; section: string; review: { scores: { criterion: string; score: number | null; comment: string }[]; summary: string }; submit: boolean };

describe('ReviewForm', () => {
  it('shows the weighted total and the outcome band live, by the template weights', async () => {
    const uneven = criteria.map((c, i) => ({ ...c, weight: i === 0 ? 0.4 : 0.2 }));
    renderWithApp(<ReviewForm {...props({ criteria: uneven })} />);
    expect(screen.getByTestId('total-selfReview').textContent).toContain('Score every criterion to see the total');
    pick('selfReview', 'businessSkill', 2);
    pick('selfReview', 'serviceAttitude', 3);
    pick('selfReview', 'workEfficiency', 3);
    pick('selfReview', 'customerSatisfaction', 3);
    // 2*0.4 + 3*0.2*3 = 2.6: meets
    await waitFor(() => expect(screen.getByTestId('total-selfReview').textContent).toContain('2.6'));
    expect(screen.getByTestId('band-selfReview').textContent).toBe('Meets expectations');
    pick('selfReview', 'businessSkill', 1);
    await waitFor(() => expect(screen.getByTestId('band-selfReview').textContent).toBe('Improvement plan'));
  });

  it('requires a comment for a 1 or a 5 and sends nothing until it is there', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'assessments.saveReview': () => ok({ savedAt: '2026-04-01T00:00:00.000Z' }) });
    renderWithApp(<ReviewForm {...props()} />, { transport });
    for (const c of criteria) pick('selfReview', c.key, 3);
    pick('selfReview', 'serviceAttitude', 5);
    await user.click(screen.getByTestId('submit-selfReview'));
    expect(await screen.findByText('A score of 1 or 5 needs a comment.')).toBeTruthy();
    expect(transport.calls.filter((c) => (c.input as SaveInput).submit)).toEqual([]);
    await user.type(screen.getByTestId('comment-selfReview-serviceAttitude'), 'Praised twice');
    await user.click(screen.getByTestId('submit-selfReview'));
    await waitFor(() => expect(transport.calls.some((c) => (c.input as SaveInput).submit)).toBe(true));
    const sent = transport.calls.find((c) => (c.input as SaveInput).submit)!.input as SaveInput;
    expect(sent.review.scores.find((s) => s.criterion === 'serviceAttitude')).toEqual({ criterion: 'serviceAttitude', score: 5, comment: 'Praised twice' });
  });

  it('drops the comment message when the 1 or 5 becomes another score', async () => {
    const user = userEvent.setup();
    renderWithApp(<ReviewForm {...props()} />);
    for (const c of criteria) pick('selfReview', c.key, 3);
    pick('selfReview', 'customerSatisfaction', 1);
    await user.click(screen.getByTestId('submit-selfReview'));
    expect(await screen.findByText('A score of 1 or 5 needs a comment.')).toBeTruthy();
    pick('selfReview', 'customerSatisfaction', 3);
    await waitFor(() => expect(screen.queryByText('A score of 1 or 5 needs a comment.')).toBeNull());
  });

  it('shows the message in Chinese', async () => {
    const user = userEvent.setup();
    renderWithApp(<ReviewForm {...props()} />, { locale: 'zh-CN' });
    expect(screen.getByText(/业务水平/)).toBeTruthy();
    pick('selfReview', 'businessSkill', 1);
    await user.click(screen.getByRole('button', { name: '提交' }));
    expect(await screen.findByText('评分为 1 或 5 时必须填写说明。')).toBeTruthy();
  });

  it('is locked outside its phase and once submitted: no inputs, no submit', () => {
    renderWithApp(<ReviewForm {...props({ editable: false })} />);
    expect(screen.getByTestId('review-locked').textContent).toBe('This review is locked in the current phase.');
    expect((screen.getByTestId('score-selfReview-businessSkill-3') as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByTestId('submit-selfReview')).toBeNull();
  });

  it('shows a submitted review read-only with its scores', () => {
    const saved: ReviewData = { scores: criteria.map((c) => ({ criterion: c.key, score: 4, comment: '' })), summary: 'done', submittedAt: '2026-04-01T00:00:00.000Z' };
    renderWithApp(<ReviewForm {...props({ saved })} />);
    expect((screen.getByTestId('score-selfReview-businessSkill-4') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('comment-selfReview-businessSkill') as HTMLTextAreaElement).disabled).toBe(true);
    expect(screen.queryByTestId('submit-selfReview')).toBeNull();
    expect(screen.getByTestId('total-selfReview').textContent).toContain('4');
  });
});

describe('ReviewPage drafts', () => {
  const view = (selfReview: ReviewData): ReviewView => ({
    assessmentId: 'a1',
    cycle: { id: 'c1', name: '2026-Q1', year: 2026, quarter: 1, phase: 'self_review', startsOn: '2026-01-01', endsOn: '2026-03-31', people: 1, selfSubmitted: 0, managerSubmitted: 0, acknowledged: 0 },
    person: { id: 'p1', name: 'Zhang San', nameZh: '张三' },
    manager: { id: 'm1', name: 'Li Si', nameZh: '李四' },
    phase: 'self_review',
    criteria,
    rewardAtLeast: 4.5,
    meetsAtLeast: 2.5,
    selfReview,
    managerReview: empty,
    kpis: null,
    kpisSnapshot: false,
    calibration: [],
    total: null,
    outcome: null,
    acknowledgement: null,
    approval: null,
    plan: null,
    followUp: [],
    can: { selfReview: true, managerReview: false, calibrate: false, acknowledge: false, seeSelfReview: true, decideOutcome: false, printResult: false },
  });

  it('autosaves while typing and restores the draft after a remount', async () => {
    const user = userEvent.setup();
    let stored: ReviewData = empty;
    const transport = new FakeTransport(
      {
        'assessments.saveReview': (input) => {
          const i = input as SaveInput;
          stored = { scores: i.review.scores.flatMap((s) => (s.score === null ? [] : [{ criterion: s.criterion, score: s.score, comment: s.comment }])), summary: i.review.summary, submittedAt: null };
          transport.emit('assessments.review', view(stored));
          return ok({ savedAt: '2026-04-01T08:00:00.000Z' });
        },
      },
      { 'sync.status': localOnlyStatus, 'session.current': { user: null, serverUrl: null }, 'assessments.review': view(empty) },
    );
    const first = renderApp('/assessments/c1/review/p1', { transport });
    await screen.findByTestId('form-selfReview', {}, pageLoad);
    pick('selfReview', 'workEfficiency', 4);
    await user.type(screen.getByTestId('summary-selfReview'), 'Closed the backlog');
    await waitFor(() => expect(screen.getByTestId('draft-saved')).toBeTruthy(), { timeout: 3000 });
    const drafts = transport.calls.filter((c) => c.name === 'assessments.saveReview');
    expect(drafts.every((c) => (c.input as SaveInput).submit === false)).toBe(true);
    expect(stored).toMatchObject({ summary: 'Closed the backlog', scores: [{ criterion: 'workEfficiency', score: 4 }] });
    first.unmount();

    await act(async () => {
      renderApp('/assessments/c1/review/p1', { transport, locale: 'zh-CN' });
    });
    await screen.findByTestId('form-selfReview', {}, pageLoad);
    expect((screen.getByTestId('summary-selfReview') as HTMLTextAreaElement).value).toBe('Closed the backlog');
    expect((screen.getByTestId('score-selfReview-workEfficiency-4') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('heading', { name: '张三 的考核' })).toBeTruthy();
  });
});
