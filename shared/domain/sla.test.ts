import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { slaState, slaTargetFor, pauseIntervals, slaDueAtField, slaMet, milestones } from './sla';
import { DEFAULT_CALENDAR, DEFAULT_SLA_TARGETS, WARNING_RATIO } from './defaults';
import { aTicket, anEvent, eventsFor } from './testing/builders';
import type { BusinessCalendar, Severity, TicketEvent, Tier } from '../schema';
import { NO_DUE } from '../schema';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const SEED = 4242;
const berlin: BusinessCalendar = { region: 'eu-central', timeZone: 'Europe/Berlin', workingDays: [1, 2, 3, 4, 5], hours: [{ start: '09:00', end: '17:00' }], holidays: [], extraWorkingDays: [] };
const iso = (ms: number) => new Date(ms).toISOString();

describe('default SLA targets (DOMAIN.md)', () => {
  it.each([
    ['critical', 'general', 15, 240, 30 * 1440, '24x7'],
    ['major', 'general', 60, 1440, 30 * 1440, 'business'],
    ['minor', 'general', 240, null, 180 * 1440, 'business'],
    ['critical', 'key', 7.5, 240, 30 * 1440, '24x7'],
    ['major', 'key', 30, 1440, 30 * 1440, 'business'],
    ['minor', 'key', 120, null, 180 * 1440, 'business'],
  ] as const)('%s / %s: response %s min, restore %s min, fix %s min, %s', (sev, tier, fr, restore, fix, clock) => {
    const t = slaTargetFor(null, sev, tier);
    expect(t).toMatchObject({ firstResponseMinutes: fr, restoreMinutes: restore, fixMinutes: fix, firstResponseClock: clock, restoreClock: clock, fixClock: '24x7' });
  });
  it('warns at 75 %', () => expect(WARNING_RATIO).toBe(0.75));
  it('has a row for every severity x tier', () => expect(DEFAULT_SLA_TARGETS).toHaveLength(6));
});

type Row = {
  name: string;
  severity: Severity;
  tier: Tier;
  created: string;
  calendar: BusinessCalendar;
  clock: 'firstResponse' | 'restore' | 'fix';
  due: string | null;
};

// Table of due times: zones, weekends, holidays, make-up days, DST.
const table: Row[] = [
  { name: 'critical 24x7 on a Saturday in Shanghai', severity: 'critical', tier: 'general', created: '2026-03-07T02:00:00.000Z', calendar: DEFAULT_CALENDAR, clock: 'firstResponse', due: '2026-03-07T02:15:00.000Z' },
  { name: 'critical key account: response halved', severity: 'critical', tier: 'key', created: '2026-03-07T02:00:00.000Z', calendar: DEFAULT_CALENDAR, clock: 'firstResponse', due: '2026-03-07T02:07:30.000Z' },
  { name: 'critical restore 4 h', severity: 'critical', tier: 'general', created: '2026-03-07T02:00:00.000Z', calendar: DEFAULT_CALENDAR, clock: 'restore', due: '2026-03-07T06:00:00.000Z' },
  { name: 'major Friday 17:30 Shanghai -> Monday 09:30', severity: 'major', tier: 'general', created: '2026-03-06T09:30:00.000Z', calendar: DEFAULT_CALENDAR, clock: 'firstResponse', due: '2026-03-09T01:30:00.000Z' },
  { name: 'major before opening counts from 09:00', severity: 'major', tier: 'key', created: '2026-03-09T22:00:00.000Z', calendar: DEFAULT_CALENDAR, clock: 'firstResponse', due: '2026-03-10T01:30:00.000Z' },
  { name: 'major over National Day holidays', severity: 'major', tier: 'general', created: '2026-09-30T09:30:00.000Z', calendar: DEFAULT_CALENDAR, clock: 'firstResponse', due: '2026-10-08T01:30:00.000Z' },
  { name: 'major before a 调休 Saturday', severity: 'major', tier: 'general', created: '2026-02-13T09:30:00.000Z', calendar: DEFAULT_CALENDAR, clock: 'firstResponse', due: '2026-02-14T01:30:00.000Z' },
  { name: 'major restore 24 business hours = 3 days of 9 h minus', severity: 'major', tier: 'general', created: '2026-03-09T01:00:00.000Z', calendar: DEFAULT_CALENDAR, clock: 'restore', due: '2026-03-11T07:00:00.000Z' },
  { name: 'minor Berlin across spring DST: Fri 16:00 CET + 4 h', severity: 'minor', tier: 'general', created: '2026-03-27T15:00:00.000Z', calendar: berlin, clock: 'firstResponse', due: '2026-03-30T10:00:00.000Z' },
  { name: 'minor Berlin across autumn DST', severity: 'minor', tier: 'general', created: '2026-10-23T14:00:00.000Z', calendar: berlin, clock: 'firstResponse', due: '2026-10-26T11:00:00.000Z' },
  { name: 'critical 24x7 across Berlin DST night', severity: 'critical', tier: 'general', created: '2026-03-28T22:00:00.000Z', calendar: berlin, clock: 'restore', due: '2026-03-29T02:00:00.000Z' },
  { name: 'minor has no restore target', severity: 'minor', tier: 'general', created: '2026-03-09T01:00:00.000Z', calendar: DEFAULT_CALENDAR, clock: 'restore', due: null },
  { name: 'major fix 30 calendar days, weekends included', severity: 'major', tier: 'general', created: '2026-03-09T01:00:00.000Z', calendar: DEFAULT_CALENDAR, clock: 'fix', due: '2026-04-08T01:00:00.000Z' },
  { name: 'minor fix 180 calendar days', severity: 'minor', tier: 'key', created: '2026-03-09T01:00:00.000Z', calendar: DEFAULT_CALENDAR, clock: 'fix', due: '2026-09-05T01:00:00.000Z' },
];

describe('SLA due times', () => {
  it.each(table)('$name', (row) => {
    const ticket = aTicket({ severity: row.severity, createdAt: row.created });
    const s = slaState({ ticket, events: [], tier: row.tier, policy: null, calendar: row.calendar, now: Date.parse(row.created) });
    const c = s[row.clock];
    expect(c.dueAt === null ? null : iso(c.dueAt)).toBe(row.due);
    if (row.due === null) expect(c.state).toBe('none');
  });
});

describe('SLA clock state', () => {
  const created = Date.parse('2026-03-09T01:00:00.000Z'); // Monday 09:00 Shanghai
  const ticket = aTicket({ severity: 'major', createdAt: iso(created) });
  const at = (min: number, events: TicketEvent[] = []) => slaState({ ticket, events, tier: 'general', policy: null, calendar: DEFAULT_CALENDAR, now: created + min * MIN });

  it('is ok below 75 %, warning from 75 %, breached at 100 %', () => {
    expect(at(44).firstResponse.state).toBe('ok');
    expect(at(45).firstResponse.state).toBe('warning');
    expect(at(59).firstResponse.state).toBe('warning');
    expect(at(60).firstResponse.state).toBe('breached');
    expect(at(60).firstResponse.percent).toBeCloseTo(100);
  });

  it('pending pauses first response and restore, never fix', () => {
    const events = eventsFor(ticket, [anEvent('sla_pause', { at: iso(created + 30 * MIN), pendingReason: 'customer' }), anEvent('sla_resume', { at: iso(created + 90 * MIN) })]);
    const s = at(100, events);
    expect(s.firstResponse.elapsedMinutes).toBe(40);
    expect(iso(s.firstResponse.dueAt!)).toBe(iso(created + 120 * MIN));
    expect(s.fix.elapsedMinutes).toBe(100);
    const open = at(60, [events[0]!]);
    expect(open.firstResponse.paused).toBe(true);
    expect(open.firstResponse.elapsedMinutes).toBe(30);
    expect(pauseIntervals([events[0]!], created + 60 * MIN)).toEqual([[created + 30 * MIN, created + 60 * MIN]]);
  });

  it('stops at the milestone and records met / not met', () => {
    const events = eventsFor(ticket, [anEvent('status_change', { at: iso(created + 50 * MIN), from: 'new', to: 'acknowledged', pendingReason: null })]);
    const s = at(300, events);
    expect(s.firstResponse).toMatchObject({ met: true, state: 'ok', elapsedMinutes: 50 });
    const late = at(300, eventsFor(ticket, [anEvent('reply', { at: iso(created + 70 * MIN), body: 'on it' })]));
    expect(late.firstResponse).toMatchObject({ met: false, state: 'breached' });
    expect(slaMet(late)).toBeNull();
  });

  it('reopen restarts the fix clock from creation', () => {
    const ev = eventsFor(ticket, [
      anEvent('status_change', { at: iso(created + 10 * MIN), from: 'new', to: 'in_progress', pendingReason: null }),
      anEvent('status_change', { at: iso(created + 100 * MIN), from: 'in_progress', to: 'resolved', pendingReason: null }),
      anEvent('status_change', { at: iso(created + 200 * MIN), from: 'resolved', to: 'in_progress', pendingReason: null }),
    ]);
    const m = milestones(ticket, ev);
    expect(m.resolvedAt).toBeNull();
    expect(m.restoredAt).toBe(created + 100 * MIN);
    expect(at(300, ev).fix.stoppedAt).toBeNull();
  });

  it('gives the queue index value', () => {
    expect(slaDueAtField(at(0))).toBe(iso(created + 60 * MIN));
    const done = slaState({ ticket: aTicket({ severity: 'minor', createdAt: iso(created), status: 'closed', respondedAt: iso(created), resolvedAt: iso(created + H), closedAt: iso(created + H) }), events: [], tier: 'general', policy: null, calendar: DEFAULT_CALENDAR, now: created + DAY });
    expect(slaDueAtField(done)).toBe(NO_DUE);
    expect(slaMet(done)).toBe(true);
  });
});

describe('SLA properties (fast-check, seed ' + SEED + ')', () => {
  const created = Date.parse('2026-03-02T00:00:00.000Z');
  const span = 30 * DAY;
  const pauseArb = fc.tuple(fc.integer({ min: 0, max: span }), fc.integer({ min: 1, max: 5 * DAY }));
  const severityArb = fc.constantFrom<Severity>('critical', 'major', 'minor');
  const calArb = fc.constantFrom<BusinessCalendar>(DEFAULT_CALENDAR, berlin);
  const mkPauses = (ps: [number, number][]) =>
    ps.flatMap(([s, len]) => [anEvent('sla_pause', { at: iso(created + s), pendingReason: 'parts' }), anEvent('sla_resume', { at: iso(created + s + len) })]);

  it('pausing never shortens the time left', () => {
    fc.assert(
      fc.property(severityArb, calArb, fc.array(pauseArb, { maxLength: 3 }), pauseArb, fc.integer({ min: 0, max: span }), (sev, cal, pauses, extra, nowOff) => {
        const ticket = aTicket({ severity: sev, createdAt: iso(created) });
        const now = created + nowOff;
        // Pauses are only recorded in the past.
        const past = (ps: [number, number][]) => ps.filter(([s, l]) => s + l <= nowOff);
        const base = slaState({ ticket, events: mkPauses(past(pauses)), tier: 'general', policy: null, calendar: cal, now });
        const more = slaState({ ticket, events: mkPauses(past([...pauses, extra])), tier: 'general', policy: null, calendar: cal, now });
        for (const k of ['firstResponse', 'restore'] as const) {
          if (base[k].remainingMinutes === null) continue;
          expect(more[k].remainingMinutes!).toBeGreaterThanOrEqual(base[k].remainingMinutes! - 1e-9);
          if (base[k].dueAt !== null && more[k].dueAt !== null) expect(more[k].dueAt!).toBeGreaterThanOrEqual(base[k].dueAt!);
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('the same events in any order give the same SLA state', () => {
    fc.assert(
      fc.property(severityArb, calArb, fc.array(pauseArb, { maxLength: 4 }), fc.integer({ min: 0, max: span }), fc.integer({ min: 1, max: 60 * MIN }), (sev, cal, pauses, nowOff, respondAfter) => {
        const ticket = aTicket({ severity: sev, createdAt: iso(created) });
        const events = eventsFor(ticket, [
          ...mkPauses(pauses),
          anEvent('status_change', { at: iso(created + respondAfter), from: 'new', to: 'in_progress', pendingReason: null }),
          anEvent('status_change', { at: iso(created + respondAfter + DAY), from: 'in_progress', to: 'restored', pendingReason: null }),
        ]);
        const now = created + nowOff;
        const a = slaState({ ticket, events, tier: 'key', policy: null, calendar: cal, now });
        return fc.assert(
          fc.property(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), (shuffled) => {
            expect(slaState({ ticket, events: shuffled, tier: 'key', policy: null, calendar: cal, now })).toEqual(a);
          }),
          { seed: SEED, numRuns: 5 },
        );
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});
