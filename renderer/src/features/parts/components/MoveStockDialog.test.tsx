// @vitest-environment jsdom
import '../../../testing/setup';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../../../shared/api/result';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { MoveStockDialog } from './MoveStockDialog';

const parts = [
  { id: 'p-1', partNumber: 'TN54NS4', nameEn: 'NS4 line board', nameZh: 'NS4 线路板' },
  { id: 'p-2', partNumber: 'FUSE-10A', nameEn: 'Fuse 10 A', nameZh: '10 安保险丝' },
];
const holder = { id: 'tech-1', name: 'Yang Tao' };
const noop = () => undefined;

describe('moving stock by hand', () => {
  it('a manager issues stock: no part or a quantity of 0 is refused and nothing is sent; then the issue goes out', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'parts.move': () => ok({ movementId: 'm-1' }) });
    renderWithApp(<MoveStockDialog holder={holder} mode="issue" parts={parts} stock={[]} onClose={noop} />, { transport });
    expect(screen.getByText('Issue stock to Yang Tao')).toBeTruthy();
    await user.click(screen.getByTestId('move-stock-submit'));
    expect(await screen.findByText('Choose a part.')).toBeTruthy();
    await user.selectOptions(screen.getByTestId('move-part'), 'p-2');
    fireEvent.change(screen.getByTestId('move-quantity'), { target: { value: '0' } });
    await user.click(screen.getByTestId('move-stock-submit'));
    expect(await screen.findByText('Enter a whole number of at least 1.')).toBeTruthy();
    expect(transport.calls).toEqual([]);
    fireEvent.change(screen.getByTestId('move-quantity'), { target: { value: '5' } });
    await user.click(screen.getByTestId('move-stock-submit'));
    await waitFor(() => expect(transport.calls).toHaveLength(1));
    expect(transport.calls[0]).toMatchObject({ name: 'parts.move', input: { holderId: 'tech-1', partId: 'p-2', reason: 'issue', direction: 'in', quantity: 5 } });
  });

  it('in Chinese, a technician sends back only parts the van holds', async () => {
    const user = userEvent.setup();
    renderWithApp(<MoveStockDialog holder={holder} mode="sendBack" parts={parts} stock={[{ partId: 'p-1', partNumber: 'TN54NS4', nameEn: 'NS4 line board', nameZh: 'NS4 线路板', serialised: true, unit: 'pc', onHand: 2 }]} onClose={noop} />, { locale: 'zh-CN' });
    const options = [...(screen.getByTestId('move-part') as HTMLSelectElement).options].map((o) => o.value);
    expect(options).toEqual(['', 'p-1']);
    await user.click(screen.getByTestId('move-stock-submit'));
    expect(await screen.findByText('请选择备件。')).toBeTruthy();
  });
});
