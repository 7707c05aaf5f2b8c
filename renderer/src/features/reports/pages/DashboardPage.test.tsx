// @vitest-environment jsdom
import '../../../testing/setup';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TeamLoad } from '../../../../../shared/api/queue';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';
import { answerReports, reportData } from '../testing';

const now = Date.now();
const data = reportData(now);
const people = [
  { id: 'p-zhang', label: 'Zhang San', labelZh: '张三' },
  { id: 'p-li', label: 'Li Si' },
];
const load: TeamLoad = {
  teamId: 'T1',
  rows: [
    { assigneeId: 'p-zhang', open: 6, critical: 2, dueToday: 3 },
    { assigneeId: '', open: 4, critical: 0, dueToday: 1 },
    { assigneeId: 'p-li', open: 2, critical: 0, dueToday: 0 },
  ],
};

const transportWith = (teamLoad: TeamLoad = load) =>
  new FakeTransport(
    { 'reports.run': answerReports(data, now) },
    {
      'session.current': { user: null, serverUrl: null },
      'queue.teamLoad': teamLoad,
      'queue.filterOptions': { teams: [], people, customers: [], productLines: [], regions: [] },
      'customers.directory': { rows: [], total: 0, myOverdue: [] },
    },
  );

describe('DashboardPage', () => {
  it("shows what is due today and the team's load per person, each tile opening its queue", async () => {
    const transport = transportWith();
    renderApp('/dashboard', { transport });
    const due = await screen.findByTestId('tile-due-today', {}, pageLoad);
    await waitFor(() => expect(within(due).getByText('4')).toBeTruthy(), pageLoad);
    expect(due.querySelector('a')?.getAttribute('href')).toBe('/queue/breaching');
    const team = screen.getByTestId('tile-team-load');
    expect(team.querySelector('a')?.getAttribute('href')).toBe('/queue/team');
    expect(within(team).getAllByTestId('team-load-row').map((r) => r.textContent)).toEqual(['Zhang San6 open', 'Unassigned4 open', 'Li Si2 open']);
    act(() => transport.emit('queue.teamLoad', { teamId: 'T1', rows: [] }));
    expect(await within(team).findByText('No open tickets in your team.')).toBeTruthy();
    // The tickets behind the backlog's figures and the others come from the reports.
    expect(screen.getByTestId('tile-open')).toBeTruthy();
  });

  it('in Chinese, with the Chinese names where people have them', async () => {
    renderApp('/dashboard', { transport: transportWith(), locale: 'zh-CN' });
    const team = await screen.findByTestId('tile-team-load', {}, pageLoad);
    await waitFor(() => expect(within(team).getAllByTestId('team-load-row').map((r) => r.textContent)).toEqual(['张三6 张未结', '未分派4 张未结', 'Li Si2 张未结']), pageLoad);
    expect(within(screen.getByTestId('tile-due-today')).getByText('今日到期（本团队）')).toBeTruthy();
  });

  it('says so when the user belongs to no team', async () => {
    renderApp('/dashboard', { transport: transportWith({ teamId: null, rows: [] }) });
    const team = await screen.findByTestId('tile-team-load', {}, pageLoad);
    expect(await within(team).findByText('You belong to no team.', {}, pageLoad)).toBeTruthy();
  });
});
