import type { Logger } from 'pino';
import type { Db } from '../db/db';
import type { AccessContext, Registry } from '../sync/registry';

export interface Scheduler {
  stop(): Promise<void>;
}

/** Placeholder until the SLA evaluation lands: runs `tick` on an interval, one at a time. */
export function startSlaScheduler(db: Db, registry: Registry<AccessContext>, logger: Logger, intervalMs: number): Scheduler {
  void db;
  void registry;
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    running ??= Promise.resolve()
      .catch((err: unknown) => logger.error({ err }, 'sla tick failed'))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
