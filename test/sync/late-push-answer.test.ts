/**
 * S11: a push answered after the catch-up's page. A technician edits a ticket offline and
 * comes back: the push of the edit and the catch-up download start together. The server
 * stores the push, a colleague's device edits the ticket on top of it, and the download's page
 * holds that later edit; but the push's answer reaches the technician's device only after the
 * page. The device must end with the colleague's edit.
 *
 * The page used to be written at once: the pushed edit still looked like a local change (no
 * answer yet), so the page left the ticket alone, and the answer then marked the pushed state
 * as the server's. The device kept its own older state, online with nothing pending, while
 * the server held the later edit (the S11 model test hit it under load). A page now waits
 * until no push is on its way, and decides by the sequence the server stored the push under
 * (electron/sync/worker-download.ts, electron/db/download-page.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTicket, newId } from '../../shared/domain/testing/builders';
import { startTestServer, type TestServer } from '../../server/testing/harness';
import type { SyncStatusSnapshot } from '../../electron/sync/status';
import { startClientCore, type ClientCore } from './cores';
import { startGateProxy, type GateProxy } from './proxy';
import { eventually } from './wait';

type Doc = Record<string, unknown>;

let server: TestServer;
let proxy: GateProxy;
/** Through the proxy. */
let returning: ClientCore;
/** Straight to the server. */
let colleague: ClientCore;
const teamId = newId();
const techId = newId();

beforeAll(async () => {
  server = await startTestServer('pg');
  proxy = await startGateProxy(server.url);
  await server.userSession('tech.late', ['technician'], { id: techId, teamId, password: 'tech password 1' });
  returning = await startClientCore();
  colleague = await startClientCore();
  await returning.call('signIn', proxy.url, 'tech.late', 'tech password 1');
  await colleague.call('signIn', server.url, 'tech.late', 'tech password 1');
  await Promise.all([returning.call('awaitInSync'), colleague.call('awaitInSync')]);
}, 60_000);

afterAll(async () => {
  await returning?.stop();
  await colleague?.stop();
  await proxy?.close();
  await server?.close();
});

const serverTitle = async (id: string): Promise<unknown> =>
  (await server.db.query<{ doc: Doc }>(`select doc from sync_docs where collection = 'tickets' and id = $1`, [id])).rows[0]?.doc.title;
const titleOn = async (core: ClientCore, id: string): Promise<unknown> => (await core.call<Doc | null>('get', 'tickets', id))?.title;

describe('a push answered after the page of the catch-up that followed it', () => {
  it('leaves the device with the edit the server took after the push', async () => {
    const ticket = aTicket({ teamId, assigneeId: techId, createdBy: techId, title: 'as created' });
    await returning.call('insert', 'tickets', ticket);
    await eventually(() => titleOn(colleague, ticket.id), (t) => t === 'as created', 15_000);

    await returning.call('disconnect');
    await returning.call('patch', 'tickets', ticket.id, { title: 'edited offline' });

    // Back online: the push reaches the server, its answer waits; so do the catch-up's pull
    // and the live stream (which would otherwise bring the colleague's edit on its own).
    proxy.holdStream('tickets');
    proxy.holdPulls('tickets');
    proxy.holdPushAnswers('tickets');
    await returning.call('resume');
    await eventually(() => serverTitle(ticket.id), (t) => t === 'edited offline', 15_000);
    await eventually(async () => ({ answers: proxy.heldPushAnswers('tickets'), pulls: proxy.heldPulls('tickets') }), (h) => h.answers === 1 && h.pulls >= 1, 15_000);

    // The colleague edits on top of the pushed state; then the page is answered (it holds
    // that edit), and the push's answer arrives after it.
    await eventually(() => titleOn(colleague, ticket.id), (t) => t === 'edited offline', 15_000);
    await colleague.call('patch', 'tickets', ticket.id, { title: 'edited by the colleague' });
    await eventually(() => serverTitle(ticket.id), (t) => t === 'edited by the colleague', 15_000);
    const answered = proxy.pullsAnswered('tickets');
    proxy.releasePulls('tickets');
    await eventually(async () => proxy.pullsAnswered('tickets'), (n) => n > answered, 15_000);
    // Time for the page to reach the store before the answer (it waits for the answer now).
    await new Promise((r) => setTimeout(r, 500));
    proxy.releasePushAnswers('tickets');

    // The stream still holds back the colleague's edit: only the page can bring it.
    await eventually(() => titleOn(returning, ticket.id), (t) => t === 'edited by the colleague', 15_000);
    const status = await returning.call<SyncStatusSnapshot>('awaitInSync');
    expect(status.pendingLocalChanges).toBe(0);
    expect(await serverTitle(ticket.id)).toBe('edited by the colleague');
    proxy.releaseStream('tickets');
  });
});
