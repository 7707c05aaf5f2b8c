import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { hasSearchWord, MAX_SEARCH_LENGTH } from '../../../../../shared/api/queue';

/**
 * While the user types fast, the search waits until typing settles this long (each keystroke
 * restarts it); a keystroke after a pause at least this long searches at once.
 */
export const SEARCH_DEBOUNCE_MS = 60;
const SEARCHABLE = /[\p{L}\p{N}]/u;

export interface QueueSearch {
  text: string;
  setText: (text: string) => void;
  /** What is sent to main: the settled text when it is valid, '' otherwise. */
  query: string;
  /** An i18n key of the queue namespace when the text cannot be searched. */
  problem: 'validation.searchTooLong' | 'search.nothingSearchable' | 'search.tooShort' | null;
}

export const searchProblem = (text: string): QueueSearch['problem'] => {
  if (text.length > MAX_SEARCH_LENGTH) return 'validation.searchTooLong';
  if (text.trim() && !SEARCHABLE.test(text)) return 'search.nothingSearchable';
  if (text.trim() && !hasSearchWord(text)) return 'search.tooShort';
  return null;
};

export const useQueueSearch = (initial: string): QueueSearch => {
  const [text, setTextState] = useState(initial);
  const [query, setQuery] = useState(initial.trim());
  const lastChange = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  // The query is decided in the keystroke's own handler, with the text: one render per
  // keystroke, during which the page is asked for (an effect deciding it took a second render
  // of the whole queue before the request left).
  const setText = useCallback((next: string) => {
    setTextState(next);
    const problem = searchProblem(next);
    // Too long: keep the last good results and say why; nothing searchable: the whole queue.
    if (problem === 'validation.searchTooLong') return;
    const settled = problem ? '' : next.trim();
    const now = performance.now();
    const paused = now - lastChange.current >= SEARCH_DEBOUNCE_MS;
    lastChange.current = now;
    clearTimeout(timer.current);
    if (paused) setQuery(settled);
    else timer.current = setTimeout(() => setQuery(settled), SEARCH_DEBOUNCE_MS);
  }, []);
  // The same object while nothing changed: the toolbar that shows it is memoized.
  return useMemo(() => ({ text, setText, query, problem: searchProblem(text) }), [text, setText, query]);
};
