import { afterEach, describe, expect, it, vi } from 'vitest';
import { isRetroactive, todayIn } from './savePolicy';

describe('the effective date a policy form offers', () => {
  afterEach(() => vi.useRealTimers());

  it('is today in the organisation’s zone, not this computer’s: at 17:00 UTC Shanghai is a day ahead', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-30T17:00:00Z'));
    expect(todayIn()).toBe('2026-12-01');
    // So the form does not call the UTC day "retroactive" and the server does not either.
    expect(isRetroactive('2026-12-01')).toBe(false);
    expect(isRetroactive('2026-11-30')).toBe(true);
    // A calendar counts in its own zone; a zone still being typed falls back to the organisation's.
    expect(todayIn('Europe/Berlin')).toBe('2026-11-30');
    expect(isRetroactive('2026-11-30', 'Europe/Berlin')).toBe(false);
    expect(todayIn('Asia/Sha')).toBe('2026-12-01');
  });
});
