import { describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/schema';
import type { MaintenanceFaultRecord, MaintenanceRoundRecord } from '../../../shared/schema/records';
import { compliance } from '../../../shared/domain/maintenance';
import type { SiteFacts } from './store';
import { doneDay, repeatedFaultsOf, roundSummary, siteDay } from './views';

/** Days of a round are counted in its site's zone, never in UTC. */
const site = (timeZone: string): SiteFacts => ({ customerId: 'c', customerName: 'East Telecom', siteName: 'Hangzhou 机房', region: 'cn-east', timeZone });
const sites = new Map([
  ['hz', site('Asia/Shanghai')],
  ['ny', site('America/New_York')],
]);
// A round due on 2 March, its window closing that day, the next one due on 9 March.
const round = (siteId: string, signedAt: string | null) =>
  ({
    status: signedAt ? 'done' : 'open',
    body: { siteId, signedAt, dueDate: '2026-03-02', windowStart: '2026-03-01', windowEnd: '2026-03-02', nextDueDate: '2026-03-09' },
  }) as unknown as MaintenanceRoundRecord;

describe('maintenance days at the site', () => {
  it('takes the site’s calendar day: 07:30 on 3 March in Hangzhou is 23:30 UTC on 2 March', () => {
    const at = Date.parse('2026-03-02T23:30:00Z');
    expect(siteDay(sites, 'hz', at)).toBe('2026-03-03');
    expect(siteDay(sites, 'ny', at)).toBe('2026-03-02');
    // A site not known here counts in the organisation's zone (Shanghai).
    expect(siteDay(sites, 'gone', at)).toBe('2026-03-03');
    expect(siteDay(sites, null, at)).toBe('2026-03-03');
  });

  it('judges a round signed after its window closed locally as late, though UTC still says on time', () => {
    const hz = round('hz', '2026-03-02T23:30:00Z');
    const ny = round('ny', '2026-03-02T23:30:00Z');
    expect(doneDay(hz, sites)).toBe('2026-03-03');
    expect(doneDay(ny, sites)).toBe('2026-03-02');
    expect(doneDay(round('hz', null), sites)).toBeNull();
    const rows = compliance([hz, ny], (r) => r.body.siteId ?? '', (r) => doneDay(r, sites), '2026-03-04');
    expect(rows.map((r) => [r.key, r.onTime, r.late])).toEqual([
      ['hz', 0, 1],
      ['ny', 1, 0],
    ]);
  });

  it('shows an open round as overdue in Hangzhou while it is still due in New York, at the same moment', () => {
    const now = Date.parse('2026-03-02T20:00:00Z'); // 04:00 on 3 March in Hangzhou, 15:00 on 2 March in New York
    const ctx = { plans: new Map(), templates: new Map(), customers: new Map(), sites, readings: [], faults: [], now };
    const open = (siteId: string) => ({ ...round(siteId, null), id: siteId, ref: 'plan', body: { ...round(siteId, null).body, assetIds: [], templateId: 't', template: { items: [] } } }) as unknown as MaintenanceRoundRecord;
    expect(roundSummary(open('hz'), ctx).timing).toBe('overdue');
    expect(roundSummary(open('ny'), ctx).timing).toBe('due');
  });
});

describe('repeated faults proposed as a problem', () => {
  const now = Date.parse('2026-06-30T00:00:00Z');
  const roundAt = (id: string, siteId: string) => ({ id, body: { siteId } }) as unknown as MaintenanceRoundRecord;
  const rounds = [roundAt('r-hz', 'hz'), roundAt('r-ny', 'ny'), roundAt('r-hz2', 'hz')];
  const assets = new Map<string, Asset>(
    [
      ['a1', 'MA5800'],
      ['a2', 'MA5800'],
      ['a3', 'MA5800'],
      ['b1', 'OSN-9800'],
    ].map(([id, model]) => [id!, { id, model } as Asset]),
  );
  let n = 0;
  const fault = (roundId: string, assetId: string, itemKey: string, at: string, ticket = `t${++n}`) =>
    ({ ref2: ticket, body: { roundId, assetId, itemKey, at } }) as unknown as MaintenanceFaultRecord;

  it('names a model that failed one check 3 times at 2 sites within 90 days, with its fault tickets', () => {
    const faults = [
      fault('r-hz', 'a1', 'fan', '2026-06-01T02:00:00Z', 't1'),
      fault('r-ny', 'a2', 'fan', '2026-06-10T02:00:00Z', 't2'),
      fault('r-hz2', 'a3', 'fan', '2026-06-20T02:00:00Z', 't3'),
      // Too old (before 1 April), another check, another model, a round not visible here.
      fault('r-hz', 'a1', 'fan', '2026-03-01T02:00:00Z', 't0'),
      fault('r-ny', 'a2', 'temp', '2026-06-11T02:00:00Z'),
      fault('r-hz', 'b1', 'fan', '2026-06-12T02:00:00Z'),
      fault('r-other', 'a3', 'fan', '2026-06-13T02:00:00Z'),
    ];
    expect(repeatedFaultsOf(rounds, faults, assets, now)).toEqual([{ model: 'MA5800', itemKey: 'fan', readings: 3, sites: 2, ticketIds: ['t1', 't2', 't3'] }]);
  });

  it('proposes nothing for repeats at one site only', () => {
    const faults = ['t1', 't2', 't3'].map((t) => fault('r-hz', 'a1', 'fan', '2026-06-01T02:00:00Z', t));
    expect(repeatedFaultsOf(rounds, faults, assets, now)).toEqual([]);
  });
});
