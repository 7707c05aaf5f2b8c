import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPerson, newId } from '../../shared/domain/testing/builders';
import type { LoginResponse, PullResponse } from '../../shared/sync/protocol';
import { createUser } from '../../server/auth/users';
import { migrate } from '../../server/db/migrate';
import { openPg } from '../../server/db/pg';
import { bearer, call } from '../../server/testing/harness';
import { openStream, type SseClient } from '../../server/testing/sse';
import { createPgDatabase } from '../../server/testing/test-db';
import { spawnServer, type ServerProcess } from './spawn-server';

const SECRET = 'restart-secret-restart-secret-restart-01';
const CLIENTS = 40;

describe('L2 / S3: server killed and restarted while clients are connected', () => {
  let database: Awaited<ReturnType<typeof createPgDatabase>>;
  let server: ServerProcess;
  let admin: LoginResponse;
  const env = () => ({ DATABASE_URL: database.url, CIMS_TOKEN_SECRET: SECRET, PORT: String(port) });
  let port = 0;

  beforeAll(async () => {
    database = await createPgDatabase();
    const db = await openPg(database.url);
    await migrate(db);
    await createUser(db, { username: 'root', password: 'root-password-1', roles: ['admin'] }, 1024);
    await db.close();
    server = await spawnServer({ DATABASE_URL: database.url, CIMS_TOKEN_SECRET: SECRET });
    port = Number(new URL(server.url).port);
    admin = (await call(server.url, 'POST', '/auth/login', { username: 'root', password: 'root-password-1' })).body as LoginResponse;
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('every client reconnects at once without a 5xx, gets RESYNC, and pulls from its checkpoint without a gap', async () => {
    const people = Array.from({ length: 12 }, (_, i) => ({ ...aPerson({ id: newId(), username: `person.${i}` }), _deleted: false }));
    const pushed = await call(server.url, 'POST', '/sync/people/push', { pushId: 'restart-people', rows: people.map((p) => ({ newDocumentState: p })) }, bearer(admin));
    expect(pushed.body).toMatchObject({ conflicts: [] });
    const pull = (base: string, checkpoint: PullResponse['checkpoint']) =>
      call(base, 'POST', '/sync/people/pull', { checkpoint, batchSize: 5 }, bearer(admin));
    const first = await pull(server.url, null);
    expect(first.status).toBe(200);

    server.child.kill('SIGKILL');
    await new Promise<void>((r) => server.child.once('exit', () => r()));
    server = await spawnServer(env());
    expect(Number(new URL(server.url).port)).toBe(port);

    // Tokens survive the restart (same secret); everyone comes back together.
    const results = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const st: SseClient = await openStream(`${server.url}/sync/tickets/stream`, admin.accessToken);
        const resync = await st.waitFor((e) => e.kind === 'RESYNC');
        const p = await pull(server.url, (first.body as PullResponse).checkpoint);
        const rest = p.status === 200 ? await pull(server.url, (p.body as PullResponse).checkpoint) : p;
        st.close();
        const ids = [p, rest].flatMap((r) => (r.body as PullResponse).documents.map((d) => d.id));
        return { stream: st.status, resync: resync.kind, pull: rest.status, ids };
      }),
    );
    expect(results.every((r) => r.stream === 200 && r.resync === 'RESYNC' && r.pull === 200)).toBe(true);
    // No gap: after the first batch of 5, each client gets exactly the other 7, in order.
    const firstIds = (first.body as PullResponse).documents.map((d) => d.id);
    expect(firstIds).toEqual(people.slice(0, 5).map((p) => p.id));
    for (const r of results) expect(r.ids).toEqual(people.slice(5).map((p) => p.id));
    const health = await call(server.url, 'GET', '/health');
    expect(health.status).toBe(200);
  });
});
