// @vitest-environment jsdom
import '../../../testing/setup';
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../../../shared/api/result';
import { aUser, signedIn } from '../../../testing/builders';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';
import { aCalendarPolicy } from '../testing/builders';

const transportWith = (handlers: ConstructorParameters<typeof FakeTransport>[0] = {}) =>
  new FakeTransport(handlers, {
    'sync.status': localOnlyStatus,
    'session.current': signedIn(aUser({ roles: ['admin'] })),
    'admin.policies': [aCalendarPolicy({ calendar: { ...aCalendarPolicy().calendar, holidays: [], extraWorkingDays: [] } })],
  });

const field = (id: string) => screen.getByTestId(id);
// Pasting a list is what an import is: one change event with the whole text.
const paste = (id: string, text: string) => fireEvent.change(field(id), { target: { value: text } });

describe('CalendarsPage', () => {
  it('refuses a calendar with no working hours, overlapping holidays and a holiday that is also a swapped working day, in both languages', async () => {
    for (const [locale, noTime, overlap, swap] of [
      ['en', 'The calendar has no working time: choose working days and at least one period.', 'Some holidays are listed twice or ranges overlap.', 'A date cannot be both a holiday and a swapped working day.'],
      ['zh-CN', '该日历没有工作时间：请选择工作日并至少设置一个时段。', '有节假日重复列出或日期范围重叠。', '同一日期不能既是节假日又是调休上班日。'],
    ] as const) {
      const user = userEvent.setup();
      const transport = transportWith();
      const view = renderApp('/admin/calendars', { transport, locale });
      await user.click(await screen.findByTestId('calendar-hours-0-remove', {}, pageLoad));
      paste('calendar-holidays', '2026-10-01..2026-10-07\n2026-10-05');
      await user.click(field('calendar-submit'));
      expect(await screen.findByText(noTime)).toBeTruthy();
      expect(screen.getByText(overlap)).toBeTruthy();
      paste('calendar-holidays', '2026-10-01..2026-10-07');
      paste('calendar-swaps', '2026-10-03');
      await user.click(field('calendar-submit'));
      expect(await screen.findByText(swap)).toBeTruthy();
      expect(transport.calls).toEqual([]);
      view.unmount();
    }
  });

  it('refuses a period that ends before it starts and periods that overlap', async () => {
    const user = userEvent.setup();
    renderApp('/admin/calendars', { transport: transportWith(), locale: 'zh-CN' });
    await user.click(await screen.findByTestId('calendar-hours-add', {}, pageLoad));
    paste('calendar-hours-1-start', '17:00');
    paste('calendar-hours-1-end', '16:00');
    await user.click(field('calendar-submit'));
    expect(await screen.findByText('时段的结束时间必须晚于开始时间。')).toBeTruthy();
    paste('calendar-hours-1-end', '19:00');
    await user.click(field('calendar-submit'));
    expect(await screen.findByText('此时段与其他时段重叠。')).toBeTruthy();
  });

  it('saves hours with a lunch break and an imported holiday list as a new version', async () => {
    const user = userEvent.setup();
    const transport = transportWith({ 'admin.policies.save': () => ok({ id: 'cal-2', scheduledFrom: null }) });
    renderApp('/admin/calendars', { transport });
    await screen.findByTestId('calendar-hours-0-end', {}, pageLoad);
    paste('calendar-hours-0-end', '12:00');
    await user.click(field('calendar-hours-add'));
    paste('calendar-hours-1-start', '13:30');
    paste('calendar-hours-1-end', '18:00');
    paste('calendar-holidays', '2026-10-01..2026-10-03, 2026-10-06\n\n2026-10-07');
    paste('calendar-swaps', '2026-10-10');
    expect(screen.getByText('5 days')).toBeTruthy();
    await user.click(field('calendar-submit'));
    expect(await screen.findByText('New version saved')).toBeTruthy();
    expect(transport.calls[0]!.input).toMatchObject({
      replaces: 'cal-1',
      draft: {
        kind: 'calendar',
        calendar: {
          region: 'CN-East',
          timeZone: 'Asia/Shanghai',
          workingDays: [1, 2, 3, 4, 5],
          hours: [
            { start: '09:00', end: '12:00' },
            { start: '13:30', end: '18:00' },
          ],
          holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-06', '2026-10-07'],
          extraWorkingDays: ['2026-10-10'],
        },
      },
    });
  });
});
