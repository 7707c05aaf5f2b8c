import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, anAssessment, anAsset, anEvent, aPerson, aPolicy, aProblem, aCycle, aTeam, aTicket, aTrainingRecord, aStockMovement, aVisit, newId } from '../../shared/domain/testing/builders';
import type { LoginResponse, PullResponse, PushResponse, StreamEvent, WireDocument } from '../../shared/sync/protocol';
import { auditEntries } from '../audit';
import { writeServerDocs } from '../sync/engine';
import type { Doc, SyncUser } from '../sync/registry';
import { cimsOrg, writeOrg } from '../testing/cims-org';
import { bearer, call, startTestServer, type TestServer } from '../testing/harness';
import { openStream, type SseClient } from '../testing/sse';
import { cimsRegistry } from './cims';
import type { CimsContext } from './context';

/**
 * One read door, generated (Z1, Z5 on every path): for every role and every collection, any
 * document that any route answers (pull, stream, push conflicts with and without an assumed
 * master state, replayed pushes) is one the caller may read, or a tombstone that reveals
 * nothing they could not read. Runs on PostgreSQL (one server, ~100 live streams).
 */
const org = cimsOrg();
const roles = ['tech', 'peer', 'tech2', 'eng', 'exp', 'M', 'M2', 'D', 'assessor', 'admin'] as const;
type Who = (typeof roles)[number];
const reg = cimsRegistry();
const collections = reg.names();

/** A schema-valid document of each collection with a given id (the attacker's dummy). */
const dummy: Record<string, (id: string) => object> = {
  tickets: (id) => aTicket({ id, teamId: org.id.T1, assigneeId: '', region: 'cn-east' }),
  ticketEvents: (id) => anEvent('note', { id, ticketId: newId(), authorId: newId(), body: 'dummy' }),
  customers: (id) => aCustomer({ id }),
  assets: (id) => anAsset({ id }),
  people: (id) => aPerson({ id, username: `d.${id.slice(0, 8)}` }),
  teams: (id) => aTeam({ id, name: 'dummy' }),
  policies: (id) => ({ ...aPolicy('general'), id }),
  problems: (id) => aProblem({ id }),
  assessmentCycles: (id) => aCycle({ id }),
  assessments: (id) => anAssessment({ id, personId: newId(), managerId: newId() }),
  records: (id) => aTrainingRecord({ id, ref: newId() }),
};

/** Stored documents: every team's tickets (one moved team to team), their events, everyone's assessments. */
function seed(): Record<string, Doc[]> {
  const tickets = [
    aTicket({ teamId: org.id.T1, assigneeId: org.id.tech, region: 'cn-east', createdBy: org.id.M }),
    aTicket({ teamId: org.id.T2, assigneeId: org.id.tech2, region: 'cn-south', createdBy: org.id.M2 }),
    aTicket({ teamId: org.id.T2, assigneeId: '', region: 'cn-south', functionalLevel: 'L3', createdBy: org.id.M2 }),
    aTicket({ teamId: org.id.T3, assigneeId: org.id.exp, region: 'cn-east', createdBy: org.id.D }),
  ];
  const events = tickets.map((t) => anEvent('note', { ticketId: t.id, authorId: String(t.createdBy), body: 'private note' }));
  const assessments = [org.id.tech, org.id.peer, org.id.tech2, org.id.M, org.id.eng].map((personId) =>
    anAssessment({ personId, managerId: personId === org.id.tech2 ? org.id.M2 : org.id.M }),
  );
  return {
    tickets: tickets as unknown as Doc[],
    ticketEvents: events as unknown as Doc[],
    customers: [aCustomer() as unknown as Doc],
    assets: [anAsset() as unknown as Doc],
    people: [],
    teams: [],
    policies: [aPolicy('general') as unknown as Doc],
    problems: [aProblem() as unknown as Doc],
    assessmentCycles: [aCycle() as unknown as Doc],
    assessments: assessments as unknown as Doc[],
    records: [...[org.id.tech, org.id.peer, org.id.tech2, org.id.eng].map((ref) => aTrainingRecord({ ref })), ...[org.id.tech, org.id.peer, org.id.tech2].map((ref2) => aStockMovement({ ref2 })), ...tickets.map((t) => aVisit({ ref: t.id, ref2: t.siteId, body: { technicianId: t.assigneeId || t.createdBy } }))] as unknown as Doc[],
  };
}

describe('one read door for every path that answers documents', () => {
  let s: TestServer;
  const session = new Map<Who, LoginResponse>();
  const ctx = new Map<Who, CimsContext>();
  let docs: Record<string, Doc[]> = {};
  let n = 0;

  beforeAll(async () => {
    s = await startTestServer('pg');
    await writeOrg(s.db, org);
    docs = seed();
    docs.people = org.people as unknown as Doc[];
    docs.teams = org.teams as unknown as Doc[];
    await s.db.transaction(async (tx) => {
      for (const c of collections) if (docs[c]!.length > 0) await writeServerDocs(tx, reg.get(c)!, docs[c]!.map((doc) => ({ doc })));
    });
    // The T2 ticket moves to T1 and back: its previous version stays for tombstones.
    const moved = docs.tickets![1]!;
    await s.db.transaction((tx) => writeServerDocs(tx, reg.get('tickets')!, [{ doc: { ...moved, teamId: org.id.T1, region: 'cn-east' } }]));
    await s.db.transaction((tx) => writeServerDocs(tx, reg.get('tickets')!, [{ doc: moved }]));
    for (const who of roles) {
      const p = org.people.find((x) => x.id === org.id[who])!;
      session.set(who, await s.userSession(p.username, p.roles, { id: p.id, teamId: p.teamId }));
      const user: SyncUser = { id: p.id, username: p.username, roles: p.roles, teamId: p.teamId };
      ctx.set(who, await reg.context(s.db, user));
    }
  }, 60_000);
  afterAll(async () => s?.close());

  /** What the caller may receive: a readable doc, or a tombstone of a readable or empty doc. */
  function assertMayReceive(who: Who, collection: string, w: WireDocument, path: string, also?: CimsContext): void {
    const { _deleted, ...doc } = w;
    if (_deleted && Object.keys(doc).length === 1) return;
    const access = reg.get(collection)!.access;
    // `also`: a context loaded later (access that changed while the stream was open).
    const readable = access.canRead(ctx.get(who)!, doc as Doc) || (also !== undefined && access.canRead(also, doc as Doc));
    expect(readable, `${path}: ${who} received unreadable ${collection}/${String(doc.id)}`).toBe(true);
  }

  async function pullAll(who: Who, collection: string): Promise<WireDocument[]> {
    const out: WireDocument[] = [];
    let checkpoint: PullResponse['checkpoint'] = null;
    for (;;) {
      const r = await call(s.url, 'POST', `/sync/${collection}/pull`, { checkpoint, batchSize: 100 }, bearer(session.get(who)!));
      expect(r.status).toBe(200);
      const body = r.body as PullResponse;
      out.push(...body.documents);
      if (body.documents.length === 0) return out;
      checkpoint = body.checkpoint;
    }
  }

  it.each(roles)('pull: %s receives only readable documents in every collection', async (who) => {
    let received = 0;
    for (const c of collections) {
      const got = await pullAll(who, c);
      for (const w of got) assertMayReceive(who, c, w, 'pull');
      received += got.length;
      // Everything readable is delivered (the door filters, it does not lose documents).
      const readable = docs[c]!.filter((d) => reg.get(c)!.access.canRead(ctx.get(who)!, d)).map((d) => d.id);
      expect(got.filter((w) => !w._deleted).map((w) => w.id).sort(), `${who} ${c}`).toEqual(expect.arrayContaining(readable));
    }
    expect(received).toBeGreaterThan(0);
  });

  it.each(roles)('push conflicts: %s probing every stored id gets only readable documents, unreadable ids are audited', async (who) => {
    for (const c of collections) {
      for (const stored of docs[c]!) {
        // A time no stored doc has: the probe never equals what is stored.
        const probe = { ...(dummy[c]!(stored.id) as WireDocument), updatedAt: '2020-01-01T00:00:00.000Z', _deleted: false };
        const pushId = `door-${who}-${++n}`;
        const rows = [{ newDocumentState: probe }, { newDocumentState: probe, assumedMasterState: probe }];
        for (const row of rows) {
          const r = await call(s.url, 'POST', `/sync/${c}/push`, { pushId: `${pushId}-${rows.indexOf(row)}`, rows: [row] }, bearer(session.get(who)!));
          expect(r.status).toBe(200);
          const { conflicts } = r.body as PushResponse;
          // A dummy never equals the stored doc: every probe is answered, never written.
          expect(conflicts.map((x) => x.id)).toEqual([stored.id]);
          assertMayReceive(who, c, conflicts[0]!, 'push');
          if (!reg.get(c)!.access.canRead(ctx.get(who)!, stored)) {
            const log = await auditEntries(s.db, 'push');
            expect(log.some((e) => e.actor_id === org.id[who] && e.target === `${c}/${stored.id}` && e.outcome === 'refused')).toBe(true);
          }
        }
        // A replayed push answers its first answer through the door again.
        const replay = await call(s.url, 'POST', `/sync/${c}/push`, { pushId: `${pushId}-0`, rows: [rows[0]] }, bearer(session.get(who)!));
        for (const w of (replay.body as PushResponse).conflicts) assertMayReceive(who, c, w, 'replayed push');
      }
    }
    // The stored documents are unchanged by all these probes.
    const r = await s.db.query<{ n: string }>(`select count(*) as n from sync_docs where updated_by is not null`);
    expect(Number(r.rows[0]!.n)).toBe(0);
  }, 60_000);

  it('stream: every role on every collection receives only readable documents', async () => {
    const streams: { who: Who; c: string; sse: SseClient }[] = [];
    for (const who of roles) {
      for (const c of collections) {
        const sse = await openStream(`${s.url}/sync/${c}/stream`, session.get(who)!.accessToken);
        await sse.waitFor((e) => e.kind === 'RESYNC');
        streams.push({ who, c, sse });
      }
    }
    try {
      // Every stored doc changes once more, and a ticket moves from T1 to T2.
      await s.db.transaction(async (tx) => {
        for (const c of ['tickets', 'ticketEvents', 'assessments', 'problems', 'customers']) {
          await writeServerDocs(tx, reg.get(c)!, docs[c]!.map((d) => ({ doc: { ...d, updatedAt: '2026-01-02T00:00:00.000Z' } })));
        }
      });
      const t1 = docs.tickets![0]!;
      await s.db.transaction((tx) => writeServerDocs(tx, reg.get('tickets')!, [{ doc: { ...t1, teamId: org.id.T2, region: 'cn-south', assigneeId: '' } }]));
      const techTickets = streams.find((x) => x.who === 'tech' && x.c === 'tickets')!.sse;
      // tech sees the moved ticket leave as a tombstone: the last event of that stream.
      await techTickets.waitFor((e) => e.kind === 'change' && e.documents.some((d) => d.id === t1.id && d._deleted), 10_000);
      await new Promise((r) => setTimeout(r, 500));
      const after = new Map<Who, CimsContext>();
      for (const who of roles) after.set(who, await reg.context(s.db, ctx.get(who)!.user));
      let received = 0;
      for (const { who, c, sse } of streams) {
        for (const e of sse.events as StreamEvent[]) {
          if (e.kind !== 'change') continue;
          for (const w of e.documents) assertMayReceive(who, c, w, 'stream', after.get(who));
          received += e.documents.length;
        }
      }
      expect(received).toBeGreaterThan(0);
    } finally {
      for (const { sse } of streams) sse.close();
    }
  }, 60_000);
});
