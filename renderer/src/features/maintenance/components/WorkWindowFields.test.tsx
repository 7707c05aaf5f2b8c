// @vitest-environment jsdom
import '../../../testing/setup';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../testing/render';
import { WorkWindowNote } from './WorkWindowFields';

describe('WorkWindowNote', () => {
  const window = { weekdays: [1, 3, 5], from: '08:00', to: '12:00', timeZone: 'Asia/Shanghai' };
  it('tells the technician when the customer lets them work (English)', () => {
    renderWithApp(<WorkWindowNote window={window} />);
    expect(screen.getByTestId('round-work-window').textContent).toBe('Work allowed Mon Wed Fri, 08:00–12:00 (Asia/Shanghai)');
  });
  it('in Chinese; nothing for a round without a window (zh-CN)', () => {
    renderWithApp(
      <>
        <WorkWindowNote window={window} />
        <WorkWindowNote window={null} />
      </>,
      { locale: 'zh-CN' },
    );
    expect(screen.getAllByTestId('round-work-window').map((e) => e.textContent)).toEqual(['允许作业：周一 周三 周五，08:00–12:00（Asia/Shanghai）']);
  });
});
