// @vitest-environment jsdom
import '../../../../testing/setup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../../../../shared/api/ticketWork';
import { FakeTransport, localOnlyStatus } from '../../../../testing/fake-transport';
import { renderWithApp } from '../../../../testing/render';
import { anEntry } from './builders';
import { Timeline } from './Timeline';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 2, minute)).toISOString();

// A day on site, newest first as main sends it: visits are entries among the ticket's events.
const day: TimelineEntry[] = [
  anEntry({ kind: 'visit_correction', at: at(50), visitId: 'v1', checkInAt: null, checkOutAt: at(40), travelMinutes: 30, reason: 'left later than tapped' }),
  anEntry({ kind: 'csat', at: at(36), score: 2, reason: 'waited two days' }),
  anEntry({ kind: 'signature', at: at(36), signerName: '王建国', sha256: 'a'.repeat(64) }),
  anEntry({ kind: 'visit_check_out', at: at(35), visitId: 'v1', onSiteMinutes: 25 }),
  anEntry({ kind: 'work_log', at: at(30), workMinutes: 20, travelMinutes: 0, body: 'Replaced the line card' }),
  anEntry({ kind: 'visit_check_in', at: at(10), visitId: 'v1', travelMinutes: 35, note: '机房三楼' }),
  anEntry({ kind: 'visit_travel', at: at(0), visitId: 'v1' }),
  anEntry({ kind: 'note', at: at(0), body: 'On my way', mine: true }),
];

const show = (locale: 'en' | 'zh-CN') => {
  const transport = new FakeTransport(
    {},
    { 'sync.status': localOnlyStatus, 'session.current': { user: null, serverUrl: null }, 'ticketWork.timeline': { rows: day, total: day.length } },
  );
  renderWithApp(<Timeline ticketId="ticket-1" />, { transport, locale });
  return transport;
};

const entries = async () => {
  const timeline = await screen.findByTestId('timeline');
  await waitFor(() => expect(timeline.querySelectorAll('li')).toHaveLength(day.length));
  return [...timeline.querySelectorAll('li')];
};

describe('timeline with site visits', () => {
  it('shows setting off, check-in and out, the work log, the sign-off and a correction in order, in English', async () => {
    const transport = show('en');
    const rows = await entries();
    expect(transport.opened).toContainEqual({ name: 'ticketWork.timeline', params: { ticketId: 'ticket-1', offset: 0, limit: 50 } });
    expect(rows.map((r) => r.getAttribute('data-testid'))).toEqual([
      'timeline-visit_correction',
      'timeline-csat',
      'timeline-signature',
      'timeline-visit_check_out',
      'timeline-work_log',
      'timeline-visit_check_in',
      'timeline-visit_travel',
      'timeline-note',
    ]);
    const [correction, out, log, checkIn, travel] = [rows[0]!, rows[3]!, rows[4]!, rows[5]!, rows[6]!];
    expect(within(correction).getByText(/^corrected the signed visit: check-out .+, travel 30 min$/)).toBeTruthy();
    expect(within(correction).getByText('Reason: left later than tapped')).toBeTruthy();
    expect(within(out).getByText('checked out after 25 min on site')).toBeTruthy();
    expect(within(log).getByText('logged 20 min of work and 0 min of travel')).toBeTruthy();
    expect(within(log).getByText('Replaced the line card')).toBeTruthy();
    expect(within(checkIn).getByText('checked in on site after 35 min of travel')).toBeTruthy();
    expect(within(checkIn).getByText('机房三楼')).toBeTruthy();
    expect(within(travel).getByText('set off for the site')).toBeTruthy();
    expect(within(travel).getByText('Site visit')).toBeTruthy();
    expect(screen.getByTestId('timeline-count').textContent).toBe('8 of 8 events');
  });

  it('says the same in Chinese', async () => {
    show('zh-CN');
    const rows = await entries();
    expect(within(rows[0]!).getByText(/^更正了已签字的上门记录：签退 .+，路程 30 分钟$/)).toBeTruthy();
    expect(within(rows[3]!).getByText('签退离开现场（在场 25 分钟）')).toBeTruthy();
    expect(within(rows[5]!).getByText('到达现场签到（路程 35 分钟）')).toBeTruthy();
    expect(within(rows[6]!).getByText('出发前往现场')).toBeTruthy();
    expect(within(rows[6]!).getByText('上门')).toBeTruthy();
  });
});

describe('timeline times recorded on a device and received by the server', () => {
  // Logged offline at 02:00 and received at 04:30; a note received 2 minutes after it was written.
  const offline = anEntry({ kind: 'work_log', at: at(0), receivedAt: at(150), workMinutes: 30, travelMinutes: 0 });
  const prompt = anEntry({ kind: 'note', at: at(10), receivedAt: at(12), body: 'On my way' });
  const showBoth = (locale: 'en' | 'zh-CN') => {
    const transport = new FakeTransport(
      {},
      { 'sync.status': localOnlyStatus, 'session.current': { user: null, serverUrl: null }, 'ticketWork.timeline': { rows: [prompt, offline], total: 2 } },
    );
    renderWithApp(<Timeline ticketId="ticket-1" />, { transport, locale });
  };

  for (const [locale, text] of [
    ['en', /^Recorded on the device at .+, received by the server at .+$/],
    ['zh-CN', /^设备记录于 .+，服务器接收于 .+$/],
  ] as const) {
    it(`tells both times only where they are more than five minutes apart (${locale})`, async () => {
      const user = userEvent.setup();
      showBoth(locale);
      const log = await screen.findByTestId('timeline-work_log');
      const note = screen.getByTestId('timeline-note');
      await user.hover(within(note).getByTestId('timeline-time'));
      await new Promise((r) => setTimeout(r, 400));
      expect(screen.queryByRole('tooltip')).toBeNull();
      await user.hover(within(log).getByTestId('timeline-time'));
      const tip = await screen.findByRole('tooltip');
      expect(tip.textContent).toMatch(text);
      expect(screen.getAllByRole('tooltip')).toHaveLength(1);
      expect(within(note).getByTestId('timeline-time').getAttribute('tabindex')).toBeNull();
    });
  }
});
