// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../../shared/api/result';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { ChecklistPanel } from './ChecklistPanel';
import { roundView } from './test-fixtures';

describe('ChecklistPanel', () => {
  it('records a reading, and raises a fault ticket from one out of range (English)', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({
      'maintenance.recordReading': () => ok({ readingId: 'x2', outOfRange: false, fault: null }),
      'maintenance.raiseFault': () => ok({ ticketId: 'tk1', ticketNumber: 'D-0001', severity: 'minor' }),
    });
    renderWithApp(<ChecklistPanel round={roundView} asset={roundView.assets[0]!} lang="en" />, { transport });
    expect(screen.getByRole('heading', { name: 'Checklist of OLT-0001' })).toBeTruthy();
    expect(screen.getByTestId('item-rx-current').textContent).toBe('-31.5 dBm · Fault');
    await user.click(screen.getByTestId('item-rx-raise'));
    await user.click(screen.getByTestId('item-ground-yes'));
    await waitFor(() => expect(transport.calls.map((c) => c.name)).toEqual(['maintenance.raiseFault', 'maintenance.recordReading']));
    expect(transport.calls[0]!.input).toEqual({ readingId: 'x1', locale: 'en' });
    expect(transport.calls[1]!.input).toEqual({ roundId: 'r1', assetId: 'a1', itemKey: 'ground', value: true, photos: [], note: '', locale: 'en' });
    expect(await screen.findByText('Fault ticket D-0001 created.')).toBeTruthy();
  });

  it('shows the linked ticket; a refused reading in Chinese (zh-CN)', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'maintenance.recordReading': () => fail('VALIDATION_FAILED', 'x', [{ path: 'value', code: 'reading_not_a_number', message: 'errors.reading_not_a_number' }]) });
    const asset = { ...roundView.assets[0]!, readings: { rx: { ...roundView.assets[0]!.readings.rx!, ticketId: 'tk1', ticketNumber: 'D-0001' } } };
    renderWithApp(<ChecklistPanel round={roundView} asset={asset} lang="zh-CN" />, { transport, locale: 'zh-CN' });
    expect(screen.getByTestId('item-rx-ticket').textContent).toBe('工单 D-0001');
    await user.type(screen.getByTestId('item-rx-input'), '1');
    await user.click(screen.getByTestId('item-rx-save'));
    expect((await screen.findByTestId('item-rx-error')).textContent).toBe('请输入数字，例如 -12.5。');
  });

  it('shows the photos of a reading (kept for the round) and opens one, fetched from the server on another desktop', async () => {
    const user = userEvent.setup();
    const sha = 'a'.repeat(64);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const transport = new FakeTransport({ 'attachments.open': () => ok({ sha256: sha, mimeType: 'image/png', sizeBytes: png.length, dataBase64: Buffer.from(png).toString('base64') }) });
    const asset = { ...roundView.assets[0]!, readings: { rx: { ...roundView.assets[0]!.readings.rx!, photos: [sha] } } };
    renderWithApp(<ChecklistPanel round={roundView} asset={asset} lang="en" />, { transport });
    const photos = screen.getByTestId('item-rx-photos');
    expect(photos.querySelectorAll('[data-testid="attachment"]')).toHaveLength(1);
    await user.click(screen.getByTestId('attachment-open'));
    expect(await screen.findByTestId('attachment-viewer')).toBeTruthy();
    expect(transport.calls).toEqual([{ name: 'attachments.open', input: { sha256: sha } }]);
  });
});
