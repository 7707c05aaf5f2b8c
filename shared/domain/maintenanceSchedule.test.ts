import { describe, expect, it } from 'vitest';
import { recordSchema } from '../schema/records';
import type { CheckItem, MaintenancePlanRecord } from '../schema/records/maintenance';
import {
  checkPlan,
  checkTemplateItems,
  dueRounds,
  isoWeekday,
  MaintenanceRuleError,
  meterItemOf,
  meterSeries,
  nextAllowedDay,
  roundDraft,
  roundWorkWindow,
  runningHoursDue,
  runningHoursRound,
  type MeterReading,
} from './maintenance';
import { aMaintenancePlan } from './testing/maintenance';
import { newId } from './testing/builders';

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof MaintenanceRuleError) return `${e.code}@${e.path}`;
    throw e;
  }
  return 'passed';
};
const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const meter: CheckItem = { key: 'hours', type: 'number', label: label('Running hours', '运行小时'), unit: 'h', low: null, high: null, photoRequired: false, meter: 'running_hours' };
const weekdays = [1, 2, 3, 4, 5];

describe('plan scopes and the stored plan', () => {
  it('an older plan (assets only, no scope, no window) stays valid and means a list of assets', () => {
    const old = aMaintenancePlan();
    expect('scope' in old.body).toBe(false);
    expect(recordSchema.safeParse(old).success).toBe(true);
    expect(codeOf(() => checkPlan(old.body))).toBe('passed');
  });

  it('a model plan names a model and no assets; a list plan still needs one', () => {
    const model = aMaintenancePlan({ body: { scope: 'model', model: 'MA5800', assetIds: [], siteId: null } });
    expect(recordSchema.safeParse(model).success).toBe(true);
    expect(codeOf(() => checkPlan(model.body))).toBe('passed');
    expect(codeOf(() => checkPlan({ ...model.body, model: '  ' }))).toBe('plan_without_model@model');
    expect(codeOf(() => checkPlan({ ...model.body, model: undefined }))).toBe('plan_without_model@model');
    expect(codeOf(() => checkPlan({ ...model.body, scope: 'assets' }))).toBe('plan_without_assets@assetIds');
    expect(codeOf(() => checkPlan({ ...model.body, scope: 'site' }))).toBe('plan_without_site@siteId');
  });

  it('running hours take periods past 366; calendar units do not', () => {
    const hours = aMaintenancePlan({ body: { frequency: { every: 4000, unit: 'running_hours' } } });
    expect(recordSchema.safeParse(hours).success).toBe(true);
    expect(recordSchema.safeParse(aMaintenancePlan({ body: { frequency: { every: 400, unit: 'day' } } })).success).toBe(false);
    expect(codeOf(() => checkPlan({ assetIds: ['a'], frequency: { every: 400, unit: 'week' } }))).toBe('frequency_too_long@frequency.every');
    expect(codeOf(() => checkPlan({ assetIds: ['a'], frequency: { every: 400, unit: 'running_hours' } }))).toBe('passed');
  });

  it('a maintenance window allows a day and ends after it starts', () => {
    const plan = { assetIds: ['a'], frequency: { every: 1, unit: 'month' as const } };
    expect(codeOf(() => checkPlan({ ...plan, workWindow: { weekdays: [], from: '09:00', to: '17:00' } }))).toBe('window_no_days@workWindow.weekdays');
    expect(codeOf(() => checkPlan({ ...plan, workWindow: { weekdays, from: '17:00', to: '09:00' } }))).toBe('window_end_before_start@workWindow.to');
    expect(codeOf(() => checkPlan({ ...plan, workWindow: { weekdays, from: '09:00', to: '09:00' } }))).toBe('window_end_before_start@workWindow.to');
    expect(codeOf(() => checkPlan({ ...plan, workWindow: { weekdays, from: '09:00', to: '17:30' } }))).toBe('passed');
    expect(codeOf(() => checkPlan({ ...plan, workWindow: null }))).toBe('passed');
  });

  it('a template has at most one running-hours meter, in hours', () => {
    expect(codeOf(() => checkTemplateItems([meter]))).toBe('passed');
    expect(meterItemOf([meter])?.key).toBe('hours');
    expect(codeOf(() => checkTemplateItems([{ ...meter, unit: 'min' }]))).toBe('meter_not_hours@items.0.unit');
    expect(codeOf(() => checkTemplateItems([meter, { ...meter, key: 'hours2' }]))).toBe('meter_repeat@items.1.meter');
    expect(meterItemOf([{ ...meter, meter: undefined }])).toBeNull();
  });
});

describe('maintenance windows', () => {
  it('a due date on an allowed day stays; another moves to the next allowed day', () => {
    expect(isoWeekday('2026-03-07')).toBe(6); // a Saturday
    expect(nextAllowedDay('2026-03-06', weekdays)).toBe('2026-03-06');
    expect(nextAllowedDay('2026-03-07', weekdays)).toBe('2026-03-09');
    expect(nextAllowedDay('2026-03-08', weekdays)).toBe('2026-03-09');
    expect(nextAllowedDay('2026-03-10', [2])).toBe('2026-03-10');
    expect(nextAllowedDay('2026-03-11', [2])).toBe('2026-03-17');
    expect(codeOf(() => nextAllowedDay('2026-03-07', []))).toBe('window_no_days@workWindow.weekdays');
  });

  it('a monthly plan due on a Saturday is due on the Monday, its window around the Monday', () => {
    const rounds = dueRounds({ startDate: '2026-03-07', frequency: { every: 1, unit: 'month' }, windowDays: 2, workWindow: { weekdays, from: '09:00', to: '17:00' } }, '2026-03-01', '2026-05-31');
    // 7 Mar (Sat) -> 9 Mar; 7 Apr (Tue) stays; 7 May (Thu) stays.
    expect(rounds.map((r) => r.dueDate)).toEqual(['2026-03-09', '2026-04-07', '2026-05-07']);
    expect(rounds[0]).toMatchObject({ windowStart: '2026-03-07', windowEnd: '2026-03-11', nextDueDate: '2026-04-07' });
  });

  it('a daily plan on weekdays makes one Monday round of the weekend, each pointing at the next distinct day', () => {
    const rounds = dueRounds({ startDate: '2026-03-05', frequency: { every: 1, unit: 'day' }, windowDays: null, workWindow: { weekdays, from: '08:00', to: '12:00' } }, '2026-03-05', '2026-03-10');
    expect(rounds.map((r) => [r.dueDate, r.nextDueDate])).toEqual([
      ['2026-03-05', '2026-03-06'],
      ['2026-03-06', '2026-03-09'],
      ['2026-03-09', '2026-03-10'],
      ['2026-03-10', '2026-03-11'],
    ]);
    // Starting the range on the Sunday finds Monday's round once, not twice.
    expect(dueRounds({ startDate: '2026-03-05', frequency: { every: 1, unit: 'day' }, windowDays: null, workWindow: { weekdays, from: '08:00', to: '12:00' } }, '2026-03-08', '2026-03-09').map((r) => r.dueDate)).toEqual(['2026-03-09']);
  });

  it('the round keeps the window hours with their zone', () => {
    const plan = aMaintenancePlan({ body: { workWindow: { weekdays: [3, 1, 1], from: '22:00', to: '23:30' } } });
    const ww = roundWorkWindow(plan.body.workWindow, 'Asia/Shanghai');
    expect(ww).toEqual({ weekdays: [1, 3], from: '22:00', to: '23:30', timeZone: 'Asia/Shanghai' });
    const assets = [newId()];
    const round = roundDraft(plan, { dueDate: '2026-03-09', windowStart: '2026-03-08', windowEnd: '2026-03-10', nextDueDate: '2026-04-09' }, '2026-03-01T00:00:00.000Z', { assetIds: assets, workWindow: ww });
    expect(round.body.workWindow).toEqual(ww);
    expect(round.body.assetIds).toEqual(assets);
    expect(recordSchema.safeParse(round).success).toBe(true);
    // Without a window the round has no such field, as rounds written before windows.
    expect('workWindow' in roundDraft(plan, { dueDate: '2026-03-09', windowStart: '2026-03-08', windowEnd: '2026-03-10', nextDueDate: '2026-04-09' }, '2026-03-01T00:00:00.000Z').body).toBe(false);
  });
});

describe('running hours', () => {
  const r = (assetId: string, at: string, hours: number, id = `${assetId}-${at}`): MeterReading => ({ assetId, at, hours, id });
  const base = { startDate: '2026-03-10', every: 500, zone: 'Asia/Shanghai' };

  it('no round done yet (no readings): the first round is due on the start date', () => {
    expect(runningHoursDue({ ...base, lastDoneAt: null, readings: [] })).toEqual({ dueDate: '2026-03-10', basis: 'first', assetId: null, hoursPerDay: null, ignored: [] });
  });

  it('projects the due date at the rate between the last two readings', () => {
    // Done on 1 Mar at 1,000 h; 1,120 h on 6 Mar, 1,200 h on 10 Mar: 20 h a day, 300 h to go = 15 days.
    const readings = [r('a1', '2026-03-01T02:00:00.000Z', 1000), r('a1', '2026-03-06T02:00:00.000Z', 1120), r('a1', '2026-03-10T02:00:00.000Z', 1200)];
    const due = runningHoursDue({ ...base, lastDoneAt: '2026-03-01T03:00:00.000Z', readings });
    expect(due).toMatchObject({ dueDate: '2026-03-25', basis: 'projected', assetId: 'a1', hoursPerDay: 20 });
  });

  it('is due on the day the meter reached the hours at the last round + N', () => {
    const readings = [r('a1', '2026-03-01T02:00:00.000Z', 1000), r('a1', '2026-03-20T17:00:00.000Z', 1510), r('a1', '2026-03-25T02:00:00.000Z', 1600)];
    // 20 Mar 17:00 UTC is 21 Mar in Shanghai.
    expect(runningHoursDue({ ...base, lastDoneAt: '2026-03-01T03:00:00.000Z', readings })).toMatchObject({ dueDate: '2026-03-21', basis: 'reached' });
  });

  it('a meter that went backwards is ignored with its reason', () => {
    const back = r('a1', '2026-03-08T02:00:00.000Z', 90);
    const readings = [r('a1', '2026-03-01T02:00:00.000Z', 1000), r('a1', '2026-03-06T02:00:00.000Z', 1120), back];
    const due = runningHoursDue({ ...base, lastDoneAt: '2026-03-01T03:00:00.000Z', readings });
    expect(due.ignored).toEqual([{ reading: back, reason: 'meter_backwards' }]);
    // The rate is 1,000 -> 1,120 over 5 days (24 h a day): 380 h more is 15.8 days after
    // 6 Mar 02:00 UTC, 21 Mar 22:00 UTC, which is 22 Mar in Shanghai.
    expect(due).toMatchObject({ dueDate: '2026-03-22', basis: 'projected', hoursPerDay: 24 });
    expect(meterSeries([r('a1', '2026-03-01T02:00:00.000Z', Number.NaN)]).ignored[0]!.reason).toBe('meter_not_a_number');
  });

  it('a meter that did not move or a single reading projects nothing; no reading at all says so', () => {
    const still = [r('a1', '2026-03-01T02:00:00.000Z', 1000), r('a1', '2026-03-06T02:00:00.000Z', 1000)];
    expect(runningHoursDue({ ...base, lastDoneAt: '2026-03-01T03:00:00.000Z', readings: still })).toEqual({ dueDate: null, reason: 'no_rate', ignored: [] });
    expect(runningHoursDue({ ...base, lastDoneAt: '2026-03-01T03:00:00.000Z', readings: still.slice(0, 1) })).toMatchObject({ dueDate: null, reason: 'no_rate' });
    expect(runningHoursDue({ ...base, lastDoneAt: '2026-03-01T03:00:00.000Z', readings: [] })).toMatchObject({ dueDate: null, reason: 'no_readings' });
  });

  it('the plan is due when its first asset is, never on the day of the last round', () => {
    const readings = [
      r('slow', '2026-03-01T02:00:00.000Z', 0),
      r('slow', '2026-03-11T02:00:00.000Z', 50),
      r('fast', '2026-03-01T02:00:00.000Z', 0),
      r('fast', '2026-03-11T02:00:00.000Z', 250),
    ];
    expect(runningHoursDue({ ...base, lastDoneAt: '2026-03-01T03:00:00.000Z', readings })).toMatchObject({ dueDate: '2026-03-21', assetId: 'fast' });
    // With N smaller than what a reading the same day shows, the round is due the day after the last.
    const sameDay = [r('a1', '2026-03-01T02:00:00.000Z', 0), r('a1', '2026-03-01T05:00:00.000Z', 10)];
    expect(runningHoursDue({ ...base, every: 5, lastDoneAt: '2026-03-01T03:00:00.000Z', readings: sameDay })).toMatchObject({ dueDate: '2026-03-02', basis: 'reached' });
  });

  it('the round of a running-hours plan: moved into the window, next round one projected period on', () => {
    const plan: Pick<MaintenancePlanRecord['body'], 'frequency' | 'windowDays' | 'workWindow'> = { frequency: { every: 500, unit: 'running_hours' }, windowDays: null, workWindow: { weekdays, from: '09:00', to: '17:00' } };
    // 21 Mar 2026 is a Saturday: Monday 23 Mar; 500 h at 20 h a day is 25 days on.
    expect(runningHoursRound(plan, '2026-03-21', 20)).toEqual({ dueDate: '2026-03-23', windowStart: '2026-03-16', windowEnd: '2026-03-30', nextDueDate: '2026-04-17' });
    expect(runningHoursRound({ ...plan, workWindow: null }, '2026-03-21', null).nextDueDate).toBe('2026-04-20');
    expect(dueRounds({ startDate: '2026-03-01', ...plan }, '2026-03-01', '2026-12-31')).toEqual([]);
  });
});
