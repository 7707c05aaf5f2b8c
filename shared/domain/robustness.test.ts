import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { BusinessCalendar, TicketEvent, SlaPolicyBody } from '../schema';
import { PENDING_REASONS, SEVERITIES, TICKET_STATUSES, TIERS, validateDocument, collections } from '../schema';
import { aTicket, anEvent, newId } from './testing/builders';
import { slaState, slaDueAtField, milestones } from './sla';
import { dueEscalations } from './escalation';
import { canTransition, applyTransition } from './lifecycle';
import { personKpis } from './assessment';
import { backlogAgeing, csatSummary, slaCompliance, tl9000Month } from './metrics';
import { DEFAULT_SLA_TARGETS } from './defaults';

// "The functions never throw on data that passed the schemas": random schema-valid tickets,
// timelines in any order (even before creation), odd calendars and policies.
const SEED = 31337;
const DAY = 86_400_000;
const created = Date.parse('2026-03-28T20:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

const zoneArb = fc.constantFrom('Asia/Shanghai', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'UTC');
const calArb: fc.Arbitrary<BusinessCalendar> = fc.record({
  region: fc.constant('cn-east'),
  timeZone: zoneArb,
  workingDays: fc.subarray([1, 2, 3, 4, 5, 6, 7]),
  hours: fc.array(fc.constantFrom({ start: '09:00', end: '18:00' }, { start: '00:00', end: '24:00' }, { start: '18:00', end: '09:00' }, { start: '02:00', end: '03:00' }), { minLength: 1, maxLength: 3 }),
  holidays: fc.array(fc.integer({ min: -5, max: 60 }).map((d) => iso(created + d * DAY).slice(0, 10)), { maxLength: 10 }),
  extraWorkingDays: fc.array(fc.integer({ min: -5, max: 60 }).map((d) => iso(created + d * DAY).slice(0, 10)), { maxLength: 3 }),
});
const minutesArb = fc.option(fc.constantFrom(0, 1, 7.5, 60, 1440, 43200), { nil: null });
const policyArb: fc.Arbitrary<SlaPolicyBody> = fc.record({
  customerId: fc.constant(null),
  warningRatio: fc.constantFrom(0.01, 0.75, 0.99),
  targets: fc.array(
    fc.record({
      severity: fc.constantFrom(...SEVERITIES),
      tier: fc.constantFrom(...TIERS),
      firstResponseMinutes: minutesArb,
      restoreMinutes: minutesArb,
      fixMinutes: minutesArb,
      firstResponseClock: fc.constantFrom('24x7' as const, 'business' as const),
      restoreClock: fc.constantFrom('24x7' as const, 'business' as const),
      fixClock: fc.constantFrom('24x7' as const, 'business' as const),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});
const atArb = fc.integer({ min: -2 * DAY, max: 90 * DAY }).map((o) => iso(created + o));
const statusArb = fc.constantFrom(...TICKET_STATUSES);
const eventArb: fc.Arbitrary<TicketEvent> = fc.oneof(
  fc.record({ at: atArb, from: statusArb, to: statusArb }).map((x) => anEvent('status_change', { ...x, pendingReason: null })),
  fc.record({ at: atArb, pendingReason: fc.constantFrom(...PENDING_REASONS) }).map((x) => anEvent('sla_pause', x)),
  atArb.map((at) => anEvent('sla_resume', { at })),
  atArb.map((at) => anEvent('reply', { at, body: 'x' })),
  fc.record({ at: atArb, score: fc.integer({ min: 3, max: 5 }) }).map((x) => anEvent('csat', x)),
  atArb.map((at) => anEvent('escalation', { at, axis: 'hierarchical', fromLevel: 'assignee', toLevel: 'regional_director', direction: 'up', reason: 'r', ruleKey: 'any-double-breach:hierarchical:regional_director', toPersonId: null, toTeamId: null })),
);

describe('robustness on schema-valid input (fast-check, seed ' + SEED + ')', () => {
  it('SLA, escalation, lifecycle, KPI and report functions never throw', () => {
    fc.assert(
      fc.property(
        calArb,
        fc.option(policyArb, { nil: null }),
        fc.constantFrom(...SEVERITIES),
        statusArb,
        fc.constantFrom(...TIERS),
        fc.array(eventArb, { maxLength: 12 }),
        fc.integer({ min: -DAY, max: 400 * DAY }),
        (calendar, policy, severity, status, tier, rawEvents, nowOff) => {
          const ticket = aTicket({ severity, status, pendingReason: status === 'pending' ? 'customer' : null, createdAt: iso(created), resolvedAt: status === 'resolved' || status === 'closed' ? iso(created + DAY) : null });
          const events = rawEvents.map((e) => ({ ...e, ticketId: ticket.id }));
          expect(validateDocument('tickets', ticket).ok).toBe(true);
          const cal = validateDocument('policies', { id: newId(), createdAt: iso(created), updatedAt: iso(created), name: 'c', active: true, kind: 'calendar', calendar });
          expect(cal.ok, JSON.stringify(cal)).toBe(true);
          for (const e of events) expect(validateDocument('ticketEvents', e).ok).toBe(true);
          const now = created + nowOff;
          const s = slaState({ ticket, events, tier, policy, calendar, now });
          const field = slaDueAtField(s);
          expect(collections.tickets.zod.safeParse({ ...ticket, slaDueAt: field }).success).toBe(true);
          milestones(ticket, events);
          dueEscalations({ ticket, events, tier, policy, calendar, now });
          for (const to of TICKET_STATUSES) {
            if (canTransition({ ticket, to, roles: ['admin'], now, pendingReason: 'parts' }).ok) {
              const next = applyTransition(ticket, to, { now, pendingReason: 'parts' }).ticket;
              expect(validateDocument('tickets', next).ok).toBe(true);
            }
          }
          const ctx = () => ({ tier, policy, calendar });
          personKpis({ personId: ticket.assigneeId, from: created - DAY, to: created + 100 * DAY, tickets: [ticket], events, slaContext: ctx, now });
          tl9000Month({ month: '2026-04', tickets: [ticket], assets: [], slaContext: ctx, now });
          slaCompliance({ tickets: [ticket], events, slaContext: ctx, from: created - DAY, to: created + 100 * DAY, now });
          backlogAgeing({ tickets: [ticket], now });
          csatSummary({ events, from: 0, to: now });
        },
      ),
      { seed: SEED, numRuns: 120 },
    );
  });

  it('the default targets leave no severity x tier cell unset', () => {
    for (const sev of SEVERITIES) for (const tier of TIERS) expect(DEFAULT_SLA_TARGETS.some((t) => t.severity === sev && t.tier === tier)).toBe(true);
  });
});
