// @vitest-environment jsdom
import '../../../testing/setup';
import { act, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueueClock } from '../../../../../shared/api/queue';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { shownClocks, SlaChips, SlaWordsProvider } from './SlaChip';

const T0 = Date.parse('2026-12-01T08:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const restore = (dueIn: number, warnIn: number, paused = false): QueueClock => ({ clock: 'restore', dueAt: at(dueIn), warnAt: at(warnIn), paused });

describe('shownClocks', () => {
  it('changes when a minute of the countdown passes or a clock changes state, not with each second', () => {
    const clocks = [restore(10 * 60_000 + 30_000, 5 * 60_000)];
    const shown = (ms: number) => shownClocks(clocks, T0 + ms);
    expect(shown(0)).toBe(shown(29_000));
    expect(shown(29_000)).not.toBe(shown(31_000)); // 10 min left -> 9 min left
    expect(shown(5 * 60_000 - 1)).not.toBe(shown(5 * 60_000)); // on track -> warning
    expect(shown(10 * 60_000 + 29_999)).not.toBe(shown(10 * 60_000 + 30_000)); // warning -> breached
    expect(shownClocks([restore(60_000, 0, true)], T0)).toBe(shownClocks([restore(60_000, 0, true)], T0 + 10 * 60_000));
  });
});

describe('SlaChips', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('re-renders when what it shows changes, not every second; turns red at the due second, in Chinese', () => {
    const transport = new FakeTransport({}, { 'sync.status': localOnlyStatus, 'session.current': { user: null, serverUrl: null } });
    let renders = 0;
    renderWithApp(
      <Profiler id="chips" onRender={() => renders++}>
        <SlaWordsProvider>
          <SlaChips clocks={[restore(2 * 60_000 + 45_000, 60_000)]} />
        </SlaWordsProvider>
      </Profiler>,
      { transport, locale: 'zh-CN' },
    );
    const chip = () => screen.getByTestId('sla-restore');
    expect(chip().getAttribute('data-state')).toBe('ok');
    expect(chip().textContent).toMatch(/^恢复 /);
    const first = { text: chip().textContent, renders };
    // 2 min 45 s left: the next 44 seconds show "2 min" and render nothing.
    for (let s = 0; s < 44; s++) act(() => vi.advanceTimersByTime(1_000));
    expect(renders).toBe(first.renders);
    act(() => vi.advanceTimersByTime(17_000)); // 1 min 44 s left, in warning
    expect(chip().getAttribute('data-state')).toBe('warning');
    expect(chip().textContent).not.toBe(first.text);
    act(() => vi.advanceTimersByTime(105_000));
    expect(chip().getAttribute('data-state')).toBe('breached');
    expect(chip().textContent).toContain('超时');
    expect(chip().getAttribute('title')).toMatch(/^恢复到期：.+ · /);
  });
});
