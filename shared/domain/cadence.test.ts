import { describe, expect, it } from 'vitest';
import { byUrgency, cadenceStatus, cadenceTarget, DEFAULT_CADENCE_DAYS } from './cadence';

const at = (s: string) => Date.parse(s);

describe('contact cadence', () => {
  it('defaults to a week for key accounts and a quarter for general ones (DOMAIN.md)', () => {
    expect(DEFAULT_CADENCE_DAYS).toEqual({ key: 7, general: 90 });
    expect(cadenceTarget('key', null)).toBe(7);
    expect(cadenceTarget('general', undefined)).toBe(90);
    expect(cadenceTarget('key', 3)).toBe(3);
  });

  it('is due a target later than the latest contact, overdue the day after', () => {
    const input = { tier: 'key' as const, timeZone: 'UTC', contactTimes: ['2026-11-02T10:00:00.000Z', '2026-10-20T10:00:00.000Z'] };
    const dueDay = cadenceStatus(input, at('2026-11-09T23:00:00.000Z'));
    expect(dueDay).toMatchObject({ lastContactAt: '2026-11-02T10:00:00.000Z', dueOn: '2026-11-09', overdue: false, overdueDays: 0, never: false, targetDays: 7 });
    expect(cadenceStatus(input, at('2026-11-10T00:00:00.000Z'))).toMatchObject({ overdue: true, overdueDays: 1 });
    expect(cadenceStatus(input, at('2026-11-19T12:00:00.000Z'))).toMatchObject({ overdue: true, overdueDays: 10 });
  });

  it('follows the plan’s own target over the tier default', () => {
    const s = cadenceStatus({ tier: 'general', timeZone: 'UTC', cadenceDays: 14, contactTimes: ['2026-11-01T08:00:00.000Z'] }, at('2026-11-20T08:00:00.000Z'));
    expect(s).toMatchObject({ targetDays: 14, dueOn: '2026-11-15', overdueDays: 5, overdue: true });
  });

  it('counts days at the customer: a late call in Shanghai is that Shanghai day', () => {
    // 2026-11-02 15:30 UTC is 23:30 on 2 Nov in Shanghai; 16:30 UTC is already 00:30 on 3 Nov there.
    const shanghai = (times: string[]) => ({ tier: 'key' as const, timeZone: 'Asia/Shanghai', contactTimes: times });
    expect(cadenceStatus(shanghai(['2026-11-02T15:30:00.000Z']), at('2026-11-09T12:00:00.000Z')).dueOn).toBe('2026-11-09');
    expect(cadenceStatus(shanghai(['2026-11-02T16:30:00.000Z']), at('2026-11-09T12:00:00.000Z')).dueOn).toBe('2026-11-10');
    // Now = 9 Nov 16:30 UTC: already 10 Nov in Shanghai, so the first account is a day late there,
    // while a customer in New York with the same call is not yet due.
    expect(cadenceStatus(shanghai(['2026-11-02T15:30:00.000Z']), at('2026-11-09T16:30:00.000Z'))).toMatchObject({ overdue: true, overdueDays: 1 });
    expect(cadenceStatus({ tier: 'key', timeZone: 'America/New_York', contactTimes: ['2026-11-02T15:30:00.000Z'] }, at('2026-11-09T16:30:00.000Z'))).toMatchObject({ dueOn: '2026-11-09', overdue: false });
  });

  it('treats an account never contacted as overdue now', () => {
    expect(cadenceStatus({ tier: 'general', timeZone: 'Europe/Berlin', contactTimes: [] }, at('2026-11-01T00:00:00.000Z'))).toEqual({
      targetDays: 90,
      lastContactAt: null,
      dueOn: null,
      overdueDays: null,
      overdue: true,
      never: true,
    });
  });

  it('ignores contacts logged in the future and unreadable times', () => {
    const s = cadenceStatus({ tier: 'key', timeZone: 'UTC', contactTimes: ['2027-01-01T00:00:00.000Z', 'not a time'] }, at('2026-11-01T00:00:00.000Z'));
    expect(s.never).toBe(true);
  });

  it('orders the never contacted first, then the most days late, then by name', () => {
    const now = at('2026-11-20T00:00:00.000Z');
    const row = (name: string, times: string[]) => ({ name, cadence: cadenceStatus({ tier: 'key', timeZone: 'UTC', contactTimes: times }, now) });
    const rows = [row('b on time', ['2026-11-19T00:00:00.000Z']), row('c late 2', ['2026-11-11T00:00:00.000Z']), row('d never', []), row('a on time', ['2026-11-18T00:00:00.000Z']), row('e late 9', ['2026-11-04T00:00:00.000Z'])];
    expect(rows.sort(byUrgency).map((r) => r.name)).toEqual(['d never', 'e late 9', 'c late 2', 'a on time', 'b on time']);
  });
});
