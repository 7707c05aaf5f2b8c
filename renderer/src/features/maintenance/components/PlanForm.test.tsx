// @vitest-environment jsdom
import '../../../testing/setup';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { PlanOptions } from '../../../../../shared/api/maintenance';
import { fail, ok } from '../../../../../shared/api/result';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { PlanForm } from './PlanForm';
import { plan } from './test-fixtures';

const options: PlanOptions = {
  teams: [
    { id: 'team1', name: 'East field' },
    { id: 'team2', name: 'West field' },
  ],
  staff: [
    { id: 'u1', name: 'Tech Zhang', teamId: 'team1' },
    { id: 'u2', name: 'Tech West', teamId: 'team2' },
  ],
  models: [
    { customerId: 'c1', model: 'MA5800' },
    { customerId: 'c1', model: 'OSN-9800' },
  ],
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
      scope: 'assets',
      model: '',
      assetIds: ['a1', 'a2'],
      frequency: { every: 1, unit: 'month' },
      startDate: '2026-03-10',
      windowDays: null,
      workWindow: null,
      assigneeId: null,
    });
  });

  it('plans every MA5800 of a customer every 500 running hours, weekdays 08:00-12:00, for a technician of the team (English)', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'maintenance.savePlan': () => ok(plan) }, values);
    const onDone = vi.fn();
    renderWithApp(<PlanForm lang="en" onDone={onDone} />, { transport });
    await user.type(screen.getByTestId('plan-name'), 'MA5800 by hours');
    await pick(user, 'Checklist template', 'OLT monthly check · Version 2');
    await pick(user, 'Team', 'East field');
    // Only the chosen team's technicians are offered.
    await user.click(screen.getByRole('combobox', { name: 'Rounds assigned to' }));
    expect(within(screen.getByRole('listbox')).queryByText('Tech West')).toBeNull();
    await user.click(within(screen.getByRole('listbox')).getByText('Tech Zhang'));
    await pick(user, 'Covers', 'Every asset of a model at a customer');
    await pick(user, 'Customer', 'Zhejiang Mobile');
    await pick(user, 'Asset model', 'MA5800');
    await user.clear(screen.getByTestId('plan-every'));
    await user.type(screen.getByTestId('plan-every'), '500');
    await pick(user, 'Unit', 'running hours');
    expect(screen.getByText(/running-hours meter has counted/)).toBeTruthy();
    await user.clear(screen.getByTestId('plan-start'));
    await user.type(screen.getByTestId('plan-start'), '2026-03-10');
    await user.click(screen.getByLabelText('Work only in a window'));
    fireEvent.change(screen.getByTestId('plan-window-from'), { target: { value: '08:00' } });
    fireEvent.change(screen.getByTestId('plan-window-to'), { target: { value: '12:00' } });
    await user.click(screen.getByTestId('plan-save'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(transport.calls[0]!.input).toEqual({
      name: 'MA5800 by hours',
      templateId: 't1',
      teamId: 'team1',
      customerId: 'c1',
      siteId: null,
      scope: 'model',
      model: 'MA5800',
      assetIds: [],
      frequency: { every: 500, unit: 'running_hours' },
      startDate: '2026-03-10',
      windowDays: null,
      workWindow: { weekdays: [1, 2, 3, 4, 5], from: '08:00', to: '12:00' },
      assigneeId: 'u1',
    });
  });

  const local = {
    plan_without_model: { en: 'Choose the asset model the plan covers.', 'zh-CN': '请选择计划覆盖的资产型号。' },
    window_no_days: { en: 'Allow at least one weekday in the maintenance window.', 'zh-CN': '维护时间窗至少要允许一个工作日。' },
    window_end_before_start: { en: 'The window must end after it starts.', 'zh-CN': '时间窗的结束时间必须晚于开始时间。' },
  } as const;
  for (const locale of ['en', 'zh-CN'] as const) {
    it(`refuses a model plan without a model and a window with no day or ending before it starts, before saving (${locale})`, async () => {
      const user = userEvent.setup();
      const transport = new FakeTransport({ 'maintenance.savePlan': () => ok(plan) }, values);
      renderWithApp(<PlanForm lang={locale} onDone={() => undefined} />, { transport, locale });
      const en = locale === 'en';
      await pick(user, en ? 'Covers' : '范围', en ? 'Every asset of a model at a customer' : '客户处某型号的所有资产');
      await user.click(screen.getByTestId('plan-save'));
      expect((await screen.findByTestId('plan-error')).textContent).toBe(local.plan_without_model[locale]);
      await pick(user, en ? 'Customer' : '客户', 'Zhejiang Mobile');
      await pick(user, en ? 'Asset model' : '资产型号', 'MA5800');
      await user.click(screen.getByLabelText(en ? 'Work only in a window' : '仅在时间窗内作业'));
      for (const d of [1, 2, 3, 4, 5]) await user.click(screen.getByTestId(`plan-weekday-${d}`));
      await user.click(screen.getByTestId('plan-save'));
      await waitFor(() => expect(screen.getByTestId('plan-error').textContent).toBe(local.window_no_days[locale]));
      await user.click(screen.getByTestId('plan-weekday-6'));
      fireEvent.change(screen.getByTestId('plan-window-from'), { target: { value: '18:00' } });
      await user.click(screen.getByTestId('plan-save'));
      await waitFor(() => expect(screen.getByTestId('plan-error').textContent).toBe(local.window_end_before_start[locale]));
      expect(transport.calls).toEqual([]);
    });

    it(`shows main's refusals of a technician outside the team and a template without a meter (${locale})`, async () => {
      const user = userEvent.setup();
      let code = 'assignee_not_in_team';
      const transport = new FakeTransport({ 'maintenance.savePlan': () => fail('VALIDATION_FAILED', 'x', [{ path: 'assigneeId', code, message: `errors.${code}` }]) }, values);
      renderWithApp(<PlanForm lang={locale} onDone={() => undefined} />, { transport, locale });
      await pick(user, locale === 'en' ? 'Customer site' : '客户站点', 'Zhejiang Mobile · Hangzhou 机房 1');
      await user.click(await screen.findByLabelText('OLT-0001 (MA5800)'));
      await user.click(screen.getByTestId('plan-save'));
      expect((await screen.findByTestId('plan-error')).textContent).toBe(locale === 'en' ? 'Choose an active technician or engineer of the plan’s team.' : '请选择计划所属班组中在职的技术员或工程师。');
      code = 'plan_template_without_meter';
      await user.click(screen.getByTestId('plan-save'));
      await waitFor(() => expect(screen.getByTestId('plan-error').textContent).toMatch(locale === 'en' ? /no running-hours meter/ : /没有运行小时表/));
    });
  }

  it('takes the refusal away as soon as the fields are right, before the next save (English)', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'maintenance.savePlan': () => ok(plan) }, values);
    renderWithApp(<PlanForm lang="en" onDone={() => undefined} />, { transport, locale: 'en' });
    await user.click(screen.getByTestId('plan-save'));
    expect((await screen.findByTestId('plan-error')).textContent).toBe('Choose at least one asset.');
    await pick(user, 'Customer site', 'Zhejiang Mobile · Hangzhou 机房 1');
    await user.click(await screen.findByLabelText('OLT-0001 (MA5800)'));
    await waitFor(() => expect(screen.queryByTestId('plan-error')).toBeNull());
    expect(transport.calls).toEqual([]);
  });

  it('shows a refusal in Chinese: a plan with no assets (zh-CN)', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'maintenance.savePlan': () => fail('VALIDATION_FAILED', 'x', [{ path: 'assetIds', code: 'plan_without_assets', message: 'errors.plan_without_assets' }]) }, values);
    renderWithApp(<PlanForm lang="zh-CN" onDone={() => undefined} />, { transport, locale: 'zh-CN' });
    await user.click(screen.getByTestId('plan-save'));
    expect((await screen.findByTestId('plan-error')).textContent).toBe('请至少选择一台资产。');
  });
});
