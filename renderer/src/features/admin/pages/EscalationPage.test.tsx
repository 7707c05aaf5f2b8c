// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { EscalationDryRunRow } from '../../../../../shared/api/admin';
import { ok } from '../../../../../shared/api/result';
import { aPolicy } from '../../../../../shared/domain/testing/builders';
import { aUser, signedIn } from '../../../testing/builders';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';
import { aPerson, aTeam } from '../testing/builders';

const transportWith = (handlers: ConstructorParameters<typeof FakeTransport>[0] = {}) =>
  new FakeTransport(handlers, {
    'sync.status': localOnlyStatus,
    'session.current': signedIn(aUser({ roles: ['admin'] })),
    'admin.policies': [aPolicy('escalation', { id: 'esc-1', name: 'Escalation matrix' })],
    'admin.teams': [aTeam({ leadName: 'Li Lead', managerName: 'Bo Boss' }), aTeam({ id: 't-l2', name: 'Support L2', level: 'L2', function: 'technical_support' })],
    'admin.people': [aPerson({ id: 'p-dir', displayName: 'Di Director', title: 'regional_director' })],
  });

const aRow = (over: Partial<EscalationDryRunRow> = {}): EscalationDryRunRow => ({
  ticketId: 't-1',
  number: 'CN-2026-000041',
  title: 'Board alarm',
  severity: 'critical',
  ruleId: 'response-breach',
  axis: 'hierarchical',
  fromLevel: 'assignee',
  toLevel: 'team_lead',
  clock: 'firstResponse',
  atPercent: 100,
  thresholdAt: '2026-03-07T02:15:00.000Z',
  receiver: 'Li Lead',
  ...over,
});

describe('EscalationPage', () => {
  it('shows the levels with their teams and people, and the rules in force, in Chinese', async () => {
    renderApp('/admin/escalation', { transport: transportWith(), locale: 'zh-CN' });
    const functional = await screen.findByTestId('escalation-levels-functional', {}, pageLoad);
    expect(within(functional).getByTestId('escalation-level-L2').textContent).toContain('Support L2');
    expect(within(functional).getByTestId('escalation-level-L3').textContent).toContain('暂无');
    const hierarchical = screen.getByTestId('escalation-levels-hierarchical');
    expect(within(hierarchical).getByTestId('escalation-level-team_lead').textContent).toContain('Li Lead');
    expect(within(hierarchical).getByTestId('escalation-level-regional_director').textContent).toContain('Di Director');
    expect(screen.getAllByTestId('escalation-rule')).toHaveLength(3);
    expect((screen.getByTestId('escalation-rule-1-clock') as HTMLSelectElement).value).toBe('restore');
    expect(screen.getByText('职能升级', { selector: 'h3' })).toBeTruthy();
  });

  it('runs the edited rules dry and lists the tickets they would escalate, without saving', async () => {
    const user = userEvent.setup();
    const transport = transportWith({ 'admin.escalation.dryRun': () => ok({ rows: [aRow()], total: 1 }) });
    renderApp('/admin/escalation', { transport });
    const percent = await screen.findByTestId('escalation-rule-0-percent', {}, pageLoad);
    await user.clear(percent);
    await user.type(percent, '80');
    await user.click(screen.getByTestId('escalation-dry-run-button'));
    const row = await screen.findByTestId('escalation-dry-run-row');
    expect(row.textContent).toContain('CN-2026-000041');
    expect(row.textContent).toContain('Hierarchical: Assignee → Team lead');
    expect(row.textContent).toContain('Li Lead');
    expect(screen.getByTestId('escalation-dry-run-count').textContent).toContain('Nothing has been changed');
    expect(transport.calls.map((c) => c.name)).toEqual(['admin.escalation.dryRun']);
    const sent = transport.calls[0]!.input as { rules: { id: string; atPercent: number }[] };
    expect(sent.rules.map((r) => [r.id, r.atPercent])).toEqual([
      ['response-breach', 80],
      ['critical-restore-breach', 100],
      ['any-double-breach', 200],
    ]);
  });

  it('saves a new rule as a new version, its level following the chosen axis', async () => {
    const user = userEvent.setup();
    const transport = transportWith({ 'admin.policies.save': () => ok({ id: 'esc-2', scheduledFrom: null }) });
    renderApp('/admin/escalation', { transport, locale: 'zh-CN' });
    await user.click(await screen.findByTestId('escalation-add-rule', {}, pageLoad));
    await user.selectOptions(screen.getByTestId('escalation-rule-3-clock'), 'fix');
    await user.click(screen.getByTestId('escalation-rule-3-severity-major'));
    await user.selectOptions(screen.getByTestId('escalation-rule-3-action-0-axis'), 'functional');
    expect((screen.getByTestId('escalation-rule-3-action-0-to') as HTMLSelectElement).value).toBe('next');
    await user.selectOptions(screen.getByTestId('escalation-rule-3-action-0-to'), 'L3');
    await user.click(screen.getByTestId('escalation-submit'));
    expect(await screen.findByText('已保存新版本')).toBeTruthy();
    const input = transport.calls[0]!.input as { replaces: string; draft: { kind: string; escalation: { rules: unknown[] } } };
    expect([input.replaces, input.draft.kind]).toEqual(['esc-1', 'escalation']);
    expect(input.draft.escalation.rules[3]).toEqual({ id: 'rule-4', clock: 'fix', atPercent: 100, severities: ['major'], actions: [{ axis: 'functional', to: 'L3' }] });
  });

  it('refuses a duplicate rule name and a bad percentage in both languages, sending nothing', async () => {
    for (const [locale, duplicate, percent] of [
      ['en', 'Another rule has this name.', 'Enter a whole percentage from 1 to 1000 (100 = the target is reached).'],
      ['zh-CN', '已有同名规则。', '请输入 1 到 1000 之间的整数百分比（100 = 达到目标时长）。'],
    ] as const) {
      const user = userEvent.setup();
      const transport = transportWith();
      const view = renderApp('/admin/escalation', { transport, locale });
      const id = await screen.findByTestId('escalation-rule-1-id', {}, pageLoad);
      await user.clear(id);
      await user.type(id, 'response-breach');
      await user.clear(screen.getByTestId('escalation-rule-2-percent'));
      await user.type(screen.getByTestId('escalation-rule-2-percent'), 'abc');
      await user.click(screen.getByTestId('escalation-submit'));
      expect(await screen.findByText(duplicate)).toBeTruthy();
      expect(screen.getByText(percent)).toBeTruthy();
      await user.click(screen.getByTestId('escalation-dry-run-button'));
      expect(transport.calls).toEqual([]);
      view.unmount();
    }
  });
});
