// @vitest-environment jsdom
import '../../../testing/setup';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../testing/render';
import { RoundList } from './RoundList';
import { summary } from './test-fixtures';

describe('RoundList', () => {
  it('shows a round with its status, timing, window and progress (English)', () => {
    renderWithApp(<RoundList rounds={[{ ...summary, faults: 2 }]} empty="none" testId="list" />);
    expect(screen.getByRole('heading', { name: 'Hangzhou OLTs monthly' })).toBeTruthy();
    expect(screen.getByText('In progress')).toBeTruthy();
    expect(screen.getByText('2 faults')).toBeTruthy();
    expect(screen.getByText('1 of 4 readings · 2 assets')).toBeTruthy();
    expect(screen.getByTestId('round-r1').getAttribute('href')).toBe('/maintenance/rounds/r1');
  });
  it('marks the rounds assigned to the viewer, in both languages', () => {
    const rounds = [{ ...summary, id: 'mine', assigneeId: 'u1' }, { ...summary, id: 'team' }];
    const { unmount } = renderWithApp(<RoundList rounds={rounds} empty="" testId="list" viewerId="u1" />);
    expect(screen.getByTestId('mine-mine').textContent).toBe('Assigned to you');
    expect(screen.queryByTestId('mine-team')).toBeNull();
    unmount();
    renderWithApp(<RoundList rounds={rounds} empty="" testId="list" viewerId="u1" />, { locale: 'zh-CN' });
    expect(screen.getByTestId('mine-mine').textContent).toBe('分配给您');
  });
  it('says so when there is none, and speaks Chinese (zh-CN)', () => {
    const { unmount } = renderWithApp(<RoundList rounds={[]} empty="今天没有到期的巡检。" testId="list" />, { locale: 'zh-CN' });
    expect(screen.getByText('今天没有到期的巡检。')).toBeTruthy();
    unmount();
    renderWithApp(<RoundList rounds={[summary]} empty="" testId="list" />, { locale: 'zh-CN' });
    expect(screen.getByText('进行中')).toBeTruthy();
    expect(screen.getByText('已读 1 / 4 项 · 2 台资产')).toBeTruthy();
  });
});
