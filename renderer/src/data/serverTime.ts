import { useSyncExternalStore } from 'react';

/**
 * The server's time on screen, refreshed every second by one timer shared by every countdown
 * (a queue page has dozens of chips; one interval each would drift and cost). SLA due times
 * come from the server: on a computer whose clock is off, main learns by how much from the
 * server's answers (the session's `clockOffsetMs`, RELIABILITY S5) and the countdowns add it.
 */
const listeners = new Set<() => void>();
let offsetMs = 0;
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

const tick = () => {
  now = Date.now() + offsetMs;
  for (const l of listeners) l();
};

/** Server time minus this computer's clock, from the session view (0 while the clock is right). */
export const setServerClockOffset = (ms: number): void => {
  if (ms === offsetMs) return;
  offsetMs = ms;
  tick();
};

/** The server's time now, as this computer knows it. */
export const serverNow = (): number => Date.now() + offsetMs;

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  if (!timer) {
    now = serverNow();
    timer = setInterval(tick, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
};

export const useNow = (): number => useSyncExternalStore(subscribe, () => now);

/**
 * What `shown` makes of the ticking time: the component re-renders when that value changes,
 * not every second. A countdown shown to the minute re-renders once a minute (and when its
 * state changes), which matters where a page shows dozens of them. The render reads the same
 * instant with `tickedNow()`.
 */
export const useTicking = <T extends string | number | boolean>(shown: (now: number) => T): T => useSyncExternalStore(subscribe, () => shown(now));

/** The instant of the last tick (what `useNow` and `useTicking` see). */
export const tickedNow = (): number => now;
