import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueClock } from '../../../../../shared/api/queue';
import { useFormat } from '../../../i18n/format';
import { GridChip, type ChipTone } from './GridChip';
import { tickedNow, useTicking } from '../../../data/serverTime';

export type ClockState = 'ok' | 'warning' | 'breached';
const tone: Record<ClockState, ChipTone> = { ok: 'success', warning: 'warning', breached: 'error' };
const MINUTE_MS = 60_000;
/** A row shows its two nearest clocks. */
const SHOWN_CLOCKS = 2;

export const clockState = (clock: QueueClock, now: number): ClockState =>
  Date.parse(clock.dueAt) <= now ? 'breached' : Date.parse(clock.warnAt) <= now ? 'warning' : 'ok';

/**
 * What the chips show at `now`: each clock's state and its time left to the minute (the
 * chips' precision). It changes once a minute or when a clock changes state, so a page of
 * chips re-renders then instead of at every second's tick.
 */
export const shownClocks = (clocks: QueueClock[], now: number): string =>
  clocks
    .slice(0, SHOWN_CLOCKS)
    .map((c) => (c.paused ? 'paused' : `${clockState(c, now)}:${Math.floor((Date.parse(c.dueAt) - now) / MINUTE_MS)}`))
    .join(' ');

/**
 * The row's running SLA clocks, nearest first, counting down: green on track, amber in
 * warning, red once breached; a paused clock (pending) says so and does not count. Each
 * clock's due time and state are its title (shown on hover, read as its description).
 */
export const SlaChips = ({ clocks }: { clocks: QueueClock[] }) => {
  const { t } = useTranslation('queue');
  const format = useFormat();
  useTicking((now) => shownClocks(clocks, now));
  const now = tickedNow();
  // The due times do not tick: their text is made once per row and language.
  const due = useMemo(
    () => clocks.slice(0, SHOWN_CLOCKS).map((c) => t('sla.hint', { clock: t(`clock.${c.clock}`), due: format.dateTime(c.dueAt) })),
    [clocks, t, format],
  );
  if (clocks.length === 0) return <span>{t('sla.none')}</span>;
  return (
    <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center', height: '100%' }}>
      {clocks.slice(0, SHOWN_CLOCKS).map((c, i) => {
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
            title={`${due[i]} · ${t(`slaState.${state}`)}`}
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
