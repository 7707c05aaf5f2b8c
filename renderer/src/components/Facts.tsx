import { Box } from '@mui/material';
import type { ReactNode } from 'react';

export interface Fact {
  key: string;
  term: ReactNode;
  value: ReactNode;
  testId?: string;
}

/** Terms and their values side by side (a definition list), as ticket facts are shown. */
export const Facts = ({ items, columnGap = 3 }: { items: readonly Fact[]; columnGap?: number }) => (
  <Box
    component="dl"
    sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap, rowGap: 0.5, m: 0, '& dt': { color: 'text.secondary' }, '& dd': { m: 0 } }}
  >
    {items.map((item) => (
      <Box key={item.key} sx={{ display: 'contents' }}>
        <dt>{item.term}</dt>
        <dd data-testid={item.testId}>{item.value}</dd>
      </Box>
    ))}
  </Box>
);
