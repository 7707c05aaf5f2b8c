import { describe, expect, it } from 'vitest';
import { generateDemoData, DEMO_END } from './demo';
import { COLLECTION_NAMES, ROLES, validateDocument } from '../schema';
import { groupEventsByTicket } from './context';
import { milestones } from './sla';
import { managerChain } from './assessment';
import { cadenceStatus } from './cadence';

const DAY = 86_400_000;
const t0 = Date.now();
const demo = generateDemoData({ seed: 42 });
const genMs = Date.now() - t0;

describe('demo data generator', () => {
  it('produces ~3,000 tickets by default, a year of them, with timelines', () => {
    expect(demo.tickets).toHaveLength(3000);
    expect(demo.ticketEvents.length).toBeGreaterThan(3000 * 5);
    for (const t of demo.tickets) {
      const c = Date.parse(t.createdAt);
      expect(c).toBeGreaterThanOrEqual(DEMO_END - 365 * DAY);
      expect(c).toBeLessThanOrEqual(DEMO_END);
    }
    expect(new Set(demo.tickets.map((t) => t.status)).size).toBeGreaterThanOrEqual(5);
    console.log(`generated 3,000 tickets + ${demo.ticketEvents.length} events in ${genMs} ms`);
  });

  it('every document of every collection passes its schema', () => {
    for (const name of COLLECTION_NAMES) {
      const docs = demo[name] as unknown[];
      expect(docs.length, name).toBeGreaterThan(0);
      for (const doc of docs) {
        const r = validateDocument(name, doc);
        if (!r.ok) throw new Error(`${name}: ${r.errors.join('; ')}`);
      }
    }
  });

  it('is deterministic from the seed', () => {
    const a = generateDemoData({ seed: 5, tickets: 150 });
    const b = generateDemoData({ seed: 5, tickets: 150 });
    const c = generateDemoData({ seed: 6, tickets: 150 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.tickets)).not.toBe(JSON.stringify(c.tickets));
    expect(new Set([...a.tickets, ...a.ticketEvents, ...a.people].map((d) => d.id)).size).toBe(a.tickets.length + a.ticketEvents.length + a.people.length);
  });

  it('builds a realistic organisation', () => {
    expect(demo.people).toHaveLength(40);
    expect(demo.customers).toHaveLength(60);
    expect(demo.customers.filter((c) => c.tier === 'key').length).toBe(12);
    expect(demo.assets).toHaveLength(1500);
    expect(new Set(demo.customers.map((c) => c.timeZone))).toEqual(new Set(['Asia/Shanghai', 'Europe/Berlin', 'Asia/Riyadh', 'America/Sao_Paulo']));
    expect(new Set(demo.teams.map((t) => t.level))).toEqual(new Set(['L1', 'L2', 'L3', null]));
    const calendars = demo.policies.filter((p) => p.kind === 'calendar');
    expect(calendars).toHaveLength(4);
    for (const c of calendars) if (c.kind === 'calendar') expect(c.calendar.holidays.length).toBeGreaterThan(3);
    // Asset hierarchy: rack -> shelf -> board.
    const byId = new Map(demo.assets.map((a) => [a.id, a]));
    for (const a of demo.assets) {
      const parent = a.parentId === null ? null : byId.get(a.parentId);
      expect(a.kind === 'rack' ? parent : parent?.kind).toBe(a.kind === 'rack' ? null : a.kind === 'shelf' ? 'rack' : 'shelf');
    }
    // Every member of staff reports up to a regional director.
    const directors = new Set(demo.people.filter((p) => p.title === 'regional_director').map((p) => p.id));
    for (const p of demo.people.filter((x) => x.roles.includes('technician'))) expect(managerChain(p.id, demo.people).some((id) => directors.has(id))).toBe(true);
  });

  it('has a demo login for every role', () => {
    expect(demo.logins.map((l) => l.role).sort()).toEqual([...ROLES].sort());
    for (const l of demo.logins) {
      const p = demo.people.find((x) => x.username === l.username);
      expect(p?.roles).toContain(l.role);
      expect(p?.displayName).toBe(l.displayName);
    }
  });

  it('keeps ticket milestones in step with their timelines', () => {
    const byTicket = groupEventsByTicket(demo.ticketEvents);
    for (const t of demo.tickets) {
      const m = milestones(t, byTicket.get(t.id) ?? []);
      const p = (s: string | null) => (s === null ? null : Date.parse(s));
      expect([m.respondedAt, m.resolvedAt, m.closedAt]).toEqual([p(t.respondedAt), p(t.resolvedAt), p(t.closedAt)]);
    }
  });

  it('mixes Chinese and English text, and covers escalations, pauses, CSAT and reopen', () => {
    expect(demo.tickets.some((t) => /[\u4e00-\u9fff]/.test(t.title))).toBe(true);
    expect(demo.tickets.some((t) => /^[\x20-\x7e]+$/.test(t.title))).toBe(true);
    const kinds = new Set(demo.ticketEvents.map((e) => e.kind));
    for (const k of ['reply', 'note', 'work_log', 'part', 'status_change', 'escalation', 'escalation_ack', 'sla_pause', 'sla_resume', 'csat', 'signature'] as const) expect(kinds, k).toContain(k);
    expect(demo.tickets.some((t) => t.reopenCount > 0)).toBe(true);
    expect(demo.assessments.some((a) => a.outcome !== null && a.kpis !== null)).toBe(true);
  });

  it('gives every key account a plan with its region’s service manager, some of them overdue at the end', () => {
    const keys = demo.customers.filter((c) => c.tier === 'key');
    const plans = new Map(demo.records.flatMap((r) => (r.kind === 'account' ? [[r.ref, r] as const] : [])));
    const people = new Map(demo.people.map((p) => [p.id, p]));
    for (const c of keys) expect(people.get(String(plans.get(c.id)?.body.managerId))?.region).toBe(c.region);
    const overdue = keys.filter((c) => {
      const times = demo.records.flatMap((r) => (r.kind === 'contactLog' && r.ref === c.id ? [r.body.at] : []));
      return cadenceStatus({ tier: c.tier, timeZone: c.timeZone, contactTimes: times }, DEMO_END).overdue;
    });
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length).toBeLessThan(keys.length);
  });
});
