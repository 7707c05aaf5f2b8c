import { describe, expect, it } from 'vitest';
import { recordSchema } from '../schema/records';
import { DEFAULT_CALENDAR } from './defaults';
import { firstWorkingDay, mailRetryMs, PACK_CATCH_UP_MONTHS, packDue, packId, packMonths, subscriptionId } from './reportPacks';

const shanghai = { ...DEFAULT_CALENDAR, holidays: [...DEFAULT_CALENDAR.holidays, '2027-01-01'] };
/** Local midnight-plus-`hour` in Shanghai (UTC+8) as an instant. */
const at = (date: string, hour = 10) => Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);

describe('when a monthly pack is due', () => {
  it('a month whose 1st is a Saturday: due on Monday the 3rd, not on the weekend', () => {
    // 1 August 2026 is a Saturday.
    expect(firstWorkingDay(shanghai, '2026-08')).toBe('2026-08-03');
    expect(packDue(shanghai, at('2026-08-01'))).toBeNull();
    expect(packDue(shanghai, at('2026-08-02'))).toBeNull();
    expect(packDue(shanghai, at('2026-08-03'))).toBe('2026-07');
  });

  it('a holiday on the 1st: due on the next working day', () => {
    // 1 January 2027 is a Friday and a holiday; the 2nd and 3rd are the weekend.
    expect(firstWorkingDay(shanghai, '2027-01')).toBe('2027-01-04');
    expect(packDue(shanghai, at('2027-01-01'))).toBeNull();
    expect(packDue(shanghai, at('2027-01-04', 0))).toBe('2026-12');
  });

  it('a Saturday worked in exchange for a holiday counts as a working day', () => {
    const swapped = { ...shanghai, extraWorkingDays: [...shanghai.extraWorkingDays, '2026-08-01'] };
    expect(firstWorkingDay(swapped, '2026-08')).toBe('2026-08-01');
    expect(packDue(swapped, at('2026-08-01'))).toBe('2026-07');
  });

  it('is made up on any later day of the month if the due day was missed, and not before the month ended in UTC', () => {
    expect(packDue(shanghai, at('2026-12-20'))).toBe('2026-11');
    expect(packDue(shanghai, at('2026-12-31', 23))).toBe('2026-11');
    // 1 December 2026 (Tuesday) 01:00 in Shanghai is still 30 November in UTC: November's figures are not final.
    expect(packDue(shanghai, at('2026-12-01', 1))).toBeNull();
    expect(packDue(shanghai, at('2026-12-01', 9))).toBe('2026-11');
  });

  it('catches up the months a subscriber missed, at most two before the due one, and none before a first pack', () => {
    expect(packMonths('2026-05', null)).toEqual(['2026-05']);
    expect(packMonths('2026-05', '2026-04')).toEqual(['2026-05']);
    expect(packMonths('2026-05', '2026-03')).toEqual(['2026-04', '2026-05']);
    expect(packMonths('2026-02', '2025-11')).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(packMonths('2026-05', '2025-01')).toHaveLength(PACK_CATCH_UP_MONTHS + 1);
    expect(packMonths('2026-05', '2025-01')).toEqual(['2026-03', '2026-04', '2026-05']);
  });

  it('derives one subscription per person and one pack per subscription and month, as valid record ids', () => {
    const person = '0190f5c2-7a3b-7c4d-8e5f-0123456789ab';
    const sub = subscriptionId(person);
    expect(sub).toBe(subscriptionId(person));
    expect(subscriptionId('0190f5c2-7a3b-7c4d-8e5f-0123456789ac')).not.toBe(sub);
    expect(packId(sub, '2026-11')).toBe(packId(sub, '2026-11'));
    expect(packId(sub, '2026-11')).not.toBe(packId(sub, '2026-10'));
    const record = { id: packId(sub, '2026-11'), createdAt: '2026-12-01T01:00:00.000Z', updatedAt: '2026-12-01T01:00:00.000Z', kind: 'reportSubscription', ref: person, ref2: '', status: 'active', body: { pack: 'monthlyReview', locale: 'en', mail: false } };
    expect(recordSchema.safeParse(record).success).toBe(true);
    expect(recordSchema.safeParse({ ...record, id: sub }).success).toBe(true);
  });

  it('waits longer after each failed mail, at most a day', () => {
    expect(mailRetryMs(1)).toBe(5 * 60_000);
    expect(mailRetryMs(2)).toBe(10 * 60_000);
    expect(mailRetryMs(30)).toBe(24 * 3600_000);
  });
});
