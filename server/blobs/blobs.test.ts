import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anEvent, aTicket } from '../../shared/domain/testing/builders';
import { aJpeg, aPng, notAnImage } from '../../shared/domain/testing/blobs';
import type { LoginResponse, WireDocument } from '../../shared/sync/protocol';
import { auditEntries } from '../audit';
import { cimsOrg, writeOrg } from '../testing/cims-org';
import { bearer, call, startTestServer, type TestServer } from '../testing/harness';
import { folderBlobStore } from './folder';
import { blobStatus, countingStore, getBlob, patchBlob, sha256, storedKeys } from './testing';

const LIMIT = 256 * 1024;

describe('blob routes: resumable, content-addressed, authorised like the ticket', () => {
  const org = cimsOrg();
  const dir = mkdtempSync(join(tmpdir(), 'cims-blob-routes-'));
  const store = countingStore(folderBlobStore(dir));
  let s: TestServer;
  const session: Record<string, LoginResponse> = {};
  const t1 = aTicket({ teamId: org.id.T1, assigneeId: org.id.tech, region: 'cn-east', createdBy: org.id.tech });
  const t2 = aTicket({ teamId: org.id.T2, assigneeId: org.id.tech2, region: 'cn-south', createdBy: org.id.tech2 });
  let n = 0;
  const token = (who: string) => session[who]!.accessToken;
  const push = async (who: string, collection: string, doc: object) => {
    const r = await call(s.url, 'POST', `/sync/${collection}/push`, { pushId: `blob-push-${++n}`, rows: [{ newDocumentState: { ...doc, _deleted: false } as WireDocument }] }, bearer(session[who]!));
    expect(r.body).toMatchObject({ conflicts: [] });
  };
  const upload = (who: string, bytes: Uint8Array, o: { ticketId?: string; type?: string; offset?: number; sha?: string; body?: Uint8Array } = {}) =>
    patchBlob(s.url, token(who), {
      sha: o.sha ?? sha256(bytes),
      ticketId: o.ticketId ?? t1.id,
      type: o.type ?? 'image/jpeg',
      offset: o.offset ?? 0,
      length: bytes.length,
      body: o.body ?? bytes.subarray(o.offset ?? 0),
    });
  /** The blob routes' audit entries for one blob: who was refused what, and why. */
  const refusals = async (sha: string) =>
    (await auditEntries(s.db))
      .filter((e) => e.action.startsWith('blob.') && e.target === `blobs/${sha}`)
      .map((e) => ({ action: e.action, outcome: e.outcome, actor: e.actor, actorId: e.actor_id, ip: e.ip, detail: e.detail }));
  const refusal = (who: 'tech' | 'tech2', action: string, detail: Record<string, unknown>) => ({
    action,
    outcome: 'refused',
    actor: session[who]!.user.username,
    actorId: org.id[who],
    ip: expect.any(String),
    detail,
  });

  beforeAll(async () => {
    s = await startTestServer('pglite', { blobs: { store, maxBytes: LIMIT } });
    await writeOrg(s.db, org);
    for (const key of ['tech', 'tech2', 'admin'] as const) {
      const person = org.people.find((p) => p.id === org.id[key])!;
      session[key] = await s.userSession(person.username, person.roles, { id: person.id, teamId: person.teamId });
    }
    await push('tech', 'tickets', t1);
    await push('tech2', 'tickets', t2);
  });
  afterAll(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a photo in two requests, resuming where the first ended, and never stores it twice', async () => {
    const photo = aJpeg(100_000, 11);
    const sha = sha256(photo);
    expect((await blobStatus(s.url, token('tech'), sha, t1.id)).body).toEqual({ offset: 0, complete: false });
    const first = await upload('tech', photo, { body: photo.subarray(0, 40_000) });
    expect(first.body).toEqual({ offset: 40_000, complete: false });
    // A resume from elsewhere is told where the server stands.
    const wrong = await upload('tech', photo, { offset: 10 });
    expect(wrong.status).toBe(409);
    expect(wrong.headers.get('upload-offset')).toBe('40000');
    expect((await blobStatus(s.url, token('tech'), sha, t1.id)).body).toEqual({ offset: 40_000, complete: false });
    expect((await upload('tech', photo, { offset: 40_000 })).body).toEqual({ offset: photo.length, complete: true });
    expect(await storedKeys(store, sha)).toEqual([`blobs/${sha}`]);

    const putsBefore = store.puts.length;
    expect((await upload('tech', photo)).body).toEqual({ offset: photo.length, complete: true });
    expect(store.puts.length).toBe(putsBefore);
    // Status, parts, a resume from the wrong offset, a repeat: none of it is a refusal.
    expect(await refusals(sha)).toEqual([]);
  });

  it('lets readers of a ticket whose attachment names the hash download it, and nobody else', async () => {
    const photo = aJpeg(5000, 12);
    const sha = sha256(photo);
    expect((await upload('tech', photo)).status).toBe(200);
    // Uploaded, but no event names it yet: nobody can fetch it by hash alone.
    expect((await getBlob(s.url, token('tech2'), sha)).status).toBe(404);
    await push('tech', 'ticketEvents', anEvent('attachment', { ticketId: t1.id, authorId: org.id.tech, fileName: 'pump.jpg', mimeType: 'image/jpeg', sizeBytes: photo.length, sha256: sha }));
    const mine = await getBlob(s.url, token('tech'), sha);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('image/jpeg');
    expect(sha256(mine.bytes!)).toBe(sha);
    expect((await getBlob(s.url, token('admin'), sha)).status).toBe(200);
    const other = await getBlob(s.url, token('tech2'), sha);
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    // The refusal of a ticket's attachment is audited with the tickets naming the hash; the
    // one before any event named it (sync lag, answered alike), the upload and the downloads
    // that went through are not.
    expect(await refusals(sha)).toEqual([refusal('tech2', 'blob.download', { reason: 'unreadable', sha256: sha, ticketIds: [t1.id], roundIds: [] })]);
  });

  it('refuses a blob for a ticket the user may not see, and one for a ticket the server lacks', async () => {
    const photo = aJpeg(3000, 13);
    const refused = await upload('tech', photo, { ticketId: t2.id });
    expect(refused.status).toBe(403);
    expect((await blobStatus(s.url, token('tech'), sha256(photo), t2.id)).status).toBe(403);
    expect((await upload('tech', photo, { ticketId: 'not-synced-yet' })).status).toBe(404);
    expect(await storedKeys(store, sha256(photo))).toEqual([]);
    const sha = sha256(photo);
    expect(await refusals(sha)).toEqual([
      refusal('tech', 'blob.upload', { reason: 'unreadable', sha256: sha, ticketId: t2.id }),
      refusal('tech', 'blob.status', { reason: 'unreadable', sha256: sha, ticketId: t2.id }),
    ]);
  });

  it('refuses content whose hash is not its name, and keeps nothing of it', async () => {
    const photo = aJpeg(3000, 14);
    const claimed = sha256(aJpeg(3000, 15));
    const r = await upload('tech', photo, { sha: claimed });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ error: { code: 'BLOB_HASH_MISMATCH' } });
    expect(await storedKeys(store, claimed)).toEqual([]);
    // The name it claimed and whose it was; nothing of the content.
    expect(await refusals(claimed)).toEqual([
      refusal('tech', 'blob.upload', { reason: 'hash_mismatch', sha256: claimed, ticketId: t1.id }),
    ]);
  });

  it('refuses a file over the limit (a 200 MB one by its declared length, unread) and keeps nothing', async () => {
    const big = aJpeg(LIMIT + 1, 16);
    const r = await upload('tech', big);
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ error: { code: 'BLOB_TOO_LARGE' } });
    const huge = await patchBlob(s.url, token('tech'), { sha: sha256(big), ticketId: t1.id, type: 'image/jpeg', offset: 0, length: 200 * 1024 * 1024, body: big.subarray(0, 1024) });
    expect(huge.status).toBe(413);
    expect(await storedKeys(store, sha256(big))).toEqual([]);
  });

  it('refuses a file that claims to be a JPEG but is not, or a type the server does not take', async () => {
    const fake = notAnImage(4000);
    const r = await upload('tech', fake);
    expect(r.status).toBe(415);
    expect(r.body).toMatchObject({ error: { code: 'BLOB_TYPE_REFUSED' } });
    expect((await upload('tech', aPng(2000), { type: 'image/jpeg' })).status).toBe(415);
    expect((await upload('tech', aJpeg(2000, 17), { type: 'text/html' })).status).toBe(415);
    expect(await storedKeys(store, sha256(fake))).toEqual([]);
  });

  it('refuses callers without a session and names that are not hashes', async () => {
    const photo = aJpeg(1000, 18);
    expect((await patchBlob(s.url, 'not-a-token', { sha: sha256(photo), ticketId: t1.id, type: 'image/jpeg', offset: 0, length: photo.length, body: photo })).status).toBe(401);
    expect((await getBlob(s.url, token('tech'), 'ABC')).status).toBe(400);
  });
});
