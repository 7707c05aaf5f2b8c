// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../../testing/render';
import { calendar, wangRound, zhangRound } from './calendar-fixtures';
import { WeekCalendar } from './WeekCalendar';

describe('WeekCalendar', () => {
  it('puts the team’s rounds in the team row and each technician’s in theirs, on their due day, Monday first (English)', async () => {
    const onAssign = vi.fn();
    renderWithApp(<WeekCalendar calendar={calendar} lang="en" onAssign={onAssign} />);
    const heads = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(heads).toEqual(['Who', 'Mon3/2', 'Tue3/3', 'Wed3/4 · today', 'Thu3/5', 'Fri3/6', 'Sat3/7', 'Sun3/8']);
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['Whole team1 round', 'Tech Wang1 round', 'Tech Zhang1 round']);
    expect(within(screen.getByTestId('cell-team-2026-03-06')).getByRole('link').textContent).toBe('Zhejiang Mobile / Ningbo 机房 2');
    expect(screen.getByTestId('cell-team-2026-03-06').textContent).toContain('3 assets · Planned');
    expect(screen.getByTestId('cell-u-wang-2026-03-04').textContent).toBe('China Unicom1 asset · PlannedMissed');
    expect(screen.getByTestId(`chip-${wangRound.id}`).getAttribute('data-timing')).toBe('missed');
    const link = within(screen.getByTestId('cell-u-zhang-2026-03-03')).getByRole('link');
    expect(link.getAttribute('href')).toBe(`/maintenance/rounds/${zhangRound.id}`);
    expect(screen.getByTestId('cell-u-zhang-2026-03-03').textContent).toContain('Overdue');
    // Nothing else on other days.
    expect(screen.getByTestId('cell-u-zhang-2026-03-04').textContent).toBe('');
    // Keyboard: the chip's menu button is reached by Tab and opens the assign action.
    const user = userEvent.setup();
    screen.getByTestId(`chip-menu-${zhangRound.id}`).focus();
    await user.keyboard('{Enter}');
    await user.click(await screen.findByRole('menuitem', { name: 'Assign…' }));
    expect(onAssign).toHaveBeenCalledWith(zhangRound);
  });

  it('speaks Chinese: day names, the team row and the technicians’ Chinese names (zh-CN)', () => {
    renderWithApp(<WeekCalendar calendar={calendar} lang="zh-CN" />, { locale: 'zh-CN' });
    const heads = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(heads[0]).toBe('负责人');
    expect(heads[1]).toBe('周一3/2');
    expect(heads[3]).toBe('周三3/4 · 今天');
    expect(heads[7]).toBe('周日3/8');
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['整个班组1 次巡检', 'Tech Wang1 次巡检', '张工1 次巡检']);
    expect(screen.getByTestId('cell-u-wang-2026-03-04').textContent).toBe('China Unicom1 台资产 · 已计划漏检');
    // Without the right to assign, no menu.
    expect(screen.queryByTestId(`chip-menu-${zhangRound.id}`)).toBeNull();
  });
});
