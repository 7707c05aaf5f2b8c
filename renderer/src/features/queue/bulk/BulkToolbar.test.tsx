// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { BulkResult } from '../../../../../shared/api/board';
import { ok } from '../../../../../shared/api/result';
import type { AssigneeOption, TicketChange } from '../../../../../shared/api/ticketWork';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { BulkToolbar } from './BulkToolbar';

const assignees: AssigneeOption[] = [
  { kind: 'team', id: 'l2', name: 'East L2 support', nameZh: '华东二线', teamId: 'l2', level: 'L2', openTickets: 4 },
  { kind: 'person', id: 'p1', name: 'Li Si', nameZh: '李四', teamId: 'l2', level: 'L2', openTickets: 2 },
];
const change = (ticketId: string): TicketChange => ({ ticketId, before: { teamId: 'a', assigneeId: '' }, after: { teamId: 'l2', assigneeId: 'p1', updatedAt: 'x' }, eventIds: ['e'] });
const result: BulkResult = {
  changed: 2,
  refused: 1,
  outcomes: [
    { ticketId: 't1', number: 'T-000001', ok: true, change: change('t1') },
    { ticketId: 't2', number: 'T-000002', ok: false, code: 'ticket_not_open', reason: 'status' },
    { ticketId: 't3', number: 'T-000003', ok: true, change: change('t3') },
  ],
};

const setup = (locale: 'en' | 'zh-CN') => {
  let cleared = 0;
  const transport = new FakeTransport(
    { 'board.bulk': () => ok(result), 'board.undo': () => ok({ changed: 2, refused: 0, outcomes: [] }) },
    { 'sync.status': localOnlyStatus, 'session.current': { user: null, serverUrl: null }, 'ticketWork.assignees': assignees },
  );
  renderWithApp(<BulkToolbar selected={['t1', 't2', 't3']} onClear={() => cleared++} />, { transport, locale });
  return { transport, cleared: () => cleared };
};

describe('BulkToolbar', () => {
  it('assigns with "a", says how many will change, reports the refused one, and undoes the rest', async () => {
    const { transport, cleared } = setup('en');
    expect(screen.getByTestId('bulk-count').textContent).toBe('3 tickets selected');
    await userEvent.keyboard('a');
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Assign 3 tickets')).toBeTruthy();
    expect(within(dialog).getByTestId('bulk-confirm').textContent).toBe('Change 3 tickets');
    await userEvent.click(within(dialog).getByTestId('bulk-confirm'));
    expect(await within(dialog).findByText('Choose a team or a person.')).toBeTruthy();
    expect(transport.calls.filter((c) => c.name === 'board.bulk')).toEqual([]);
    await userEvent.click(within(dialog).getByRole('combobox'));
    await userEvent.click(await screen.findByRole('option', { name: 'Li Si (2 open)' }));
    await userEvent.click(within(dialog).getByTestId('bulk-confirm'));
    await waitFor(() =>
      expect(transport.calls.find((c) => c.name === 'board.bulk')?.input).toEqual({ ticketIds: ['t1', 't2', 't3'], action: { kind: 'assign', teamId: 'l2', assigneeId: 'p1' } }),
    );
    expect(await screen.findByText('2 tickets changed. 1 ticket was left as it was: T-000002 (not open)')).toBeTruthy();
    expect(cleared()).toBe(1);
    await userEvent.click(screen.getByTestId('bulk-undo'));
    await waitFor(() => expect(transport.calls.find((c) => c.name === 'board.undo')?.input).toEqual({ kind: 'assign', changes: [change('t1'), change('t3')] }));
    expect(await screen.findByText('2 changes undone.')).toBeTruthy();
  });

  it('escalates with "e" in Chinese and refuses a whitespace reason', async () => {
    const { transport } = setup('zh-CN');
    expect(screen.getByTestId('bulk-count').textContent).toBe('已选择 3 张工单');
    await userEvent.keyboard('e');
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('升级 3 张工单')).toBeTruthy();
    await userEvent.click(within(within(dialog).getByTestId('bulk-escalate-to')).getByRole('combobox'));
    await userEvent.click(await screen.findByRole('option', { name: '二线技术支持 L2' }));
    await userEvent.type(within(dialog).getByTestId('bulk-reason'), '   ');
    await userEvent.click(within(dialog).getByTestId('bulk-confirm'));
    expect(await within(dialog).findByText('请填写原因：接收人需要知道为什么。')).toBeTruthy();
    expect(transport.calls.filter((c) => c.name === 'board.bulk')).toEqual([]);
    await userEvent.type(within(dialog).getByTestId('bulk-reason'), '远程分析');
    await userEvent.click(within(dialog).getByTestId('bulk-confirm'));
    await waitFor(() =>
      expect(transport.calls.find((c) => c.name === 'board.bulk')?.input).toMatchObject({ action: { kind: 'escalate', axis: 'functional', to: 'L2', reason: '远程分析' } }),
    );
    expect(await screen.findByText('已更改 2 张工单。 1 张工单未更改：T-000002（工单未处于打开状态）')).toBeTruthy();
  });
});
