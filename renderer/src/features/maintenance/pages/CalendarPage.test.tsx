// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';
import { assignees, calendar, zhangRound } from '../components/calendar-fixtures';

const transportFor = (assign: boolean) =>
  new FakeTransport(
    {},
    {
      'sync.status': localOnlyStatus,
      'session.current': { user: null, serverUrl: null },
      'maintenance.calendar': assign ? calendar : { ...calendar, teams: [calendar.teams[0]!], can: { assign: false } },
      'maintenance.assignees': assignees,
    },
  );

describe('CalendarPage', () => {
  it('a manager moves between weeks and teams, and assigns a round from its chip (English)', async () => {
    const user = userEvent.setup();
    const { transport } = renderApp('/maintenance/calendar', { transport: transportFor(true) });
    expect(await screen.findByRole('heading', { name: 'Calendar of rounds', level: 1 }, pageLoad)).toBeTruthy();
    expect(screen.getByTestId('week-range').textContent).toBe('East field · Mar 2, 2026 – Mar 8, 2026');
    expect(transport.opened.filter((o) => o.name === 'maintenance.calendar').at(-1)!.params).toEqual({ week: null, teamId: null });
    await user.click(screen.getByTestId('week-next'));
    expect(transport.opened.filter((o) => o.name === 'maintenance.calendar').at(-1)!.params).toEqual({ week: '2026-03-09', teamId: null });
    await user.click(screen.getByTestId('week-previous'));
    expect(transport.opened.filter((o) => o.name === 'maintenance.calendar').at(-1)!.params).toEqual({ week: '2026-02-23', teamId: null });
    expect(screen.getByTestId('week-this').textContent).toBe('This week');
    // The team filter.
    await user.click(screen.getByRole('combobox', { name: 'Team' }));
    await user.click(screen.getByRole('option', { name: 'North field' }));
    expect(transport.opened.filter((o) => o.name === 'maintenance.calendar').at(-1)!.params).toEqual({ week: '2026-02-23', teamId: 'team2' });
    // Assign from the chip's menu.
    await user.click(screen.getByTestId(`chip-menu-${zhangRound.id}`));
    await user.click(screen.getByRole('menuitem', { name: 'Assign…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Assign round' });
    expect(within(dialog).getByText('Who does the round at Zhejiang Mobile / Hangzhou 机房 1, due 2026-03-03?')).toBeTruthy();
  });

  it('a technician sees their team’s week without the team filter or the assign menu (zh-CN)', async () => {
    renderApp('/maintenance/calendar', { transport: transportFor(false), locale: 'zh-CN' });
    expect(await screen.findByRole('heading', { name: '巡检日历', level: 1 }, pageLoad)).toBeTruthy();
    expect(screen.getByTestId('week-range').textContent).toBe('华东现场组 · 2026年3月2日 – 2026年3月8日');
    expect(screen.getByRole('button', { name: '下一周' })).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: '班组' })).toBeNull();
    expect(screen.queryByTestId(`chip-menu-${zhangRound.id}`)).toBeNull();
    expect(screen.getByRole('link', { name: 'Zhejiang Mobile / Ningbo 机房 2' }).getAttribute('href')).toBe('/maintenance/rounds/r-team');
  });
});
