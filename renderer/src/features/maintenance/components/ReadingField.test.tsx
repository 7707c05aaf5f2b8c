// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../../testing/render';
import { ReadingField } from './ReadingField';
import { ground, rx } from './test-fixtures';

describe('ReadingField', () => {
  it('shows a value out of range as it is typed, before saving, and saves the text (English)', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn(async () => null);
    renderWithApp(<ReadingField item={rx} reading={undefined} lang="en" disabled={false} onSave={onSave} onPhoto={async () => null} />);
    expect(screen.getByText('Normal range -28 … -8 dBm')).toBeTruthy();
    await user.type(screen.getByTestId('item-rx-input'), '-31.5');
    expect(screen.getByText('Out of range (-28 … -8 dBm)')).toBeTruthy();
    await user.clear(screen.getByTestId('item-rx-input'));
    await user.type(screen.getByTestId('item-rx-input'), '-12');
    expect(screen.queryByText(/Out of range/)).toBeNull();
    await user.click(screen.getByTestId('item-rx-save'));
    await waitFor(() => expect(onSave).toHaveBeenCalledWith('-12', []));
  });

  it('says at once when the value is not a number, and shows a refusal from main (zh-CN)', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn(async () => '请输入数字，例如 -12.5。');
    renderWithApp(<ReadingField item={rx} reading={undefined} lang="zh-CN" disabled={false} onSave={onSave} onPhoto={async () => null} />, { locale: 'zh-CN' });
    await user.type(screen.getByTestId('item-rx-input'), '12dB');
    expect(screen.getByText('请输入数字，例如 -12.5。')).toBeTruthy();
    await user.click(screen.getByTestId('item-rx-save'));
    expect(await screen.findByTestId('item-rx-error')).toBeTruthy();
  });

  it('a yes/no item saves on a click and shows the reading that counts (zh-CN)', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn(async () => null);
    const reading = { id: 'x', itemKey: 'ground', value: false, outOfRange: true, photos: [], note: '', by: 'u', byName: '张', at: '2026-03-09T02:00:00.000Z', ticketNumber: null, ticketId: null };
    renderWithApp(<ReadingField item={ground} reading={reading} lang="zh-CN" disabled={false} onSave={onSave} onPhoto={async () => null} />, { locale: 'zh-CN' });
    expect(screen.getByText('安全项')).toBeTruthy();
    expect(screen.getByTestId('item-ground-current').textContent).toBe('否 · 故障');
    await user.click(screen.getByTestId('item-ground-yes'));
    await waitFor(() => expect(onSave).toHaveBeenCalledWith(true, []));
  });
});
