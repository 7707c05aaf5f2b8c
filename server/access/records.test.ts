import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTrainingRecord, anUnknownAssetRecord } from '../../shared/domain/testing/builders';
import { cimsOrg } from '../testing/cims-org';
import { RECORD_ACCESS } from './records';
import { recordsOverHttp, type RecordsOverHttp, wire } from '../testing/records-http';

// The shared `records` collection: each record kind brings its own read and write rule, and
// the collection refuses what no kind allows (an unknown kind, a change of kind, a record the
// user cannot see).
describe('records over HTTP (PostgreSQL)', () => {
  const org = cimsOrg();
  let h: RecordsOverHttp;
  beforeAll(async () => {
    h = await recordsOverHttp(org, ['tech', 'peer', 'M', 'M2', 'assessor', 'admin'], 'records-push');
  });
  afterAll(async () => h.close());

  const push = (who: string, rows: unknown[]) => h.push(who, rows);
  const pull = async (who: string): Promise<string[]> => (await h.pull(who)).map((d) => d.id);

  it('every record kind has an access rule', () => {
    expect(Object.keys(RECORD_ACCESS).length).toBeGreaterThan(0);
  });

  it('training: the person enters, a manager above confirms; peers and other managers see nothing', async () => {
    const rec = aTrainingRecord({ ref: org.id.tech });
    expect((await push('tech', [{ newDocumentState: wire(rec) }])).body).toMatchObject({ conflicts: [] });
    expect(await pull('tech')).toContain(rec.id);
    expect(await pull('M')).toContain(rec.id);
    expect(await pull('assessor')).toContain(rec.id);
    expect(await pull('peer')).not.toContain(rec.id);
    expect(await pull('M2')).not.toContain(rec.id);
    // Administrators keep the system, not people's records (Z5).
    expect(await pull('admin')).not.toContain(rec.id);

    const stored = wire(rec);
    const decided = { ...stored, status: 'confirmed', body: { ...rec.body, decidedBy: org.id.tech, decidedAt: rec.updatedAt } };
    // Nobody confirms their own record: the answer is the stored version.
    expect((await push('tech', [{ newDocumentState: decided, assumedMasterState: stored }])).body.conflicts).toEqual([stored]);
    // A peer cannot see it, so is told nothing about it.
    const peer = await push('peer', [{ newDocumentState: { ...stored, body: { ...rec.body, hours: 1 } }, assumedMasterState: stored }]);
    expect(peer.body.conflicts).toEqual([{ id: rec.id, _deleted: true }]);
    // Nor does a peer enter one for a colleague.
    const forColleague = aTrainingRecord({ ref: org.id.tech });
    expect((await push('peer', [{ newDocumentState: wire(forColleague) }])).body.conflicts).toHaveLength(1);
    expect(await pull('tech')).not.toContain(forColleague.id);

    const confirmed = { ...decided, body: { ...decided.body, decidedBy: org.id.M } };
    expect((await push('M', [{ newDocumentState: confirmed, assumedMasterState: stored }])).body).toMatchObject({ conflicts: [] });
    // Confirmed: the person can no longer change it.
    const edit = await push('tech', [{ newDocumentState: { ...confirmed, status: 'submitted', body: { ...confirmed.body, hours: 80, decidedBy: null, decidedAt: null } }, assumedMasterState: confirmed }]);
    expect(edit.body.conflicts).toEqual([confirmed]);
  });

  it('unknownAsset: staff note codes in their own name and all read them; assessors neither; no deletes by the noter', async () => {
    const rec = anUnknownAssetRecord({ ref: 'AS-404', body: { reportedBy: org.id.tech, reportedAt: '2026-03-01T08:00:00.000Z', source: 'scan', note: 'label on rack 3' } });
    expect((await push('tech', [{ newDocumentState: wire(rec) }])).body).toMatchObject({ conflicts: [] });
    expect(await pull('peer')).toContain(rec.id);
    expect(await pull('assessor')).not.toContain(rec.id);
    // In someone else's name: refused.
    const forged = anUnknownAssetRecord({ body: { reportedBy: org.id.peer, reportedAt: '2026-03-01T08:00:00.000Z', source: 'scan', note: '' } });
    expect((await push('tech', [{ newDocumentState: wire(forged) }])).body.conflicts).toHaveLength(1);
    const stored = wire(rec);
    expect((await push('tech', [{ newDocumentState: { ...stored, _deleted: true }, assumedMasterState: stored }])).body.conflicts).toEqual([stored]);
    // The asset team dismisses it.
    expect((await push('M', [{ newDocumentState: { ...stored, status: 'dismissed' }, assumedMasterState: stored }])).body).toMatchObject({ conflicts: [] });
  });

  it('refuses an unknown kind and a body that is not its kind’s, with the field named, storing nothing', async () => {
    const unknown = { ...aTrainingRecord(), kind: 'gossip' };
    const r1 = await push('admin', [{ newDocumentState: wire(unknown) }]);
    expect(r1.status).toBe(400);
    expect(JSON.stringify(r1.body)).toContain('kind');
    const badBody = aTrainingRecord({ body: { ...aTrainingRecord().body, hours: -3 } });
    const r2 = await push('admin', [{ newDocumentState: wire(badBody) }]);
    expect(r2.status).toBe(400);
    expect(JSON.stringify(r2.body)).toContain('body.hours');
    const ids = await pull('admin');
    expect(ids).not.toContain(unknown.id);
    expect(ids).not.toContain(badBody.id);
  });
});
