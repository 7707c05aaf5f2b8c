import type { SxProps, Theme } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { QueueClock } from '../../../../../shared/api/queue';
import { useFormat } from '../../../i18n/format';
import { useNow } from './useNow';

export type ClockState = 'ok' | 'warning' | 'breached';

export const clockState = (clock: QueueClock, now: number): ClockState =>
  Date.parse(clock.dueAt) <= now ? 'breached' : Date.parse(clock.warnAt) <= now ? 'warning' : 'ok';

/** Class of one clock; its look (per `data-state`) is set once on the grid by slaChipStyles. */
const CHIP_CLASS = 'queue-sla-chip';

/**
 * The chips' look, given once to the grid: a queue page re-renders its 50 rows' clocks every
 * second, and MUI chips with tooltips there cost more than the rest of the page's rendering.
 */
export const slaChipStyles: SxProps<Theme> = {
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
  [`& .${CHIP_CLASS}[data-state="ok"]`]: { bgcolor: 'success.main', color: 'success.contrastText' },
  [`& .${CHIP_CLASS}[data-state="warning"]`]: { bgcolor: 'warning.main', color: 'warning.contrastText' },
  [`& .${CHIP_CLASS}[data-state="breached"]`]: { bgcolor: 'error.main', color: 'error.contrastText' },
  [`& .${CHIP_CLASS}[data-state="paused"]`]: { borderColor: 'divider', color: 'text.primary' },
};

/**
 * The row's running SLA clocks, nearest first, counting down every second: green on track,
 * amber in warning, red once breached; a paused clock (pending) says so and does not count.
 * Each clock's due time and state are its title (shown on hover, read as its description).
 */
export const SlaChips = ({ clocks }: { clocks: QueueClock[] }) => {
  const { t } = useTranslation('queue');
  const format = useFormat();
  const now = useNow();
  if (clocks.length === 0) return <span>{t('sla.none')}</span>;
  return (
    <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center', height: '100%' }}>
      {clocks.slice(0, 2).map((c) => {
        const state = clockState(c, now);
        const clock = t(`clock.${c.clock}`);
        const left = Date.parse(c.dueAt) - now;
        const label = c.paused
          ? t('sla.paused', { clock })
          : left > 0
            ? t('sla.left', { clock, time: format.duration(left) })
            : t('sla.overdue', { clock, time: format.duration(left) });
        return (
          <span
            key={c.clock}
            className={CHIP_CLASS}
            title={`${t('sla.hint', { clock, due: format.dateTime(c.dueAt) })} · ${t(`slaState.${state}`)}`}
            data-testid={`sla-${c.clock}`}
            data-state={c.paused ? 'paused' : state}
          >
            {label}
          </span>
        );
      })}
    </span>
  );
};
