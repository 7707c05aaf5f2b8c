// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ReviewView } from '../../../../../shared/api/assessments';
import { DEFAULT_ASSESSMENT_TEMPLATE } from '../../../../../shared/domain/defaults';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';

const criteria = DEFAULT_ASSESSMENT_TEMPLATE.criteria.map((c) => ({ ...c }));
const view = (over: Partial<ReviewView> = {}): ReviewView => ({
  assessmentId: 'a1',
  cycle: { id: 'c1', name: '2026-Q2', year: 2026, quarter: 2, phase: 'closed', startsOn: '2026-04-01', endsOn: '2026-06-30', people: 1, selfSubmitted: 1, managerSubmitted: 1, acknowledged: 1 },
  person: { id: 'p1', name: 'Yang Tao', nameZh: '杨涛' },
  manager: { id: 'm1', name: 'Li Si', nameZh: '李四' },
  phase: 'closed',
  criteria,
  rewardAtLeast: 4.5,
  meetsAtLeast: 2.5,
  selfReview: { scores: [], summary: '', submittedAt: null },
  managerReview: { scores: criteria.map((c) => ({ criterion: c.key, score: 3, comment: '' })), summary: '', submittedAt: '2026-07-10T00:00:00.000Z' },
  kpis: null,
  kpisSnapshot: true,
  calibration: [{ criterion: 'workEfficiency', from: 3, to: 4, reason: 'same KPIs as the best' }],
  total: 3.25,
  outcome: 'meets',
  acknowledgement: { at: '2026-08-01T00:00:00.000Z', comment: '' },
  approval: null,
  plan: null,
  followUp: [],
  can: { selfReview: false, managerReview: false, calibrate: false, acknowledge: false, seeSelfReview: true, decideOutcome: false, printResult: true },
  ...over,
});
const transport = (v: ReviewView | null) => new FakeTransport({}, { 'sync.status': localOnlyStatus, 'session.current': { user: null, serverUrl: null }, 'assessments.review': v });

describe('ResultPrintPage', () => {
  it('prints the final result with calibrated scores in the language asked for, and says when it is ready', async () => {
    renderApp('/assessments/c1/result/p1?lang=zh-CN', { transport: transport(view()) });
    const page = await screen.findByTestId('result-print', {}, pageLoad);
    expect(screen.getByRole('heading', { name: '杨涛 的考核' })).toBeTruthy();
    expect(page.textContent).toContain('工作效率');
    expect(screen.getByTestId('result-print-total').textContent).toContain('3.25');
    await waitFor(() => expect(page.getAttribute('data-report-ready')).toBe('true'));
  });

  it('prints nothing of a result that is not final or not there, in English', async () => {
    renderApp('/assessments/c1/result/p1?lang=en', { transport: transport(view({ phase: 'calibration', total: null })) });
    expect((await screen.findByTestId('result-not-found', {}, pageLoad)).textContent).toBe('This review does not exist or is not visible to you.');
  });
});
