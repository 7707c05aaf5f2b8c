// @vitest-environment jsdom
import '../../../testing/setup';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PartView } from '../../../../../shared/api/parts';
import { fail, ok } from '../../../../../shared/api/result';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { BookPartDialog } from './BookPartDialog';

const part = (over: Partial<PartView>): PartView => ({
  id: 'p-1', partNumber: 'TN54NS4', nameEn: 'NS4 line board', nameZh: 'NS4 线路板', serialised: true, unit: 'pc', productLine: 'transport', supplierId: 's-1', supplierName: 'Jinling', retired: false, onHand: 2, ...over,
});
const parts = [part({}), part({ id: 'p-2', partNumber: 'FUSE-10A', nameEn: 'Fuse 10 A', nameZh: '10 安保险丝', serialised: false, onHand: 0 })];
const noop = () => undefined;

describe('booking a part on a ticket', () => {
  it('refuses a quantity of 0 and -1 in English and sends nothing; then books a defective exchange', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'parts.book': () => ok({ movementId: 'm', eventId: 'e' }) });
    renderWithApp(<BookPartDialog ticketId="ticket-1" parts={parts} open onClose={noop} />, { transport });
    await user.click(screen.getByTestId('book-submit'));
    expect(await screen.findByText('Choose a part.')).toBeTruthy();
    await user.selectOptions(screen.getByTestId('book-part-select'), 'p-1');
    for (const q of ['0', '-1']) {
      // jsdom's number input drops a typed leading minus: set the value as a browser would.
      fireEvent.change(screen.getByTestId('book-quantity'), { target: { value: q } });
      await user.click(screen.getByTestId('book-submit'));
      expect(await screen.findByText('Enter a whole number of at least 1.')).toBeTruthy();
    }
    expect(transport.calls).toEqual([]);
    await user.clear(screen.getByTestId('book-quantity'));
    await user.type(screen.getByTestId('book-quantity'), '1');
    await user.type(screen.getByTestId('book-serial-in'), 'SN-NEW');
    await user.type(screen.getByTestId('book-serial-out'), 'SN-OLD');
    await user.click(screen.getByTestId('book-defective'));
    await user.click(screen.getByTestId('book-submit'));
    await waitFor(() =>
      expect(transport.calls).toEqual([
        { name: 'parts.book', input: { ticketId: 'ticket-1', partId: 'p-1', action: 'used', quantity: 1, serialIn: 'SN-NEW', serialOut: 'SN-OLD', defective: true, source: 'van', sourceNote: '', note: '' } },
      ]),
    );
  });

  it('in Chinese: a part not carried asks for its source and a reason, and the core’s refusal is shown precisely', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'parts.book': () => fail('VALIDATION_FAILED', 'no', [{ path: 'source', code: 'not_in_stock', message: 'not_in_stock' }]) });
    renderWithApp(<BookPartDialog ticketId="ticket-1" parts={parts} open onClose={noop} />, { transport, locale: 'zh-CN' });
    await user.selectOptions(screen.getByTestId('book-part-select'), 'p-2');
    expect((await screen.findByTestId('book-not-carried')).textContent).toBe('您的车载库存中没有此备件。请说明来源后再登记。');
    await user.clear(screen.getByTestId('book-quantity'));
    await user.type(screen.getByTestId('book-quantity'), '0');
    await user.click(screen.getByTestId('book-submit'));
    expect(await screen.findByText('请输入不小于 1 的整数。')).toBeTruthy();
    await user.clear(screen.getByTestId('book-quantity'));
    await user.type(screen.getByTestId('book-quantity'), '2');
    await user.selectOptions(screen.getByTestId('book-source'), 'customer');
    await user.click(screen.getByTestId('book-submit'));
    expect(await screen.findByText('请说明备件来源。')).toBeTruthy();
    expect(transport.calls).toEqual([]);
    await user.selectOptions(screen.getByTestId('book-source'), 'van');
    await user.click(screen.getByTestId('book-submit'));
    expect((await screen.findByTestId('book-error')).textContent).toBe('您的车载库存不足。请选择客户库存或其他，并说明原因。');
    expect(transport.calls).toHaveLength(1);
  });
});
