import { expect } from 'vitest';
import type { LoginResponse, PullResponse, PushResponse, WireDocument } from '../../shared/sync/protocol';
import { writeOrg, type CimsOrg } from './cims-org';
import { bearer, call, startTestServer, type TestServer } from './harness';

/** A record as the wire carries it. */
export const wire = (d: object): WireDocument => ({ ...(d as WireDocument), _deleted: false });

/**
 * A server on PostgreSQL with the test organisation written and some of its people signed in:
 * record access rules tested over HTTP, pushing and pulling `records` as one of them.
 */
export interface RecordsOverHttp {
  server: TestServer;
  session: Record<string, LoginResponse>;
  /** Pushes rows as that person: the status and the answer. */
  push(who: string, rows: unknown[]): Promise<{ status: number; body: PushResponse }>;
  /** Pushes rows as that person, which the server must answer with 200. */
  pushOk(who: string, rows: unknown[]): Promise<PushResponse>;
  /** Every record that person pulls from the start, deleted ones left out. */
  pull(who: string): Promise<WireDocument[]>;
  close(): Promise<void>;
}

export async function recordsOverHttp(org: CimsOrg, people: readonly (keyof CimsOrg['id'])[], pushIdPrefix: string): Promise<RecordsOverHttp> {
  const server = await startTestServer('pg');
  await writeOrg(server.db, org);
  const session: Record<string, LoginResponse> = {};
  for (const key of people) {
    const person = org.people.find((p) => p.id === org.id[key])!;
    session[key] = await server.userSession(person.username, person.roles, { id: person.id, teamId: person.teamId });
  }
  let n = 0;
  const push = async (who: string, rows: unknown[]) => {
    const r = await call(server.url, 'POST', '/sync/records/push', { pushId: `${pushIdPrefix}-${++n}`, rows }, bearer(session[who]!));
    return { status: r.status, body: r.body as PushResponse };
  };
  return {
    server,
    session,
    push,
    async pushOk(who, rows) {
      const r = await push(who, rows);
      expect(r.status).toBe(200);
      return r.body;
    },
    async pull(who) {
      const r = await call(server.url, 'POST', '/sync/records/pull', { checkpoint: null, batchSize: 1000 }, bearer(session[who]!));
      expect(r.status).toBe(200);
      return (r.body as PullResponse).documents.filter((d) => !d._deleted);
    },
    close: () => server.close(),
  };
}
