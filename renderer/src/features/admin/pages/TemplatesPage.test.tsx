// @vitest-environment jsdom
import '../../../testing/setup';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../../../shared/api/result';
import { aPolicy } from '../../../../../shared/domain/testing/builders';
import { aUser, signedIn } from '../../../testing/builders';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';

const transportWith = (handlers: ConstructorParameters<typeof FakeTransport>[0] = {}) =>
  new FakeTransport(handlers, {
    'sync.status': localOnlyStatus,
    'session.current': signedIn(aUser({ roles: ['admin'] })),
    'admin.policies': [aPolicy('assessmentTemplate', { id: 'tpl-1', name: 'Quarterly assessment' })],
  });

describe('TemplatesPage', () => {
  it('refuses weights that do not total 100 % in both languages and sends nothing', async () => {
    for (const [locale, total, refused] of [
      ['en', 'Total: 110 %', 'The weights must total 100 %.'],
      ['zh-CN', '合计：110%', '权重合计必须为 100%。'],
    ] as const) {
      const user = userEvent.setup();
      const transport = transportWith();
      const view = renderApp('/admin/templates', { transport, locale });
      const weight = await screen.findByTestId('template-criterion-0-weight', {}, pageLoad);
      await user.clear(weight);
      await user.type(weight, '35');
      expect(screen.getByTestId('template-total').textContent).toBe(total);
      await user.click(screen.getByTestId('template-submit'));
      expect((await screen.findByTestId('template-weights-error')).textContent).toBe(refused);
      expect(transport.calls).toEqual([]);
      await user.clear(weight);
      await user.type(weight, '25');
      expect(screen.queryByTestId('template-weights-error')).toBeNull();
      view.unmount();
    }
  });

  it('saves a new criterion with the weights rebalanced as a new version, in fractions', async () => {
    const user = userEvent.setup();
    const transport = transportWith({ 'admin.policies.save': () => ok({ id: 'tpl-2', scheduledFrom: null }) });
    renderApp('/admin/templates', { transport, locale: 'zh-CN' });
    await user.click(await screen.findByTestId('template-add-criterion', {}, pageLoad));
    await user.type(screen.getByTestId('template-criterion-4-en'), 'Safety');
    await user.type(screen.getByTestId('template-criterion-4-zh'), '安全');
    for (const [i, w] of [[0, '20'], [1, '20'], [2, '20'], [3, '20'], [4, '20']] as const) {
      await user.clear(screen.getByTestId(`template-criterion-${i}-weight`));
      await user.type(screen.getByTestId(`template-criterion-${i}-weight`), w);
    }
    await user.click(screen.getByTestId('template-submit'));
    expect(await screen.findByText('已保存新版本')).toBeTruthy();
    const input = transport.calls[0]!.input as { replaces: string; draft: { kind: string; assessmentTemplate: { criteria: { key: string; labelZh: string; weight: number }[]; rewardAtLeast: number; meetsAtLeast: number } } };
    expect([input.replaces, input.draft.kind]).toEqual(['tpl-1', 'assessmentTemplate']);
    expect(input.draft.assessmentTemplate.criteria.map((c) => [c.key, c.weight])).toEqual([
      ['businessSkill', 0.2],
      ['serviceAttitude', 0.2],
      ['workEfficiency', 0.2],
      ['customerSatisfaction', 0.2],
      ['criterion5', 0.2],
    ]);
    expect(input.draft.assessmentTemplate.criteria[4]!.labelZh).toBe('安全');
    expect([input.draft.assessmentTemplate.rewardAtLeast, input.draft.assessmentTemplate.meetsAtLeast]).toEqual([4.5, 2.5]);
  });

  it('refuses outcome bands out of order, in English', async () => {
    const user = userEvent.setup();
    const transport = transportWith();
    renderApp('/admin/templates', { transport });
    const reward = await screen.findByTestId('template-reward', {}, pageLoad);
    await user.clear(reward);
    await user.type(reward, '2');
    await user.click(screen.getByTestId('template-submit'));
    expect(await screen.findByText('Reward must start above “meets expectations”.')).toBeTruthy();
    expect(transport.calls).toEqual([]);
  });
});
