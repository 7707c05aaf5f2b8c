import { describe, expect, it } from 'vitest';
import { id as uuidV7Schema } from '../schema/primitives';
import { recordSchema } from '../schema/records';
import type { CheckItem, MaintenancePlanRecord, MaintenanceReadingRecord, MaintenanceRoundRecord, RoundTemplate } from '../schema/records/maintenance';
import {
  checkPlan,
  checkReadingFits,
  checkRoundOpen,
  checkTemplateItems,
  compliance,
  defaultWindowDays,
  dueDateAt,
  dueRounds,
  faultProposal,
  faultReason,
  latestReadings,
  MaintenanceRuleError,
  missingReadings,
  nextTemplateVersion,
  parseReading,
  repeatedFaultModels,
  roundDraft,
  roundId,
  roundsKeepingOlderVersion,
  roundTiming,
} from './maintenance';
import { newId } from './testing/builders';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const rx: CheckItem = { key: 'rx', type: 'number', label: label('Optical receive power', '光接收功率'), unit: 'dBm', low: -28, high: -8, photoRequired: false };
const fan: CheckItem = { key: 'fan', type: 'number', label: label('Fan speed', '风扇转速'), unit: 'rpm', low: 2000, high: null, photoRequired: false };
const ground: CheckItem = { key: 'ground', type: 'yesno', label: label('Grounding intact', '接地完好'), safety: true, photoRequired: false };
const clean: CheckItem = { key: 'clean', type: 'yesno', label: label('Filter clean', '滤网清洁'), safety: false, photoRequired: false };
const led: CheckItem = {
  key: 'led',
  type: 'choice',
  label: label('Status LED', '状态灯'),
  options: [
    { value: 'green', label: label('Green', '绿'), fault: false },
    { value: 'red', label: label('Red', '红'), fault: true },
  ],
  photoRequired: false,
};
const photo: CheckItem = { key: 'rack', type: 'photo', label: label('Rack photo', '机架照片'), photoRequired: true };

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof MaintenanceRuleError) return e.code;
    throw e;
  }
  return 'no error';
};

describe('templates', () => {
  it('refuses a range whose low end is above its high end, and repeated keys', () => {
    expect(code(() => checkTemplateItems([{ ...rx, low: -8, high: -28 }]))).toBe('range_low_above_high');
    expect(code(() => checkTemplateItems([rx, { ...fan, key: 'rx' }]))).toBe('item_keys_repeat');
    expect(code(() => checkTemplateItems([rx, fan, ground, led, photo]))).toBe('no error');
  });

  it('versions: a new template is 1, each save one more, a save over someone else’s is refused', () => {
    expect(nextTemplateVersion(null, null)).toBe(1);
    expect(nextTemplateVersion({ version: 3 }, 3)).toBe(4);
    expect(code(() => nextTemplateVersion({ version: 4 }, 3))).toBe('template_stale');
  });

  it('open rounds keep their version: those on an older one are listed, done ones not', () => {
    const tpl = newId();
    const r = (status: MaintenanceRoundRecord['status'], version: number | null) => ({ ...aRound(), status, body: { ...aRound().body, templateId: tpl, template: version === null ? null : { ...template, templateId: tpl, version } } });
    const rounds = [r('in_progress', 1), r('paused', 2), r('done', 1), r('planned', null)];
    expect(roundsKeepingOlderVersion(rounds, tpl, 2).map((x) => x.status)).toEqual(['in_progress']);
  });
});

describe('plans and due dates', () => {
  it('refuses a plan with no assets and a frequency of 0', () => {
    expect(code(() => checkPlan({ assetIds: [], frequency: { every: 1 } }))).toBe('plan_without_assets');
    expect(code(() => checkPlan({ assetIds: ['a'], frequency: { every: 0 } }))).toBe('frequency_zero');
  });

  it('default window: 7 days either side for monthly or longer, 1 day for weekly, none for daily', () => {
    expect(defaultWindowDays({ every: 1, unit: 'month' })).toBe(7);
    expect(defaultWindowDays({ every: 3, unit: 'month' })).toBe(7);
    expect(defaultWindowDays({ every: 1, unit: 'week' })).toBe(1);
    expect(defaultWindowDays({ every: 30, unit: 'day' })).toBe(7);
    expect(defaultWindowDays({ every: 1, unit: 'day' })).toBe(0);
  });

  it('monthly due dates keep the start day, clamped to short months', () => {
    const f = { every: 1, unit: 'month' } as const;
    expect([0, 1, 2, 13].map((k) => dueDateAt('2026-01-31', f, k))).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2027-02-28']);
    expect(dueDateAt('2026-03-02', { every: 2, unit: 'week' }, 3)).toBe('2026-04-13');
  });

  it('lists the rounds due in a range with windows and the next due date', () => {
    const plan = { startDate: '2026-01-15', frequency: { every: 1, unit: 'month' as const }, windowDays: null };
    expect(dueRounds(plan, '2026-03-01', '2026-04-30')).toEqual([
      { dueDate: '2026-03-15', windowStart: '2026-03-08', windowEnd: '2026-03-22', nextDueDate: '2026-04-15' },
      { dueDate: '2026-04-15', windowStart: '2026-04-08', windowEnd: '2026-04-22', nextDueDate: '2026-05-15' },
    ]);
    // Years later the skip-ahead still finds every date.
    expect(dueRounds(plan, '2036-01-01', '2036-12-31')).toHaveLength(12);
    expect(dueRounds({ ...plan, windowDays: 2 }, '2026-01-01', '2026-01-31')[0]).toMatchObject({ windowStart: '2026-01-13', windowEnd: '2026-01-17' });
    expect(dueRounds(plan, '2025-01-01', '2025-12-31')).toEqual([]);
  });

  it('round ids are valid UUID v7, the same for the same plan and date, different otherwise', () => {
    const p = newId();
    const a = roundId(p, '2026-03-15');
    expect(uuidV7Schema().safeParse(a).success).toBe(true);
    expect(roundId(p, '2026-03-15')).toBe(a);
    const others = new Set([a, roundId(p, '2026-04-15'), roundId(newId(), '2026-03-15')]);
    expect(others.size).toBe(3);
    const many = new Set(Array.from({ length: 20_000 }, () => roundId(newId(), '2026-03-15')));
    expect(many.size).toBe(20_000);
  });

  it('a generated round is a valid record', () => {
    const plan = aPlan();
    const [due] = dueRounds(plan.body, '2026-03-01', '2026-03-31');
    const round = roundDraft(plan, due!, '2026-02-20T00:00:00.000Z');
    expect(recordSchema.safeParse(round).success).toBe(true);
    expect(round).toMatchObject({ ref: plan.id, ref2: plan.ref2, status: 'planned', body: { templateId: plan.ref, template: null, assetIds: plan.body.assetIds } });
  });
});

describe('on time, late, missed', () => {
  const w = { windowStart: '2026-03-08', windowEnd: '2026-03-22', nextDueDate: '2026-04-15' };
  it('classifies done rounds by their done day', () => {
    expect(roundTiming(w, '2026-03-01', '2026-05-01')).toBe('on_time');
    expect(roundTiming(w, '2026-03-22', '2026-05-01')).toBe('on_time');
    expect(roundTiming(w, '2026-03-23', '2026-05-01')).toBe('late');
    expect(roundTiming(w, '2026-04-15', '2026-05-01')).toBe('missed');
  });
  it('classifies open rounds by today', () => {
    expect(roundTiming(w, null, '2026-03-07')).toBe('upcoming');
    expect(roundTiming(w, null, '2026-03-10')).toBe('due');
    expect(roundTiming(w, null, '2026-03-30')).toBe('overdue');
    expect(roundTiming(w, null, '2026-04-15')).toBe('missed');
  });
  it('compliance per key: on time / decided', () => {
    const mk = (team: string, status: MaintenanceRoundRecord['status'], done: string | null) => ({ status, body: { ...aRound().body, ...w }, team, done });
    const rows = compliance(
      [mk('A', 'done', '2026-03-10'), mk('A', 'done', '2026-03-30'), mk('A', 'planned', null), mk('B', 'paused', null)],
      (r) => r.team,
      (r) => r.done,
      '2026-04-20',
    );
    expect(rows).toEqual([
      { key: 'A', onTime: 1, late: 1, missed: 1, open: 0, rate: 1 / 3 },
      { key: 'B', onTime: 0, late: 0, missed: 1, open: 0, rate: 0 },
    ]);
    expect(compliance([mk('A', 'planned', null)], (r) => r.team, () => null, '2026-03-01')).toEqual([{ key: 'A', onTime: 0, late: 0, missed: 0, open: 1, rate: null }]);
  });
});

describe('readings', () => {
  it('parses numbers and refuses what is not one', () => {
    expect(parseReading(rx, ' -12.5 ', 0)).toBe(-12.5);
    expect(parseReading(rx, '−30', 0)).toBe(-30);
    expect(parseReading(rx, '3,5', 0)).toBe(3.5);
    for (const bad of ['', 'abc', '12dB', '1e3', 'NaN', 'Infinity'] as const) expect(code(() => parseReading(rx, bad, 0))).toBe('reading_not_a_number');
    expect(code(() => parseReading(ground, 'yes', 0))).toBe('reading_wrong_type');
    expect(code(() => parseReading(led, 'blue', 0))).toBe('reading_unknown_choice');
    expect(code(() => parseReading(photo, null, 0))).toBe('reading_photo_required');
    expect(code(() => parseReading({ ...rx, photoRequired: true }, '-10', 0))).toBe('reading_photo_required');
    expect(parseReading(photo, null, 1)).toBeNull();
  });

  it('out of range: below low, above high, open ends; a no on a safety item; a fault choice', () => {
    expect(faultReason(rx, -10)).toBeNull();
    expect(faultReason(rx, -8)).toBeNull();
    expect(faultReason(rx, -30)).toBe('out_of_range');
    expect(faultReason(rx, -5)).toBe('out_of_range');
    expect(faultReason(fan, 99999)).toBeNull();
    expect(faultReason(fan, 1500)).toBe('out_of_range');
    expect(faultReason(ground, false)).toBe('safety_no');
    expect(faultReason(clean, false)).toBeNull();
    expect(faultReason(led, 'red')).toBe('fault_choice');
    expect(faultReason(led, 'green')).toBeNull();
  });

  it('proposes a ticket: minor for a reading out of range, major for a no on a safety item, in the raiser’s language', () => {
    const ctx = { assetCode: 'OLT-0001', roundDue: '2026-03-15', templateName: 'OLT monthly', locale: 'en' as const };
    expect(faultProposal(rx, -10, ctx)).toBeNull();
    const minor = faultProposal(rx, -31.5, ctx)!;
    expect(minor).toMatchObject({ reason: 'out_of_range', severity: 'minor', title: 'Inspection fault: OLT-0001 Optical receive power = -31.5 dBm' });
    expect(minor.description).toContain('Normal range: -28 … -8 dBm');
    expect(faultProposal(ground, false, ctx)).toMatchObject({ severity: 'major', reason: 'safety_no' });
    expect(faultProposal(rx, -31.5, { ...ctx, locale: 'zh-CN' })!.title).toBe('巡检异常：OLT-0001 光接收功率 = -31.5 dBm');
  });

  it('the latest reading of an item counts; older ones stay; missing items are listed', () => {
    const asset = newId();
    const r = (itemKey: string, at: string, value: number) => ({ ...aReading(), ref2: asset, body: { ...aReading().body, itemKey, at, value } });
    const readings = [r('rx', '2026-03-10T01:00:00.000Z', -30), r('rx', '2026-03-11T01:00:00.000Z', -12)];
    const latest = latestReadings(readings);
    expect(latest.size).toBe(1);
    expect([...latest.values()][0]!.body.value).toBe(-12);
    const tpl: RoundTemplate = { ...template, items: [rx, ground] };
    expect(missingReadings(tpl, [asset], readings)).toEqual([{ assetId: asset, itemKey: 'ground' }]);
  });

  it('a reading must fit the round: its assets, its template version, an open round', () => {
    const round = { ...aRound(), status: 'in_progress' as const };
    round.body.template = template;
    const asset = round.body.assetIds[0]!;
    expect(checkReadingFits(round, asset, 'rx', 1).key).toBe('rx');
    expect(code(() => checkReadingFits(round, newId(), 'rx'))).toBe('asset_not_in_round');
    expect(code(() => checkReadingFits(round, asset, 'rx', 2))).toBe('template_version_changed');
    expect(code(() => checkReadingFits(round, asset, 'nope'))).toBe('item_not_in_round');
    expect(code(() => checkRoundOpen({ status: 'done' }))).toBe('round_done');
    expect(code(() => checkRoundOpen({ status: 'planned' }))).toBe('round_not_open');
  });

  it('proposes a problem for a model failing on several sites', () => {
    const f = (model: string, siteId: string) => ({ model, siteId, itemKey: 'rx' });
    expect(repeatedFaultModels([f('MA5800', 's1'), f('MA5800', 's2'), f('MA5800', 's2'), f('ZXA10', 's1'), f('ZXA10', 's1'), f('ZXA10', 's1')])).toEqual([
      { model: 'MA5800', itemKey: 'rx', readings: 3, sites: 2 },
    ]);
  });
});

const template: RoundTemplate = { templateId: newId(), version: 1, name: label('OLT monthly', 'OLT 月检'), items: [rx, fan, ground, led, photo], faults: 'offer' };

function aPlan(): MaintenancePlanRecord {
  return {
    id: newId(),
    createdAt: '2026-02-01T00:00:00.000Z',
    updatedAt: '2026-02-01T00:00:00.000Z',
    kind: 'maintenancePlan',
    ref: newId(),
    ref2: newId(),
    status: 'active',
    body: {
      name: 'OLT monthly at Pudong',
      customerId: newId(),
      siteId: newId(),
      assetIds: [newId(), newId()],
      frequency: { every: 1, unit: 'month' },
      startDate: '2026-01-15',
      windowDays: null,
      assigneeId: null,
      region: 'cn-east',
      updatedBy: newId(),
    },
  };
}

function aRound(): MaintenanceRoundRecord {
  const plan = aPlan();
  return roundDraft(plan, dueRounds(plan.body, '2026-03-01', '2026-03-31')[0]!, '2026-02-20T00:00:00.000Z');
}

function aReading(): MaintenanceReadingRecord {
  const by = newId();
  return {
    id: newId(),
    createdAt: '2026-03-10T01:00:00.000Z',
    updatedAt: '2026-03-10T01:00:00.000Z',
    kind: 'maintenanceReading',
    ref: newId(),
    ref2: newId(),
    status: '',
    body: { itemKey: 'rx', templateVersion: 1, value: -12, outOfRange: false, photos: [], note: '', region: 'cn-east', teamId: newId(), by, at: '2026-03-10T01:00:00.000Z', deviceId: 'd1' },
  };
}
