import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPart, aStockMovement, aSupplier, aTicket } from '../../shared/domain/testing/builders';
import { writeServerDocs } from '../sync/engine';
import { cimsRegistry } from './cims';
import { cimsOrg } from '../testing/cims-org';
import { recordsOverHttp, type RecordsOverHttp, wire } from '../testing/records-http';

// Spare parts in `records` on PostgreSQL: the catalogue and suppliers are kept by managers and
// admins and read by everyone; van stock movements are append-only (D5), written by a
// technician only for their own stock and only on tickets they can read.
describe('parts, stock movements and suppliers over HTTP (PostgreSQL)', () => {
  const org = cimsOrg();
  let h: RecordsOverHttp;
  const mine = aTicket({ teamId: org.id.T1, assigneeId: org.id.tech, region: 'cn-east', createdBy: org.id.M });
  const othersTicket = aTicket({ teamId: org.id.T2, assigneeId: org.id.tech2, region: 'cn-south', createdBy: org.id.M2 });
  beforeAll(async () => {
    h = await recordsOverHttp(org, ['tech', 'peer', 'M', 'admin'], 'parts-push');
    await h.server.db.transaction((tx) => writeServerDocs(tx, cimsRegistry().get('tickets')!, [mine, othersTicket].map((doc) => ({ doc }))));
  });
  afterAll(async () => h.close());

  const push = (who: string, rows: unknown[]) => h.push(who, rows);
  const pull = (who: string) => h.pull(who);
  const ids = async (who: string) => (await pull(who)).map((d) => d.id);

  it('catalogue and suppliers: managers write, everyone reads, a technician is refused', async () => {
    const supplier = aSupplier();
    const part = aPart({ ref: supplier.id });
    expect((await push('M', [{ newDocumentState: wire(supplier) }, { newDocumentState: wire(part) }])).body).toMatchObject({ conflicts: [] });
    expect(await ids('tech')).toEqual(expect.arrayContaining([supplier.id, part.id]));
    const techPart = aPart({ body: { partNumber: 'ROGUE-1' } });
    expect((await push('tech', [{ newDocumentState: wire(techPart) }])).body.conflicts).toHaveLength(1);
    const renamed = { ...wire(part), body: { ...part.body, nameEn: 'Renamed' } };
    expect((await push('tech', [{ newDocumentState: renamed, assumedMasterState: wire(part) }])).body.conflicts).toEqual([wire(part)]);
    expect(await ids('M')).not.toContain(techPart.id);
  });

  it('movements: a technician books own stock on a readable ticket; not a colleague’s stock, not another team’s ticket', async () => {
    const used = aStockMovement({ ref2: org.id.tech, status: 'use', body: { by: org.id.tech, delta: -1, ticketId: mine.id, serialIn: 'SN-1' } });
    expect((await push('tech', [{ newDocumentState: wire(used) }])).body).toMatchObject({ conflicts: [] });
    const forPeer = aStockMovement({ ref2: org.id.peer, body: { by: org.id.tech, delta: 5 } });
    const onOthers = aStockMovement({ ref2: org.id.tech, status: 'use', body: { by: org.id.tech, delta: -1, ticketId: othersTicket.id } });
    const r = await push('tech', [{ newDocumentState: wire(forPeer) }, { newDocumentState: wire(onOthers) }]);
    expect(r.body.conflicts).toHaveLength(2);
    // The manager issues stock to the technician; the peer reads neither.
    const issued = aStockMovement({ ref2: org.id.tech, body: { by: org.id.M, delta: 3 } });
    expect((await push('M', [{ newDocumentState: wire(issued) }])).body).toMatchObject({ conflicts: [] });
    expect(await ids('tech')).toEqual(expect.arrayContaining([used.id, issued.id]));
    expect(await ids('peer')).not.toContain(used.id);
    expect(await ids('M')).toEqual(expect.arrayContaining([used.id, issued.id]));
    const stored = await ids('admin');
    expect(stored).not.toContain(forPeer.id);
    expect(stored).not.toContain(onOthers.id);
  });

  it('movements are append-only: an update or a delete of a stored one is refused, even for an admin', async () => {
    const m = aStockMovement({ ref2: org.id.tech, body: { by: org.id.tech, delta: 2 } });
    expect((await push('tech', [{ newDocumentState: wire(m) }])).body).toMatchObject({ conflicts: [] });
    const overwrite = { ...wire(m), body: { ...m.body, delta: 20 } };
    expect((await push('tech', [{ newDocumentState: overwrite, assumedMasterState: wire(m) }])).body.conflicts).toEqual([wire(m)]);
    expect((await push('admin', [{ newDocumentState: { ...wire(m), _deleted: true }, assumedMasterState: wire(m) }])).body.conflicts).toEqual([wire(m)]);
    const after = (await pull('tech')).find((d) => d.id === m.id)!;
    expect((after.body as { delta: number }).delta).toBe(2);
  });

  it('a quantity of 0 or -1 is refused with the field named, nothing stored', async () => {
    const zero = aStockMovement({ ref2: org.id.tech, body: { by: org.id.tech, quantity: 0 } });
    const negative = aStockMovement({ ref2: org.id.tech, body: { by: org.id.tech, quantity: -1 } });
    for (const bad of [zero, negative]) {
      const r = await push('tech', [{ newDocumentState: wire(bad) }]);
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body)).toContain('body.quantity');
    }
    const stored = await ids('admin');
    expect(stored).not.toContain(zero.id);
    expect(stored).not.toContain(negative.id);
  });
});
