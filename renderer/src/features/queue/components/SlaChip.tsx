import { createContext, useContext, useMemo, type ReactNode } from 'react';
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

/** The words of a page of chips, looked up once per language instead of by every chip. */
const useSlaWordsOf = () => {
  const { t } = useTranslation('queue');
  const format = useFormat();
  return useMemo(() => {
    const clockName = { firstResponse: t('clock.firstResponse'), restore: t('clock.restore'), fix: t('clock.fix') } satisfies Record<QueueClock['clock'], string>;
    const stateName = { ok: t('slaState.ok'), warning: t('slaState.warning'), breached: t('slaState.breached') } satisfies Record<ClockState, string>;
    return {
      none: t('sla.none'),
      stateName,
      hint: (c: QueueClock) => t('sla.hint', { clock: clockName[c.clock], due: format.dateTime(c.dueAt) }),
      label: (c: QueueClock, now: number) => {
        const clock = clockName[c.clock];
        const left = Date.parse(c.dueAt) - now;
        if (c.paused) return t('sla.paused', { clock });
        return t(left > 0 ? 'sla.left' : 'sla.overdue', { clock, time: format.duration(left) });
      },
    };
  }, [t, format]);
};
type SlaWords = ReturnType<typeof useSlaWordsOf>;
const SlaWordsContext = createContext<SlaWords | null>(null);

/** Gives the chips below it their words: the grid's cells are many, the language one. */
export const SlaWordsProvider = ({ children }: { children: ReactNode }) => <SlaWordsContext.Provider value={useSlaWordsOf()}>{children}</SlaWordsContext.Provider>;

/**
 * The row's running SLA clocks, nearest first, counting down: green on track, amber in
 * warning, red once breached; a paused clock (pending) says so and does not count. Each
 * clock's due time and state are its title (shown on hover, read as its description).
 * Inside a SlaWordsProvider.
 */
export const SlaChips = ({ clocks }: { clocks: QueueClock[] }) => {
  const words = useContext(SlaWordsContext);
  if (!words) throw new Error('SlaChips needs a SlaWordsProvider above it');
  useTicking((now) => shownClocks(clocks, now));
  const now = tickedNow();
  // The due times do not tick: their text is made once per row and language.
  const due = useMemo(() => clocks.slice(0, SHOWN_CLOCKS).map(words.hint), [clocks, words]);
  if (clocks.length === 0) return <span>{words.none}</span>;
  return (
    <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center', height: '100%' }}>
      {clocks.slice(0, SHOWN_CLOCKS).map((c, i) => {
        const state = clockState(c, now);
        return (
          <GridChip
            key={c.clock}
            tone={c.paused ? 'outlined' : tone[state]}
            title={`${due[i]} · ${words.stateName[state]}`}
            data-testid={`sla-${c.clock}`}
            data-state={c.paused ? 'paused' : state}
          >
            {words.label(c, now)}
          </GridChip>
        );
      })}
    </span>
  );
};
