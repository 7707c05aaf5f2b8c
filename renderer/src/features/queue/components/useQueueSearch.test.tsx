// @vitest-environment jsdom
import '../../../testing/setup';
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SEARCH_DEBOUNCE_MS, searchProblem, useQueueSearch } from './useQueueSearch';

describe('useQueueSearch', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('searches a keystroke after a pause at once, and waits while the user types fast', () => {
    const { result } = renderHook(() => useQueueSearch(''));
    act(() => vi.advanceTimersByTime(1000));
    act(() => result.current.setText('fa'));
    expect(result.current.query).toBe('fa');
    // The next keys come quickly: nothing is sent until typing settles.
    act(() => vi.advanceTimersByTime(20));
    act(() => result.current.setText('fan'));
    act(() => vi.advanceTimersByTime(20));
    act(() => result.current.setText('fans'));
    expect(result.current.query).toBe('fa');
    act(() => vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1));
    expect(result.current.query).toBe('fa');
    act(() => vi.advanceTimersByTime(1));
    expect(result.current.query).toBe('fans');
    // A pause again: the next keystroke searches without waiting.
    act(() => vi.advanceTimersByTime(500));
    act(() => result.current.setText('fans '));
    act(() => result.current.setText('fans ab'));
    expect(result.current.query).toBe('fans');
    act(() => vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS));
    expect(result.current.query).toBe('fans ab');
  });

  it('renders once for a keystroke that searches: the query is decided with the text', () => {
    let renders = 0;
    const { result } = renderHook(() => {
      renders++;
      return useQueueSearch('');
    });
    act(() => vi.advanceTimersByTime(1000));
    const before = renders;
    act(() => result.current.setText('fa'));
    expect(result.current.query).toBe('fa');
    expect(renders - before).toBe(1);
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

  it('asks for a second letter before searching a word, but searches one Chinese character', () => {
    const { result } = renderHook(() => useQueueSearch(''));
    act(() => result.current.setText('f'));
    expect(result.current.problem).toBe('search.tooShort');
    act(() => vi.advanceTimersByTime(1000));
    expect(result.current.query).toBe('');
    act(() => result.current.setText('fa'));
    expect(result.current.problem).toBeNull();
    act(() => vi.advanceTimersByTime(1000));
    expect(result.current.query).toBe('fa');
    for (const text of ['a b 1', 'x!']) expect(searchProblem(text)).toBe('search.tooShort');
    for (const text of ['光', 'a 光', '42', 'ＡＢ']) expect(searchProblem(text)).toBeNull();
  });
});
