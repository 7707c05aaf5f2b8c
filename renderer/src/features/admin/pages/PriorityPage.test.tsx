// @vitest-environment jsdom
import '../../../testing/setup';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aPolicy } from '../../../../../shared/domain/testing/builders';
import { ok } from '../../../../../shared/api/result';
import { aUser, signedIn } from '../../../testing/builders';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';

const transportWith = (handlers: ConstructorParameters<typeof FakeTransport>[0] = {}) =>
  new FakeTransport(handlers, {
    'sync.status': localOnlyStatus,
    'session.current': signedIn(aUser({ roles: ['admin'] })),
    'admin.policies': [aPolicy('priority', { id: 'prio-1' })],
  });

describe('PriorityPage', () => {
  it('shows the matrix in Chinese and saves a changed cell as a new version', async () => {
    const user = userEvent.setup();
    const transport = transportWith({ 'admin.policies.save': () => ok({ id: 'prio-2', scheduledFrom: null }) });
    renderApp('/admin/priority', { transport, locale: 'zh-CN' });
    const cell = (await screen.findByTestId('priority-minor-key', {}, pageLoad)) as HTMLSelectElement;
    expect(cell.value).toBe('P2');
    expect(screen.getAllByText('P2 高').length).toBeGreaterThan(0);
    await user.selectOptions(cell, 'P3');
    await user.click(screen.getByTestId('priority-submit'));
    expect(await screen.findByText('已保存新版本')).toBeTruthy();
    const input = transport.calls[0]!.input as { replaces: string; draft: { priority: { matrix: { severity: string; tier: string; priority: string }[]; noFaultPriority: string } } };
    expect(input.replaces).toBe('prio-1');
    expect(input.draft.priority.matrix).toHaveLength(6);
    expect(input.draft.priority.matrix.find((c) => c.severity === 'minor' && c.tier === 'key')!.priority).toBe('P3');
    expect(input.draft.priority.noFaultPriority).toBe('P4');
  });

  it('refuses an empty name in English and sends nothing', async () => {
    const user = userEvent.setup();
    const transport = transportWith();
    renderApp('/admin/priority', { transport });
    await user.clear(await screen.findByTestId('priority-name', {}, pageLoad));
    await user.click(screen.getByTestId('priority-submit'));
    expect(await screen.findByText('Enter a name.')).toBeTruthy();
    expect(transport.calls).toEqual([]);
  });
});
