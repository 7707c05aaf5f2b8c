/**
 * The device's attachment bytes: a content-addressed folder beside the database
 * (`<dataDir>/attachments/<aa>/<sha256>`, thumbnails in `thumbs/`), and a small index file
 * (`attachments.json`) holding what is here, its size, and the persisted upload queue.
 *
 * Why not RxDB attachments (which our SQLite storage does implement): they belong to a
 * document of a collection whose schema declares them, and the `ticketEvents` schema does not
 * (released; not to be changed for this), while a new collection would cost one of the 13 the
 * free RxDB build allows. They are keyed by document, not content, so one photo on two tickets
 * is stored twice. And they would travel with the document through the replication, as base64
 * inside the push, where the blobs must go through their own resumable endpoint. A blob
 * fetched from the server is device-local by nature, not a replicated document.
 *
 * Files are written to a temporary name, flushed and renamed, so a crash never leaves half a
 * file under a hash; the index is written after the bytes, so it never names a missing file.
 *
 * Ownership: a blob is stored once whoever uses it; its queued upload names one owner, whose
 * readers may fetch it from the server (shared/sync/blobs.ts): a ticket (attachments, field
 * work's signature and service report) or a maintenance round (reading photos, the customer's
 * signature, the round report; `roundId` set). A ticket's readers reach a blob through the
 * timeline event that names it, whoever sent it; a round's only through the owner it was sent
 * for. So a reading photo attached to a fault ticket stays queued for its round, and a blob
 * queued for a ticket is queued again for a round that uses it (the server takes no bytes
 * twice: it only records the round).
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BehaviorSubject, type Observable } from 'rxjs';
import { z } from 'zod';
import { BLOB_TYPES } from '../../../shared/domain/attachments';
import type { BlobOwner } from '../../../shared/sync/blobs';
import { readJsonFile, writeJsonAtomic } from '../../core/json-file';

const blobEntry = z.object({
  size: z.number().int().nonnegative(),
  type: z.enum(BLOB_TYPES),
  /** Added here (queued for upload) or fetched from the server when opened. */
  source: z.enum(['added', 'fetched']),
  at: z.string(),
  thumbBytes: z.number().int().nonnegative().default(0),
});
export type BlobEntry = z.infer<typeof blobEntry>;

const uploadEntry = z.object({
  /** The ticket whose readers may fetch the blob; '' for a round's blob. */
  ticketId: z.string(),
  /** Set for a maintenance round's blob (reading photo, signature, round report): its owner. */
  roundId: z.string().optional(),
  type: z.enum(BLOB_TYPES),
  size: z.number().int().nonnegative(),
  queuedAt: z.string(),
  state: z.enum(['waiting', 'uploaded', 'refused']),
  /** The API error code a refusal maps to (shown beside the attachment). */
  error: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
});
export type UploadEntry = z.infer<typeof uploadEntry>;

/** Whose blob a queued upload is (shared/sync/blobs.ts): entries from before rounds had blobs name a ticket. */
export const uploadOwner = (entry: UploadEntry): BlobOwner => (entry.roundId ? { roundId: entry.roundId } : { ticketId: entry.ticketId });

const indexSchema = z.object({
  blobs: z.record(z.string(), blobEntry),
  uploads: z.record(z.string(), uploadEntry),
});
type Index = z.infer<typeof indexSchema>;

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export interface LocalBlobStore {
  readonly root: string;
  has(sha: string): boolean;
  entry(sha: string): BlobEntry | null;
  read(sha: string): Promise<Uint8Array | null>;
  readThumbnail(sha: string): Promise<Uint8Array | null>;
  /** Bytes used by blobs and thumbnails here. */
  usedBytes(): number;
  /** Stores the bytes under their hash (no-op when present) with the entry. */
  put(sha: string, bytes: Uint8Array, entry: Omit<BlobEntry, 'thumbBytes'>): Promise<void>;
  putThumbnail(sha: string, bytes: Uint8Array): Promise<void>;
  upload(sha: string): UploadEntry | null;
  uploads(): [string, UploadEntry][];
  setUpload(sha: string, entry: UploadEntry): Promise<void>;
  /** Fires after every change (the live queries recompute). */
  changes$: Observable<void>;
  close(): Promise<void>;
}

const writeDurably = async (file: string, bytes: Uint8Array) => {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
};

const readOrNull = async (file: string): Promise<Uint8Array | null> => {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
};

export const openLocalBlobStore = async (dataDir: string): Promise<LocalBlobStore> => {
  const root = join(dataDir, 'attachments');
  await mkdir(root, { recursive: true });
  const indexFile = join(dataDir, 'attachments.json');
  let index: Index = (await readJsonFile(indexFile, indexSchema, (): Index => ({ blobs: {}, uploads: {} }), 'attachment index')).value;
  const changes = new BehaviorSubject<void>(undefined);
  let queue = Promise.resolve();
  const save = (next: Index) => {
    index = next;
    const snapshot = next;
    queue = queue.then(() => writeJsonAtomic(indexFile, snapshot));
    changes.next();
    return queue;
  };
  const blobPath = (sha: string) => join(root, sha.slice(0, 2), sha);
  const thumbPath = (sha: string) => join(root, 'thumbs', `${sha}.jpg`);
  // Files whose index entry was lost stay on disk unnamed; entries whose file is gone are
  // dropped at open, so "on this device" never lies.
  for (const sha of Object.keys(index.blobs)) {
    if ((await readOrNull(blobPath(sha))) === null) delete index.blobs[sha];
  }

  return {
    root,
    has: (sha) => sha in index.blobs,
    entry: (sha) => index.blobs[sha] ?? null,
    read: (sha) => (sha in index.blobs ? readOrNull(blobPath(sha)) : Promise.resolve(null)),
    readThumbnail: (sha) => ((index.blobs[sha]?.thumbBytes ?? 0) > 0 ? readOrNull(thumbPath(sha)) : Promise.resolve(null)),
    usedBytes: () => Object.values(index.blobs).reduce((sum, b) => sum + b.size + b.thumbBytes, 0),
    async put(sha, bytes, entry) {
      if (sha in index.blobs) return;
      await writeDurably(blobPath(sha), bytes);
      await save({ ...index, blobs: { ...index.blobs, [sha]: { ...entry, thumbBytes: 0 } } });
    },
    async putThumbnail(sha, bytes) {
      const blob = index.blobs[sha];
      if (!blob) return;
      await writeDurably(thumbPath(sha), bytes);
      await save({ ...index, blobs: { ...index.blobs, [sha]: { ...blob, thumbBytes: bytes.length } } });
    },
    upload: (sha) => index.uploads[sha] ?? null,
    uploads: () => Object.entries(index.uploads),
    setUpload: (sha, entry) => save({ ...index, uploads: { ...index.uploads, [sha]: entry } }),
    changes$: changes.asObservable(),
    async close() {
      await queue;
      changes.complete();
    },
  };
};
