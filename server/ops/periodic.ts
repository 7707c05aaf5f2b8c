import type { Logger } from 'pino';

export interface Periodic<T> {
  /** Runs the job now, or joins the run in progress. */
  tick(now?: number): Promise<T>;
  /** Seconds past its period since the last run finished (0 = on time): the lag metric. */
  lagSeconds(now?: number): number;
  stop(): Promise<void>;
}

export interface PeriodicOptions<T> {
  intervalMs: number;
  logger: Logger;
  /** What failed, for the log. */
  what: string;
  /** The answer of a run that failed. */
  fallback: () => T;
  /** One run; `scheduled` is true when the period started it, false for an explicit tick. */
  job: (now: number, scheduled: boolean) => Promise<T>;
}

/**
 * A server's background job: every `intervalMs` (the timer does not keep the process alive)
 * and on `tick()`, never two runs at once in this process (a tick during a run joins it). A
 * run that throws is logged and answers the fallback; the next period tries again. Across
 * processes the jobs serialise themselves (advisory locks, ids derived from what they write).
 */
export function startPeriodic<T>(o: PeriodicOptions<T>): Periodic<T> {
  let running: Promise<T> | null = null;
  let lastDone = Date.now();
  const run = (now: number, scheduled: boolean): Promise<T> => {
    running ??= o
      .job(now, scheduled)
      .catch((err: unknown) => {
        o.logger.error({ err }, `${o.what} failed`);
        return o.fallback();
      })
      .finally(() => {
        running = null;
        lastDone = Date.now();
      });
    return running;
  };
  const timer = setInterval(() => void run(Date.now(), true), o.intervalMs);
  timer.unref();
  return {
    tick: (now = Date.now()) => run(now, false),
    lagSeconds: (now = Date.now()) => Math.max(0, now - lastDone - o.intervalMs) / 1000,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
