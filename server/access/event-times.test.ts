import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anEvent, aTicket } from '../../shared/domain/testing/builders';
import type { LoginResponse, PullResponse, PushResponse, WireDocument } from '../../shared/sync/protocol';
import { cimsOrg, writeOrg } from '../testing/cims-org';
import { bearer, call, startTestServer, type TestServer } from '../testing/harness';

const HOUR = 3600_000;

describe('ticket event times on PostgreSQL: the server records when it received an event', () => {
  const org = cimsOrg();
  let s: TestServer;
  const session: Record<string, LoginResponse> = {};
  let n = 0;
  beforeAll(async () => {
    s = await startTestServer('pg');
    await writeOrg(s.db, org);
    for (const key of ['tech', 'admin'] as const) {
      const person = org.people.find((p) => p.id === org.id[key])!;
      session[key] = await s.userSession(person.username, person.roles, { id: person.id, teamId: person.teamId });
    }
  });
  afterAll(async () => s.close());

  async function push(who: string, collection: string, rows: unknown[]): Promise<PushResponse> {
    const r = await call(s.url, 'POST', `/sync/${collection}/push`, { pushId: `event-times-${++n}`, rows }, bearer(session[who]!));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as PushResponse;
  }
  async function pull(who: string, collection: string): Promise<PullResponse> {
    const r = await call(s.url, 'POST', `/sync/${collection}/pull`, { checkpoint: null, batchSize: 1000 }, bearer(session[who]!));
    expect(r.status).toBe(200);
    return r.body as PullResponse;
  }
  const wire = (d: object): WireDocument => ({ ...(d as WireDocument), _deleted: false });
  const stored = async (id: string) => (await s.db.query<{ doc: Record<string, unknown> }>(`select doc from sync_docs where collection = 'ticketEvents' and id = $1`, [id])).rows[0]!.doc;

  it('sets receivedAt to the server clock, overwrites a forged one, keeps the device time and returns both on pull', async () => {
    const ticket = aTicket({ teamId: org.id.T1, assigneeId: org.id.tech, region: 'cn-east', createdBy: org.id.tech });
    expect(await push('tech', 'tickets', [{ newDocumentState: wire(ticket) }])).toMatchObject({ conflicts: [] });
    // Work logged offline two days ago; the device claims the server received it a year ago.
    const offline = new Date(Date.now() - 48 * HOUR).toISOString();
    const forged = new Date(Date.now() - 365 * 24 * HOUR).toISOString();
    const note = anEvent('note', { ticketId: ticket.id, authorId: org.id.tech, body: 'replaced the fan', at: offline, receivedAt: forged } as never);
    const before = Date.now();
    const answer = await push('tech', 'ticketEvents', [{ newDocumentState: wire(note) }]);
    const doc = await stored(note.id);
    // The answer carries the event as stored, so the device holds the receive time at once.
    expect(answer).toEqual({ conflicts: [], stored: [{ ...doc, _deleted: false }], seq: expect.any(Number) });
    expect(doc.at).toBe(offline);
    expect(Date.parse(String(doc.receivedAt))).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(String(doc.receivedAt))).toBeLessThanOrEqual(Date.now() + 1000);
    const pulled = (await pull('tech', 'ticketEvents')).documents.find((d) => d.id === note.id)!;
    expect([pulled.at, pulled.receivedAt]).toEqual([offline, doc.receivedAt]);
    // A retried push carrying another receivedAt is the same event: no conflict, nothing
    // changes, and the answer carries the stored receive time back.
    expect(await push('tech', 'ticketEvents', [{ newDocumentState: { ...pulled, receivedAt: forged }, assumedMasterState: pulled }])).toEqual({ conflicts: [], stored: [pulled], seq: expect.any(Number) });
    expect((await stored(note.id)).receivedAt).toBe(doc.receivedAt);
  });

  it('keeps an event time ahead of the server no later than its receive time, for every role', async () => {
    const ticket = aTicket({ teamId: org.id.T1, assigneeId: org.id.tech, region: 'cn-east', createdBy: org.id.tech });
    await push('tech', 'tickets', [{ newDocumentState: wire(ticket) }]);
    const ahead = new Date(Date.now() + 6 * HOUR).toISOString();
    for (const who of ['tech', 'admin'] as const) {
      const e = anEvent('note', { ticketId: ticket.id, authorId: org.id[who], body: `fast clock of ${who}`, at: ahead });
      const answer = await push(who, 'ticketEvents', [{ newDocumentState: wire(e) }]);
      const doc = await stored(e.id);
      expect(answer, who).toEqual({ conflicts: [], stored: [{ ...doc, _deleted: false }], seq: expect.any(Number) });
      expect(typeof doc.receivedAt, who).toBe('string');
      expect([doc.at, doc.createdAt], who).toEqual([doc.receivedAt, doc.receivedAt]);
    }
  });
});
