// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../../../../shared/api/result';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { TemplateEditor } from './TemplateEditor';
import { template } from './test-fixtures';

describe('TemplateEditor', () => {
  it('saves a new template with a number item and its range (English)', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'maintenance.saveTemplate': () => ok({ ...template, version: 1 }) });
    const onDone = vi.fn();
    renderWithApp(<TemplateEditor template={null} onDone={onDone} />, { transport });
    await user.type(screen.getByTestId('template-name-en'), 'OLT monthly');
    await user.type(screen.getByTestId('template-name-zh'), 'OLT 月检');
    await user.clear(screen.getByTestId('item-0-key'));
    await user.type(screen.getByTestId('item-0-key'), 'rx');
    await user.type(screen.getByTestId('item-0-en'), 'Rx power');
    await user.type(screen.getByTestId('item-0-zh'), '接收功率');
    await user.type(screen.getByTestId('item-0-unit'), 'dBm');
    await user.type(screen.getByTestId('item-0-low'), '-28');
    await user.type(screen.getByTestId('item-0-high'), '-8');
    await user.click(screen.getByTestId('template-save'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(transport.calls[0]).toEqual({
      name: 'maintenance.saveTemplate',
      input: {
        name: { en: 'OLT monthly', 'zh-CN': 'OLT 月检' },
        model: '',
        faults: 'offer',
        items: [{ key: 'rx', type: 'number', label: { en: 'Rx power', 'zh-CN': '接收功率' }, unit: 'dBm', low: -28, high: -8, photoRequired: false }],
      },
    });
  });

  it('marks a number item in hours as the running-hours meter (English)', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'maintenance.saveTemplate': () => ok({ ...template, version: 1 }) });
    const onDone = vi.fn();
    renderWithApp(<TemplateEditor template={null} onDone={onDone} />, { transport });
    await user.type(screen.getByTestId('template-name-en'), 'Generator service');
    await user.type(screen.getByTestId('template-name-zh'), '发电机保养');
    await user.clear(screen.getByTestId('item-0-key'));
    await user.type(screen.getByTestId('item-0-key'), 'hours');
    await user.type(screen.getByTestId('item-0-en'), 'Running hours');
    await user.type(screen.getByTestId('item-0-zh'), '运行小时');
    await user.type(screen.getByTestId('item-0-unit'), 'h');
    await user.click(screen.getByLabelText('Running-hours meter (unit h)'));
    await user.click(screen.getByTestId('template-save'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect((transport.calls[0]!.input as { items: unknown[] }).items).toEqual([
      { key: 'hours', type: 'number', label: { en: 'Running hours', 'zh-CN': '运行小时' }, unit: 'h', low: null, high: null, photoRequired: false, meter: 'running_hours' },
    ]);
  });

  it('edits an existing version; a range the wrong way round is refused with its message (zh-CN)', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'maintenance.saveTemplate': () => fail('VALIDATION_FAILED', 'x', [{ path: 'items.0.low', code: 'range_low_above_high', message: 'errors.range_low_above_high' }]) });
    const onDone = vi.fn();
    renderWithApp(<TemplateEditor template={template} onDone={onDone} />, { transport, locale: 'zh-CN' });
    expect(screen.getByRole('heading', { name: '检查表模板 · 第 1 版' })).toBeTruthy();
    await user.click(screen.getByTestId('template-add-item'));
    expect(screen.getByTestId('template-item-2')).toBeTruthy();
    await user.click(screen.getByTestId('template-save'));
    expect((await screen.findByTestId('template-error')).textContent).toBe('范围的下限高于上限。');
    expect(onDone).not.toHaveBeenCalled();
    expect(transport.calls[0]!.input).toMatchObject({ templateId: 't1', baseVersion: 1 });
  });
});
