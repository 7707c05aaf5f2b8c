/**
 * The server keeps asset codes and RFID tags unique and the hierarchy free of cycles, whoever
 * pushes: a refused asset is answered as a conflict (the stored version, or a tombstone for
 * a refused new one), nothing of it is stored, and the refusal is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anAsset, newId } from '../../shared/domain/testing/builders';
import type { LoginResponse, PullResponse, PushResponse, WireDocument } from '../../shared/sync/protocol';
import { auditEntries } from '../audit';
import { cimsOrg, writeOrg } from '../testing/cims-org';
import { bearer, call, startTestServer, type TestServer } from '../testing/harness';
import { dbKinds } from '../testing/test-db';

describe.each(dbKinds)('asset codes, tags and hierarchy on %s', (kind) => {
  const org = cimsOrg();
  let s: TestServer;
  const session: Record<string, LoginResponse> = {};
  let n = 0;
  beforeAll(async () => {
    s = await startTestServer(kind);
    await writeOrg(s.db, org);
    for (const key of ['tech', 'tech2'] as const) {
      const person = org.people.find((p) => p.id === org.id[key])!;
      session[key] = await s.userSession(person.username, person.roles, { id: person.id, teamId: person.teamId });
    }
  });
  afterAll(async () => s.close());

  const push = async (who: string, rows: unknown[]): Promise<PushResponse> => {
    const r = await call(s.url, 'POST', '/sync/assets/push', { pushId: `asset-${kind}-${++n}`, rows }, bearer(session[who]!));
    expect(r.status).toBe(200);
    return r.body as PushResponse;
  };
  const stored = async (): Promise<Map<string, WireDocument>> => {
    const r = await call(s.url, 'POST', '/sync/assets/pull', { checkpoint: null, batchSize: 1000 }, bearer(session.tech!));
    return new Map((r.body as PullResponse).documents.map((d) => [d.id, d]));
  };
  const wire = (d: object): WireDocument => ({ ...(d as WireDocument), _deleted: false });

  const first = anAsset({ id: newId(), assetCode: 'AS-GUARD-1', rfidTag: 'E200GUARD1' });

  it('a second asset with the same code (case-blind, trimmed) or RFID tag is refused as a conflict and audited', async () => {
    expect(await push('tech', [{ newDocumentState: wire(first) }])).toMatchObject({ conflicts: [] });
    const sameCode = anAsset({ id: newId(), assetCode: ' as-guard-1', rfidTag: '' });
    // A refused new asset is answered deleted, so the pushing desktop drops it.
    expect((await push('tech2', [{ newDocumentState: wire(sameCode) }])).conflicts).toMatchObject([{ id: sameCode.id, _deleted: true }]);
    const sameTag = anAsset({ id: newId(), assetCode: 'AS-GUARD-2', rfidTag: 'e200guard1' });
    expect((await push('tech2', [{ newDocumentState: wire(sameTag) }])).conflicts).toMatchObject([{ id: sameTag.id, _deleted: true }]);
    const docs = await stored();
    expect(docs.has(sameCode.id) || docs.has(sameTag.id)).toBe(false);
    const refused = (await auditEntries(s.db, 'push')).filter((e) => e.outcome === 'refused' && [sameCode.id, sameTag.id].some((id) => e.target === `assets/${id}`));
    expect(refused).toHaveLength(2);
  });

  it('within one push the later of two new assets with one code is refused; a swap of codes in one push is accepted', async () => {
    const a = anAsset({ id: newId(), assetCode: 'AS-BATCH', rfidTag: '' });
    const b = anAsset({ id: newId(), assetCode: 'as-batch', rfidTag: '' });
    expect((await push('tech', [{ newDocumentState: wire(a) }, { newDocumentState: wire(b) }])).conflicts).toMatchObject([{ id: b.id, _deleted: true }]);
    const c = anAsset({ id: newId(), assetCode: 'AS-SWAP', rfidTag: '' });
    expect((await push('tech', [{ newDocumentState: wire(c) }])).conflicts).toEqual([]);
    const docs = await stored();
    const [aNow, cNow] = [docs.get(a.id)!, docs.get(c.id)!];
    const renamed = await push('tech', [
      { newDocumentState: { ...aNow, assetCode: 'AS-FREED' }, assumedMasterState: aNow },
      { newDocumentState: { ...cNow, assetCode: 'AS-BATCH' }, assumedMasterState: cNow },
    ]);
    expect(renamed.conflicts).toEqual([]);
    expect((await stored()).get(c.id)!.assetCode).toBe('AS-BATCH');
  });

  it('an asset that would be its own ancestor is refused; the stored version is the answer and stays', async () => {
    const rack = anAsset({ id: newId(), assetCode: 'AS-RACK-G', rfidTag: '', kind: 'rack', parentId: null });
    const shelf = anAsset({ id: newId(), assetCode: 'AS-SHELF-G', rfidTag: '', kind: 'shelf', parentId: rack.id });
    const board = anAsset({ id: newId(), assetCode: 'AS-BOARD-G', rfidTag: '', kind: 'board', parentId: shelf.id });
    expect((await push('tech', [rack, shelf, board].map((d) => ({ newDocumentState: wire(d) })))).conflicts).toEqual([]);
    const master = (await stored()).get(rack.id)!;
    const looped = await push('tech2', [{ newDocumentState: { ...master, parentId: board.id }, assumedMasterState: master }]);
    expect(looped.conflicts).toEqual([master]);
    const self = await push('tech2', [{ newDocumentState: { ...master, parentId: rack.id }, assumedMasterState: master }]);
    expect(self.conflicts).toEqual([master]);
    expect((await stored()).get(rack.id)!.parentId).toBeNull();
    // Moving the board to the top of the tree is fine.
    const boardNow = (await stored()).get(board.id)!;
    expect((await push('tech2', [{ newDocumentState: { ...boardNow, parentId: rack.id }, assumedMasterState: boardNow }])).conflicts).toEqual([]);
  });
});
