import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSESSMENT_TEMPLATE, DEFAULT_CALENDAR, DEFAULT_ESCALATION_RULES, DEFAULT_PRIORITY, DEFAULT_SLA_TARGETS } from './defaults';
import { calendarIssues, escalationIssues, isRetroactive, templateIssues, parseDateList, priorityIssues, slaIssues } from './policyForms';

describe('parseDateList', () => {
  it('reads dates and ranges per line or comma, sorted and unique, and names overlaps and bad lines', () => {
    expect(parseDateList('2026-10-01..2026-10-03, 2026-10-07\n\n2026-02-16')).toEqual({ dates: ['2026-02-16', '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-07'], badLines: [], overlaps: [] });
    expect(parseDateList('2026-10-01..2026-10-07\n2026-10-05..2026-10-08').overlaps).toEqual(['2026-10-05', '2026-10-06', '2026-10-07']);
    expect(parseDateList('2026-10-01\nnational day\n2026-02-30').badLines).toEqual([2, 3]);
  });
});

describe('calendarIssues', () => {
  it('accepts the default calendar and refuses one without working time', () => {
    expect(calendarIssues(DEFAULT_CALENDAR)).toEqual([]);
    expect(calendarIssues({ ...DEFAULT_CALENDAR, hours: [] }).map((i) => i.message)).toEqual(['validation.calendarNoWorkingTime']);
    expect(calendarIssues({ ...DEFAULT_CALENDAR, workingDays: [], extraWorkingDays: [] }).map((i) => i.message)).toEqual(['validation.calendarNoWorkingTime']);
  });

  it('refuses overlapping periods, a period ending before it starts, a bad zone and a holiday that is also a swap day', () => {
    const messages = calendarIssues({
      ...DEFAULT_CALENDAR,
      timeZone: 'Mars/Olympus',
      hours: [
        { start: '09:00', end: '12:30' },
        { start: '12:00', end: '18:00' },
        { start: '20:00', end: '19:00' },
      ],
      extraWorkingDays: ['2026-10-01'],
    }).map((i) => i.message);
    expect(messages.sort()).toEqual(['validation.holidayIsSwapDay', 'validation.hoursEndBeforeStart', 'validation.hoursOverlap', 'validation.timeZoneInvalid'].sort());
  });
});

describe('slaIssues', () => {
  it('accepts the defaults and refuses targets out of order and a bad warning ratio', () => {
    expect(slaIssues(DEFAULT_SLA_TARGETS, 0.75)).toEqual([]);
    const bad = DEFAULT_SLA_TARGETS.map((t, i) => (i === 1 ? { ...t, restoreMinutes: 10, fixMinutes: 5 } : t));
    expect(slaIssues(bad, 1).map((i) => [i.path.join('.'), i.message])).toEqual([
      ['warningRatio', 'validation.warningRatio'],
      ['targets.1.restoreMinutes', 'validation.restoreBeforeResponse'],
      ['targets.1.fixMinutes', 'validation.fixBeforeRestore'],
    ]);
  });

  it('calls a date before today retroactive', () => {
    expect([isRetroactive('2026-01-01', '2026-01-02'), isRetroactive('2026-01-02', '2026-01-02')]).toEqual([true, false]);
  });
});

describe('priorityIssues', () => {
  it('wants exactly one cell per severity and tier', () => {
    expect(priorityIssues(DEFAULT_PRIORITY.matrix)).toEqual([]);
    expect(priorityIssues(DEFAULT_PRIORITY.matrix.slice(1)).map((i) => i.message)).toEqual(['validation.matrixIncomplete']);
    expect(priorityIssues([...DEFAULT_PRIORITY.matrix.slice(1), DEFAULT_PRIORITY.matrix[1]!]).length).toBe(1);
  });
});

describe('escalationIssues', () => {
  it('accepts the default rules and names duplicate ids, a level of the wrong axis and a repeated action', () => {
    expect(escalationIssues(DEFAULT_ESCALATION_RULES)).toEqual([]);
    const [first, second] = DEFAULT_ESCALATION_RULES;
    const bad = [
      first!,
      { ...second!, id: first!.id, atPercent: 0, actions: [{ axis: 'hierarchical' as const, to: 'L2' as const }, { axis: 'functional' as const, to: 'next' as const }, { axis: 'functional' as const, to: 'next' as const }] },
      { ...first!, id: 'to-assignee', actions: [{ axis: 'hierarchical' as const, to: 'assignee' as const }] },
    ];
    expect(escalationIssues(bad).map((i) => [i.path.join('.'), i.message])).toEqual([
      ['rules.1.id', 'validation.ruleIdDuplicate'],
      ['rules.1.atPercent', 'validation.percentInvalid'],
      ['rules.1.actions.0.to', 'validation.actionLevelMismatch'],
      ['rules.1.actions.2.to', 'validation.actionDuplicate'],
      ['rules.2.actions.0.to', 'validation.actionLevelMismatch'],
    ]);
  });
});

describe('templateIssues', () => {
  it('accepts the default template and wants weights totalling 100 %, criteria once, bands in order within 1-5', () => {
    expect(templateIssues(DEFAULT_ASSESSMENT_TEMPLATE)).toEqual([]);
    const thirds = { ...DEFAULT_ASSESSMENT_TEMPLATE, criteria: DEFAULT_ASSESSMENT_TEMPLATE.criteria.slice(0, 3).map((c) => ({ ...c, weight: 0.3333 })) };
    expect(templateIssues(thirds).map((i) => i.message)).toEqual(['validation.weightsTotal']);
    const [a, b] = DEFAULT_ASSESSMENT_TEMPLATE.criteria;
    const bad = { criteria: [{ ...a!, weight: 0.5 }, { ...b!, key: a!.key, weight: 0.5 }], rewardAtLeast: 2, meetsAtLeast: 3 };
    expect(templateIssues(bad).map((i) => [i.path.join('.'), i.message])).toEqual([
      ['criteria.1.key', 'validation.criterionDuplicate'],
      ['rewardAtLeast', 'validation.bandsOrder'],
    ]);
    expect(templateIssues({ ...DEFAULT_ASSESSMENT_TEMPLATE, rewardAtLeast: 6 }).map((i) => i.message)).toEqual(['validation.bandOutOfScale']);
  });
});
