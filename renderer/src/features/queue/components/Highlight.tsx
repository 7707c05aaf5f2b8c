import { Box } from '@mui/material';
import { Fragment } from 'react';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Text with the search's terms marked. Terms are matched case-insensitively, as the index
 * does (English by prefix, so a term inside a word is marked too).
 */
export const Highlight = ({ text, terms }: { text: string; terms: string[] }) => {
  if (terms.length === 0 || !text) return <>{text}</>;
  const pattern = new RegExp(`(${[...terms].sort((a, b) => b.length - a.length).map(escape).join('|')})`, 'giu');
  const parts = text.split(pattern);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <Box component="mark" key={i} sx={{ bgcolor: 'warning.light', color: 'warning.contrastText', borderRadius: 0.5, px: 0.25 }}>
            {part}
          </Box>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
};
