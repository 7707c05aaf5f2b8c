import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse, StreamEvent } from '../../shared/sync/protocol';
import { aTicket } from '../../shared/domain/testing/builders';
import { createUser } from '../../server/auth/users';
import { migrate } from '../../server/db/migrate';
import { openPg } from '../../server/db/pg';
import { bearer, call } from '../../server/testing/harness';
import { openStream } from '../../server/testing/sse';
import { createPgDatabase } from '../../server/testing/test-db';
import { spawnServer, type ServerProcess } from './spawn-server';

const SECRET = 'two-process-secret-two-process-secret-42';

describe('two server processes on one PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof createPgDatabase>>;
  let a: ServerProcess;
  let b: ServerProcess;
  let admin: LoginResponse;

  beforeAll(async () => {
    database = await createPgDatabase();
    const db = await openPg(database.url);
    await migrate(db);
    await createUser(db, { username: 'root', password: 'root-password-1', roles: ['admin'] }, 1024);
    await db.close();
    const env = { DATABASE_URL: database.url, CIMS_TOKEN_SECRET: SECRET };
    [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
    const r = await call(a.url, 'POST', '/auth/login', { username: 'root', password: 'root-password-1' });
    expect(r.status).toBe(200);
    admin = r.body as LoginResponse;
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('streams a change pushed to one process from the other, both ways', async () => {
    const onB = await openStream(`${b.url}/sync/tickets/stream`, admin.accessToken);
    const onA = await openStream(`${a.url}/sync/tickets/stream`, admin.accessToken);
    await onB.waitFor((e) => e.kind === 'RESYNC');
    await onA.waitFor((e) => e.kind === 'RESYNC');
    const t1 = aTicket({ title: 'pushed to A' });
    const p1 = await call(a.url, 'POST', '/sync/tickets/push', { pushId: 'two-proc-1', rows: [{ newDocumentState: { ...t1, _deleted: false } }] }, bearer(admin));
    expect(p1.body).toMatchObject({ conflicts: [] });
    const seen = await onB.waitFor((e: StreamEvent) => e.kind === 'change' && e.documents.some((d) => d.id === t1.id), 10_000);
    // The server numbered the ticket on first arrival.
    expect(seen.kind === 'change' && seen.documents[0]).toMatchObject({ id: t1.id, title: 'pushed to A', number: 1 });
    const t2 = aTicket({ title: 'pushed to B' });
    await call(b.url, 'POST', '/sync/tickets/push', { pushId: 'two-proc-2', rows: [{ newDocumentState: { ...t2, _deleted: false } }] }, bearer(admin));
    await onA.waitFor((e) => e.kind === 'change' && e.documents.some((d) => d.id === t2.id), 10_000);
    onA.close();
    onB.close();
  });

  it('shuts down gracefully on SIGTERM (exit code 0)', async () => {
    expect(await b.stop()).toBe(0);
    const h = await call(a.url, 'GET', '/health');
    expect(h.status).toBe(200);
  });
});
