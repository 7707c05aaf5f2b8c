// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { PlanOptions } from '../../../../../shared/api/maintenance';
import { fail, ok } from '../../../../../shared/api/result';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { PlanForm } from './PlanForm';
import { plan } from './test-fixtures';

const options: PlanOptions = {
  teams: [{ id: 'team1', name: 'East field' }],
  sites: [{ customerId: 'c1', customerName: 'Zhejiang Mobile', siteId: 's1', siteName: 'Hangzhou 机房 1' }],
  assets: [
    { id: 'a1', assetCode: 'OLT-0001', model: 'MA5800', status: 'in_service' },
    { id: 'a2', assetCode: 'OLT-0002', model: 'MA5800', status: 'in_service' },
  ],
  templates: [{ id: 't1', name: { en: 'OLT monthly check', 'zh-CN': 'OLT 月度巡检' }, version: 2 }],
};
const values = { 'sync.status': localOnlyStatus, 'session.current': { user: null, serverUrl: null }, 'maintenance.planOptions': options };

const pick = async (user: ReturnType<typeof userEvent.setup>, label: string, option: string) => {
  await user.click(screen.getByRole('combobox', { name: label }));
  await user.click(within(screen.getByRole('listbox')).getByText(option));
};

describe('PlanForm', () => {
  it('plans two assets of a site monthly (English)', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'maintenance.savePlan': () => ok(plan) }, values);
    const onDone = vi.fn();
    renderWithApp(<PlanForm lang="en" onDone={onDone} />, { transport });
    await user.type(screen.getByTestId('plan-name'), 'Hangzhou OLTs monthly');
    await pick(user, 'Checklist template', 'OLT monthly check · Version 2');
    await pick(user, 'Team', 'East field');
    await pick(user, 'Customer site', 'Zhejiang Mobile · Hangzhou 机房 1');
    await user.click(await screen.findByLabelText('OLT-0001 (MA5800)'));
    await user.click(screen.getByLabelText('OLT-0002 (MA5800)'));
    await user.clear(screen.getByTestId('plan-start'));
    await user.type(screen.getByTestId('plan-start'), '2026-03-10');
    await user.click(screen.getByTestId('plan-save'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(transport.calls[0]!.input).toEqual({
      name: 'Hangzhou OLTs monthly',
      templateId: 't1',
      teamId: 'team1',
      customerId: 'c1',
      siteId: 's1',
      assetIds: ['a1', 'a2'],
      frequency: { every: 1, unit: 'month' },
      startDate: '2026-03-10',
      windowDays: null,
      assigneeId: null,
    });
  });

  it('shows a refusal in Chinese: a plan with no assets (zh-CN)', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'maintenance.savePlan': () => fail('VALIDATION_FAILED', 'x', [{ path: 'assetIds', code: 'plan_without_assets', message: 'errors.plan_without_assets' }]) }, values);
    renderWithApp(<PlanForm lang="zh-CN" onDone={() => undefined} />, { transport, locale: 'zh-CN' });
    await user.click(screen.getByTestId('plan-save'));
    expect((await screen.findByTestId('plan-error')).textContent).toBe('请至少选择一台资产。');
  });
});
