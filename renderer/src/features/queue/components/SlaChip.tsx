import { useTranslation } from 'react-i18next';
import type { QueueClock } from '../../../../../shared/api/queue';
import { useFormat } from '../../../i18n/format';
import { GridChip, type ChipTone } from './GridChip';
import { useNow } from '../../../data/serverTime';

export type ClockState = 'ok' | 'warning' | 'breached';
const tone: Record<ClockState, ChipTone> = { ok: 'success', warning: 'warning', breached: 'error' };

export const clockState = (clock: QueueClock, now: number): ClockState =>
  Date.parse(clock.dueAt) <= now ? 'breached' : Date.parse(clock.warnAt) <= now ? 'warning' : 'ok';

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
          <GridChip
            key={c.clock}
            tone={c.paused ? 'outlined' : tone[state]}
            title={`${t('sla.hint', { clock, due: format.dateTime(c.dueAt) })} · ${t(`slaState.${state}`)}`}
            data-testid={`sla-${c.clock}`}
            data-state={c.paused ? 'paused' : state}
          >
            {label}
          </GridChip>
        );
      })}
    </span>
  );
};
