// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { RoundSummary } from '../../../../../shared/api/maintenance';
import { fail, ok, type Result } from '../../../../../shared/api/result';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { AssignButton, AssignDialog } from './AssignDialog';
import { assignees, wang, zhangRound } from './calendar-fixtures';

// main refuses a person who is not a technician of the round's team (moved meanwhile, say).
const outsideTeam = () =>
  fail('VALIDATION_FAILED', 'The person is not a technician of the round’s team', [{ path: 'assigneeId', code: 'round_assignee_not_in_team', message: 'errors.round_assignee_not_in_team' }]);
const transport = (assign: () => Result<RoundSummary>) =>
  new FakeTransport(
    { 'maintenance.assignRound': assign },
    { 'sync.status': localOnlyStatus, 'session.current': { user: null, serverUrl: null }, 'maintenance.assignees': assignees },
  );

describe('AssignDialog', () => {
  it('offers the whole team and its technicians, and assigns the one picked (English)', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const t = transport(() => ok({ ...zhangRound, assigneeId: wang.id }));
    renderWithApp(<AssignDialog round={zhangRound} lang="en" onClose={onClose} />, { transport: t });
    expect(await screen.findByRole('radio', { name: 'The whole team (East field)' })).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'Tech Zhang' }) as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('radio', { name: 'Tech Wang' }));
    await user.click(screen.getByTestId('assign-save'));
    expect(t.calls.at(-1)).toEqual({ name: 'maintenance.assignRound', input: { roundId: zhangRound.id, assigneeId: wang.id } });
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it('says why a person outside the round’s team is refused, and stays open (English)', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderWithApp(<AssignDialog round={zhangRound} lang="en" onClose={onClose} />, { transport: transport(outsideTeam) });
    await user.click(await screen.findByRole('radio', { name: 'Tech Wang' }));
    await user.click(screen.getByTestId('assign-save'));
    expect((await screen.findByTestId('assign-error')).textContent).toBe('This person is not a technician of the round’s team.');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('says it in Chinese too, with the Chinese team name (zh-CN)', async () => {
    const user = userEvent.setup();
    renderWithApp(<AssignDialog round={zhangRound} lang="zh-CN" onClose={() => undefined} />, { transport: transport(outsideTeam), locale: 'zh-CN' });
    expect(await screen.findByRole('radio', { name: '整个班组（华东现场组）' })).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: '张工' }));
    await user.click(screen.getByRole('button', { name: '分配' }));
    expect((await screen.findByTestId('assign-error')).textContent).toBe('此人不是本次巡检所属班组的技术员。');
  });

  it('the round page’s button shows only to those who may assign', async () => {
    const { unmount } = renderWithApp(<AssignButton round={zhangRound} lang="en" />, { transport: transport(outsideTeam) });
    expect(await screen.findByTestId('round-assign')).toBeTruthy();
    unmount();
    const t = transport(outsideTeam);
    t.emit('maintenance.assignees', { ...assignees, can: { assign: false } });
    renderWithApp(
      <>
        <AssignButton round={zhangRound} lang="en" />
        <AssignDialog round={zhangRound} lang="en" onClose={() => undefined} />
      </>,
      { transport: t },
    );
    // Once the answer is in (the dialog lists the team), the button is not there.
    expect(await screen.findByRole('radio', { name: 'Tech Wang' })).toBeTruthy();
    expect(screen.queryByTestId('round-assign')).toBeNull();
    expect((screen.getByTestId('assign-save') as HTMLButtonElement).disabled).toBe(true);
  });
});
