// @vitest-environment jsdom
import '../../../testing/setup';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../../testing/render';
import { ScanBox } from './ScanBox';
import { roundView } from './test-fixtures';

describe('ScanBox', () => {
  it('opens the asset a scanner types, by code or serial, case-blind (English)', async () => {
    const user = userEvent.setup();
    const onPick = vi.fn();
    renderWithApp(<ScanBox assets={roundView.assets} onPick={onPick} />);
    await user.type(screen.getByTestId('round-scan'), ' olt-0002 {Enter}');
    expect(onPick).toHaveBeenLastCalledWith('a2');
    await user.type(screen.getByTestId('round-scan'), 'sn1{Enter}');
    expect(onPick).toHaveBeenLastCalledWith('a1');
    expect((screen.getByTestId('round-scan') as HTMLInputElement).value).toBe('');
  });
  it('says when the code is not in the round (zh-CN)', async () => {
    const user = userEvent.setup();
    const onPick = vi.fn();
    renderWithApp(<ScanBox assets={roundView.assets} onPick={onPick} />, { locale: 'zh-CN' });
    await user.type(screen.getByTestId('round-scan'), 'AS-999{Enter}');
    expect(screen.getByText('AS-999 不在本次巡检范围内。')).toBeTruthy();
    expect(onPick).not.toHaveBeenCalled();
  });
});
