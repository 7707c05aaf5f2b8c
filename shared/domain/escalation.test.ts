import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyEscalation, currentLevels, dueEscalations, escalationDryRun, escalationRulesFrom, escalationDraft, escalationTarget, manualEscalation, nextFunctionalLevel, unacknowledgedEscalations } from './escalation';
import { DEFAULT_CALENDAR, DEFAULT_ESCALATION_RULES } from './defaults';
import { aPerson, aPolicy, aTeam, aTicket, anEvent, eventsFor, newId } from './testing/builders';
import type { Severity, TicketEvent } from '../schema';
import { validateDocument } from '../schema';

const MIN = 60_000;
const SEED = 777;
const created = Date.parse('2026-03-07T02:00:00.000Z'); // Saturday: critical runs 24x7
const iso = (ms: number) => new Date(ms).toISOString();

function due(severity: Severity, minutes: number, events: TicketEvent[] = [], over = {}) {
  const ticket = aTicket({ severity, createdAt: iso(created), ...over });
  return dueEscalations({ ticket, events: eventsFor(ticket, events), tier: 'general', policy: null, calendar: DEFAULT_CALENDAR, now: created + minutes * MIN });
}

function toEvents(ticketId: string, list: ReturnType<typeof due>, now: number): TicketEvent[] {
  return list.map((d) => ({ ...escalationDraft(d, { personId: null, teamId: null }, now), id: newId(), ticketId, authorId: newId(), createdAt: iso(now), updatedAt: iso(now) }) as TicketEvent);
}

describe('default escalation rules (DOMAIN.md)', () => {
  it('ship the three documented rules', () => {
    expect(DEFAULT_ESCALATION_RULES.map((r) => [r.clock, r.atPercent, r.severities, r.actions])).toEqual([
      ['firstResponse', 100, [], [{ axis: 'hierarchical', to: 'team_lead' }]],
      ['restore', 100, ['critical'], [{ axis: 'functional', to: 'next' }, { axis: 'hierarchical', to: 'service_manager' }]],
      ['any', 200, [], [{ axis: 'hierarchical', to: 'regional_director' }]],
    ]);
  });

  it('reads the rules from the active escalation policy', () => {
    const custom = aPolicy('escalation', { escalation: { rules: [DEFAULT_ESCALATION_RULES[0]!] } });
    expect(escalationRulesFrom([custom])).toHaveLength(1);
    expect(escalationRulesFrom([{ ...custom, active: false }])).toBe(DEFAULT_ESCALATION_RULES);
  });

  it('nothing is due before a breach', () => expect(due('critical', 14)).toEqual([]));

  it('response breach -> team lead', () => {
    expect(due('critical', 15).map((d) => [d.axis, d.toLevel, d.clock])).toEqual([['hierarchical', 'team_lead', 'firstResponse']]);
    expect(due('critical', 15)[0]!.thresholdAt).toBe(created + 15 * MIN);
  });

  it('critical restore at 100 % -> next functional level and the service manager', () => {
    const responded = [anEvent('status_change', { at: iso(created + 5 * MIN), from: 'new', to: 'in_progress', pendingReason: null })];
    const list = due('critical', 240, responded);
    expect(list.map((d) => [d.axis, d.fromLevel, d.toLevel])).toEqual([
      ['functional', 'L1', 'L2'],
      ['hierarchical', 'assignee', 'service_manager'],
    ]);
    expect(due('major', 100 * 60, responded, { createdAt: iso(created) }).some((d) => d.ruleId === 'critical-restore-breach')).toBe(false);
  });

  it('any target at 200 % -> regional director', () => {
    const list = due('critical', 30);
    expect(list.map((d) => d.toLevel)).toEqual(['team_lead', 'regional_director']);
  });

  it('does not escalate below the current level, nor past L3', () => {
    expect(due('critical', 15, [], { managementLevel: 'service_manager' })).toEqual([]);
    expect(nextFunctionalLevel('L3')).toBeNull();
    expect(nextFunctionalLevel('spare_parts')).toBeNull();
  });

  it('never returns the same escalation twice (idempotent), property', () => {
    fc.assert(
      fc.property(fc.constantFrom<Severity>('critical', 'major', 'minor'), fc.array(fc.integer({ min: 0, max: 60 * 24 * 20 }), { minLength: 1, maxLength: 6 }), (sev, ticks) => {
        const ticket = aTicket({ severity: sev, createdAt: iso(created) });
        let events: TicketEvent[] = [];
        const seen = new Set<string>();
        for (const t of [...ticks].sort((a, b) => a - b)) {
          const now = created + t * MIN;
          const list = dueEscalations({ ticket, events, tier: 'general', policy: null, calendar: DEFAULT_CALENDAR, now });
          for (const d of list) {
            expect(seen.has(d.ruleKey)).toBe(false);
            seen.add(d.ruleKey);
          }
          events = [...events, ...toEvents(ticket.id, list, now)];
          expect(dueEscalations({ ticket, events, tier: 'general', policy: null, calendar: DEFAULT_CALENDAR, now })).toEqual([]);
        }
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});

describe('manual escalation', () => {
  const ticket = aTicket({ status: 'in_progress' });
  const now = Date.parse(ticket.createdAt) + 60 * MIN;
  it('needs a reason', () => {
    expect(manualEscalation({ ticket, events: [], axis: 'functional', to: 'L2', reason: '  ', roles: ['technician'], now })).toMatchObject({ ok: false, code: 'reason_required' });
  });
  it('records direction and passes the event schema', () => {
    const r = manualEscalation({ ticket, events: [], axis: 'functional', to: 'L3', reason: '需要研发分析 / needs R&D', roles: ['technician'], now });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.draft).toMatchObject({ direction: 'up', fromLevel: 'L1', toLevel: 'L3', ruleKey: null });
    const doc = { ...r.draft, id: newId(), ticketId: ticket.id, authorId: newId(), createdAt: r.draft.at, updatedAt: r.draft.at };
    expect(validateDocument('ticketEvents', doc).ok).toBe(true);
    const after = applyEscalation(ticket, r.draft as never);
    expect(after.functionalLevel).toBe('L3');
  });
  it('allows de-escalation by a manager, not by a technician', () => {
    const t = aTicket({ status: 'in_progress', functionalLevel: 'L3' });
    expect(manualEscalation({ ticket: t, events: [], axis: 'functional', to: 'L2', reason: 'back to L2', roles: ['manager'], now })).toMatchObject({ ok: true, draft: { direction: 'down' } });
    expect(manualEscalation({ ticket: t, events: [], axis: 'functional', to: 'L2', reason: 'back to L2', roles: ['technician'], now })).toMatchObject({ ok: false, code: 'role_forbidden' });
    expect(manualEscalation({ ticket: t, events: [], axis: 'functional', to: 'spare_parts', reason: 'need a board', roles: ['technician'], now })).toMatchObject({ ok: true, draft: { direction: 'sideways' } });
    expect(manualEscalation({ ticket: t, events: [], axis: 'hierarchical', to: 'L2', reason: 'x', roles: ['manager'], now })).toMatchObject({ ok: false, code: 'invalid_level' });
    expect(manualEscalation({ ticket: t, events: [], axis: 'functional', to: 'L3', reason: 'x', roles: ['manager'], now })).toMatchObject({ ok: false, code: 'same_level' });
  });
  it('tracks acknowledgement by the receiver and the current level from events', () => {
    const esc = anEvent('escalation', { axis: 'hierarchical', fromLevel: 'assignee', toLevel: 'team_lead', direction: 'up', reason: 'r', ruleKey: null, toPersonId: null, toTeamId: null });
    expect(unacknowledgedEscalations([esc])).toHaveLength(1);
    expect(unacknowledgedEscalations([esc, anEvent('escalation_ack', { escalationEventId: esc.id })])).toHaveLength(0);
    expect(currentLevels(ticket, [esc]).management).toBe('team_lead');
  });
});

describe('escalation targets', () => {
  const lead = aPerson({ id: newId(), title: 'team_lead' });
  const director = aPerson({ id: newId(), title: 'regional_director', roles: ['manager'] });
  const manager = aPerson({ id: newId(), title: 'service_manager', roles: ['manager'], managerId: director.id });
  const l1 = aTeam({ leadId: lead.id, managerId: manager.id });
  const l2 = aTeam({ id: newId(), level: 'L2', function: 'technical_support', leadId: newId() });
  const l3 = aTeam({ id: newId(), level: 'L3', function: 'rnd', productLines: ['wireless'], region: 'global' });
  const l3t = aTeam({ id: newId(), level: 'L3', function: 'rnd', productLines: ['transport'], region: 'global' });
  const ticket = aTicket({ teamId: l1.id });
  const ctx = { ticket, teams: [l1, l2, l3, l3t], people: [lead, manager, director] };
  it('finds the lead, manager and director along the chain', () => {
    expect(escalationTarget({ ...ctx, axis: 'hierarchical', to: 'team_lead' }).personId).toBe(lead.id);
    expect(escalationTarget({ ...ctx, axis: 'hierarchical', to: 'service_manager' }).personId).toBe(manager.id);
    expect(escalationTarget({ ...ctx, axis: 'hierarchical', to: 'regional_director' }).personId).toBe(director.id);
  });
  it('finds the next-level team for the product line', () => {
    expect(escalationTarget({ ...ctx, axis: 'functional', to: 'L2' }).teamId).toBe(l2.id);
    expect(escalationTarget({ ...ctx, axis: 'functional', to: 'L3' }).teamId).toBe(l3t.id);
  });
});

describe('escalationDryRun', () => {
  it('lists what a draft rule set would escalate now, with the receiver, earliest threshold first, and writes nothing', () => {
    const lead = aPerson({ id: newId(), title: 'team_lead' });
    const team = aTeam({ leadId: lead.id });
    const late = aTicket({ severity: 'critical', createdAt: iso(created), teamId: team.id });
    const later = aTicket({ severity: 'critical', createdAt: iso(created + 5 * MIN), teamId: team.id });
    const fresh = aTicket({ severity: 'critical', createdAt: iso(created + 40 * MIN), teamId: team.id });
    const closed = aTicket({ severity: 'critical', createdAt: iso(created), teamId: team.id, status: 'closed' });
    const rules = [{ id: 'half', clock: 'firstResponse' as const, atPercent: 50, severities: [], actions: [{ axis: 'hierarchical' as const, to: 'team_lead' as const }] }];
    const run = (r = rules) =>
      escalationDryRun({
        tickets: [later, fresh, late, closed],
        events: new Map(),
        context: () => ({ tier: 'general', policy: null, calendar: DEFAULT_CALENDAR }),
        rules: r,
        teams: [team],
        people: [lead],
        now: created + 45 * MIN,
      });
    const list = run();
    expect(list.map((p) => [p.ticket.id, p.due.ruleId, p.due.toLevel, p.receiver.personId])).toEqual([
      [late.id, 'half', 'team_lead', lead.id],
      [later.id, 'half', 'team_lead', lead.id],
    ]);
    expect(list[0]!.due.thresholdAt).toBe(created + 7.5 * MIN);
    // The same tickets under a stricter percentage: none reached it yet.
    expect(run([{ ...rules[0]!, atPercent: 500 }])).toEqual([]);
  });
});
