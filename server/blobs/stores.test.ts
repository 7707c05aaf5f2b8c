import { mkdtempSync, rmSync } from 'node:fs';
import { utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anEvent, aTicket } from '../../shared/domain/testing/builders';
import { aJpeg } from '../../shared/domain/testing/blobs';
import type { WireDocument } from '../../shared/sync/protocol';
import { bearer, call, startTestServer, type TestServer } from '../testing/harness';
import { blobConfigFrom } from './config';
import { folderBlobStore } from './folder';
import { s3BlobStore } from './s3';
import type { BlobStore } from './store';
import { blobStatus, getBlob, patchBlob, sha256 } from './testing';
import { pruneBlobsOnce } from '../maintenance';
import { finishUpload, keepPart, pruneAbandonedUploads, uploadStatus } from './uploads';

// An S3 emulator from npm, started here: the S3 driver talks real S3 HTTP to it.
const dirs: string[] = [];
const tempDir = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), name));
  dirs.push(d);
  return d;
};
let s3: S3rver;
let endpoint = '';
const BUCKET = 'cims-blobs';

beforeAll(async () => {
  s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: tempDir('cims-s3rver-'), configureBuckets: [{ name: BUCKET }] });
  const { port } = await s3.run();
  endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await s3.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const s3Store = (prefix = 'cims/') =>
  s3BlobStore({ bucket: BUCKET, endpoint, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true, prefix });

describe.each([
  ['folder', () => folderBlobStore(tempDir('cims-folder-store-'))],
  ['s3', () => s3Store(`t${Date.now()}/`)],
] as const)('blob store contract: %s', (_kind, make) => {
  let store: BlobStore;
  beforeAll(() => {
    store = make();
  });
  afterAll(async () => store.close?.());

  it('puts, reads, sizes, lists and deletes by key', async () => {
    const a = aJpeg(3000, 1);
    expect(await store.get('blobs/00aa')).toBeNull();
    expect(await store.size('blobs/00aa')).toBeNull();
    await store.put('blobs/00aa', a);
    expect(await store.get('blobs/00aa')).toEqual(a);
    expect(await store.size('blobs/00aa')).toBe(3000);
    await store.put('incoming/00aa/000000000000', a.subarray(0, 10));
    await store.put('incoming/00aa/000000000010', a.subarray(10, 30));
    expect((await store.list('incoming/00aa/')).map(({ key, size }) => ({ key, size })).sort((x, y) => x.key.localeCompare(y.key))).toEqual([
      { key: 'incoming/00aa/000000000000', size: 10 },
      { key: 'incoming/00aa/000000000010', size: 20 },
    ]);
    // Listing is at any depth, each key with when it was written.
    expect((await store.list('incoming/')).map((k) => k.key).sort()).toEqual(['incoming/00aa/000000000000', 'incoming/00aa/000000000010']);
    expect((await store.list('incoming/'))[0]!.modifiedAt).toBeGreaterThan(Date.parse('2020-01-01'));
    expect(await store.list('incoming/00bb/')).toEqual([]);
    await store.delete('incoming/00aa/000000000000');
    await store.delete('incoming/00aa/000000000000');
    expect((await store.list('incoming/00aa/')).map((k) => k.key)).toEqual(['incoming/00aa/000000000010']);
  });

  it('refuses keys that are not the server own', async () => {
    await expect(store.put('../etc/passwd', new Uint8Array([1]))).rejects.toThrow(/bad blob store key/);
    await expect(store.get('blobs/Not-Hex')).rejects.toThrow(/bad blob store key/);
  });

  it('resumes an upload from its parts and publishes it only after the hash matched', async () => {
    const photo = aJpeg(50_000, 2);
    const sha = sha256(photo);
    await keepPart(store, sha, 0, photo.subarray(0, 20_000));
    expect(await uploadStatus(store, sha)).toEqual({ offset: 20_000, complete: false });
    await keepPart(store, sha, 20_000, photo.subarray(20_000));
    expect(await finishUpload(store, sha, photo.length, 'image/jpeg', 1_000_000)).toEqual({ ok: true });
    expect(await uploadStatus(store, sha)).toEqual({ offset: photo.length, complete: true });
    expect(await store.list(`incoming/${sha}/`)).toEqual([]);

    const other = aJpeg(1000, 3);
    await keepPart(store, sha256(aJpeg(1000, 4)), 0, other);
    expect(await finishUpload(store, sha256(aJpeg(1000, 4)), 1000, 'image/jpeg', 1_000_000)).toEqual({ ok: false, problem: 'BLOB_HASH_MISMATCH' });
    expect(await store.list(`incoming/${sha256(aJpeg(1000, 4))}/`)).toEqual([]);
  });

  it('drops the parts of uploads untouched past the age, never a finished blob', async () => {
    for (const left of await store.list('incoming/')) await store.delete(left.key);
    const photo = aJpeg(4000, 6);
    const sha = sha256(photo);
    await keepPart(store, sha, 0, photo.subarray(0, 1000));
    await store.put('blobs/00cc', photo);
    const HOUR = 3600_000;
    // Within the age nothing goes; past it (seen from a later clock) the upload goes whole.
    expect(await pruneAbandonedUploads(store, HOUR)).toEqual({ uploads: 0, parts: 0 });
    expect(await uploadStatus(store, sha)).toEqual({ offset: 1000, complete: false });
    expect(await pruneAbandonedUploads(store, HOUR, Date.now() + 2 * HOUR)).toEqual({ uploads: 1, parts: 1 });
    expect(await uploadStatus(store, sha)).toEqual({ offset: 0, complete: false });
    expect(await store.list('incoming/')).toEqual([]);
    expect(await store.size('blobs/00cc')).toBe(photo.length);
  });
});

describe('abandoned uploads in the folder store', () => {
  it('drops an upload whose newest part is past the age and keeps one still moving, by the files’ times', async () => {
    const root = tempDir('cims-folder-prune-');
    const store = folderBlobStore(root);
    const DAY = 24 * 3600_000;
    const old = aJpeg(3000, 7);
    const moving = aJpeg(3000, 8);
    const [oldSha, movingSha] = [sha256(old), sha256(moving)];
    await keepPart(store, oldSha, 0, old.subarray(0, 1000));
    await keepPart(store, oldSha, 1000, old.subarray(1000, 2000));
    await keepPart(store, movingSha, 0, moving.subarray(0, 1000));
    await keepPart(store, movingSha, 1000, moving.subarray(1000, 2000));
    const partFile = (sha: string, offset: number) => join(root, 'incoming', sha, String(offset).padStart(12, '0'));
    const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
    // The abandoned upload was last touched 9 days ago; the moving one started 9 days ago but got a part today.
    await utimes(partFile(oldSha, 0), daysAgo(10), daysAgo(10));
    await utimes(partFile(oldSha, 1000), daysAgo(9), daysAgo(9));
    await utimes(partFile(movingSha, 0), daysAgo(9), daysAgo(9));
    // An unfinished write (a temporary file) is not a part.
    await writeFile(join(root, 'incoming', oldSha, 'x.tmp'), 'partial');

    const config = blobConfigFrom({ CIMS_BLOB_DIR: root, CIMS_BLOB_ABANDONED_HOURS: String(7 * 24) }, '');
    expect(config.abandonedAfterMs).toBe(7 * DAY);
    expect(await pruneBlobsOnce(config)).toEqual({ uploads: 1, parts: 2 });
    expect(await uploadStatus(store, oldSha)).toEqual({ offset: 0, complete: false });
    expect(await uploadStatus(store, movingSha)).toEqual({ offset: 2000, complete: false });
    // The device that comes back sends the rest, and the upload finishes.
    await keepPart(store, movingSha, 2000, moving.subarray(2000));
    expect(await finishUpload(store, movingSha, moving.length, 'image/jpeg', 1_000_000)).toEqual({ ok: true });
  });

  it('reads the age from the environment, a week by default, and refuses a bad one', () => {
    expect(blobConfigFrom({ CIMS_BLOB_DIR: tempDir('cims-folder-age-') }, '').abandonedAfterMs).toBe(7 * 24 * 3600_000);
    expect(() => blobConfigFrom({ CIMS_BLOB_ABANDONED_HOURS: '0' }, '/tmp')).toThrow(/CIMS_BLOB_ABANDONED_HOURS/);
    expect(() => blobConfigFrom({ CIMS_BLOB_ABANDONED_HOURS: 'soon' }, '/tmp')).toThrow(/CIMS_BLOB_ABANDONED_HOURS/);
  });
});

describe('the server on an S3 store chosen by the environment', () => {
  let s: TestServer;
  beforeAll(async () => {
    const blobs = blobConfigFrom(
      { CIMS_BLOB_STORE: 's3', CIMS_S3_BUCKET: BUCKET, CIMS_S3_ENDPOINT: endpoint, CIMS_S3_ACCESS_KEY_ID: 'S3RVER', CIMS_S3_SECRET_ACCESS_KEY: 'S3RVER', CIMS_S3_PREFIX: 'server/' },
      '',
    );
    expect(blobs.store.kind).toBe('s3');
    s = await startTestServer('pglite', { blobs });
  });
  afterAll(async () => s.close());

  it('takes an upload in two requests and serves it back from the object store', async () => {
    const admin = await s.userSession('root', ['admin']);
    const ticket = aTicket();
    const pushed = await call(s.url, 'POST', '/sync/tickets/push', { pushId: 'push-s3-ticket', rows: [{ newDocumentState: { ...ticket, _deleted: false } as WireDocument }] }, bearer(admin));
    expect(pushed.status).toBe(200);
    const photo = aJpeg(70_000, 5);
    const sha = sha256(photo);
    const o = { sha, ticketId: ticket.id, type: 'image/jpeg', length: photo.length };
    expect((await patchBlob(s.url, admin.accessToken, { ...o, offset: 0, body: photo.subarray(0, 30_000) })).body).toEqual({ offset: 30_000, complete: false });
    expect((await blobStatus(s.url, admin.accessToken, sha, ticket.id)).body).toEqual({ offset: 30_000, complete: false });
    expect((await patchBlob(s.url, admin.accessToken, { ...o, offset: 30_000, body: photo.subarray(30_000) })).body).toEqual({ offset: photo.length, complete: true });
    const event = anEvent('attachment', { ticketId: ticket.id, authorId: admin.user!.id, fileName: 'a.jpg', mimeType: 'image/jpeg', sizeBytes: photo.length, sha256: sha });
    const eventPush = await call(s.url, 'POST', '/sync/ticketEvents/push', { pushId: 'push-s3-event', rows: [{ newDocumentState: { ...event, _deleted: false } as WireDocument }] }, bearer(admin));
    expect(eventPush.body).toMatchObject({ conflicts: [] });
    const got = await getBlob(s.url, admin.accessToken, sha);
    expect(got.status).toBe(200);
    expect(sha256(got.bytes!)).toBe(sha);
  });

  it('says what is missing from an S3 configuration', () => {
    expect(() => blobConfigFrom({ CIMS_BLOB_STORE: 's3' }, '/tmp')).toThrow(/CIMS_S3_BUCKET/);
  });
});
