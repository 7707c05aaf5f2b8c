import { describe, expect, it } from 'vitest';
import { ticketsBehind, type ReportDrill } from './drill';
import { escalationReport, slaReport, tl9000Report, backlogReport, type ReportData } from './reports';
import { TL9000_FIGURES } from './metrics';
import { reportFixture } from './testing/report-fixture';

const now = Date.parse('2026-04-15T00:00:00Z');
const fx = reportFixture({ T1: 'T1', T2: 'T2', east: 'cn-east', south: 'cn-south', now });
const data: ReportData = { tickets: Object.values(fx.tickets), events: fx.events, assets: fx.assets, customers: fx.customers, policies: fx.policies, problems: fx.problems };
const letters = (ids: string[]) =>
  ids
    .map((id) => Object.entries(fx.tickets).find(([, t]) => t.id === id)![0])
    .sort()
    .join('');
const behind = (drill: ReportDrill) => letters(ticketsBehind(data, drill, now));
const Q1 = { from: '2026-01', to: '2026-03' };

describe('the tickets behind a report figure', () => {
  it('TL 9000: the reports, fixes and overdue reports of a month, by the letters of the fixture', () => {
    // January: A opened; A fixed on time; B (due 1 Dec) and C (due 19 Jan) overdue, both still at month end.
    expect(behind({ figure: 'reports', month: '2026-01' })).toBe('A');
    expect(behind({ figure: 'fixesOnTime', month: '2026-01' })).toBe('A');
    expect(behind({ figure: 'overdueAtEnd', month: '2026-01' })).toBe('BC');
    // February: C closed (10 Feb) after being overdue; B still overdue; G (other region) opened.
    expect(behind({ figure: 'overdueClosed', month: '2026-02' })).toBe('C');
    expect(behind({ figure: 'overdueAtEnd', month: '2026-02' })).toBe('B');
    expect(behind({ figure: 'reports', month: '2026-02' })).toBe('GH');
  });

  it('backlog: the open tickets of an age bucket', () => {
    expect(behind({ figure: 'age', age: '<1d' })).toBe('K');
    expect(behind({ figure: 'age', age: '1-3d' })).toBe('J');
    expect(behind({ figure: 'age', age: '1-3d', tier: 'key' })).toBe('');
  });

  it('escalations: the tickets of a month escalated upwards (a downward move is no escalation)', () => {
    expect(behind({ figure: 'escalated', month: '2026-02' })).toBe('H');
    expect(behind({ figure: 'escalated', month: '2025-11' })).toBe('');
  });

  it('SLA: the tickets whose clock stopped in the month, met or missed', () => {
    expect(behind({ figure: 'slaMeasured', month: '2026-02', clock: 'firstResponse' })).toBe('H');
    expect(behind({ figure: 'slaMissed', month: '2026-02', clock: 'firstResponse' })).toBe('H');
    expect(behind({ figure: 'slaMet', month: '2026-02', clock: 'firstResponse' })).toBe('');
  });

  it('every figure of the quarter lists as many tickets as the report counts', () => {
    const tl = tl9000Report(data, Q1, now);
    for (const month of tl.months)
      for (const figure of TL9000_FIGURES) {
        const counted = tl.rows.filter((r) => r.month === month).reduce((s, r) => s + r[figure], 0);
        expect(ticketsBehind(data, { figure, month }, now), `${figure} ${month}`).toHaveLength(counted);
      }
    const sla = slaReport(data, Q1, now);
    for (const month of sla.months)
      for (const clock of ['firstResponse', 'restore', 'fix'] as const) {
        const rows = sla.rows.filter((r) => r.month === month && r.clock === clock);
        // One ticket has at most one stop per clock: tickets and clock stops count alike.
        expect(ticketsBehind(data, { figure: 'slaMeasured', month, clock }, now)).toHaveLength(rows.reduce((s, r) => s + r.measured, 0));
        expect(ticketsBehind(data, { figure: 'slaMet', month, clock }, now)).toHaveLength(rows.reduce((s, r) => s + r.met, 0));
      }
    for (const r of escalationReport(data, Q1, now).rate) expect(ticketsBehind(data, { figure: 'escalated', month: r.month }, now)).toHaveLength(r.escalated);
    for (const b of backlogReport(data, Q1, now).buckets) expect(ticketsBehind(data, { figure: 'age', age: b.label as '<1d' }, now)).toHaveLength(b.total);
  });
});
