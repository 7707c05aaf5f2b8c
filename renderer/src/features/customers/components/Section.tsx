import { Paper, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** One titled block of the account page. */
export const Section = ({ title, action, children, testId }: { title: string; action?: ReactNode; children: ReactNode; testId?: string }) => (
  <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label={title} data-testid={testId}>
    <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
      <Typography variant="h6" component="h2">
        {title}
      </Typography>
      {action}
    </Stack>
    {children}
  </Paper>
);
