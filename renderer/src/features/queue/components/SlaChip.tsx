import { Chip, Stack, Tooltip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { QueueClock } from '../../../../../shared/api/queue';
import { useFormat } from '../../../i18n/format';
import { useNow } from './useNow';

const color = { ok: 'success', warning: 'warning', breached: 'error' } as const;

export const clockState = (clock: QueueClock, now: number): keyof typeof color =>
  Date.parse(clock.dueAt) <= now ? 'breached' : Date.parse(clock.warnAt) <= now ? 'warning' : 'ok';

/**
 * The row's running SLA clocks, nearest first, counting down every second: green on track,
 * amber in warning, red once breached; a paused clock (pending) says so and does not count.
 */
export const SlaChips = ({ clocks }: { clocks: QueueClock[] }) => {
  const { t } = useTranslation('queue');
  const format = useFormat();
  const now = useNow();
  if (clocks.length === 0) return <span>{t('sla.none')}</span>;
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', height: '100%' }}>
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
          <Tooltip key={c.clock} title={`${t('sla.hint', { clock, due: format.dateTime(c.dueAt) })} · ${t(`slaState.${state}`)}`}>
            <Chip
              size="small"
              variant={c.paused ? 'outlined' : 'filled'}
              color={c.paused ? 'default' : color[state]}
              label={label}
              data-testid={`sla-${c.clock}`}
              data-state={c.paused ? 'paused' : state}
            />
          </Tooltip>
        );
      })}
    </Stack>
  );
};
