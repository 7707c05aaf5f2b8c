// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../../shared/api/result';
import { aUser, signedIn } from '../../../testing/builders';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';
import { aPerson, aTeam } from '../testing/builders';

const transportWith = (handlers: ConstructorParameters<typeof FakeTransport>[0] = {}) =>
  new FakeTransport(handlers, {
    'sync.status': localOnlyStatus,
    'session.current': signedIn(aUser({ roles: ['admin'] })),
    'admin.people': [aPerson({ id: 'p-boss', displayName: 'Bo Boss' })],
    'admin.teams': [aTeam({ managerId: 'p-boss', managerName: 'Bo Boss', members: 4 })],
  });

describe('TeamsPage', () => {
  it('lists teams with level, function, manager and members', async () => {
    renderApp('/admin/teams', { transport: transportWith(), locale: 'zh-CN' });
    const row = await screen.findByTestId('team-row', {}, pageLoad);
    expect(within(row).getByText('L1 一线')).toBeTruthy();
    expect(within(row).getByText('现场服务')).toBeTruthy();
    expect(within(row).getByText('Bo Boss')).toBeTruthy();
    expect(within(row).getByText('4')).toBeTruthy();
  });

  it('shows the field messages of an empty team in both languages and sends nothing', async () => {
    for (const [locale, name, region] of [
      ['en', 'Enter the team’s name.', 'Enter the region.'],
      ['zh-CN', '请输入团队名称。', '请输入区域。'],
    ] as const) {
      const user = userEvent.setup();
      const transport = transportWith();
      const view = renderApp('/admin/teams', { transport, locale });
      await user.click(await screen.findByTestId('team-add', {}, pageLoad));
      await user.click(screen.getByTestId('team-submit'));
      expect(await screen.findByText(name)).toBeTruthy();
      expect(screen.getByText(region)).toBeTruthy();
      expect(transport.calls).toEqual([]);
      view.unmount();
    }
  });

  it('creates a team with its level, function and manager', async () => {
    const user = userEvent.setup();
    const transport = transportWith({ 'admin.teams.create': () => ok({ id: 't-new' }) });
    renderApp('/admin/teams', { transport });
    await user.click(await screen.findByTestId('team-add', {}, pageLoad));
    await user.type(screen.getByTestId('team-name'), 'Support L2 South');
    await user.selectOptions(screen.getByTestId('team-level'), 'L2');
    await user.selectOptions(screen.getByTestId('team-function'), 'technical_support');
    await user.type(screen.getByTestId('team-region'), 'CN-South');
    await user.selectOptions(screen.getByTestId('team-manager'), 'p-boss');
    await user.click(screen.getByTestId('team-submit'));
    expect(await screen.findByText('Team Support L2 South created')).toBeTruthy();
    expect(transport.calls[0]).toEqual({
      name: 'admin.teams.create',
      input: {
        name: 'Support L2 South',
        level: 'L2',
        function: 'technical_support',
        region: 'CN-South',
        managerId: 'p-boss',
        leadId: null,
      },
    });
  });

  it('explains a refused retirement: the team still has open tickets', async () => {
    const user = userEvent.setup();
    const transport = transportWith({
      'admin.teams.update': () =>
        fail('VALIDATION_FAILED', 'The team still has 2 open tickets', [
          { path: 'active', code: 'server', message: 'The team still has 2 open tickets' },
        ]),
    });
    renderApp('/admin/teams', { transport, locale: 'zh-CN' });
    await user.click(await screen.findByTestId('team-toggle', {}, pageLoad));
    expect(
      await screen.findByText('该团队仍有未关闭的工单。请先将工单转给其他团队，再撤销该团队。'),
    ).toBeTruthy();
    expect(transport.calls[0]!.input).toEqual({ id: 't-east', change: { active: false } });
  });

  it('says how many open tickets keep a team from being retired, in both languages', async () => {
    for (const [locale, text] of [
      ['en', 'The team still has open tickets: 2. Move them to another team first, then retire it.'],
      ['zh-CN', '该团队仍有 2 张未关闭工单。请先将其转给其他团队，再撤销该团队。'],
    ] as const) {
      const user = userEvent.setup();
      const transport = transportWith({ 'admin.teams.update': () => fail('VALIDATION_FAILED', 'refused', [{ path: 'active', code: 'open_tickets', message: '2' }]) });
      const view = renderApp('/admin/teams', { transport, locale });
      await user.click(await screen.findByTestId('team-toggle', {}, pageLoad));
      expect((await screen.findByTestId('team-retire-refused')).textContent).toBe(text);
      view.unmount();
    }
  });
});
