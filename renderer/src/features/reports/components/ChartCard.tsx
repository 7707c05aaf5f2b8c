import { Paper, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** A chart with its title; the table of its figures follows it on the page. */
export const ChartCard = ({ title, children }: { title: string; children: ReactNode }) => (
  <Paper variant="outlined" sx={{ p: 1.5 }} data-chart>
    <Typography variant="subtitle1" component="h2">
      {title}
    </Typography>
    {children}
  </Paper>
);
