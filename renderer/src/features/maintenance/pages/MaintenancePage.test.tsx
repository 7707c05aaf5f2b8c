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
      'maintenance.compliance': { byTeam: figures, byCustomer: [], byMonth: [] },
      'maintenance.planOptions': { teams: [], sites: [], assets: [], templates: [] },
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
    await user.click(screen.getByTestId('new-template'));
    expect(screen.getByTestId('template-editor')).toBeTruthy();
  });
  it('a technician sees their rounds without the managers’ tools (zh-CN)', async () => {
    renderApp('/maintenance', { transport: transportFor(false), locale: 'zh-CN' });
    expect(await screen.findByRole('heading', { name: '巡检维护', level: 1 }, pageLoad)).toBeTruthy();
    expect(screen.getByRole('heading', { name: '今天' })).toBeTruthy();
    expect(screen.queryByTestId('new-template')).toBeNull();
    expect(screen.queryByTestId('new-plan')).toBeNull();
  });
});
