// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../../../shared/api/result';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { PartDialog } from './PartDialog';

const suppliers = [{ id: 's-1', name: 'Jinling Optics' }];
const noop = () => undefined;

describe('a catalogue part', () => {
  it('names each missing field in English and sends nothing, then saves the new part', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'parts.save': () => ok({ id: 'p-9' }) });
    renderWithApp(<PartDialog part={null} suppliers={suppliers} onClose={noop} />, { transport });
    await user.click(screen.getByTestId('part-form-submit'));
    expect(await screen.findByText('Enter the part number.')).toBeTruthy();
    expect(screen.getByText('Enter the English name.')).toBeTruthy();
    expect(screen.getByText('Enter the Chinese name.')).toBeTruthy();
    expect(transport.calls).toEqual([]);
    await user.type(screen.getByTestId('part-number'), 'SFP-10G');
    await user.type(screen.getByTestId('part-name-en'), '10G optical module');
    await user.type(screen.getByTestId('part-name-zh'), '10G 光模块');
    await user.click(screen.getByTestId('part-serialised'));
    await user.selectOptions(screen.getByTestId('part-supplier'), 's-1');
    await user.click(screen.getByTestId('part-form-submit'));
    await waitFor(() => expect(transport.calls).toHaveLength(1));
    expect(transport.calls[0]).toMatchObject({ name: 'parts.save', input: { partNumber: 'SFP-10G', nameEn: '10G optical module', nameZh: '10G 光模块', serialised: true, supplierId: 's-1', unit: 'pc' } });
  });

  it('shows the same messages in Chinese', async () => {
    const user = userEvent.setup();
    renderWithApp(<PartDialog part={null} suppliers={suppliers} onClose={noop} />, { locale: 'zh-CN' });
    await user.click(screen.getByTestId('part-form-submit'));
    expect(await screen.findByText('请输入备件编号。')).toBeTruthy();
    expect(screen.getByText('请输入中文名称。')).toBeTruthy();
  });
});
