// @vitest-environment jsdom
import '../../../testing/setup';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { VisitView } from '../../../../../shared/api/fieldwork';
import { fail, ok } from '../../../../../shared/api/result';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { CheckInDialog } from './CheckInDialog';

const visit: VisitView = {
  id: 'v1',
  status: 'open',
  technicianId: 'u1',
  technicianName: 'Zhang San',
  siteName: null,
  travelStartedAt: null,
  checkInAt: '2026-03-02T02:00:00.000Z',
  checkOutAt: null,
  travelMinutes: 35,
  onSiteMinutes: 0,
  note: 'Gate code from the customer',
  signedAt: null,
  corrected: false,
  signedValues: null,
  corrections: [],
  mayCorrect: false,
  mine: true,
};

describe('checking in on site', () => {
  it('refuses travel minutes that are not whole or over a day, then checks in with the travel and the note (English)', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'fieldwork.checkIn': () => ok(visit) });
    let closed = 0;
    renderWithApp(<CheckInDialog ticketId="t-1" open onClose={() => (closed += 1)} />, { transport });
    expect(screen.getByRole('heading', { name: 'Check in on site' })).toBeTruthy();

    fireEvent.change(screen.getByTestId('check-in-travel'), { target: { value: '-5' } });
    await user.click(screen.getByTestId('check-in-submit'));
    expect(await screen.findByText('Enter whole minutes, 0 or more.')).toBeTruthy();
    fireEvent.change(screen.getByTestId('check-in-travel'), { target: { value: '1441' } });
    await user.click(screen.getByTestId('check-in-submit'));
    expect(await screen.findByText('At most 1440 minutes (one day) per entry.')).toBeTruthy();
    expect(transport.calls).toEqual([]);

    fireEvent.change(screen.getByTestId('check-in-travel'), { target: { value: '35' } });
    await user.type(screen.getByTestId('check-in-note'), 'Gate code from the customer');
    await user.click(screen.getByTestId('check-in-submit'));
    await waitFor(() => expect(closed).toBe(1));
    expect(transport.calls).toEqual([{ name: 'fieldwork.checkIn', input: { ticketId: 't-1', travelMinutes: 35, note: 'Gate code from the customer' } }]);
  });

  it('keeps the dialog open and says why main refused, in Chinese; empty travel counts as 0 minutes', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'fieldwork.checkIn': () => fail('FORBIDDEN', 'not yours') });
    let closed = 0;
    renderWithApp(<CheckInDialog ticketId="t-2" open onClose={() => (closed += 1)} />, { transport, locale: 'zh-CN' });
    await user.click(screen.getByTestId('check-in-submit'));
    const error = await screen.findByTestId('check-in-error');
    expect(error.textContent).toBe('您无权执行此操作。');
    expect(transport.calls).toEqual([{ name: 'fieldwork.checkIn', input: { ticketId: 't-2', travelMinutes: 0, note: '' } }]);
    expect(closed).toBe(0);
  });
});
