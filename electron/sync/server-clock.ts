/**
 * The server's time as this device knows it (RELIABILITY S5). A technician's laptop may run a
 * day off; the SLA due times come from the server, so a countdown against the laptop's own
 * clock would show a ticket due in three hours as breached since yesterday.
 *
 * Every answer of the server carries its `Date` header (whole seconds). An answer whose
 * request left at device time `sentAt` and arrived at `receivedAt` says the offset (server
 * minus device) lies in [date - receivedAt, date + 1000 - sentAt]. Intersecting these ranges
 * narrows the offset to well under a second after a few answers; a range that no longer
 * meets the others means one of the clocks was set, and starts over.
 *
 * A clock within `threshold` of the server's is taken as right (the offset is 0): a device
 * kept by NTP behaves exactly as without this module. The offset is kept across restarts by
 * the caller (`onChange`), so days offline still count from the server's time.
 */

/** Off by more than this, the device's clock is corrected; within it, left as it is. */
export const CLOCK_OFF_THRESHOLD_MS = 2000;

export interface ServerClock {
  /** The device's own clock. */
  deviceNow(): number;
  /** The server's time now, as best known (the device's clock when it is right). */
  now(): number;
  /** What `now()` adds to the device's clock. */
  offsetMs(): number;
  /** A server answer: its `Date` header, and the device times the request left and the answer arrived. */
  observe(dateHeader: string, sentAt: number, receivedAt: number): void;
}

export interface ServerClockOptions {
  deviceNow?: () => number;
  /** The offset known from an earlier run, used until the server answers. */
  initialOffsetMs?: number;
  /** The offset changed by a second or more (or to or from zero): keep it, show it. */
  onChange?: (offsetMs: number) => void;
  threshold?: number;
}

export function createServerClock(options: ServerClockOptions = {}): ServerClock {
  const deviceNow = options.deviceNow ?? Date.now;
  const threshold = options.threshold ?? CLOCK_OFF_THRESHOLD_MS;
  let applied = options.initialOffsetMs ?? 0;
  let range: { lo: number; hi: number } | null = null;

  return {
    deviceNow,
    now: () => deviceNow() + applied,
    offsetMs: () => applied,
    observe(dateHeader, sentAt, receivedAt) {
      const date = Date.parse(dateHeader);
      if (Number.isNaN(date) || receivedAt < sentAt) return;
      const lo = date - receivedAt;
      const hi = date + 1000 - sentAt;
      range = range && lo <= range.hi && hi >= range.lo ? { lo: Math.max(lo, range.lo), hi: Math.min(hi, range.hi) } : { lo, hi };
      const estimate = Math.round((range.lo + range.hi) / 2);
      const next = Math.abs(estimate) > threshold ? estimate : 0;
      if (next === applied) return;
      const moved = Math.abs(next - applied) >= 1000 || next === 0 || applied === 0;
      applied = next;
      if (moved) options.onChange?.(applied);
    },
  };
}
