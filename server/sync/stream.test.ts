import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse, StreamEvent } from '../../shared/sync/protocol';
import { updateUser } from '../admin';
import { bearer, call, startTestServer, type TestServer } from '../testing/harness';
import { openStream } from '../testing/sse';
import { dbKinds } from '../testing/test-db';
import { testRegistry } from '../testing/test-registry';

const isChange = (id: string) => (e: StreamEvent) => e.kind === 'change' && e.documents.some((d) => d.id === id);

describe.each(dbKinds)('SSE stream on %s', (kind) => {
  let s: TestServer;
  let ann: LoginResponse;
  let bob: LoginResponse;
  beforeAll(async () => {
    s = await startTestServer(kind, { registry: testRegistry() });
    ann = await s.userSession('ann', ['technician']);
    bob = await s.userSession('bob', ['technician']);
  });
  afterAll(async () => s.close());

  it('sends RESYNC first on every connect, then each commit’s documents filtered per user', async () => {
    const annStream = await openStream(`${s.url}/sync/items/stream`, ann.accessToken);
    const bobStream = await openStream(`${s.url}/sync/items/stream`, bob.accessToken);
    expect(annStream.status).toBe(200);
    expect(await annStream.waitFor(() => true)).toEqual({ kind: 'RESYNC' });
    await bobStream.waitFor((e) => e.kind === 'RESYNC');
    const doc = { id: 'live1', name: 'live', owner: ann.user.id, _deleted: false };
    const r = await call(s.url, 'POST', '/sync/items/push', { pushId: `p-live-${kind}`, rows: [{ newDocumentState: doc }] }, bearer(ann));
    expect(r.status).toBe(200);
    const ev = await annStream.waitFor(isChange('live1'));
    expect(ev).toMatchObject({ kind: 'change', documents: [doc] });
    if (ev.kind === 'change') expect(ev.checkpoint.seq).toBeGreaterThan(0);
    const mine = { id: 'live2', name: 'b', owner: bob.user.id, _deleted: false };
    await call(s.url, 'POST', '/sync/items/push', { pushId: `p-live2-${kind}`, rows: [{ newDocumentState: mine }] }, bearer(bob));
    await bobStream.waitFor(isChange('live2'));
    // Bob never saw Ann's doc; Ann never sees Bob's.
    expect(bobStream.events.some(isChange('live1'))).toBe(false);
    expect(annStream.events.some(isChange('live2'))).toBe(false);
    annStream.close();
    bobStream.close();
    const again = await openStream(`${s.url}/sync/items/stream`, ann.accessToken);
    expect(await again.waitFor(() => true)).toEqual({ kind: 'RESYNC' });
    again.close();
  });

  it('refuses a stream without a valid token or with another protocol version', async () => {
    const bad = await openStream(`${s.url}/sync/items/stream`, 'nope');
    expect(bad.status).toBe(401);
    const res = await fetch(`${s.url}/sync/items/stream`, { headers: bearer(ann) });
    expect(res.status).toBe(426);
  });

  it('refuses a disabled user’s token at once (Z4)', async () => {
    const carl = await s.userSession('carl', ['technician']);
    const st = await openStream(`${s.url}/sync/items/stream`, carl.accessToken);
    await st.waitFor((e) => e.kind === 'RESYNC');
    await updateUser(s.db, s.config.argon2MemoryKib, 'carl', { active: false }, { id: null, name: 'test' });
    const refused = await call(s.url, 'POST', '/sync/items/pull', { checkpoint: null, batchSize: 1 }, bearer(carl));
    expect(refused.status).toBe(401);
    st.close();
  });
});
