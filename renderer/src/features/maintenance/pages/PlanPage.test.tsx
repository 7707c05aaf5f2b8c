// @vitest-environment jsdom
import '../../../testing/setup';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';
import { plan, summary } from '../components/test-fixtures';

const transport = () =>
  new FakeTransport({}, { 'sync.status': localOnlyStatus, 'session.current': { user: null, serverUrl: null }, 'maintenance.plan': { plan, rounds: [summary] } });

describe('PlanPage', () => {
  it('shows the plan’s frequency, window and rounds (English)', async () => {
    renderApp('/maintenance/plans/p1', { transport: transport() });
    expect(await screen.findByRole('heading', { name: 'Hangzhou OLTs monthly', level: 1 }, pageLoad)).toBeTruthy();
    expect(screen.getByTestId('plan-facts').textContent).toBe('Every month · 7 days either side · OLT monthly check · Assets: 2');
    expect(screen.getByTestId('plan-rounds').textContent).toContain('Due 2026-03-10');
  });
  it('in Chinese (zh-CN)', async () => {
    renderApp('/maintenance/plans/p1', { transport: transport(), locale: 'zh-CN' });
    expect(await screen.findByText('每月 · 前后 7 天 · OLT 月度巡检 · 资产: 2', {}, pageLoad)).toBeTruthy();
  });
});
