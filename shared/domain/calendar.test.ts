import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessMs, businessMsBetween, isWorkingDay, localDate, localToUtc, dayNumberOf, wallTime, zoneOffset, subtractIntervals, mergeIntervals, workingIntervals, type Interval } from './calendar';
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

/** Intl's own reading of an instant, field by field: what wallTime must give, whatever it caches. */
const referenceFormats = new Map<string, Intl.DateTimeFormat>();
const intlWallTime = (ms: number, zone: string) => {
  let format = referenceFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short' });
    referenceFormats.set(zone, format);
  }
  const parts = Object.fromEntries(
    format
      .formatToParts(ms)
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday!) + 1;
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second), weekday };
};

describe('wall times read once per zone and hour', () => {
  // Summer time of 30 min (Lord Howe), quarter-hour zones (Chatham, Kathmandu), zones that
  // changed offset by seconds when they left local mean time (Shanghai 1901, Amsterdam 1937),
  // and southern-hemisphere summer time.
  const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kathmandu', 'Asia/Shanghai', 'Europe/Amsterdam', 'America/Sao_Paulo', 'UTC'];
  const from = Date.parse('1890-01-01T00:00:00Z');
  const to = Date.parse('2045-01-01T00:00:00Z');

  it('agree with Intl at any instant, in zones with odd offsets and changes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: from, max: to }), (zone, ms) => {
        expect(wallTime(ms, zone)).toEqual(intlWallTime(ms, zone));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agree with Intl at every second around each offset change, asked in any order', () => {
    let changes = 0;
    for (const zone of zones) {
      // Hours in which the offset changes: Intl at both ends of each hour of some years.
      for (let hourStart = Date.parse('1900-12-31T00:00:00Z'); hourStart < Date.parse('1902-01-01T00:00:00Z'); hourStart += H) probe(zone, hourStart);
      for (let hourStart = Date.parse('1937-01-01T00:00:00Z'); hourStart < Date.parse('1938-01-01T00:00:00Z'); hourStart += H) probe(zone, hourStart);
      for (let hourStart = Date.parse('2026-01-01T00:00:00Z'); hourStart < Date.parse('2027-01-01T00:00:00Z'); hourStart += H) probe(zone, hourStart);
    }
    function probe(zone: string, hourStart: number) {
      const offsetAt = (ms: number) => {
        const w = intlWallTime(ms, zone);
        return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
      };
      if (offsetAt(hourStart) === offsetAt(hourStart + H)) return;
      changes++;
      // Every second of the hour the offset changes in, and a minute either side; from the
      // end backwards, so the hour's cache entry is made by a late instant first.
      for (let ms = hourStart + H + 60_000; ms >= hourStart - 60_000; ms -= 1000) {
        expect(wallTime(ms, zone)).toEqual(intlWallTime(ms, zone));
        expect(zoneOffset(ms, zone)).toBe(offsetAt(ms));
      }
    }
    // 2026: 2 changes in each of the 5 zones with summer time; 1901 Shanghai, 1937 Amsterdam.
    expect(changes).toBeGreaterThanOrEqual(12);
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

  it('works out a calendar once per content: a copy reads the same, a calendar differing in any field reads its own', () => {
    const from = Date.parse('2026-03-23T00:00:00Z');
    const to = Date.parse('2026-04-13T00:00:00Z');
    const copy = structuredClone(berlin);
    expect(businessMsBetween(copy, from, to)).toBe(businessMsBetween(berlin, from, to));
    // Each of these differs from berlin in one field only, and was asked after berlin's days were worked out.
    expect(businessMsBetween({ ...berlin, holidays: [] }, from, to)).toBe(businessMsBetween(berlin, from, to) + 8 * H);
    expect(businessMsBetween({ ...berlin, extraWorkingDays: ['2026-03-28'] }, from, to)).toBe(businessMsBetween(berlin, from, to) + 8 * H);
    expect(businessMsBetween({ ...berlin, workingDays: [1, 2, 3, 4] }, from, to)).toBe(businessMsBetween(berlin, from, to) - 16 * H);
    expect(businessMsBetween({ ...berlin, hours: [{ start: '09:00', end: '16:00' }] }, from, to)).toBe(businessMsBetween(berlin, from, to) - 14 * H);
    // Friday 27 March, 00:00-05:00 UTC: 09:00-13:00 in Shanghai, night in Berlin.
    const night: [number, number] = [Date.parse('2026-03-27T00:00:00Z'), Date.parse('2026-03-27T05:00:00Z')];
    expect(businessMsBetween(berlin, ...night)).toBe(0);
    expect(businessMsBetween({ ...berlin, timeZone: 'Asia/Shanghai' }, ...night)).toBe(4 * H);
  });

  it('merges and subtracts intervals', () => {
    expect(mergeIntervals([[5, 8], [1, 3], [2, 4]])).toEqual([[1, 4], [5, 8]]);
    expect(subtractIntervals([[0, 10]], [[2, 3], [5, 12]])).toEqual([[0, 2], [3, 5]]);
  });
});

describe('running sums give what a walk over the days gives', () => {
  // The walk the sums replaced: every working interval between the instants, pauses cut out.
  const walkBetween = (cal: BusinessCalendar, from: number, to: number, pauses: Interval[]) =>
    subtractIntervals(workingIntervals(cal, from, to), mergeIntervals(pauses)).reduce((sum, [a, b]) => sum + b - a, 0);
  const walkAdd = (cal: BusinessCalendar, from: number, amount: number, pauses: Interval[]): number | null => {
    let left = amount;
    for (let cursor = from; cursor < from + 400 * 24 * H; cursor += 14 * 24 * H) {
      for (const [a, b] of subtractIntervals(workingIntervals(cal, cursor, cursor + 14 * 24 * H), mergeIntervals(pauses))) {
        if (b - a >= left) return a + left;
        left -= b - a;
      }
    }
    return null;
  };
  const calendars: BusinessCalendar[] = [
    DEFAULT_CALENDAR,
    berlin,
    // Far ahead of UTC (+13 in its summer), working from midnight: a local day begins on the UTC day before.
    { region: 'nz', timeZone: 'Pacific/Auckland', workingDays: [1, 2, 3, 4, 5], hours: [{ start: '00:00', end: '06:00' }, { start: '20:00', end: '23:30' }], holidays: [], extraWorkingDays: [] },
    { region: 'us', timeZone: 'America/New_York', workingDays: [1, 2, 3, 4, 5, 6], hours: [{ start: '00:00', end: '03:00' }, { start: '08:00', end: '12:00' }, { start: '22:00', end: '24:00' }], holidays: ['2026-11-26'], extraWorkingDays: ['2026-03-08'] },
  ];
  const start = Date.parse('2026-01-01T00:00:00Z');
  const instant = fc.integer({ min: 0, max: 330 * 24 * 60 }).map((m) => start + m * 60_000);
  const pause = fc.tuple(instant, fc.integer({ min: 1, max: 9 * 24 * 60 })).map(([a, m]): Interval => [a, a + m * 60_000]);

  it('gives the same working time whichever instants were asked before (the sums are rebuilt from earlier days)', () => {
    // Found by the property below: a later instant asked first, then one before the table's
    // first day, rebuilt the table from another origin between the two reads.
    const nz = { ...calendars[2]! };
    const from = Date.parse('2026-01-01T00:15:00Z');
    const to = Date.parse('2026-02-15T00:00:00Z');
    // A year and a bit later first: the table then starts between `from` and `to`.
    expect(businessMsBetween(nz, Date.parse('2027-01-21T00:00:00Z'), Date.parse('2027-01-22T00:00:00Z'))).toBeGreaterThan(0);
    expect(businessMsBetween(nz, from, to)).toBe(walkBetween(nz, from, to, []));
  });

  it('between two instants, with and without pauses, in zones with and without summer time', () => {
    fc.assert(
      fc.property(fc.constantFrom(...calendars), instant, fc.integer({ min: 0, max: 60 * 24 * 60 }), fc.array(pause, { maxLength: 4 }), (cal, from, minutes, pauses) => {
        const to = from + minutes * 60_000;
        expect(businessMsBetween(cal, from, to, pauses)).toBe(walkBetween(cal, from, to, pauses));
      }),
      { numRuns: 400 },
    );
  });

  it('the instant a working time is reached, with and without pauses', () => {
    fc.assert(
      fc.property(fc.constantFrom(...calendars), instant, fc.integer({ min: 1, max: 400 * 60 }), fc.array(pause, { maxLength: 4 }), (cal, from, minutes, pauses) => {
        expect(addBusinessMs(cal, from, minutes * 60_000, pauses)).toBe(walkAdd(cal, from, minutes * 60_000, pauses));
      }),
      { numRuns: 400 },
    );
  });
});
