// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { ProblemDetail, ResolveProblemInput } from '../../../../../shared/api/problems';
import { ok } from '../../../../../shared/api/result';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { ProblemPage } from './ProblemPage';

const id = '019a0000-0000-7000-8000-0000000000f1';
const ticket = (n: number, over: Partial<ProblemDetail['tickets'][number]> = {}): ProblemDetail['tickets'][number] => ({
  id: `019a0000-0000-7000-8000-00000000020${n}`,
  number: `T-00020${n}`,
  title: `Board ${n} resets`,
  status: 'in_progress',
  productLine: 'OTN',
  assetModel: 'OSN-9800',
  cause: null,
  createdAt: '2026-03-01T00:00:00.000Z',
  visible: true,
  ...over,
});
const detail: ProblemDetail = {
  id,
  title: 'Repeated board resets',
  description: '',
  status: 'action_planned',
  causeCategory: 'software',
  productLine: 'OTN',
  owner: { id: '019a0000-0000-7000-8000-0000000000a1', name: 'Chen Jing', nameZh: '陈静' },
  whys: ['Service dropped', 'Board reset'],
  rootCause: 'Driver memory leak',
  actions: [],
  tickets: [ticket(1), ticket(2), ticket(3, { visible: false, number: '', title: '', status: null })],
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
  mayEdit: true,
};

describe('the problem page', () => {
  it('resolves with one reply and reports each linked ticket, a refused one with its reason', async () => {
    const user = userEvent.setup();
    const sent: ResolveProblemInput[] = [];
    const transport = new FakeTransport(
      {
        'problems.resolve': (input) => {
          sent.push(input);
          return ok({
            id,
            status: 'verifying',
            tickets: [
              { ticketId: ticket(1).id, number: 'T-000201', outcome: 'resolved' },
              { ticketId: ticket(2).id, number: 'T-000202', outcome: 'refused', code: 'role_forbidden', reason: 'roles technician may not work a ticket' },
              { ticketId: ticket(3).id, number: '', outcome: 'refused', code: 'ticket_not_found', reason: 'ticket not found' },
            ],
          });
        },
      },
      { 'sync.status': localOnlyStatus, 'session.current': { user: null, serverUrl: null }, 'problems.detail': detail, 'problems.effectiveness': { pivot: null, defaultPivot: null } },
    );
    renderWithApp(
      <Routes>
        <Route path="/problems/:id" element={<ProblemPage />} />
      </Routes>,
      { transport, route: `/problems/${id}` },
    );
    expect(await screen.findByText('Linked tickets (3)')).toBeTruthy();
    expect(screen.getByText('A ticket out of your sight')).toBeTruthy();
    await user.click(screen.getByTestId('problem-resolve'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Also resolve the 3 linked tickets with this public reply')).toBeTruthy();
    await user.clear(screen.getByTestId('resolve-reply'));
    await user.click(screen.getByTestId('resolve-confirm'));
    expect(await within(dialog).findByText('Write the reply the customers of the linked tickets receive.')).toBeTruthy();
    expect(sent).toEqual([]);
    await user.type(screen.getByTestId('resolve-reply'), 'Fixed by patch SPH210.');
    await user.click(screen.getByTestId('resolve-confirm'));
    expect(await within(dialog).findByText('T-000201: resolved, reply sent')).toBeTruthy();
    expect(within(dialog).getByText('T-000202: not resolved: your role may not resolve it')).toBeTruthy();
    expect(within(dialog).getByText('a ticket out of your sight: not resolved: it is not on this device or out of your sight')).toBeTruthy();
    expect(sent).toEqual([{ id, status: 'verifying', resolveTickets: true, reply: 'Fixed by patch SPH210.' }]);
  });
});
