/**
 * A maintenance round's photos and signature on a real SQLite store, a real server (real
 * PostgreSQL) over real HTTP: taken offline, queued across a restart, uploaded for the round
 * after reconnecting, fetched by the manager's device; served only to the round's readers and
 * answered as "no such blob" to anyone else; a round done before (bytes in the old local
 * folder) still reads and is uploaded once; a fault ticket raised from a reading gets the
 * reading's photos on its timeline.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readingInput } from '../../shared/api/maintenance';
import { newId } from '../../shared/domain/testing/builders';
import { aJpeg, aPdf, aPng, notAnImage } from '../../shared/domain/testing/blobs';
import { aMaintenanceReading } from '../../shared/domain/testing/maintenance';
import type { TicketEvent } from '../../shared/schema';
import type { MaintenanceReadingRecord, MaintenanceRoundRecord } from '../../shared/schema/records';
import { blobOwnerRef } from '../../shared/sync/blobs';
import { auditEntries } from '../../server/audit';
import { findUserByName } from '../../server/auth/users';
import { cimsRegistry } from '../../server/access/cims';
import { assertMayDownload } from '../../server/blobs/access';
import { folderBlobStore } from '../../server/blobs/folder';
import { blobStatus, getBlob, patchBlob, sha256 } from '../../server/blobs/testing';
import { writeServerDocs } from '../../server/sync/engine';
import { writeOrg } from '../../server/testing/cims-org';
import { startTestServer, type TestServer } from '../../server/testing/harness';
import { HttpError } from '../../server/http/errors';
import { DomainError } from '../../electron/core/errors';
import { createCustomerService } from '../../electron/services/customers/customers';
import { queueFolderBlobs } from '../../electron/services/maintenance/blobs';
import {
  createMaintenanceCommands,
  type MaintenanceCommands,
} from '../../electron/services/maintenance/commands';
import { attachToTicketVia } from '../../electron/services/maintenance/handlers';
import { createMaintenanceStore, type MaintenanceStore } from '../../electron/services/maintenance/store';
import { createTicketService } from '../../electron/services/tickets/tickets';
import type { Device } from './round-device';
import {
  PASSWORD,
  org,
  person,
  sessionUser,
  viewerOf,
  dataUrl,
  b64,
  asset,
  template,
  plan,
  round,
  openAttachmentsOf,
  openDevice,
  closeAttachments,
  closeDevice,
  signedIn,
} from './round-device';

describe('a maintenance round’s blobs: queued offline, uploaded for the round, fetched by its readers', () => {
  const serverDir = { path: '' };
  let server: TestServer;
  let tech: Device;
  let techOpen = true;
  let manager: Device | null = null;
  const tokens: Record<string, string> = {};
  const photo = aJpeg(60_000, 31);
  const signature = aPng(4_000, 32);
  const report = aPdf(9_000, 36);
  const shared = aJpeg(8_000, 37);
  let photoSha = '';
  let signatureSha = '';
  let commands: MaintenanceCommands;
  let store: MaintenanceStore;
  let faultTicketId = '';

  beforeAll(async () => {
    serverDir.path = await mkdtemp(join(tmpdir(), 'cims-round-blobs-server-'));
    server = await startTestServer('pg', {
      blobs: { store: folderBlobStore(serverDir.path), maxBytes: 1024 * 1024 },
    });
    await writeOrg(server.db, org);
    // The round the server generated from the plan, as every device pulls it.
    await server.db.transaction((tx) =>
      writeServerDocs(
        tx,
        cimsRegistry().get('records')!,
        [template, plan, round].map((doc) => ({ doc })),
      ),
    );
    for (const key of ['tech', 'M', 'tech2'] as const) {
      const p = person(key);
      tokens[key] = (
        await server.userSession(p.username, p.roles, { id: p.id, teamId: p.teamId, password: PASSWORD })
      ).accessToken;
    }
    tech = await openDevice(person('tech'));
    const settings = tech.settings;
    const tickets = createTicketService(tech.db, settings, createCustomerService(tech.db, settings), () =>
      sessionUser(person('tech')),
    );
    store = createMaintenanceStore(tech.db);
    commands = createMaintenanceCommands({
      db: tech.db,
      store,
      viewer: async () => viewerOf(person('tech')),
      blobs: tech.blobs,
      createTicket: (input) => tickets.create(input as Parameters<typeof tickets.create>[0]),
      attachToTicket: attachToTicketVia(tech.attachments),
      // The shell's printer (Electron's printToPDF) does not run here: a PDF of the right kind stands in.
      printToPdf: async () => report,
      deviceId: () => 'TEST',
    });
  });
  afterAll(async () => {
    if (techOpen) await closeDevice(tech);
    if (manager) await closeDevice(manager);
    await server.close();
    await rm(serverDir.path, { recursive: true, force: true });
  });

  it('offline: the reading’s photo, the customer’s signature and the round report are kept and queued for the round', async () => {
    await commands.openRound({ roundId: round.id });
    photoSha = (
      await commands.addPhoto({ roundId: round.id, mimeType: 'image/jpeg', dataBase64: b64(photo) })
    ).sha256;
    expect(photoSha).toBe(sha256(photo));
    const reading = await commands.recordReading(
      readingInput.parse({
        roundId: round.id,
        assetId: asset.id,
        itemKey: 'rx',
        value: '-31',
        photos: [photoSha],
      }),
    );
    expect(reading.outOfRange).toBe(true);
    const fault = await commands.raiseFault({ readingId: reading.readingId, locale: 'en' });
    faultTicketId = fault.ticketId;
    const done = await commands.signOff({
      roundId: round.id,
      signerName: 'Customer Wu',
      signaturePng: dataUrl(signature),
    });
    expect(done.status).toBe('done');
    signatureSha = ((await tech.db.records.findOne(round.id).exec())!.toJSON() as MaintenanceRoundRecord).body
      .signatureSha256;
    expect(signatureSha).toBe(sha256(signature));

    const pdf = await commands.makeReport({ roundId: round.id, locale: 'en' });
    expect(pdf.sizeBytes).toBe(report.length);

    const queued = Object.fromEntries(tech.local.uploads());
    expect(queued[photoSha]).toMatchObject({
      roundId: round.id,
      ticketId: '',
      type: 'image/jpeg',
      state: 'waiting',
    });
    expect(queued[signatureSha]).toMatchObject({
      roundId: round.id,
      ticketId: '',
      type: 'image/png',
      state: 'waiting',
    });
    expect(queued[sha256(report)]).toMatchObject({
      roundId: round.id,
      ticketId: '',
      type: 'application/pdf',
      state: 'waiting',
    });
    // Nothing in the old folder: the bytes went to the attachment store.
    expect(await tech.folder.get(photoSha)).toBeNull();
    expect(await tech.blobs.get(photoSha)).toEqual(photo);
    // Offline, a kick changes nothing.
    tech.uploader.kick();
    await tech.uploader.idle();
    expect(tech.attachments.usage().waitingUploads).toBe(3);
  });

  it('the fault ticket raised from the reading has the reading’s photo on its timeline', async () => {
    const events = (await tech.db.ticketEvents.find({ selector: { ticketId: faultTicketId } }).exec()).map(
      (d) => d.toJSON() as TicketEvent,
    );
    const attachments = events.filter((e) => e.kind === 'attachment');
    expect(attachments).toHaveLength(1);
    expect(attachments[0]).toMatchObject({
      sha256: photoSha,
      mimeType: 'image/jpeg',
      sizeBytes: photo.length,
      authorId: org.id.tech,
    });
    // Stored once; its upload still goes for the round (the ticket's readers reach it by the event).
    expect(tech.local.upload(photoSha)?.roundId).toBe(round.id);
  });

  it('refuses a bad photo or an unknown round, storing nothing; a blob queued for a ticket is queued again for a round that uses it', async () => {
    const before = tech.attachments.usage();
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'accepted',
        (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
      );
    expect(
      await code(
        tech.attachments.addForRound({ roundId: newId(), bytes: aJpeg(3_000, 38), mimeType: 'image/jpeg' }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      await code(
        tech.attachments.addForRound({ roundId: round.id, bytes: notAnImage(3_000), mimeType: 'image/jpeg' }),
      ),
    ).toBe('ATTACHMENT_TYPE_REFUSED');
    expect(tech.attachments.usage()).toEqual(before);

    await tech.attachments.add({
      ticketId: faultTicketId,
      fileName: 'cabinet.jpg',
      mimeType: 'image/jpeg',
      dataBase64: b64(shared),
      withEvent: true,
    });
    expect(tech.local.upload(sha256(shared))).toMatchObject({ ticketId: faultTicketId, state: 'waiting' });
    await tech.blobs.put(shared, 'image/jpeg', round.id);
    expect(tech.local.upload(sha256(shared))).toMatchObject({
      ticketId: '',
      roundId: round.id,
      state: 'waiting',
    });
  });

  it('the queue survives a restart, and everything goes up once online', async () => {
    await closeAttachments(tech);
    await openAttachmentsOf(tech, person('tech'));
    const all = [photoSha, signatureSha, sha256(report), sha256(shared)].sort();
    expect(
      tech.local
        .uploads()
        .filter(([, e]) => e.state === 'waiting')
        .map(([sha]) => sha)
        .sort(),
    ).toEqual(all);

    tech.client = await signedIn(server, person('tech'));
    tech.uploader.kick();
    await tech.uploader.idle();
    expect(tech.local.upload(photoSha)?.state).toBe('uploaded');
    expect(tech.local.upload(signatureSha)?.state).toBe('uploaded');
    expect(tech.attachments.usage().waitingUploads).toBe(0);
    const links = await server.db.query<{ sha256: string; owner_id: string }>(
      `select sha256, owner_id from blob_owners where owner_kind = 'round' order by sha256`,
    );
    expect(links.rows).toEqual(all.map((sha) => ({ sha256: sha, owner_id: round.id })));
    // The report, named by no document, is served to the round's readers by its link.
    expect((await getBlob(server.url, tokens.M!, sha256(report))).bytes).toEqual(report);
  });

  it('a round done before still reads its photo from the old folder, and the photo is uploaded once', async () => {
    const old = aJpeg(20_000, 33);
    const oldSha = sha256(old);
    const orphan = aJpeg(5_000, 34);
    await mkdir(join(tech.dir, 'maintenance-blobs'), { recursive: true });
    await writeFile(join(tech.dir, 'maintenance-blobs', oldSha), old);
    await writeFile(join(tech.dir, 'maintenance-blobs', sha256(orphan)), orphan);
    await tech.db.records.insert(
      aMaintenanceReading({
        ref: round.id,
        ref2: asset.id,
        body: { photos: [oldSha], teamId: org.id.T1, by: org.id.tech },
      }),
    );
    expect(await tech.blobs.get(oldSha)).toEqual(old);

    expect(await queueFolderBlobs(join(tech.dir, 'maintenance-blobs'), tech.attachments, store)).toEqual({
      queued: 1,
      already: 0,
      unnamed: 1,
      failed: 0,
    });
    await tech.uploader.idle();
    expect(tech.local.upload(oldSha)).toMatchObject({ roundId: round.id, state: 'uploaded' });
    expect((await getBlob(server.url, tokens.M!, oldSha)).bytes).toEqual(old);
    // The next start reads nothing again; the orphan stays in the folder, untouched.
    expect(await queueFolderBlobs(join(tech.dir, 'maintenance-blobs'), tech.attachments, store)).toEqual({
      queued: 0,
      already: 1,
      unnamed: 1,
      failed: 0,
    });
    expect(await tech.folder.get(sha256(orphan))).toEqual(orphan);
  });

  it('the manager’s device that synced the round fetches the photo and the signature', async () => {
    // What the sync brings: the signed round and its readings.
    const signed = (await tech.db.records.findOne(round.id).exec())!.toJSON() as MaintenanceRoundRecord;
    const readings = (await tech.db.records.find({ selector: { kind: 'maintenanceReading' } }).exec()).map(
      (d) => d.toJSON() as MaintenanceReadingRecord,
    );
    // The free RxDB build opens 13 collections per process: one desktop at a time.
    await closeDevice(tech);
    techOpen = false;
    manager = await openDevice(person('M'));
    await manager.db.records.upsert(signed);
    await manager.db.records.bulkInsert(readings);
    expect(await manager.blobs.get(photoSha)).toBeNull();
    manager.client = await signedIn(server, person('M'));
    expect(await manager.blobs.get(photoSha)).toEqual(photo);
    expect(await manager.blobs.get(signatureSha)).toEqual(signature);
    // Kept on the device: offline it still shows.
    manager.client = null;
    expect(await manager.blobs.get(signatureSha)).toEqual(signature);
  });

  it('serves a round’s blob only to the round’s readers; anyone else gets the answer of a blob that does not exist', async () => {
    /** The blob routes' audit entries since `from`: who was refused what, and why. */
    const blobAudit = async (from = 0) =>
      (await auditEntries(server.db))
        .filter((e) => e.action.startsWith('blob.') && Number(e.id) > from)
        .map((e) => ({
          action: e.action,
          outcome: e.outcome,
          actor: e.actor,
          target: e.target,
          detail: e.detail,
        }));
    const auditedRefusal = (
      who: 'tech' | 'M' | 'tech2',
      action: string,
      sha: string,
      owners: Record<string, unknown>,
    ) => ({
      action,
      outcome: 'refused',
      actor: person(who).username,
      target: `blobs/${sha}`,
      detail: { reason: 'unreadable', sha256: sha, ...owners },
    });
    // Everything so far was allowed: sent, asked for, fetched by the round's readers.
    expect(await blobAudit()).toEqual([]);
    const start = Math.max(0, ...(await auditEntries(server.db)).map((e) => Number(e.id)));

    const unknown = await getBlob(server.url, tokens.M!, sha256(aJpeg(100, 99)));
    expect(unknown.status).toBe(404);
    // Rounds are read by their team, region managers and assignee (server/access/records/maintenance.ts):
    // a technician of another team gets the answer of a blob that does not exist.
    const otherTeam = await getBlob(server.url, tokens.tech2!, photoSha);
    expect([otherTeam.status, otherTeam.body]).toEqual([404, unknown.body]);
    // A read rule that refuses: the same 404 as for a blob that does not exist, nothing more.
    const tech2 = (await findUserByName(server.db, person('tech2').username))!;
    const refusalOf = (sha: string) =>
      assertMayDownload(server.db, tech2, sha, () => false).then(
        () => null,
        (e: unknown) => e as HttpError,
      );
    const refused = await refusalOf(photoSha);
    const missing = await refusalOf(sha256(aJpeg(100, 99)));
    expect(refused).toBeInstanceOf(HttpError);
    expect([refused!.status, refused!.code, refused!.message, refused!.field]).toEqual([
      missing!.status,
      missing!.code,
      missing!.message,
      missing!.field,
    ]);
    expect([refused!.status, refused!.code]).toEqual([404, 'NOT_FOUND']);
    // Sending for a round the caller may not read is refused outright.
    const notTheirs = await blobStatus(
      server.url,
      tokens.tech2!,
      photoSha,
      blobOwnerRef({ roundId: round.id }),
    );
    expect(notTheirs.status).toBe(403);

    // Sending for a round the server does not have is "not yet" (the device retries).
    const stray = await blobStatus(server.url, tokens.tech!, photoSha, blobOwnerRef({ roundId: newId() }));
    expect(stray.status).toBe(404);
    // A round nobody reads any more (deleted): its blobs are as if they never were.
    await server.db.transaction((tx) =>
      writeServerDocs(tx, cimsRegistry().get('records')!, [{ doc: round, deleted: true }]),
    );
    const gone = await getBlob(server.url, tokens.M!, signatureSha);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual(unknown.body);
    // And nothing can be sent for it.
    const late = await patchBlob(server.url, tokens.tech!, {
      sha: sha256(aPng(500, 35)),
      ticketId: blobOwnerRef({ roundId: round.id }),
      type: 'image/png',
      offset: 0,
      length: 500,
      body: aPng(500, 35),
    });
    expect(late.status).toBe(404);

    // Each refusal of a round the caller may not read is audited, with the owner asked for or
    // the rounds naming the hash; the caller's answers above did not show it. A blob nothing
    // names (never sent, or its round deleted) and a round not on the server (or deleted) are sync lag,
    // answered alike and not audited.
    expect(await blobAudit(start)).toEqual([
      auditedRefusal('tech2', 'blob.download', photoSha, { ticketIds: [], roundIds: [round.id] }),
      auditedRefusal('tech2', 'blob.status', photoSha, { roundId: round.id }),
    ]);
  });
});
