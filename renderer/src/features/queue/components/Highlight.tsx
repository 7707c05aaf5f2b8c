import { createContext, Fragment, useContext, useMemo } from 'react';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The search's terms for every highlighted cell of the grid. Through context, not the column
 * definitions: new columns at every keystroke made the grid lay out all its columns again.
 */
export const SearchTermsContext = createContext<readonly string[]>([]);

/** Class of a marked term; its look is set once on the grid (Queue's sx), not per mark. */
export const HIT_CLASS = 'queue-hit';

/**
 * Text with the search's terms marked. Terms are matched case-insensitively, as the index
 * does (English by prefix, so a term inside a word is marked too).
 */
export const Highlight = ({ text }: { text: string }) => {
  const terms = useContext(SearchTermsContext);
  const pattern = useMemo(
    () => (terms.length === 0 ? null : new RegExp(`(${[...terms].sort((a, b) => b.length - a.length).map(escape).join('|')})`, 'giu')),
    [terms],
  );
  if (!pattern || !text) return <>{text}</>;
  const parts = text.split(pattern);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <mark key={i} className={HIT_CLASS}>
            {part}
          </mark>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
};
