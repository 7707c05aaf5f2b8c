import { describe, expect, it } from 'vitest';
import { addBusinessMs, businessMsBetween, isWorkingDay, localDate, localToUtc, dayNumberOf, wallTime, zoneOffset, subtractIntervals, mergeIntervals } from './calendar';
import { DEFAULT_CALENDAR } from './defaults';
import type { BusinessCalendar } from '../schema';

const H = 3_600_000;
const berlin: BusinessCalendar = { region: 'eu-central', timeZone: 'Europe/Berlin', workingDays: [1, 2, 3, 4, 5], hours: [{ start: '09:00', end: '17:00' }], holidays: ['2026-04-03'], extraWorkingDays: [] };

describe('time zones with Intl only', () => {
  it('knows Shanghai is UTC+8 all year and Berlin switches at the end of March and October', () => {
    expect(zoneOffset(Date.parse('2026-01-15T00:00:00Z'), 'Asia/Shanghai')).toBe(8 * H);
    expect(zoneOffset(Date.parse('2026-07-15T00:00:00Z'), 'Asia/Shanghai')).toBe(8 * H);
    expect(zoneOffset(Date.parse('2026-03-29T00:59:00Z'), 'Europe/Berlin')).toBe(1 * H);
    expect(zoneOffset(Date.parse('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe(2 * H);
    expect(zoneOffset(Date.parse('2026-10-25T01:00:00Z'), 'Europe/Berlin')).toBe(1 * H);
  });

  it('maps local wall times to instants across the DST change', () => {
    expect(new Date(localToUtc('Europe/Berlin', dayNumberOf('2026-03-27'), 9 * 60)).toISOString()).toBe('2026-03-27T08:00:00.000Z');
    expect(new Date(localToUtc('Europe/Berlin', dayNumberOf('2026-03-30'), 9 * 60)).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(new Date(localToUtc('Asia/Shanghai', dayNumberOf('2026-03-30'), 9 * 60)).toISOString()).toBe('2026-03-30T01:00:00.000Z');
    expect(localDate(Date.parse('2026-03-29T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-30');
    expect(wallTime(Date.parse('2026-03-29T17:00:00Z'), 'Asia/Shanghai')).toMatchObject({ hour: 1, weekday: 1 });
  });
});

describe('business calendars', () => {
  it('treats holidays as off and 调休 make-up days as working', () => {
    expect(isWorkingDay(DEFAULT_CALENDAR, '2026-10-01')).toBe(false);
    expect(isWorkingDay(DEFAULT_CALENDAR, '2026-02-14')).toBe(true); // Saturday, make-up day
    expect(isWorkingDay(DEFAULT_CALENDAR, '2026-03-07')).toBe(false); // Saturday
    expect(isWorkingDay(DEFAULT_CALENDAR, '2026-03-09')).toBe(true);
  });

  it('counts a Berlin working week across the spring DST change as 8 h a day', () => {
    const from = Date.parse('2026-03-27T00:00:00Z');
    const to = Date.parse('2026-03-31T00:00:00Z');
    expect(businessMsBetween(berlin, from, to)).toBe(16 * H); // Fri 27 + Mon 30
  });

  it('adds business time over a weekend and a holiday', () => {
    // Thu 2 April 16:00 Berlin + 2 h: 1 h Thu, Good Friday off, weekend, Mon 6 April 10:00 CEST.
    const from = Date.parse('2026-04-02T14:00:00Z');
    expect(new Date(addBusinessMs(berlin, from, 2 * H)!).toISOString()).toBe('2026-04-06T08:00:00.000Z');
  });

  it('returns null instead of looping when a calendar has no working time', () => {
    expect(addBusinessMs({ ...berlin, workingDays: [] }, 0, H)).toBeNull();
  });

  it('merges and subtracts intervals', () => {
    expect(mergeIntervals([[5, 8], [1, 3], [2, 4]])).toEqual([[1, 4], [5, 8]]);
    expect(subtractIntervals([[0, 10]], [[2, 3], [5, 12]])).toEqual([[0, 2], [3, 5]]);
  });
});
