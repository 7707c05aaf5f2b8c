// @vitest-environment jsdom
import '../../../../testing/setup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../../../shared/api/result';
import type { AssigneeOption } from '../../../../../../shared/api/ticketWork';
import { FakeTransport, localOnlyStatus } from '../../../../testing/fake-transport';
import { renderWithApp } from '../../../../testing/render';
import { AssignDialog } from './AssignDialog';
import { aWorkDetail } from './builders';
import { EditDialog } from './EditDialog';
import { AcknowledgeDialog, EscalateDialog } from './EscalateDialog';
import { ReopenDialog, ResolveDialog, StatusDialog } from './StatusDialogs';

type User = ReturnType<typeof userEvent.setup>;
const change = { ticketId: 'ticket-1', before: {}, after: {}, eventIds: ['e'] };
const noop = () => undefined;

const choose = async (user: User, testId: string, option: string) => {
  await user.click(screen.getByTestId(testId));
  await user.click(within(await screen.findByRole('listbox')).getByRole('option', { name: option }));
  await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());
};

const options: AssigneeOption[] = [
  { kind: 'team', id: 'team-2', name: 'East L2 support', nameZh: '华东二线', teamId: 'team-2', level: 'L2', openTickets: 12 },
  { kind: 'person', id: 'user-4', name: 'Li Si', nameZh: '李四', teamId: 'team-2', level: 'L2', openTickets: 1 },
];
const withAssignees = (handlers: ConstructorParameters<typeof FakeTransport>[0] = {}) =>
  new FakeTransport(handlers, { 'sync.status': localOnlyStatus, 'session.current': { user: null, serverUrl: null }, 'ticketWork.assignees': options });

describe('status dialog', () => {
  it('asks what a pending ticket waits for, in English, then sends the reason', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'ticketWork.transition': () => ok(change) });
    renderWithApp(<StatusDialog ticket={aWorkDetail()} open onClose={noop} />, { transport });
    await user.click(screen.getByTestId('status-dialog-submit'));
    expect(await screen.findByText('Choose the new status.')).toBeTruthy();
    await choose(user, 'status-to', 'Pending');
    await user.click(screen.getByTestId('status-dialog-submit'));
    expect(await screen.findByText('Choose what the ticket is waiting for.')).toBeTruthy();
    expect(transport.calls).toEqual([]);
    await choose(user, 'status-pending-reason', 'Waiting for parts');
    await user.click(screen.getByTestId('status-dialog-submit'));
    await waitFor(() => expect(transport.calls).toEqual([{ name: 'ticketWork.transition', input: { ticketId: 'ticket-1', to: 'pending', pendingReason: 'parts', reason: '' } }]));
  });

  it('says the same in Chinese and shows the core’s refusal precisely', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({
      'ticketWork.transition': () => fail('CONFLICT', 'no', [{ path: 'to', code: 'invalid_transition', message: 'status pending cannot change' }]),
    });
    renderWithApp(<StatusDialog ticket={aWorkDetail()} open onClose={noop} />, { transport, locale: 'zh-CN' });
    await choose(user, 'status-to', '挂起');
    await user.click(screen.getByTestId('status-dialog-submit'));
    expect(await screen.findByText('请选择挂起原因。')).toBeTruthy();
    await choose(user, 'status-pending-reason', '等待客户');
    await user.click(screen.getByTestId('status-dialog-submit'));
    expect((await screen.findByTestId('status-dialog-error')).textContent).toBe('工单不能从当前状态改为该状态。');
  });
});

describe('resolve and reopen dialogs', () => {
  it('requires outcome, cause and what was done, in Chinese', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'ticketWork.resolve': () => ok(change) });
    renderWithApp(<ResolveDialog ticket={aWorkDetail()} open onClose={noop} />, { transport, locale: 'zh-CN' });
    await user.type(screen.getByTestId('resolve-summary'), '   ');
    await user.click(screen.getByTestId('resolve-dialog-submit'));
    expect(await screen.findByText('请选择是恢复业务还是已修复根因。')).toBeTruthy();
    expect(screen.getByText('请选择根因类别。')).toBeTruthy();
    expect(screen.getByText('请描述处理经过。')).toBeTruthy();
    expect(transport.calls).toEqual([]);
    await choose(user, 'resolve-outcome', '已修复根因');
    await choose(user, 'resolve-cause', '硬件');
    await user.type(screen.getByTestId('resolve-summary'), '更换了板卡');
    await user.click(screen.getByTestId('resolve-dialog-submit'));
    await waitFor(() =>
      expect(transport.calls).toEqual([{ name: 'ticketWork.resolve', input: { ticketId: 'ticket-1', outcome: 'fixed', cause: 'hardware', summary: '更换了板卡' } }]),
    );
  });

  it('requires a reopen reason in English and explains an expired window', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({
      'ticketWork.reopen': () => fail('CONFLICT', 'late', [{ path: 'to', code: 'reopen_window_expired', message: 'late' }]),
    });
    const resolved = aWorkDetail({ status: 'resolved', transitions: ['closed', 'in_progress'], reopenUntil: '2026-03-16T01:00:00.000Z' });
    renderWithApp(<ReopenDialog ticket={resolved} open onClose={noop} />, { transport });
    await user.type(screen.getByTestId('reopen-reason'), ' \n ');
    await user.click(screen.getByTestId('reopen-dialog-submit'));
    expect(await screen.findByText('Say why the ticket is reopened.')).toBeTruthy();
    expect(transport.calls).toEqual([]);
    await user.type(screen.getByTestId('reopen-reason'), 'Alarm is back');
    await user.click(screen.getByTestId('reopen-dialog-submit'));
    expect((await screen.findByTestId('reopen-dialog-error')).textContent).toBe('The reopen window has passed. Record a new ticket instead.');
  });
});

describe('assign dialog', () => {
  it('lists teams and people with their open tickets and assigns a person with their team', async () => {
    const user = userEvent.setup();
    let closed = false;
    const transport = withAssignees({ 'ticketWork.assign': () => ok(change) });
    renderWithApp(<AssignDialog ticket={aWorkDetail()} open onClose={() => (closed = true)} />, { transport, locale: 'zh-CN' });
    const person = await screen.findByTestId('assignee-user-4');
    expect(person.textContent).toBe('李四1 张未结工单');
    expect(screen.getByTestId('assignee-team-2').textContent).toBe('华东二线12 张未结工单');
    await user.click(person);
    await waitFor(() => expect(transport.calls).toEqual([{ name: 'ticketWork.assign', input: { ticketId: 'ticket-1', teamId: 'team-2', assigneeId: 'user-4' } }]));
    await waitFor(() => expect(closed).toBe(true));
  });

  it('shows a refusal in English and stays open', async () => {
    const user = userEvent.setup();
    const transport = withAssignees({ 'ticketWork.assign': () => fail('FORBIDDEN', 'no', [{ path: 'teamId', code: 'role_forbidden', message: 'no' }]) });
    renderWithApp(<AssignDialog ticket={aWorkDetail()} open onClose={noop} />, { transport });
    await user.click(await screen.findByTestId('assignee-team-2'));
    expect((await screen.findByTestId('assign-dialog-error')).textContent).toBe('Your role is not allowed to make this change.');
    expect(screen.getByTestId('assign-dialog')).toBeTruthy();
  });
});

describe('escalate and acknowledge dialogs', () => {
  it('requires a target level and a reason, in English and Chinese, then escalates to the chosen receiver', async () => {
    const user = userEvent.setup();
    const transport = withAssignees({ 'ticketWork.escalate': () => ok(change) });
    const view = renderWithApp(<EscalateDialog ticket={aWorkDetail()} open onClose={noop} />, { transport });
    await user.type(screen.getByTestId('escalate-reason'), '   ');
    await user.click(screen.getByTestId('escalate-dialog-submit'));
    expect(await screen.findByText('Choose the target level.')).toBeTruthy();
    expect(screen.getByText('Say why the ticket is escalated.')).toBeTruthy();
    view.unmount();

    renderWithApp(<EscalateDialog ticket={aWorkDetail()} open onClose={noop} />, { transport, locale: 'zh-CN' });
    await user.click(screen.getByTestId('escalate-dialog-submit'));
    expect(await screen.findByText('请说明升级原因。')).toBeTruthy();
    await choose(user, 'escalate-to', '二线技术支持 L2');
    await user.click(await screen.findByTestId('assignee-team-2'));
    expect(screen.getByTestId('escalate-receiver').textContent).toBe('华东二线');
    await user.type(screen.getByTestId('escalate-reason'), '需要远程分析');
    await user.click(screen.getByTestId('escalate-dialog-submit'));
    await waitFor(() =>
      expect(transport.calls).toEqual([
        { name: 'ticketWork.escalate', input: { ticketId: 'ticket-1', axis: 'functional', to: 'L2', reason: '需要远程分析', teamId: 'team-2' } },
      ]),
    );
  });

  it('acknowledges the escalation it was opened for, and explains when it was already done', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'ticketWork.acknowledge': () => fail('CONFLICT', 'done', [{ path: 'escalationEventId', code: 'not_open', message: 'done' }]) });
    const notice = { eventId: 'esc-1', axis: 'functional' as const, fromLevel: 'L1', toLevel: 'L2', reason: 'needs analysis', at: '2026-03-02T02:00:00.000Z', toPersonId: null, toTeamId: 'team-1', forMe: true };
    renderWithApp(<AcknowledgeDialog ticket={aWorkDetail()} notice={notice} onClose={noop} />, { transport });
    expect(screen.getByText('Escalated to L2 technical support: needs analysis')).toBeTruthy();
    await user.type(screen.getByTestId('acknowledge-note'), 'Taking it');
    await user.click(screen.getByTestId('acknowledge-dialog-submit'));
    await waitFor(() => expect(transport.calls).toEqual([{ name: 'ticketWork.acknowledge', input: { ticketId: 'ticket-1', escalationEventId: 'esc-1', body: 'Taking it' } }]));
    expect((await screen.findByTestId('acknowledge-dialog-error')).textContent).toBe('This escalation was already acknowledged.');
  });
});

describe('edit dialog', () => {
  it('shows fields the role may not change as read-only with the reason, and saves only what changed', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'ticketWork.edit': () => ok(change) });
    renderWithApp(<EditDialog ticket={aWorkDetail()} open onClose={noop} />, { transport });
    const severity = screen.getByTestId('edit-severity');
    expect(severity.getAttribute('aria-disabled')).toBe('true');
    expect(screen.getAllByText('Your role cannot change this field').length).toBe(3);
    await user.clear(screen.getByTestId('edit-title'));
    await user.type(screen.getByTestId('edit-title'), 'ab');
    await user.click(screen.getByTestId('edit-dialog-submit'));
    expect(await screen.findByText('Enter a title of at least 3 characters.')).toBeTruthy();
    expect(transport.calls).toEqual([]);
    await user.type(screen.getByTestId('edit-title'), 'c ring down');
    await user.click(screen.getByTestId('edit-dialog-submit'));
    await waitFor(() => expect(transport.calls).toEqual([{ name: 'ticketWork.edit', input: { ticketId: 'ticket-1', changes: { title: 'abc ring down' } } }]));
  });

  it('asks an engineer why the severity changes, in Chinese', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'ticketWork.edit': () => ok(change) });
    const open = aWorkDetail({ fields: { ...aWorkDetail().fields, severity: { editable: true }, priority: { editable: true } } });
    renderWithApp(<EditDialog ticket={open} open onClose={noop} />, { transport, locale: 'zh-CN' });
    await choose(user, 'edit-severity', '严重');
    await user.click(screen.getByTestId('edit-dialog-submit'));
    expect(await screen.findByText('请说明更改严重级别的原因。')).toBeTruthy();
    expect(transport.calls).toEqual([]);
    await user.type(screen.getByTestId('edit-reason'), '全环中断');
    await user.click(screen.getByTestId('edit-dialog-submit'));
    await waitFor(() => expect(transport.calls).toEqual([{ name: 'ticketWork.edit', input: { ticketId: 'ticket-1', changes: { severity: 'critical' }, reason: '全环中断' } }]));
  });
});
