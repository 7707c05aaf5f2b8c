// @vitest-environment jsdom
import '../../../testing/setup';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../testing/render';
import { ReadingsChart } from './ReadingsChart';

const series = [
  {
    itemKey: 'rx',
    label: { en: 'Optical receive power', 'zh-CN': '光接收功率' },
    unit: 'dBm',
    low: -28,
    high: -8,
    points: [
      { at: '2026-02-10T02:00:00.000Z', value: -15, outOfRange: false, roundId: 'r0' },
      { at: '2026-03-10T02:00:00.000Z', value: -31.5, outOfRange: true, roundId: 'r1' },
    ],
  },
];

describe('ReadingsChart', () => {
  it('charts each item with its readings, flagging those out of range (English)', () => {
    renderWithApp(<ReadingsChart series={series} lang="en" />);
    expect(screen.getByRole('heading', { name: 'Optical receive power (dBm)' })).toBeTruthy();
    expect(screen.getByText(/-31\.5 ⚠/)).toBeTruthy();
    expect(screen.getByTestId('readings-chart').querySelector('svg')).toBeTruthy();
  });
  it('says when there are no numeric readings; labels in Chinese (zh-CN)', () => {
    const { unmount } = renderWithApp(<ReadingsChart series={[]} lang="zh-CN" />, { locale: 'zh-CN' });
    expect(screen.getByText('此资产还没有数值读数。')).toBeTruthy();
    unmount();
    renderWithApp(<ReadingsChart series={series} lang="zh-CN" />, { locale: 'zh-CN' });
    expect(screen.getByRole('heading', { name: '光接收功率 (dBm)' })).toBeTruthy();
  });
});
