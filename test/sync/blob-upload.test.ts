/**
 * A photo upload cut at random byte offsets by the fault proxy resumes and arrives once: the
 * device's upload queue against the real server (PGlite) through the loopback fault proxy.
 * Each byte of the photo is stored on the server exactly once, and the published blob's
 * SHA-256 is its name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalBlobStore, sha256Of, type LocalBlobStore } from '../../electron/services/attachments/local-store';
import { createUploader } from '../../electron/services/attachments/uploader';
import { createSyncHttpClient, type SyncHttpClient } from '../../electron/sync/http';
import { createMemoryTokenStore } from '../../electron/sync/tokens';
import { folderBlobStore } from '../../server/blobs/folder';
import { countingStore, getBlob } from '../../server/blobs/testing';
import { startTestServer, type TestServer } from '../../server/testing/harness';
import { anEvent, aTicket } from '../../shared/domain/testing/builders';
import { aJpeg } from '../../shared/domain/testing/blobs';
import type { WireDocument } from '../../shared/sync/protocol';
import { startFaultProxy, type FaultProxy } from './proxy';

const PHOTO_BYTES = 2 * 1024 * 1024;
const CHUNK = 256 * 1024;

/** Deterministic "random" offsets: the run is the same every time, and still arbitrary. */
const offsets = (seed: number) => {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return 1 + (x % (CHUNK + 4096));
  };
};

describe('a photo upload cut by the fault proxy', () => {
  const serverDir = mkdtempSync(join(tmpdir(), 'cims-blob-fault-server-'));
  const deviceDir = mkdtempSync(join(tmpdir(), 'cims-blob-fault-device-'));
  const blobs = countingStore(folderBlobStore(serverDir));
  let server: TestServer;
  let proxy: FaultProxy;
  let client: SyncHttpClient;
  let local: LocalBlobStore;
  let token = '';
  const ticket = aTicket();

  beforeAll(async () => {
    server = await startTestServer('pglite', { blobs: { store: blobs, maxBytes: 25 * 1024 * 1024 } });
    const admin = await server.userSession('fieldtech', ['admin'], { password: 'a good password 1' });
    token = admin.accessToken;
    proxy = await startFaultProxy(server.url);
    client = createSyncHttpClient({ serverUrl: proxy.url, tokenStore: createMemoryTokenStore(), timeoutMs: 5000 });
    await client.login('fieldtech', 'a good password 1');
    await client.push('tickets', [{ newDocumentState: { ...ticket, _deleted: false } as WireDocument }]);
    local = await openLocalBlobStore(deviceDir);
  });
  afterAll(async () => {
    await local.close();
    await proxy.close();
    await server.close();
    rmSync(serverDir, { recursive: true, force: true });
    rmSync(deviceDir, { recursive: true, force: true });
  });

  it('resumes after every cut and the server holds each byte once, hash equal', async () => {
    const photo = aJpeg(PHOTO_BYTES, 42);
    const sha = sha256Of(photo);
    const now = new Date().toISOString();
    await local.put(sha, photo, { size: photo.length, type: 'image/jpeg', source: 'added', at: now });
    await local.setUpload(sha, { ticketId: ticket.id, type: 'image/jpeg', size: photo.length, queuedAt: now, state: 'waiting', error: null, attempts: 0 });
    const uploader = createUploader({ store: local, client: () => client, chunkBytes: CHUNK, retryMs: 60_000 });

    const next = offsets(7);
    let rounds = 0;
    while (local.upload(sha)?.state === 'waiting' && rounds < 60) {
      rounds++;
      // The first rounds each lose a connection somewhere in the next request(s).
      if (rounds <= 8) proxy.cutAfterBytes(next());
      else proxy.restore();
      uploader.kick();
      await uploader.idle();
    }
    await uploader.close();
    expect(local.upload(sha)?.state).toBe('uploaded');
    expect(rounds).toBeGreaterThan(1);

    // Arrived once: one published blob, whose content hashes to its name ...
    expect(blobs.puts.filter((k) => k === `blobs/${sha}`)).toHaveLength(1);
    const got = await getBlob(server.url, token, sha);
    // ... served to a reader once an event names it.
    expect(got.status).toBe(404);
    await client.push('ticketEvents', [
      { newDocumentState: { ...anEvent('attachment', { ticketId: ticket.id, authorId: (await client.currentUser())!.id, fileName: 'p.jpg', mimeType: 'image/jpeg', sizeBytes: photo.length, sha256: sha }), _deleted: false } as WireDocument },
    ]);
    const served = await getBlob(server.url, token, sha);
    expect(served.status).toBe(200);
    expect(sha256Of(served.bytes!)).toBe(sha);
    // ... and no byte was kept twice: the parts the server stored add up to the photo.
    const partKeys = blobs.puts.filter((k) => k.startsWith(`incoming/${sha}/`));
    const partOffsets = partKeys.map((k) => Number(k.split('/')[2]));
    expect(new Set(partOffsets).size).toBe(partOffsets.length);
    expect(await blobs.list(`incoming/${sha}/`)).toEqual([]);

    // Queued again (another ticket, a restart): the server has it, nothing is sent.
    const putsBefore = blobs.puts.length;
    await local.setUpload(sha, { ticketId: ticket.id, type: 'image/jpeg', size: photo.length, queuedAt: now, state: 'waiting', error: null, attempts: 0 });
    const again = createUploader({ store: local, client: () => client, chunkBytes: CHUNK });
    again.kick();
    await again.idle();
    await again.close();
    expect(local.upload(sha)?.state).toBe('uploaded');
    expect(blobs.puts.length).toBe(putsBefore);
  });
});
