import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ESCALATION_RULES } from '../../../shared/domain/defaults';
import { aCustomer, aPerson, aPolicy, aTeam, aTicket, ids, newId } from '../../../shared/domain/testing/builders';
import type { EscalationRule } from '../../../shared/schema';
import { openDatabase, type CimsDatabase } from '../../db/open';
import { createEscalationDryRun } from './escalation';

const MIN = 60_000;
const created = Date.parse('2026-03-07T02:00:00.000Z'); // a Saturday: critical clocks run 24x7

// The escalation screen's dry run over a real SQLite store, with the scheduler's functions.
describe('escalation dry run in main', () => {
  let dir: string;
  let db: CimsDatabase;
  const lead = aPerson({ id: newId(), displayName: 'Li Lead', title: 'team_lead' });
  const team = aTeam({ id: ids.team, leadId: lead.id });
  const late = aTicket({ severity: 'critical', createdAt: new Date(created).toISOString(), number: 41, title: 'Late' });
  const fresh = aTicket({ severity: 'critical', createdAt: new Date(created + 50 * MIN).toISOString(), number: 42 });
  const done = aTicket({ severity: 'critical', createdAt: new Date(created).toISOString(), status: 'closed', number: 43 });
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-admin-escalation-'));
    db = await openDatabase({ directory: dir });
    await db.customers.insert(aCustomer());
    await db.people.insert(lead);
    await db.teams.insert(team);
    await db.policies.insert(aPolicy('sla', { id: newId() }));
    await db.tickets.bulkInsert([late, fresh, done]);
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the open tickets the draft rules would escalate now, with the receiver, and writes nothing', async () => {
    const run = createEscalationDryRun(db, () => true, () => created + 60 * MIN);
    const { rows, total } = await run(DEFAULT_ESCALATION_RULES);
    // 60 min after creation: the late ticket is past 200 % of its 15 min response target.
    expect(rows.map((r) => [r.number, r.ruleId, r.toLevel])).toEqual([
      [expect.stringContaining('41'), 'response-breach', 'team_lead'],
      [expect.stringContaining('41'), 'any-double-breach', 'regional_director'],
    ]);
    expect([total, rows[0]!.receiver, rows[0]!.thresholdAt]).toEqual([2, 'Li Lead', new Date(created + 15 * MIN).toISOString()]);
    const looser: EscalationRule[] = [{ ...DEFAULT_ESCALATION_RULES[0]!, atPercent: 500 }];
    expect(await run(looser)).toEqual({ rows: [], total: 0 });
    expect(await db.ticketEvents.count().exec()).toBe(0);
  });

  it('is refused to anyone but an admin', async () => {
    await expect(createEscalationDryRun(db, () => false)(DEFAULT_ESCALATION_RULES)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
