import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backlogAgeing, combineTl9000, csatSummary, escalationRate, fixDueAt, monthRange, monthsBetween, slaCompliance, tl9000Month, unitsInService } from './metrics';
import { aTicket, anAsset, anEvent, newId } from './testing/builders';
import type { Severity, Ticket, TicketEvent } from '../schema';

const DAY = 86_400_000;
const H = 3_600_000;
const SEED = 9001;
const iso = (ms: number) => new Date(ms).toISOString();
const ctx = () => ({ tier: 'general' as const, policy: null, calendar: null });
const jan = Date.parse('2026-01-01T00:00:00.000Z');
const now = Date.parse('2026-06-01T00:00:00.000Z');
const units = Array.from({ length: 12 }, () => anAsset({ id: newId(), productLine: 'transport', installDate: '2025-06-01' }));

describe('months', () => {
  it('splits the year into UTC months', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange('2026-02').map(iso)).toEqual(['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
  });
});

describe('TL 9000 measurements', () => {
  it('NPR = reports * 12 / units, problem reports only', () => {
    const tickets = [
      aTicket({ createdAt: iso(jan + 2 * DAY) }),
      aTicket({ createdAt: iso(jan + 3 * DAY) }),
      aTicket({ createdAt: iso(jan + 4 * DAY) }),
      aTicket({ createdAt: iso(jan + 5 * DAY), problemReport: false }),
      aTicket({ createdAt: iso(jan + 40 * DAY) }),
    ];
    const child = anAsset({ id: newId(), productLine: 'transport', parentId: units[0]!.id, kind: 'board' });
    const retired = anAsset({ id: newId(), productLine: 'transport', status: 'retired' });
    expect(unitsInService([...units, child, retired], 'transport', monthRange('2026-01')[1])).toBe(12);
    const row = tl9000Month({ month: '2026-01', tickets, assets: [...units, child, retired], slaContext: ctx, now }).find((r) => r.severity === 'major');
    expect(row).toMatchObject({ productLine: 'transport', severity: 'major', reports: 3, unitMonths: 12, npr: 3 });
  });

  it('FRT = % of fixes delivered in the month within the fix target (30 days for major)', () => {
    const onTime = aTicket({ createdAt: iso(jan), resolvedAt: iso(jan + 30 * DAY), status: 'resolved' });
    const late = aTicket({ createdAt: iso(jan - DAY), resolvedAt: iso(jan + 30 * DAY), status: 'resolved' });
    expect(fixDueAt(onTime, ctx)).toBe(jan + 30 * DAY);
    const major = (month: string) => tl9000Month({ month, tickets: [onTime, late], assets: units, slaContext: ctx, now }).find((r) => r.severity === 'major');
    expect(major('2026-01')).toMatchObject({ fixesDelivered: 2, fixesOnTime: 1, frtPercent: 50 });
    expect(major('2026-02')).toMatchObject({ fixesDelivered: 0, frtPercent: null });
  });

  it('OFR: overdue at any time in the month, % closed in it, count still overdue at its end', () => {
    const created = Date.parse('2025-12-20T00:00:00.000Z'); // major: fix due 2026-01-19
    const closedInFeb = aTicket({ createdAt: iso(created), closedAt: iso(Date.parse('2026-02-10T00:00:00.000Z')), status: 'closed' });
    const stillOpen = aTicket({ createdAt: iso(created) });
    const closedBeforeDue = aTicket({ createdAt: iso(created), closedAt: iso(Date.parse('2026-01-10T00:00:00.000Z')), status: 'closed' });
    const minorNotDue = aTicket({ createdAt: iso(created), severity: 'minor' });
    const rows = tl9000Month({ month: '2026-02', tickets: [closedInFeb, stillOpen, closedBeforeDue, minorNotDue], assets: units, slaContext: ctx, now });
    expect(rows.find((r) => r.severity === 'major')).toMatchObject({ overdue: 2, overdueClosed: 1, overdueAtEnd: 1, ofrPercent: 50 });
    expect(rows.find((r) => r.severity === 'minor')).toMatchObject({ overdue: 0, ofrPercent: null });
  });

  const ticketArb = fc.record({
    created: fc.integer({ min: 0, max: 58 * DAY }),
    fixAfter: fc.option(fc.integer({ min: 1, max: 60 * DAY })),
    severity: fc.constantFrom<Severity>('critical', 'major', 'minor'),
    problemReport: fc.boolean(),
    csat: fc.option(fc.integer({ min: 1, max: 5 })),
    escalated: fc.boolean(),
  });
  type Spec = { created: number; fixAfter: number | null; severity: Severity; problemReport: boolean; csat: number | null; escalated: boolean };
  const build = (specs: Spec[]) => {
    const tickets: Ticket[] = [];
    const events: TicketEvent[] = [];
    for (const s of specs) {
      const c = jan + s.created;
      const r = s.fixAfter === null ? null : c + s.fixAfter;
      const t = aTicket({ createdAt: iso(c), severity: s.severity, problemReport: s.problemReport, status: r === null ? 'in_progress' : 'resolved', respondedAt: iso(c + H / 4), restoredAt: r === null ? null : iso(r), resolvedAt: r === null ? null : iso(r) });
      tickets.push(t);
      if (s.csat !== null && r !== null) events.push(anEvent('csat', { ticketId: t.id, at: iso(r), score: s.csat, reason: 'r' }));
      if (s.escalated) events.push(anEvent('escalation', { ticketId: t.id, at: iso(c + H), axis: 'functional', fromLevel: 'L1', toLevel: 'L2', direction: 'up', reason: 'r', ruleKey: null, toPersonId: null, toTeamId: null }));
    }
    return { tickets, events };
  };

  it('a metric over two months equals the combination of each month (property)', () => {
    const [a, mid] = monthRange('2026-01');
    const end = monthRange('2026-02')[1];
    fc.assert(
      fc.property(fc.array(ticketArb, { maxLength: 30 }), (specs) => {
        const { tickets, events } = build(specs);
        // TL 9000 NPR / FRT: combined monthly counts equal a direct count over both months.
        const months = [...tl9000Month({ month: '2026-01', tickets, assets: units, slaContext: ctx, now }), ...tl9000Month({ month: '2026-02', tickets, assets: units, slaContext: ctx, now })];
        const combined = combineTl9000(months, '2026-01..02');
        for (const sev of ['critical', 'major', 'minor'] as const) {
          const pr = tickets.filter((t) => t.problemReport && t.severity === sev);
          const row = combined.find((r) => r.severity === sev);
          const reports = pr.filter((t) => Date.parse(t.createdAt) < end).length;
          const fixes = pr.filter((t) => t.resolvedAt !== null && Date.parse(t.resolvedAt) < end);
          expect(row?.reports ?? 0).toBe(reports);
          expect(row?.fixesDelivered ?? 0).toBe(fixes.length);
          expect(row?.fixesOnTime ?? 0).toBe(fixes.filter((t) => Date.parse(t.resolvedAt!) <= fixDueAt(t, ctx)!).length);
          if (row) expect(row.unitMonths).toBe(24);
        }
        // SLA compliance, CSAT and escalation rate are additive over periods.
        const both = slaCompliance({ tickets, events, slaContext: ctx, from: a, to: end, now });
        const m1 = slaCompliance({ tickets, events, slaContext: ctx, from: a, to: mid, now });
        const m2 = slaCompliance({ tickets, events, slaContext: ctx, from: mid, to: end, now });
        both.forEach((c, i) => {
          expect(c.measured).toBe(m1[i]!.measured + m2[i]!.measured);
          expect(c.met).toBe(m1[i]!.met + m2[i]!.met);
        });
        const cs = [csatSummary({ events, from: a, to: end }), csatSummary({ events, from: a, to: mid }), csatSummary({ events, from: mid, to: end })];
        expect(cs[0]!.responses).toBe(cs[1]!.responses + cs[2]!.responses);
        expect(cs[0]!.sum).toBe(cs[1]!.sum + cs[2]!.sum);
        const er = [escalationRate({ tickets, events, from: a, to: end }), escalationRate({ tickets, events, from: a, to: mid }), escalationRate({ tickets, events, from: mid, to: end })];
        expect(er[0]!.escalated).toBe(er[1]!.escalated + er[2]!.escalated);
        expect(er[0]!.tickets).toBe(er[1]!.tickets + er[2]!.tickets);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});

describe('service reports', () => {
  it('SLA compliance counts stopped clocks per clock', () => {
    const t1 = aTicket({ severity: 'critical', createdAt: iso(jan), respondedAt: iso(jan + 10 * 60_000), restoredAt: iso(jan + 5 * H), resolvedAt: iso(jan + 5 * H), status: 'resolved' });
    const r = slaCompliance({ tickets: [t1], events: [], slaContext: ctx, from: jan, to: jan + 31 * DAY, now });
    expect(r).toEqual([
      { clock: 'firstResponse', measured: 1, met: 1, percent: 100 },
      { clock: 'restore', measured: 1, met: 0, percent: 0 },
      { clock: 'fix', measured: 1, met: 1, percent: 100 },
    ]);
  });

  it('backlog ageing buckets open tickets only', () => {
    const tickets = [aTicket({ createdAt: iso(now - 2 * H) }), aTicket({ createdAt: iso(now - 2 * DAY), severity: 'critical' }), aTicket({ createdAt: iso(now - 40 * DAY) }), aTicket({ createdAt: iso(now - 40 * DAY), status: 'closed' })];
    expect(backlogAgeing({ tickets, now }).map((b) => b.total)).toEqual([1, 1, 0, 0, 1]);
    expect(backlogAgeing({ tickets, now })[1]!.bySeverity.critical).toBe(1);
  });

  it('CSAT keeps one answer per ticket (the latest)', () => {
    const t = newId();
    const s = csatSummary({ events: [anEvent('csat', { ticketId: t, at: iso(jan + H), score: 2, reason: 'x' }), anEvent('csat', { ticketId: t, at: iso(jan + 2 * H), score: 4 })], from: jan, to: now });
    expect(s).toMatchObject({ responses: 1, average: 4, distribution: [0, 0, 0, 1, 0] });
  });
});
