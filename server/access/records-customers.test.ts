import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aContactLog, anAccountPlan, newId } from '../../shared/domain/testing/builders';
import type { WireDocument } from '../../shared/sync/protocol';
import { cimsOrg } from '../testing/cims-org';
import { recordsOverHttp, type RecordsOverHttp, wire } from '../testing/records-http';

// Customer relationship records on the server: every member of staff reads contact logs and
// account plans; a contact is logged in one's own name and changed only by its author or a
// manager; account plans are kept by managers and, for their own accounts, account managers.
describe('contact logs and account plans over HTTP (PostgreSQL)', () => {
  const org = cimsOrg();
  let h: RecordsOverHttp;
  beforeAll(async () => {
    h = await recordsOverHttp(org, ['tech', 'peer', 'M', 'admin'], 'crm-push');
  });
  afterAll(async () => h.close());

  const push = (who: string, rows: unknown[]) => h.pushOk(who, rows);
  const pulled = async (who: string): Promise<Map<string, WireDocument>> => new Map((await h.pull(who)).map((d) => [d.id, d]));
  const customer = newId();

  it('a contact is logged in its author’s name, read by all staff, changed by its author or a manager only', async () => {
    const own = wire(aContactLog({ ref: customer, body: { by: org.id.tech, summary: 'Site visit 现场拜访' } }));
    expect(await push('tech', [{ newDocumentState: own }])).toMatchObject({ conflicts: [] });
    for (const who of ['peer', 'M', 'admin']) expect((await pulled(who)).has(own.id)).toBe(true);

    // Not in someone else's name.
    const forged = wire(aContactLog({ ref: customer, body: { by: org.id.peer } }));
    expect((await push('tech', [{ newDocumentState: forged }])).conflicts).toHaveLength(1);
    expect((await pulled('peer')).has(forged.id)).toBe(false);

    // A peer neither edits nor deletes it; the stored version comes back as the conflict.
    const edited = { ...own, body: { ...(own.body as object), summary: 'changed by a peer' } };
    expect((await push('peer', [{ newDocumentState: edited, assumedMasterState: own }])).conflicts).toEqual([own]);
    expect((await push('peer', [{ newDocumentState: { ...own, _deleted: true }, assumedMasterState: own }])).conflicts).toEqual([own]);

    // The author corrects it; a manager may too, but nobody hands it to another author.
    const fixed = { ...own, updatedAt: new Date().toISOString(), body: { ...(own.body as object), summary: 'Site visit, rack 3 checked' } };
    expect(await push('tech', [{ newDocumentState: fixed, assumedMasterState: own }])).toMatchObject({ conflicts: [] });
    const moved = { ...fixed, body: { ...(fixed.body as object), by: org.id.M } };
    expect((await push('M', [{ newDocumentState: moved, assumedMasterState: fixed }])).conflicts).toHaveLength(1);
    const managerNote = { ...fixed, body: { ...(fixed.body as object), nextStep: 'Send the RMA form' } };
    expect(await push('M', [{ newDocumentState: managerNote, assumedMasterState: fixed }])).toMatchObject({ conflicts: [] });
    expect(((await pulled('tech')).get(own.id)?.body as { nextStep: string }).nextStep).toBe('Send the RMA form');
  });

  it('a manager sets up the plan; the account manager keeps it but cannot hand it on; others cannot touch it', async () => {
    const byTech = wire(anAccountPlan({ ref: newId(), body: { managerId: org.id.tech } }));
    expect((await push('tech', [{ newDocumentState: byTech }])).conflicts).toHaveLength(1);

    const plan = wire(anAccountPlan({ ref: customer, body: { managerId: org.id.tech, cadenceDays: null } }));
    expect(await push('M', [{ newDocumentState: plan }])).toMatchObject({ conflicts: [] });
    expect((await pulled('peer')).get(plan.id)?.body).toMatchObject({ managerId: org.id.tech });

    const weekly = { ...plan, body: { ...(plan.body as object), cadenceDays: 5, notes: 'Weekly call with the NOC head' } };
    expect(await push('tech', [{ newDocumentState: weekly, assumedMasterState: plan }])).toMatchObject({ conflicts: [] });
    const handedOn = { ...weekly, body: { ...(weekly.body as object), managerId: org.id.peer } };
    expect((await push('tech', [{ newDocumentState: handedOn, assumedMasterState: weekly }])).conflicts).toEqual([weekly]);
    const byPeer = { ...weekly, body: { ...(weekly.body as object), notes: 'mine now' } };
    expect((await push('peer', [{ newDocumentState: byPeer, assumedMasterState: weekly }])).conflicts).toEqual([weekly]);
    // A manager reassigns it.
    expect(await push('admin', [{ newDocumentState: handedOn, assumedMasterState: weekly }])).toMatchObject({ conflicts: [] });
    expect((await pulled('tech')).get(plan.id)?.body).toMatchObject({ managerId: org.id.peer, cadenceDays: 5 });
  });
});
