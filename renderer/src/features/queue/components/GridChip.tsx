import type { SxProps, Theme } from '@mui/material';
import type { ReactNode } from 'react';

/** Class of a chip in a grid cell; its look (per `data-tone`) is set once on the grid by gridChipStyles. */
const CHIP_CLASS = 'queue-chip';

export type ChipTone = 'success' | 'warning' | 'error' | 'default' | 'outlined';

/**
 * Chips of a queue's cells as plain spans. A queue page re-renders 50 rows at every filter,
 * keystroke and second (its SLA countdowns); MUI chips (with tooltips) there cost more than
 * the rest of the page's rendering, their styles computed again per chip and render.
 */
export const GridChip = ({ tone, title, children, ...data }: { tone: ChipTone; title?: string; children: ReactNode } & Record<`data-${string}`, string>) => (
  <span className={CHIP_CLASS} data-tone={tone} title={title} {...data}>
    {children}
  </span>
);

/** A ticket's number in a grid cell; a provisional one says so on hover (the page's TicketNumber uses a tooltip). */
export const GridTicketNumber = ({ ticket, hint }: { ticket: { number: string; provisional?: boolean }; hint: string }) => (
  <span title={ticket.provisional ? hint : undefined}>
    {ticket.number}
  </span>
);

/** The chips' look, given once to the grid's sx. */
export const gridChipStyles: SxProps<Theme> = {
  [`& .${CHIP_CLASS}`]: {
    display: 'inline-flex',
    alignItems: 'center',
    height: 24,
    px: 1,
    borderRadius: 3,
    typography: 'body2',
    fontSize: '0.8125rem',
    whiteSpace: 'nowrap',
    border: 1,
    borderColor: 'transparent',
  },
  [`& .${CHIP_CLASS}[data-tone="success"]`]: { bgcolor: 'success.main', color: 'success.contrastText' },
  [`& .${CHIP_CLASS}[data-tone="warning"]`]: { bgcolor: 'warning.main', color: 'warning.contrastText' },
  [`& .${CHIP_CLASS}[data-tone="error"]`]: { bgcolor: 'error.main', color: 'error.contrastText' },
  [`& .${CHIP_CLASS}[data-tone="default"]`]: { bgcolor: 'action.selected', color: 'text.primary' },
  [`& .${CHIP_CLASS}[data-tone="outlined"]`]: { borderColor: 'divider', color: 'text.primary' },
};
