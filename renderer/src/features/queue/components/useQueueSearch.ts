import { useEffect, useState } from 'react';
import { MAX_SEARCH_LENGTH } from '../../../../../shared/api/queue';

/** Typing settles this long before the search runs; each keystroke restarts it. */
export const SEARCH_DEBOUNCE_MS = 60;
const SEARCHABLE = /[\p{L}\p{N}]/u;

export interface QueueSearch {
  text: string;
  setText: (text: string) => void;
  /** What is sent to main: the settled text when it is valid, '' otherwise. */
  query: string;
  /** An i18n key of the queue namespace when the text cannot be searched. */
  problem: 'validation.searchTooLong' | 'search.nothingSearchable' | null;
}

export const searchProblem = (text: string): QueueSearch['problem'] => {
  if (text.length > MAX_SEARCH_LENGTH) return 'validation.searchTooLong';
  if (text.trim() && !SEARCHABLE.test(text)) return 'search.nothingSearchable';
  return null;
};

export const useQueueSearch = (initial: string): QueueSearch => {
  const [text, setText] = useState(initial);
  const [query, setQuery] = useState(initial.trim());
  const problem = searchProblem(text);
  useEffect(() => {
    // Too long: keep the last good results and say why; nothing searchable: the whole queue.
    if (problem === 'validation.searchTooLong') return;
    const next = problem ? '' : text.trim();
    const timer = setTimeout(() => setQuery(next), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, problem]);
  return { text, setText, query, problem };
};
