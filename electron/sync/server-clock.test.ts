import { describe, expect, it } from 'vitest';
import { createServerClock } from './server-clock';

const T0 = Date.parse('2026-12-01T08:00:00.000Z');
const httpDate = (ms: number) => new Date(ms).toUTCString();

/** A server `offset` ms ahead of the device answering a request that left at `sent` and took `rtt` ms. */
const answer = (offset: number, sent: number, rtt: number) => ({ date: httpDate(sent + rtt / 2 + offset), sent, received: sent + rtt });

describe('server clock', () => {
  it('learns a clock a day fast to within a second from a few answers, and corrects now()', () => {
    let device = T0 + 86_400_000;
    const changes: number[] = [];
    const clock = createServerClock({ deviceNow: () => device, onChange: (ms) => changes.push(ms) });
    for (let i = 0; i < 8; i++) {
      const a = answer(-86_400_000, device + i * 137, 40);
      clock.observe(a.date, a.sent, a.received);
    }
    expect(Math.abs(clock.offsetMs() + 86_400_000)).toBeLessThan(1000);
    expect(Math.abs(clock.now() - T0)).toBeLessThan(1000);
    // Told once: later answers only narrow it by less than a second.
    expect(changes).toHaveLength(1);
    device += 5000;
    expect(Math.abs(clock.now() - (T0 + 5000))).toBeLessThan(1000);
  });

  it('leaves a clock within the threshold alone: an NTP-kept device is not shifted', () => {
    const changes: number[] = [];
    const clock = createServerClock({ deviceNow: () => T0, onChange: (ms) => changes.push(ms) });
    for (const offset of [300, -800, 1500]) {
      const c = createServerClock({ deviceNow: () => T0 });
      const a = answer(offset, T0, 20);
      c.observe(a.date, a.sent, a.received);
      expect(c.offsetMs()).toBe(0);
    }
    const a = answer(900, T0, 20);
    clock.observe(a.date, a.sent, a.received);
    expect([clock.offsetMs(), clock.now(), changes]).toEqual([0, T0, []]);
  });

  it('starts over when the device clock is set: the new answers no longer fit the old range', () => {
    const changes: number[] = [];
    const clock = createServerClock({ deviceNow: () => T0, onChange: (ms) => changes.push(ms) });
    const late = answer(-3_600_000, T0, 30);
    clock.observe(late.date, late.sent, late.received);
    expect(Math.round(clock.offsetMs() / 1000)).toBe(-3600);
    // The user set the clock right: the server now agrees with the device.
    const right = answer(0, T0 + 10_000, 30);
    clock.observe(right.date, right.sent, right.received);
    expect(clock.offsetMs()).toBe(0);
    expect(changes.map((ms) => Math.round(ms / 1000))).toEqual([-3600, 0]);
  });

  it('uses the offset of an earlier run until the server answers; ignores an answer it cannot read', () => {
    const clock = createServerClock({ deviceNow: () => T0, initialOffsetMs: -86_400_000 });
    expect(clock.now()).toBe(T0 - 86_400_000);
    clock.observe('not a date', T0, T0 + 10);
    clock.observe(httpDate(T0), T0 + 10, T0);
    expect(clock.offsetMs()).toBe(-86_400_000);
  });
});
