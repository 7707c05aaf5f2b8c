// @vitest-environment jsdom
import '../../../testing/setup';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';
import { figures, home } from '../components/test-fixtures';

const transportFor = (manage: boolean) =>
  new FakeTransport(
    {},
    {
      'sync.status': localOnlyStatus,
      'session.current': { user: null, serverUrl: null },
      'maintenance.home': home(manage),
      'maintenance.compliance': {
        byTeam: figures,
        byCustomer: [],
        byMonth: [],
        repeatedFaults: manage ? [{ model: 'MA5800', itemKey: 'fan', readings: 3, sites: 2, ticketIds: ['t1', 't2', 't3'] }] : [],
      },
      'maintenance.planOptions': { teams: [], staff: [], models: [], sites: [], assets: [], templates: [] },
    },
  );

describe('MaintenancePage', () => {
  it('a manager sees rounds, plans, templates and compliance, and opens the template editor (English)', async () => {
    const user = userEvent.setup();
    renderApp('/maintenance', { transport: transportFor(true) });
    expect(await screen.findByRole('heading', { name: 'Maintenance', level: 1 }, pageLoad)).toBeTruthy();
    expect(screen.getByTestId('rounds-today').textContent).toContain('Hangzhou OLTs monthly');
    expect(screen.getByText('No more rounds this week.')).toBeTruthy();
    expect(screen.getByTestId('plan-table')).toBeTruthy();
    expect(screen.getByText('Version 1 · 2 items · MA5800')).toBeTruthy();
    expect(screen.getByTestId('compliance-team').textContent).toContain('75%');
    // A model failing one check at two sites is offered as a problem with its three fault tickets.
    expect(screen.getByTestId('repeated-fault').textContent).toContain('MA5800 · check “fan”3 fault readings at 2 sites · 3 fault tickets');
    expect(screen.getByTestId('repeated-fault-propose').getAttribute('href')).toBe('/problems/new?tickets=t1,t2,t3');
    await user.click(screen.getByTestId('new-template'));
    expect(screen.getByTestId('template-editor')).toBeTruthy();
  });
  it('a technician sees their rounds without the managers’ tools (zh-CN)', async () => {
    renderApp('/maintenance', { transport: transportFor(false), locale: 'zh-CN' });
    expect(await screen.findByRole('heading', { name: '巡检维护', level: 1 }, pageLoad)).toBeTruthy();
    expect(screen.getByRole('heading', { name: '今天' })).toBeTruthy();
    expect(screen.queryByTestId('new-template')).toBeNull();
    expect(screen.queryByTestId('new-plan')).toBeNull();
    expect(screen.queryByTestId('repeated-faults')).toBeNull();
  });
  it('says in Chinese which model failed the same check at several sites, and offers a problem', async () => {
    const transport = transportFor(true);
    renderApp('/maintenance', { transport, locale: 'zh-CN' });
    expect(await screen.findByRole('heading', { name: '重复故障' }, pageLoad)).toBeTruthy();
    expect(screen.getByTestId('repeated-fault').textContent).toBe('MA5800 · 检查项“fan”2 个站点共 3 次故障读数 · 3 张故障工单建立问题单');
  });
});
