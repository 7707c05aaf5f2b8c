/**
 * Z1: a ticket that leaves a team's sight is removed from that team's devices, however many
 * times it moved before a device synced again. A technician's laptop is offline while the
 * ticket goes from team A to team B and on to team C; on its next pull it must drop it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTicket, newId } from '../../shared/domain/testing/builders';
import { writeServerDocs } from '../../server/sync/engine';
import { startTestServer, type TestServer } from '../../server/testing/harness';
import { startClientCore, type ClientCore } from './cores';

let server: TestServer;
let core: ClientCore;
const [teamA, teamB, teamC] = [newId(), newId(), newId()];
const techId = newId();
const colleagueId = newId();

beforeAll(async () => {
  server = await startTestServer('pg');
  await server.userSession('tech.moves', ['technician'], { id: techId, teamId: teamA, password: 'tech password 1' });
  core = await startClientCore();
  await core.call('signIn', server.url, 'tech.moves', 'tech password 1');
}, 60_000);

afterAll(async () => {
  await core?.stop();
  await server?.close();
});

async function stored(id: string): Promise<Record<string, unknown>> {
  const r = await server.db.query<{ doc: Record<string, unknown> }>(`select doc from sync_docs where collection = 'tickets' and id = $1`, [id]);
  return r.rows[0]!.doc;
}

/** An admin's reassignment, written on the server as the admin routes do. */
async function moveTo(id: string, teamId: string): Promise<void> {
  const spec = server.app.deps.registry.get('tickets')!;
  const doc = { ...(await stored(id)), teamId, updatedAt: new Date().toISOString() };
  await server.db.transaction((tx) => writeServerDocs(tx, spec, [{ doc }]));
}

/** A ticket of team A, assigned to a colleague: the technician sees it through the team only. */
async function teamTicketOnDevice(title: string): Promise<string> {
  const seed = aTicket({ teamId: teamA, assigneeId: colleagueId, createdBy: colleagueId, title });
  const spec = server.app.deps.registry.get('tickets')!;
  await server.db.transaction((tx) => writeServerDocs(tx, spec, [{ doc: seed as unknown as Record<string, unknown> }]));
  await core.call('awaitInSync');
  expect(await core.call('get', 'tickets', seed.id), title).not.toBeNull();
  return seed.id;
}

describe('tickets that leave the team while a device is offline (Z1)', () => {
  it('a ticket moved from team A to B is removed from the team A device', async () => {
    const id = await teamTicketOnDevice('moved once');
    await core.call('disconnect');
    await moveTo(id, teamB);
    await core.call('resume');
    await core.call('awaitInSync');
    expect(await core.call('get', 'tickets', id)).toBeNull();
  });

  it('a ticket moved from team A to B and on to C is removed from the team A device too', async () => {
    const id = await teamTicketOnDevice('moved twice');
    await core.call('disconnect');
    await moveTo(id, teamB);
    await moveTo(id, teamC);
    await core.call('resume');
    await core.call('awaitInSync');
    expect(await core.call('get', 'tickets', id)).toBeNull();
  });

  it('a ticket that left team A and came back stays on the device with its latest state', async () => {
    const id = await teamTicketOnDevice('moved away and back');
    await core.call('disconnect');
    await moveTo(id, teamB);
    await moveTo(id, teamA);
    await core.call('resume');
    await core.call('awaitInSync');
    expect(await core.call('get', 'tickets', id)).toMatchObject({ id, teamId: teamA });
  });
});
