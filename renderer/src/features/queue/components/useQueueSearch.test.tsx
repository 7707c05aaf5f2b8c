// @vitest-environment jsdom
import '../../../testing/setup';
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SEARCH_DEBOUNCE_MS, useQueueSearch } from './useQueueSearch';

describe('useQueueSearch', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('searches a keystroke after a pause at once, and waits while the user types fast', () => {
    const { result } = renderHook(() => useQueueSearch(''));
    act(() => vi.advanceTimersByTime(1000));
    act(() => result.current.setText('f'));
    expect(result.current.query).toBe('f');
    // The next keys come quickly: nothing is sent until typing settles.
    act(() => vi.advanceTimersByTime(20));
    act(() => result.current.setText('fa'));
    act(() => vi.advanceTimersByTime(20));
    act(() => result.current.setText('fan'));
    expect(result.current.query).toBe('f');
    act(() => vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1));
    expect(result.current.query).toBe('f');
    act(() => vi.advanceTimersByTime(1));
    expect(result.current.query).toBe('fan');
    // A pause again: the next keystroke searches without waiting.
    act(() => vi.advanceTimersByTime(500));
    act(() => result.current.setText('fan '));
    act(() => result.current.setText('fan a'));
    expect(result.current.query).toBe('fan');
    act(() => vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS));
    expect(result.current.query).toBe('fan a');
  });

  it('keeps the last query for a text too long, and searches everything for punctuation only', () => {
    const { result } = renderHook(() => useQueueSearch('fan'));
    act(() => vi.advanceTimersByTime(1000));
    act(() => result.current.setText('x'.repeat(10_000)));
    expect(result.current.problem).toBe('validation.searchTooLong');
    act(() => vi.advanceTimersByTime(1000));
    expect(result.current.query).toBe('fan');
    act(() => result.current.setText('!!!'));
    expect(result.current.problem).toBe('search.nothingSearchable');
    act(() => vi.advanceTimersByTime(1000));
    expect(result.current.query).toBe('');
  });
});
