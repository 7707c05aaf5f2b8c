import { useSyncExternalStore } from 'react';

/**
 * The current time, refreshed every second by one timer shared by every countdown on
 * screen (a queue page has dozens of chips; one interval each would drift and cost).
 */
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
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
