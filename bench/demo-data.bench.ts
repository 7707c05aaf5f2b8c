/**
 * npx tsx bench/demo-data.bench.ts [tickets]: time and memory of the demo data generator
 * (default 100,000 tickets) and of the reports over its output. Not part of npm test.
 */
import { generateDemoData, slaContextFrom, tl9000Month, slaCompliance, backlogAgeing, DEMO_END, monthsBetween, monthRange } from '../shared/domain';

const tickets = Number(process.argv[2] ?? 100_000);
const t0 = performance.now();
const data = generateDemoData({ seed: 1, tickets });
const t1 = performance.now();
const ctx = slaContextFrom({ customers: data.customers, policies: data.policies });
const months = monthsBetween('2025-11', '2026-10');
const rows = months.flatMap((month) => tl9000Month({ month, tickets: data.tickets, assets: data.assets, slaContext: ctx, now: DEMO_END }));
const t2 = performance.now();
const [from] = monthRange('2026-10');
const compliance = slaCompliance({ tickets: data.tickets, events: data.ticketEvents, slaContext: ctx, from, to: DEMO_END, now: DEMO_END });
const backlog = backlogAgeing({ tickets: data.tickets, now: DEMO_END });
const t3 = performance.now();
console.log(
  JSON.stringify(
    {
      tickets,
      events: data.ticketEvents.length,
      generateMs: Math.round(t1 - t0),
      tl9000TwelveMonthsMs: Math.round(t2 - t1),
      tl9000Rows: rows.length,
      slaComplianceAndBacklogMs: Math.round(t3 - t2),
      compliance,
      openTickets: backlog.reduce((n, b) => n + b.total, 0),
      heapMB: Math.round(process.memoryUsage().heapUsed / 1e6),
    },
    null,
    1,
  ),
);
