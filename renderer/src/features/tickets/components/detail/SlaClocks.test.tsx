// @vitest-environment jsdom
import '../../../../testing/setup';
import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setServerClockOffset } from '../../../../data/serverTime';
import { FakeTransport, localOnlyStatus } from '../../../../testing/fake-transport';
import { renderWithApp } from '../../../../testing/render';
import { aWorkDetail } from './builders';
import { SlaClocks } from './SlaClocks';

const DAY = 86_400_000;

afterEach(() => {
  setServerClockOffset(0);
  vi.useRealTimers();
});

describe('SLA clocks on a computer whose clock is a day fast (RELIABILITY S5)', () => {
  it('count down to the server’s due time from the server’s time once main knows the offset', async () => {
    const serverTime = Date.now();
    const sla = aWorkDetail().sla;
    const detail = { ...sla, computedAt: new Date(serverTime).toISOString(), restore: { ...sla.restore, dueAt: new Date(serverTime + 3 * 3600_000).toISOString() } };
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: serverTime + DAY });
    const transport = new FakeTransport({}, { 'sync.status': localOnlyStatus, 'session.current': { user: null, serverUrl: null } });
    renderWithApp(<SlaClocks sla={detail} />, { transport, locale: 'en' });
    // The computer's own clock: three hours left would read as a day overdue.
    expect(screen.getByTestId('sla-restore').textContent).toMatch(/Restore.*21:00:00 over/);
    act(() => setServerClockOffset(-DAY));
    expect(screen.getByTestId('sla-restore').textContent).toMatch(/3:00:00 left/);
    act(() => vi.advanceTimersByTime(61_000));
    expect(screen.getByTestId('sla-restore').textContent).toMatch(/2:58:59 left/);
  });
});
