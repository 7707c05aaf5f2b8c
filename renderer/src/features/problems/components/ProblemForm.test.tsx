// @vitest-environment jsdom
import '../../../testing/setup';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CandidateList, CreateProblemInput, ProblemTicket } from '../../../../../shared/api/problems';
import { fail, ok } from '../../../../../shared/api/result';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { Route, Routes } from 'react-router';
import { NewProblemPage } from '../pages/NewProblemPage';
import { localToday } from './fieldMessage';

const me = { id: '019a0000-0000-7000-8000-0000000000a1', name: 'Chen Jing', nameZh: '陈静' };
const ticket = (n: number, over: Partial<ProblemTicket> = {}): ProblemTicket => ({
  id: `019a0000-0000-7000-8000-00000000010${n}`,
  number: `T-00010${n}`,
  title: `LOS on board ${n}`,
  status: 'in_progress',
  productLine: 'OTN',
  assetModel: 'OSN-9800',
  cause: null,
  createdAt: '2026-03-01T00:00:00.000Z',
  visible: true,
  ...over,
});
const candidates: CandidateList = { selected: [], candidates: [{ ...ticket(1), reasons: ['productLine', 'assetModel'] }] };

const setup = (locale: 'en' | 'zh-CN', handlers: ConstructorParameters<typeof FakeTransport>[0] = {}, route = '/problems/new') => {
  const transport = new FakeTransport(handlers, {
    'sync.status': localOnlyStatus,
    'session.current': { user: { id: me.id, username: 'mgr', displayName: me.name, roles: ['manager'], teamId: null }, serverUrl: null },
    'problems.people': [me],
    'problems.candidates': candidates,
  });
  return renderWithApp(
    <Routes>
      <Route path="/problems/new" element={<NewProblemPage />} />
      <Route path="/problems/:id" element={<p>opened</p>} />
    </Routes>,
    { locale, transport, route },
  );
};

const yesterday = () => {
  const d = new Date();
  d.setDate(d.getDate() - 1);
  return localToday(d);
};

/** An action with no description and a due date before today, then submit. */
const submitBadForm = async (user: ReturnType<typeof userEvent.setup>) => {
  await user.click(await screen.findByTestId('add-corrective'));
  fireEvent.change(screen.getByTestId('action-due-0'), { target: { value: yesterday() } });
  await user.click(screen.getByTestId('problem-submit'));
};

describe('the problem form', () => {
  it('says what is wrong, in English: title, tickets, action text and a due date before today', async () => {
    const user = userEvent.setup();
    const r = setup('en');
    await submitBadForm(user);
    expect(await screen.findByText('Give the problem a title of at least 3 characters.')).toBeTruthy();
    expect(screen.getByTestId('problem-tickets-error').textContent).toBe('Link at least one ticket: a problem stands on its tickets.');
    const action = screen.getByTestId('action-0');
    expect(within(action).getByText('Describe the action.')).toBeTruthy();
    expect(within(action).getByText('An action cannot be due before the day it is created.')).toBeTruthy();
    expect(r.transport.calls.filter((c) => c.name === 'problems.create')).toEqual([]);
  });

  it('says the same in Chinese', async () => {
    const user = userEvent.setup();
    setup('zh-CN');
    await submitBadForm(user);
    expect(await screen.findByText('请填写至少 3 个字符的标题。')).toBeTruthy();
    expect(screen.getByTestId('problem-tickets-error').textContent).toBe('请至少关联一张工单：问题记录以工单为依据。');
    const action = screen.getByTestId('action-0');
    expect(within(action).getByText('请描述措施。')).toBeTruthy();
    expect(within(action).getByText('措施的截止日期不能早于其创建当天。')).toBeTruthy();
  });

  it('links a proposed candidate, sends the whys and actions, and shows a refusal of main on its field', async () => {
    const user = userEvent.setup();
    const sent: CreateProblemInput[] = [];
    let refuse = true;
    const r = setup('en', {
      'problems.create': (input) => {
        sent.push(input);
        if (!refuse) return ok({ id: '019a0000-0000-7000-8000-0000000000ff' });
        refuse = false;
        return fail('VALIDATION_FAILED', 'actions.0.dueDate: due_before_problem', [{ path: 'actions.0.dueDate', code: 'due_before_problem', message: 'validation.dueBeforeProblem' }]);
      },
    });
    await user.type(await screen.findByTestId('problem-title'), 'Repeated LOS on OSN boards');
    await user.click(screen.getByRole('button', { name: 'Add T-000101' }));
    r.transport.emit('problems.candidates', { selected: [ticket(1)], candidates: [] });
    await waitFor(() => expect(within(screen.getByTestId('problem-tickets')).getByText(/LOS on board 1/)).toBeTruthy());
    await user.type(screen.getByTestId('problem-why-0'), 'Service dropped');
    await user.type(screen.getByTestId('problem-why-1'), 'Board reset under load');
    await user.click(screen.getByTestId('add-corrective'));
    await user.type(screen.getByTestId('action-description-0'), 'Install hot patch');
    fireEvent.change(screen.getByTestId('action-due-0'), { target: { value: localToday() } });
    await user.click(screen.getByTestId('problem-submit'));
    expect(await screen.findByText('An action cannot be due before the problem was opened.')).toBeTruthy();
    expect(sent[0]).toMatchObject({
      title: 'Repeated LOS on OSN boards',
      ticketIds: [ticket(1).id],
      productLine: 'OTN',
      ownerId: me.id,
      whys: ['Service dropped', 'Board reset under load'],
      actions: [{ kind: 'corrective', description: 'Install hot patch', ownerId: me.id, dueDate: localToday(), status: 'open' }],
    });
    await user.click(screen.getByTestId('problem-submit'));
    expect(await screen.findByText('opened')).toBeTruthy();
    expect(sent).toHaveLength(2);
  });

  it('starts with the tickets of a queue selection', async () => {
    const r = setup('en', {}, `/problems/new?tickets=${ticket(1).id},${ticket(2).id}`);
    await screen.findByTestId('problem-form');
    await waitFor(() => expect(r.transport.opened.some((o) => o.name === 'problems.candidates' && JSON.stringify((o.params as { ticketIds: string[] }).ticketIds) === JSON.stringify([ticket(1).id, ticket(2).id]))).toBe(true));
  });
});
