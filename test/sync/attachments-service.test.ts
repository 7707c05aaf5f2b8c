/** Attachments in main (local store, service, upload queue) on a real SQLite store and a real server. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAttachmentInput } from '../../shared/api/attachments';
import { MAX_BLOB_BYTES } from '../../shared/domain/attachments';
import { anEvent, aPerson, aTeam, aTicket, ids, newId } from '../../shared/domain/testing/builders';
import { aJpeg, aPng, notAnImage } from '../../shared/domain/testing/blobs';
import type { TicketEvent } from '../../shared/schema';
import type { SessionUser, WireDocument } from '../../shared/sync/protocol';
import { startTestServer, type TestServer } from '../../server/testing/harness';
import { DomainError } from '../../electron/core/errors';
import { openSettings, type SettingsStore } from '../../electron/core/settings';
import { openDatabase, type CimsDatabase } from '../../electron/db/open';
import { createSyncHttpClient, type SyncHttpClient } from '../../electron/sync/http';
import { createMemoryTokenStore } from '../../electron/sync/tokens';
import { openLocalBlobStore, sha256Of, type LocalBlobStore } from '../../electron/services/attachments/local-store';
import { createAttachmentService, type AttachmentService } from '../../electron/services/attachments/service';
import { createUploader, type Uploader } from '../../electron/services/attachments/uploader';

const tech = aPerson({ id: ids.assignee, username: 'tech', displayName: 'Zhang San', roles: ['technician'] });
const outsider = aPerson({ id: newId(), username: 'out', displayName: 'Zhao Liu', roles: ['technician'], region: 'cn-south' });
const otherTeam = aTeam({ id: newId(), name: 'South field', region: 'cn-south' });
outsider.teamId = otherTeam.id;
const asUser = (p: typeof tech): SessionUser => ({ id: p.id, username: p.username, displayName: p.displayName, roles: p.roles, teamId: p.teamId });
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('attachments in main, on a real store', () => {
  let dir: string;
  let db: CimsDatabase;
  let settings: SettingsStore;
  let store: LocalBlobStore;
  let uploader: Uploader;
  let service: AttachmentService;
  let client: SyncHttpClient | null = null;
  const mine = aTicket({ assigneeId: tech.id });
  const elsewhere = aTicket({ teamId: otherTeam.id, assigneeId: outsider.id, region: 'cn-south' });

  const refused = async (p: Promise<unknown>, code: string) => {
    const error = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
  };
  const add = (bytes: Uint8Array, over: Record<string, unknown> = {}) =>
    service.add(addAttachmentInput.parse({ ticketId: mine.id, fileName: 'pump.jpg', mimeType: 'image/jpeg', dataBase64: b64(bytes), ...over }));
  const eventsOf = async (ticketId: string) => (await db.ticketEvents.find({ selector: { ticketId } }).exec()).map((d) => d.toJSON() as TicketEvent);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-attachments-'));
    db = await openDatabase({ directory: dir });
    settings = await openSettings(dir);
    await db.teams.bulkInsert([aTeam(), otherTeam]);
    await db.people.bulkInsert([tech, outsider]);
    await db.tickets.bulkInsert([mine, elsewhere]);
    store = await openLocalBlobStore(dir);
    uploader = createUploader({ store, client: () => client, retryMs: 60_000 });
    service = createAttachmentService({ db, settings, store, uploader, user: () => asUser(tech), client: () => client });
  });
  afterAll(async () => {
    await uploader.close();
    await store.close();
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores a photo once by its hash, writes the timeline event and queues the upload', async () => {
    const photo = aJpeg(40_000, 1);
    const thumb = aJpeg(2_000, 2);
    const added = await add(photo, { caption: 'burnt connector', thumbnailBase64: b64(thumb) });
    expect(added).toMatchObject({ sha256: sha256Of(photo), sizeBytes: 40_000, alreadyStored: false });
    const [event] = await eventsOf(mine.id);
    expect(event).toMatchObject({ id: added.eventId, kind: 'attachment', fileName: 'pump.jpg', mimeType: 'image/jpeg', sizeBytes: 40_000, sha256: added.sha256, caption: 'burnt connector', authorId: tech.id });
    expect(await service.item(added.sha256)).toEqual({ sha256: added.sha256, local: true, thumbnail: `data:image/jpeg;base64,${b64(thumb)}`, upload: 'waiting', uploadError: null });
    expect(service.usage()).toMatchObject({ usedBytes: 42_000, waitingUploads: 1 });

    // The same photo again (another caption): a second event, no second copy.
    const again = await add(photo, { fileName: 'again.jpg' });
    expect(again).toMatchObject({ sha256: added.sha256, alreadyStored: true });
    expect(await eventsOf(mine.id)).toHaveLength(2);
    expect(service.usage().usedBytes).toBe(42_000);

    // A feature with its own event (a signature) stores and queues without one.
    const signature = await add(aPng(3000, 3), { fileName: 'signature.png', mimeType: 'image/png', withEvent: false });
    expect(signature.eventId).toBeNull();
    expect(await eventsOf(mine.id)).toHaveLength(2);
    expect(store.upload(signature.sha256)?.state).toBe('waiting');
  });

  it('refuses an oversized file, one that claims to be a JPEG but is not, and a full quota, storing nothing', async () => {
    const before = { used: service.usage().usedBytes, events: (await eventsOf(mine.id)).length };
    await refused(add(aJpeg(MAX_BLOB_BYTES + 1, 4)), 'ATTACHMENT_TOO_LARGE');
    await refused(add(notAnImage(5000)), 'ATTACHMENT_TYPE_REFUSED');
    await refused(add(aPng(5000, 5)), 'ATTACHMENT_TYPE_REFUSED');
    await settings.update({ attachmentQuotaBytes: before.used + 10_000 });
    await refused(add(aJpeg(20_000, 6)), 'ATTACHMENT_QUOTA_FULL');
    await settings.update({ attachmentQuotaBytes: 2 * 1024 ** 3 });
    await refused(add(aJpeg(1000, 7), { ticketId: elsewhere.id }), 'NOT_FOUND');
    expect(service.usage().usedBytes).toBe(before.used);
    expect(await eventsOf(mine.id)).toHaveLength(before.events);
    // A 200 MB file never reaches the service: the contract's schema refuses the input.
    const huge = addAttachmentInput.safeParse({ ticketId: mine.id, fileName: 'x.jpg', mimeType: 'image/jpeg', dataBase64: 'A'.repeat(Math.ceil(MAX_BLOB_BYTES / 3) * 4 + 4) });
    expect(huge.success ? [] : huge.error.issues.map((i) => i.message)).toEqual(['validation.fileTooLarge']);
  });

  it('keeps the upload queue across a restart', async () => {
    const reopened = await openLocalBlobStore(dir);
    expect(reopened.uploads().filter(([, e]) => e.state === 'waiting')).toHaveLength(2);
    expect(reopened.usedBytes()).toBe(service.usage().usedBytes);
    await reopened.close();
  });

  describe('with a server', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer('pglite');
      await server.userSession('tech', ['admin'], { id: tech.id, password: 'a good password 1' });
      client = createSyncHttpClient({ serverUrl: server.url, tokenStore: createMemoryTokenStore(), timeoutMs: 5000 });
      await client.login('tech', 'a good password 1');
      await client.push('tickets', [{ newDocumentState: { ...mine, _deleted: false } as WireDocument }]);
    });
    afterAll(async () => {
      client = null;
      await server.close();
    });

    it('uploads what waits when kicked, each blob once', async () => {
      uploader.kick();
      await uploader.idle();
      expect(store.uploads().map(([, e]) => e.state)).toEqual(['uploaded', 'uploaded']);
      expect(service.usage().waitingUploads).toBe(0);
    });

    it('fetches a blob made on another device when opened, keeps it, and opens it offline after', async () => {
      const photo = aJpeg(30_000, 9);
      const sha = sha256Of(photo);
      await client!.blobUpload(sha, { ticketId: mine.id, type: 'image/jpeg', offset: 0, length: photo.length, bytes: photo });
      const event = anEvent('attachment', { ticketId: mine.id, authorId: tech.id, fileName: 'other.jpg', mimeType: 'image/jpeg', sizeBytes: photo.length, sha256: sha });
      await client!.push('ticketEvents', [{ newDocumentState: { ...event, _deleted: false } as WireDocument }]);
      await db.ticketEvents.insert(event);
      expect(await service.item(sha)).toMatchObject({ local: false, upload: 'none', thumbnail: null });

      const opened = await service.open({ sha256: sha });
      expect(opened).toMatchObject({ sha256: sha, mimeType: 'image/jpeg', sizeBytes: photo.length });
      expect(sha256Of(Buffer.from(opened.dataBase64, 'base64'))).toBe(sha);
      expect(await firstValueFrom(service.changes$)).toBeUndefined();
      expect((await service.item(sha)).local).toBe(true);

      const online = client;
      client = null;
      expect((await service.open({ sha256: sha })).sizeBytes).toBe(photo.length);
      client = online;

      // Its ticket moves out of sight: the event leaves the device, and the copy kept here is not shown.
      await (await db.ticketEvents.findOne(event.id).exec())!.remove();
      await refused(service.open({ sha256: sha }), 'NOT_FOUND');
      expect((await service.item(sha)).local).toBe(true);
    });

    it('says clearly when a blob is neither here nor reachable', async () => {
      const sha = sha256Of(aJpeg(1000, 10));
      await db.ticketEvents.insert(anEvent('attachment', { ticketId: mine.id, authorId: tech.id, fileName: 'lost.jpg', mimeType: 'image/jpeg', sizeBytes: 1000, sha256: sha }));
      await refused(service.open({ sha256: sha }), 'ATTACHMENT_UNAVAILABLE');
      const online = client;
      client = null;
      await refused(service.open({ sha256: sha }), 'ATTACHMENT_UNAVAILABLE');
      client = online;
      await refused(service.open({ sha256: 'f'.repeat(64) }), 'NOT_FOUND');
    });
  });
});
