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
import { todayIn } from '../components/savePolicy';
import { aCalendarPolicy, anSlaPolicy } from '../testing/builders';

const transportWith = (handlers: ConstructorParameters<typeof FakeTransport>[0] = {}) =>
  new FakeTransport(handlers, {
    'sync.status': localOnlyStatus,
    'session.current': signedIn(aUser({ roles: ['admin'] })),
    // One list for both kinds: the page picks each kind out of it.
    'admin.policies': [anSlaPolicy(), anSlaPolicy({ id: 'sla-0', name: 'Old SLA', active: false, createdAt: '2026-01-01T00:00:00.000Z' }), aCalendarPolicy()],
  });

const field = (id: string) => screen.getByTestId(id);

describe('SlaPage', () => {
  it('previews the due times of a sample ticket under the edited targets, live', async () => {
    const user = userEvent.setup();
    renderApp('/admin/sla', { transport: transportWith() });
    // Friday 17:30 in Shanghai. A major ticket's hour is business time: 30 minutes on Friday,
    // 30 on Monday morning (the weekend is not worked).
    expect((await screen.findByTestId('preview-due-firstResponse', {}, pageLoad)).textContent).toBe('2026-10-12 09:30');
    await user.clear(field('sla-general-major-firstResponseMinutes'));
    await user.type(field('sla-general-major-firstResponseMinutes'), '20');
    expect(field('preview-due-firstResponse').textContent).toBe('2026-10-09 17:50');
    // A critical ticket's 15 minutes run around the clock; its restore has 4 hours.
    await user.click(screen.getByRole('combobox', { name: 'Severity' }));
    await user.click(await screen.findByRole('option', { name: 'Critical' }));
    expect(field('preview-due-firstResponse').textContent).toBe('2026-10-09 17:45');
    expect(field('preview-due-restore').textContent).toBe('2026-10-09 21:30');
  });

  it('shows the field messages of bad targets in both languages and sends nothing', async () => {
    for (const [locale, order, minutes, name] of [
      ['en', 'Restore cannot be due before the first response.', 'Enter minutes (a number), or leave empty for no target.', 'Enter a name.'],
      ['zh-CN', '恢复截止不能早于首次响应。', '请输入分钟数，或留空表示无目标。', '请输入名称。'],
    ] as const) {
      const user = userEvent.setup();
      const transport = transportWith();
      const view = renderApp('/admin/sla', { transport, locale });
      await user.clear(await screen.findByTestId('sla-general-major-restoreMinutes', {}, pageLoad));
      await user.type(field('sla-general-major-restoreMinutes'), '30');
      await user.clear(field('sla-key-minor-fixMinutes'));
      await user.type(field('sla-key-minor-fixMinutes'), '2 days');
      await user.clear(field('sla-name'));
      await user.click(field('sla-submit'));
      expect(await screen.findByText(order)).toBeTruthy();
      expect(screen.getAllByText(minutes).length).toBeGreaterThan(0);
      expect(screen.getByText(name)).toBeTruthy();
      expect(transport.calls).toEqual([]);
      view.unmount();
    }
  });

  it('saves the edited targets as a new version replacing the one in force', async () => {
    const user = userEvent.setup();
    const transport = transportWith({ 'admin.policies.save': () => ok({ id: 'sla-2', scheduledFrom: null }) });
    renderApp('/admin/sla', { transport });
    await user.clear(await screen.findByTestId('sla-key-critical-firstResponseMinutes', {}, pageLoad));
    await user.type(field('sla-key-critical-firstResponseMinutes'), '5');
    await user.click(field('sla-submit'));
    expect(await screen.findByText('New version saved')).toBeTruthy();
    const input = transport.calls[0]!.input as { replaces: string; effectiveFrom: string; draft: { sla: { targets: { severity: string; tier: string; firstResponseMinutes: number }[] } } };
    expect([transport.calls[0]!.name, input.replaces, input.effectiveFrom]).toEqual(['admin.policies.save', 'sla-1', todayIn()]);
    expect(input.draft.sla.targets.find((x) => x.severity === 'critical' && x.tier === 'key')!.firstResponseMinutes).toBe(5);
    expect(input.draft.sla.targets).toHaveLength(6);
  });

  it('asks to confirm re-evaluating running tickets for a past effective date, then sends the confirmation', async () => {
    const user = userEvent.setup();
    let n = 0;
    const transport = transportWith({
      'admin.policies.save': () =>
        ++n === 1 ? fail('VALIDATION_FAILED', '3 running tickets', [{ path: 'confirmReevaluation', code: 'server', message: '3 running tickets' }]) : ok({ id: 'sla-2', scheduledFrom: null }),
    });
    renderApp('/admin/sla', { transport, locale: 'zh-CN' });
    await user.clear(await screen.findByTestId('sla-effective', {}, pageLoad));
    await user.type(field('sla-effective'), '2026-01-05');
    expect(await screen.findByTestId('sla-retroactive')).toBeTruthy();
    await user.click(field('sla-submit'));
    const ask = await screen.findByTestId('sla-confirm');
    expect(within(ask).getByText('进行中的工单将自生效日期起按此版本重新计算，挂起时间保留。是否继续？')).toBeTruthy();
    await user.click(within(ask).getByTestId('sla-confirm-yes'));
    expect(await screen.findByText('已保存新版本')).toBeTruthy();
    expect(transport.calls.map((c) => (c.input as { confirmReevaluation?: boolean }).confirmReevaluation)).toEqual([undefined, true]);
  });

  it('lists the versions and rolls back to a superseded one', async () => {
    const user = userEvent.setup();
    const transport = transportWith({ 'admin.policies.rollback': () => ok({ id: 'sla-0' }) });
    renderApp('/admin/sla', { transport });
    const rows = await screen.findAllByTestId('policy-version', {}, pageLoad);
    expect(rows.map((r) => within(r).queryByText('In force') !== null)).toEqual([true, false]);
    await user.click(within(rows[1]!).getByTestId('policy-rollback'));
    expect(transport.calls[0]).toEqual({ name: 'admin.policies.rollback', input: { id: 'sla-0', change: {} } });
  });

  it('schedules a version for a later day: says so before saving, after saving, and in the versions with a cancel, in Chinese', async () => {
    const user = userEvent.setup();
    const transport = transportWith({
      'admin.policies.save': (input) => ok({ id: 'sla-9', scheduledFrom: input.effectiveFrom }),
      'admin.policies.cancelSchedule': ({ id }) => ok({ id }),
    });
    transport.emit('admin.policies', [anSlaPolicy(), anSlaPolicy({ id: 'sla-9', name: 'From 2099', active: false }), aCalendarPolicy()]);
    transport.emit('admin.policies.scheduled', [{ policyId: 'sla-9', kind: 'sla', effectiveFrom: '2099-01-01', zone: 'Asia/Shanghai', activateAt: '2098-12-31T16:00:00.000Z', replaces: 'sla-1', scheduledBy: 'root' }]);
    renderApp('/admin/sla', { transport, locale: 'zh-CN' });
    const rows = await screen.findAllByTestId('policy-version', {}, pageLoad);
    expect(within(rows[1]!).getByTestId('policy-scheduled').textContent).toBe('2099-01-01 起生效');
    expect(within(rows[1]!).queryByTestId('policy-rollback')).toBeNull();

    await user.clear(field('sla-effective'));
    await user.type(field('sla-effective'), '2099-01-01');
    expect((await screen.findByTestId('sla-scheduled')).textContent).toBe('此版本将于 2099-01-01 当天开始时生效，在此之前仍沿用当前生效的版本。');
    expect(screen.queryByTestId('sla-retroactive')).toBeNull();
    await user.click(field('sla-submit'));
    expect(await screen.findByText('版本已保存：自 2099-01-01 起生效')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: '取消定于 2099-01-01 生效的版本' }));
    expect(await screen.findByText('已取消待生效的版本：它仍列在此处，但不会生效')).toBeTruthy();
    expect(transport.calls.map((c) => c.name)).toEqual(['admin.policies.save', 'admin.policies.cancelSchedule']);
    expect(transport.calls[1]!.input).toEqual({ id: 'sla-9' });
  });
});
