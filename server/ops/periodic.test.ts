import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startPeriodic } from './periodic';

describe('a periodic server job', () => {
  const quiet = pino({ level: 'silent' });

  it('never runs twice at once: a tick during a run joins it, and stop waits for it', async () => {
    let runs = 0;
    let release!: () => void;
    const job = startPeriodic({
      intervalMs: 60_000,
      logger: quiet,
      what: 'test job',
      fallback: () => -1,
      job: async () => {
        runs += 1;
        await new Promise<void>((resolve) => (release = resolve));
        return runs;
      },
    });
    const first = job.tick();
    const second = job.tick();
    await new Promise((r) => setImmediate(r));
    expect(runs).toBe(1);
    release();
    expect(await Promise.all([first, second])).toEqual([1, 1]);
    const third = job.tick();
    await new Promise((r) => setImmediate(r));
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect([await third, runs]).toEqual([2, 2]);
  });

  it('answers the fallback when a run fails, logs it, and runs again on the next tick', async () => {
    const logged: string[] = [];
    const logger = pino(
      { level: 'error' },
      { write: (line: string) => logged.push(JSON.parse(line).msg as string) },
    );
    let calls = 0;
    const job = startPeriodic({
      intervalMs: 60_000,
      logger,
      what: 'flaky job',
      fallback: () => 'fallback',
      job: async (_now, scheduled) => {
        calls += 1;
        if (calls === 1) throw new Error('database away');
        return scheduled ? 'scheduled' : 'asked';
      },
    });
    expect(await job.tick()).toBe('fallback');
    expect(logged).toEqual(['flaky job failed']);
    expect(await job.tick()).toBe('asked');
    expect(job.lagSeconds(Date.now())).toBe(0);
    expect(job.lagSeconds(Date.now() + 90_000)).toBeGreaterThanOrEqual(29);
    await job.stop();
  });

  it('runs by itself every period, marked as scheduled', async () => {
    const seen: boolean[] = [];
    const job = startPeriodic({
      intervalMs: 20,
      logger: quiet,
      what: 'timed job',
      fallback: () => null,
      job: async (_now, scheduled) => {
        seen.push(scheduled);
        return null;
      },
    });
    await expect.poll(() => seen.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    await job.stop();
    expect(seen.every((s) => s)).toBe(true);
  });
});
