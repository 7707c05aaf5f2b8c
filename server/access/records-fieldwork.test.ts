import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTicket, aVisit, newId } from '../../shared/domain/testing/builders';
import type { VisitCorrectionRecord } from '../../shared/schema';
import type { LoginResponse, PushResponse, PullResponse, WireDocument } from '../../shared/sync/protocol';
import { cimsOrg, writeOrg } from '../testing/cims-org';
import { bearer, call, startTestServer, type TestServer } from '../testing/harness';

// Site visits (records of kind `visit`) belong to a ticket as its timeline does: readable and
// writable by whoever may read the ticket, in one's own name; once the customer signed, the
// visit is frozen and corrected only by a new `visit_correction` record.
describe('visit records over HTTP (PostgreSQL)', () => {
  const org = cimsOrg();
  let s: TestServer;
  const session: Record<string, LoginResponse> = {};
  let n = 0;
  const eastTicket = aTicket({
    teamId: org.id.T1,
    assigneeId: org.id.tech,
    region: 'cn-east',
    createdBy: org.id.tech,
  });
  const southTicket = aTicket({
    teamId: org.id.T2,
    assigneeId: org.id.tech2,
    region: 'cn-south',
    createdBy: org.id.tech2,
  });

  beforeAll(async () => {
    s = await startTestServer('pg');
    await writeOrg(s.db, org);
    for (const key of ['tech', 'peer', 'tech2', 'M', 'M2', 'assessor', 'admin'] as const) {
      const person = org.people.find((p) => p.id === org.id[key])!;
      session[key] = await s.userSession(person.username, person.roles, {
        id: person.id,
        teamId: person.teamId,
      });
    }
    expect((await push('tech', 'tickets', [{ newDocumentState: wire(eastTicket) }])).body).toMatchObject({
      conflicts: [],
    });
    expect((await push('tech2', 'tickets', [{ newDocumentState: wire(southTicket) }])).body).toMatchObject({
      conflicts: [],
    });
  });
  afterAll(async () => s.close());

  async function push(
    who: string,
    collection: string,
    rows: unknown[],
  ): Promise<{ status: number; body: PushResponse }> {
    const r = await call(
      s.url,
      'POST',
      `/sync/${collection}/push`,
      { pushId: `fieldwork-push-${++n}`, rows },
      bearer(session[who]!),
    );
    return { status: r.status, body: r.body as PushResponse };
  }
  const pull = async (who: string): Promise<WireDocument[]> => {
    const r = await call(
      s.url,
      'POST',
      '/sync/records/pull',
      { checkpoint: null, batchSize: 1000 },
      bearer(session[who]!),
    );
    expect(r.status).toBe(200);
    return (r.body as PullResponse).documents.filter((d) => !d._deleted);
  };
  const ids = async (who: string) => (await pull(who)).map((d) => d.id);
  function wire(d: object): WireDocument {
    return { ...(d as WireDocument), _deleted: false };
  }

  it('is read by everyone who reads its ticket and nobody else', async () => {
    const visit = aVisit({
      ref: eastTicket.id,
      ref2: eastTicket.siteId,
      status: 'open',
      body: { technicianId: org.id.tech, checkOutAt: null },
    });
    expect((await push('tech', 'records', [{ newDocumentState: wire(visit) }])).body).toMatchObject({
      conflicts: [],
    });
    expect(await ids('tech')).toContain(visit.id);
    expect(await ids('peer')).toContain(visit.id);
    expect(await ids('M')).toContain(visit.id);
    expect(await ids('admin')).toContain(visit.id);
    expect(await ids('tech2')).not.toContain(visit.id);
    expect(await ids('M2')).not.toContain(visit.id);
  });

  it('is written in one’s own name on a ticket one reads; assessors do not write visits', async () => {
    const forPeer = aVisit({
      ref: eastTicket.id,
      ref2: eastTicket.siteId,
      body: { technicianId: org.id.peer },
    });
    expect(
      (await push('tech', 'records', [{ newDocumentState: wire(forPeer) }])).body.conflicts,
    ).toHaveLength(1);
    const onSouth = aVisit({
      ref: southTicket.id,
      ref2: southTicket.siteId,
      body: { technicianId: org.id.tech },
    });
    expect(
      (await push('tech', 'records', [{ newDocumentState: wire(onSouth) }])).body.conflicts,
    ).toHaveLength(1);
    const assessorOwn = aVisit({
      ref: eastTicket.id,
      ref2: eastTicket.siteId,
      body: { technicianId: org.id.assessor },
    });
    expect(
      (await push('assessor', 'records', [{ newDocumentState: wire(assessorOwn) }])).body.conflicts,
    ).toHaveLength(1);
    const stored = await ids('admin');
    expect(stored).not.toContain(forPeer.id);
    expect(stored).not.toContain(onSouth.id);
    expect(stored).not.toContain(assessorOwn.id);
    // A visit on a ticket the server does not know yet (created offline, still on its way) is kept.
    const early = aVisit({ ref: newId(), body: { technicianId: org.id.tech } });
    expect((await push('tech', 'records', [{ newDocumentState: wire(early) }])).body).toMatchObject({
      conflicts: [],
    });
  });

  it('changes until signed; a signed visit is refused when changed or deleted and is corrected by a new record', async () => {
    const visit = aVisit({
      ref: eastTicket.id,
      ref2: eastTicket.siteId,
      status: 'open',
      body: { technicianId: org.id.tech, checkOutAt: null },
    });
    expect((await push('tech', 'records', [{ newDocumentState: wire(visit) }])).body).toMatchObject({
      conflicts: [],
    });
    const open = (await pull('tech')).find((d) => d.id === visit.id)!;
    const closed = {
      ...open,
      status: 'closed',
      updatedAt: '2026-03-02T03:00:00.000Z',
      body: { ...visit.body, checkOutAt: '2026-03-02T02:30:00.000Z' },
    };
    expect(
      (await push('tech', 'records', [{ newDocumentState: closed, assumedMasterState: open }])).body,
    ).toMatchObject({ conflicts: [] });
    const storedClosed = (await pull('tech')).find((d) => d.id === visit.id)!;
    const signed = {
      ...storedClosed,
      status: 'signed',
      updatedAt: '2026-03-02T03:05:00.000Z',
      body: { ...closed.body, signedAt: '2026-03-02T03:05:00.000Z' },
    };
    expect(
      (await push('tech', 'records', [{ newDocumentState: signed, assumedMasterState: storedClosed }])).body,
    ).toMatchObject({ conflicts: [] });
    const storedSigned = (await pull('tech')).find((d) => d.id === visit.id)!;
    expect(storedSigned.status).toBe('signed');

    // Frozen: even its own technician, even an admin, cannot move the times or delete it.
    const moved = {
      ...storedSigned,
      updatedAt: '2026-03-02T04:00:00.000Z',
      body: { ...signed.body, travelMinutes: 5 },
    };
    expect(
      (await push('tech', 'records', [{ newDocumentState: moved, assumedMasterState: storedSigned }])).body
        .conflicts,
    ).toEqual([storedSigned]);
    expect(
      (await push('admin', 'records', [{ newDocumentState: moved, assumedMasterState: storedSigned }])).body
        .conflicts,
    ).toEqual([storedSigned]);
    const deleted = { ...storedSigned, _deleted: true };
    expect(
      (await push('tech', 'records', [{ newDocumentState: deleted, assumedMasterState: storedSigned }])).body
        .conflicts,
    ).toEqual([storedSigned]);
    expect((await pull('tech')).find((d) => d.id === visit.id)).toEqual(storedSigned);

    // The correction: a new record, readable with the ticket, never changed afterwards.
    const correction: VisitCorrectionRecord = {
      id: newId(),
      createdAt: '2026-03-02T04:00:00.000Z',
      updatedAt: '2026-03-02T04:00:00.000Z',
      kind: 'visit_correction',
      ref: eastTicket.id,
      ref2: visit.id,
      status: 'recorded',
      body: {
        authorId: org.id.tech,
        checkInAt: null,
        checkOutAt: null,
        travelMinutes: 5,
        reason: '路途时间记错',
      },
    };
    expect((await push('tech', 'records', [{ newDocumentState: wire(correction) }])).body).toMatchObject({
      conflicts: [],
    });
    expect(await ids('M')).toContain(correction.id);
    expect(await ids('tech2')).not.toContain(correction.id);
    const storedCorrection = (await pull('tech')).find((d) => d.id === correction.id)!;
    const edited = {
      ...storedCorrection,
      updatedAt: '2026-03-02T05:00:00.000Z',
      body: { ...correction.body, travelMinutes: 50 },
    };
    expect(
      (await push('tech', 'records', [{ newDocumentState: edited, assumedMasterState: storedCorrection }]))
        .body.conflicts,
    ).toEqual([storedCorrection]);
  });
});
