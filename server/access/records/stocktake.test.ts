import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aStocktake, aStocktakeCount, aStocktakeResolution } from '../../../shared/domain/testing/builders';
import { cimsOrg } from '../../testing/cims-org';
import { recordsOverHttp, type RecordsOverHttp, wire } from '../../testing/records-http';

// Stocktake records on the server (PostgreSQL): asset managers open and resolve, field staff
// of the region count, counts are never changed (RELIABILITY D5), everyone reads.
describe('stocktake records over HTTP (PostgreSQL)', () => {
  const org = cimsOrg();
  let h: RecordsOverHttp;
  beforeAll(async () => {
    h = await recordsOverHttp(org, ['tech', 'peer', 'tech2', 'eng', 'M', 'assessor'], 'stocktake-push');
  });
  afterAll(async () => h.close());

  const push = (who: string, rows: unknown[]) => h.pushOk(who, rows);
  const pull = (who: string) => h.pull(who);

  it('a manager opens a stocktake that everyone on staff reads; a technician cannot open or change one', async () => {
    const st = aStocktake({ body: { openedBy: org.id.M } });
    expect(await push('M', [{ newDocumentState: wire(st) }])).toMatchObject({ conflicts: [] });
    for (const who of ['tech', 'tech2', 'assessor']) expect((await pull(who)).map((d) => d.id)).toContain(st.id);
    const own = aStocktake({ body: { openedBy: org.id.tech } });
    expect((await push('tech', [{ newDocumentState: wire(own) }])).conflicts).toHaveLength(1);
    const stored = wire(st);
    const closing = await push('tech', [{ newDocumentState: { ...stored, status: 'closed' }, assumedMasterState: stored }]);
    expect(closing.conflicts).toEqual([stored]);
  });

  it('two technicians of the region count the same asset: both counts kept; an update or deletion of a count is refused', async () => {
    const st = aStocktake({ body: { openedBy: org.id.M } });
    await push('M', [{ newDocumentState: wire(st) }]);
    const mine = aStocktakeCount({ ref: st.id, body: { countedBy: org.id.tech, scannedCode: 'AS-000001' } });
    const peers = aStocktakeCount({ ref: st.id, body: { countedBy: org.id.peer, scannedCode: 'AS-000001' } });
    expect(await push('tech', [{ newDocumentState: wire(mine) }])).toMatchObject({ conflicts: [] });
    expect(await push('peer', [{ newDocumentState: wire(peers) }])).toMatchObject({ conflicts: [] });
    const counts = (await pull('M')).filter((d) => d.kind === 'stocktakeCount' && d.ref === st.id);
    expect(counts.map((d) => d.id).sort()).toEqual([mine.id, peers.id].sort());

    // Append-only: not even the counter changes or deletes their own count.
    const stored = wire(mine);
    const changed = await push('tech', [{ newDocumentState: { ...stored, body: { ...mine.body, scannedCode: 'AS-000002' } }, assumedMasterState: stored }]);
    expect(changed.conflicts).toEqual([stored]);
    const deleted = await push('M', [{ newDocumentState: { ...stored, _deleted: true }, assumedMasterState: stored }]);
    expect(deleted.conflicts).toEqual([stored]);
    expect((await pull('tech')).find((d) => d.id === mine.id)?.body).toMatchObject({ scannedCode: 'AS-000001' });
  });

  it('refuses a count in another person’s name, from another region, or from a role that does not count', async () => {
    const st = aStocktake({ body: { openedBy: org.id.M } });
    const forPeer = aStocktakeCount({ ref: st.id, body: { countedBy: org.id.peer } });
    const southTech = aStocktakeCount({ ref: st.id, body: { countedBy: org.id.tech2, region: 'cn-east' } });
    const assessor = aStocktakeCount({ ref: st.id, body: { countedBy: org.id.assessor } });
    expect((await push('tech', [{ newDocumentState: wire(forPeer) }])).conflicts).toHaveLength(1);
    expect((await push('tech2', [{ newDocumentState: wire(southTech) }])).conflicts).toHaveLength(1);
    expect((await push('assessor', [{ newDocumentState: wire(assessor) }])).conflicts).toHaveLength(1);
    // An engineer of the region counts too.
    expect(await push('eng', [{ newDocumentState: wire(aStocktakeCount({ ref: st.id, body: { countedBy: org.id.eng } })) }])).toMatchObject({ conflicts: [] });
    const ids = (await pull('M')).map((d) => d.id);
    for (const refused of [forPeer, southTech, assessor]) expect(ids).not.toContain(refused.id);
  });

  it('a 500-character scanned code is refused with the field named, storing nothing', async () => {
    const long = aStocktakeCount({ body: { countedBy: org.id.tech, scannedCode: 'A'.repeat(500) } });
    const r = await h.push('tech', [{ newDocumentState: wire(long) }]);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('scannedCode');
    expect((await pull('M')).map((d) => d.id)).not.toContain(long.id);
  });

  it('managers resolve in their own name; a technician does not', async () => {
    const ok = aStocktakeResolution({ body: { by: org.id.M } });
    expect(await push('M', [{ newDocumentState: wire(ok) }])).toMatchObject({ conflicts: [] });
    expect((await push('M', [{ newDocumentState: wire(aStocktakeResolution({ body: { by: org.id.D } })) }])).conflicts).toHaveLength(1);
    expect((await push('tech', [{ newDocumentState: wire(aStocktakeResolution({ body: { by: org.id.tech } })) }])).conflicts).toHaveLength(1);
    // A resolution may be revised (not append-only): the manager changes their mind.
    const stored = wire(ok);
    expect(await push('M', [{ newDocumentState: { ...stored, status: 'moved' }, assumedMasterState: stored }])).toMatchObject({ conflicts: [] });
  });
});
