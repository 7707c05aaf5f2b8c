/**
 * npm run bench:attachments: the upload of a 2 MB photo end to end, from the device's queue
 * to a published blob on the server (status request, 1 MiB chunks, hash and type check,
 * publish), over loopback HTTP to an in-process server on PGlite with the folder store; and
 * the download of the same blob (a device opening a photo made elsewhere). Prints the figures
 * and writes bench/results/attachments.json. Not in npm test.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalBlobStore, sha256Of } from '../electron/services/attachments/local-store';
import { createUploader } from '../electron/services/attachments/uploader';
import { createSyncHttpClient } from '../electron/sync/http';
import { createMemoryTokenStore } from '../electron/sync/tokens';
import { folderBlobStore } from '../server/blobs/folder';
import { startTestServer } from '../server/testing/harness';
import { anEvent, aTicket } from '../shared/domain/testing/builders';
import { aJpeg } from '../shared/domain/testing/blobs';
import type { WireDocument } from '../shared/sync/protocol';
import { percentile, round } from './lib/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const PHOTO_BYTES = 2 * 1024 * 1024;

const main = async () => {
  const serverDir = mkdtempSync(join(tmpdir(), 'cims-bench-blobs-server-'));
  const deviceDir = mkdtempSync(join(tmpdir(), 'cims-bench-blobs-device-'));
  const server = await startTestServer('pglite', { blobs: { store: folderBlobStore(serverDir), maxBytes: 25 * 1024 * 1024 } });
  try {
    const { user } = await server.userSession('bench', ['admin'], { password: 'bench password 1' });
    const client = createSyncHttpClient({ serverUrl: server.url, tokenStore: createMemoryTokenStore(), timeoutMs: 30_000 });
    await client.login('bench', 'bench password 1');
    const ticket = aTicket();
    await client.push('tickets', [{ newDocumentState: { ...ticket, _deleted: false } as WireDocument }]);
    const local = await openLocalBlobStore(deviceDir);
    const uploader = createUploader({ store: local, client: () => client });
    const uploads: number[] = [];
    const downloads: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const photo = aJpeg(PHOTO_BYTES, 1000 + run);
      const sha = sha256Of(photo);
      const now = new Date().toISOString();
      const started = performance.now();
      await local.put(sha, photo, { size: photo.length, type: 'image/jpeg', source: 'added', at: now });
      await local.setUpload(sha, { ticketId: ticket.id, type: 'image/jpeg', size: photo.length, queuedAt: now, state: 'waiting', error: null, attempts: 0 });
      uploader.kick();
      await uploader.idle();
      uploads.push(performance.now() - started);
      if (local.upload(sha)?.state !== 'uploaded') throw new Error(`run ${run}: not uploaded`);
      // A download needs an event naming the blob (as on a real timeline).
      const event = anEvent('attachment', { ticketId: ticket.id, authorId: user.id, fileName: 'p.jpg', mimeType: 'image/jpeg', sizeBytes: photo.length, sha256: sha });
      await client.push('ticketEvents', [{ newDocumentState: { ...event, _deleted: false } as WireDocument }]);
      const fetchStart = performance.now();
      const back = await client.blobGet(sha);
      downloads.push(performance.now() - fetchStart);
      if (sha256Of(back) !== sha) throw new Error(`run ${run}: downloaded other content`);
    }
    await uploader.close();
    await local.close();
    const result = {
      photoBytes: PHOTO_BYTES,
      runs: RUNS,
      uploadP50Ms: round(percentile(uploads, 50)),
      uploadP95Ms: round(percentile(uploads, 95)),
      uploadMBps: round(PHOTO_BYTES / 1024 / 1024 / (percentile(uploads, 50) / 1000)),
      downloadP50Ms: round(percentile(downloads, 50)),
      downloadP95Ms: round(percentile(downloads, 95)),
    };
    console.log(result);
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/attachments.json', `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await server.close();
    rmSync(serverDir, { recursive: true, force: true });
    rmSync(deviceDir, { recursive: true, force: true });
  }
};

void main();
