/**
 * Sends the device's waiting attachments to the server, one at a time, oldest first. Each
 * upload asks the server how much it holds first: a blob the server has is never sent again,
 * and one a cut connection left half-sent continues from the server's offset. Bytes go in
 * chunks, so a bad link loses at most one chunk and no request outlives the HTTP timeout.
 * The queue is the persisted index (local-store.ts): it survives restarts.
 *
 * Runs when kicked: after an attachment is added, when the sync comes online, at start, and
 * again after `retryMs` while something is left and the server could not be reached.
 */
import type { ApiErrorCode } from '../../../shared/api/result';
import { SyncHttpError, type SyncHttpClient } from '../../sync/http';
import { blobOwnerRef } from '../../../shared/sync/blobs';
import { uploadOwner, type LocalBlobStore, type UploadEntry } from './local-store';

export interface UploaderOptions {
  store: LocalBlobStore;
  client: () => SyncHttpClient | null;
  /** Bytes per PATCH request. */
  chunkBytes?: number;
  retryMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface Uploader {
  kick(): void;
  /** Resolves when the current run (if any) has ended; tests and shutdown wait on it. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Server refusals that no retry can change: the attachment is marked refused. */
const FINAL: Partial<Record<string, ApiErrorCode>> = {
  BLOB_TOO_LARGE: 'ATTACHMENT_TOO_LARGE',
  BLOB_TYPE_REFUSED: 'ATTACHMENT_TYPE_REFUSED',
  // The bytes here do not hash to their name: the local copy is damaged.
  BLOB_HASH_MISMATCH: 'STORAGE_FAILED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_REQUEST: 'INTERNAL',
};

export const createUploader = (options: UploaderOptions): Uploader => {
  const { store } = options;
  const chunkBytes = options.chunkBytes ?? 1024 * 1024;
  const retryMs = options.retryMs ?? 15_000;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const sendOne = async (client: SyncHttpClient, sha: string, entry: UploadEntry): Promise<void> => {
    // The owner travels in the `ticketId` parameter (a ticket id, or `round:<id>`).
    const owner = blobOwnerRef(uploadOwner(entry));
    let { offset, complete } = await client.blobStatus(sha, owner);
    if (complete) return;
    const bytes = await store.read(sha);
    if (!bytes) throw new SyncHttpError('NOT_FOUND', 'the local copy is gone', 0);
    while (!complete) {
      const part = bytes.subarray(offset, Math.min(bytes.length, offset + chunkBytes));
      try {
        ({ offset, complete } = await client.blobUpload(sha, { ticketId: owner, type: entry.type, offset, length: bytes.length, bytes: part }));
      } catch (error) {
        // Another device or an earlier cut request moved the server's offset: ask again.
        if (error instanceof SyncHttpError && error.code === 'BLOB_OFFSET_MISMATCH') ({ offset, complete } = await client.blobStatus(sha, owner));
        else throw error;
      }
    }
  };

  const runOnce = async (): Promise<void> => {
    const waiting = store
      .uploads()
      .filter(([, e]) => e.state === 'waiting')
      .sort((a, b) => a[1].queuedAt.localeCompare(b[1].queuedAt));
    let retryLater = false;
    for (const [sha, entry] of waiting) {
      if (closed) return;
      const client = options.client();
      if (!client) return;
      try {
        await sendOne(client, sha, entry);
        await store.setUpload(sha, { ...entry, state: 'uploaded', error: null, attempts: entry.attempts + 1 });
      } catch (error) {
        const code = error instanceof SyncHttpError ? error.code : 'INTERNAL';
        const final = error instanceof SyncHttpError && error.status !== 0 ? FINAL[code] : undefined;
        if (final) {
          options.log?.(`attachment ${sha} refused by the server (${code})`, error);
          await store.setUpload(sha, { ...entry, state: 'refused', error: final, attempts: entry.attempts + 1 });
          continue;
        }
        // Offline, timed out, server busy, the ticket or round not synced yet, signed out: later.
        await store.setUpload(sha, { ...entry, attempts: entry.attempts + 1 });
        retryLater = true;
        if (error instanceof SyncHttpError && error.isNetwork) break;
      }
    }
    if (retryLater && !closed) {
      clearTimeout(timer);
      timer = setTimeout(kick, retryMs);
      timer.unref?.();
    }
  };

  function kick(): void {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await runOnce().catch((error: unknown) => options.log?.('attachment uploads stopped', error));
      } while (again && !closed);
    })().finally(() => {
      running = null;
    });
  }

  return {
    kick,
    idle: async () => {
      while (running) await running;
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
};
