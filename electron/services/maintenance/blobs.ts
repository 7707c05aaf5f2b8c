/**
 * Where maintenance keeps a round's bytes (reading photos, the customer's signature, the round
 * report PDF): the attachments service, for the round, so they are queued on this device and
 * uploaded when online, and another device that syncs the round fetches them from the server.
 *
 * Rounds done before kept their bytes only in a local folder (`<dataDir>/maintenance-blobs`).
 * That folder is still read first, and `queueFolderBlobs` hands each of its files that a round
 * or reading here names to the attachments service, queued for that round. The folder is left
 * as it is: nothing is deleted.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sniffBlobType } from '../../../shared/domain/attachments';
import type { AttachmentService } from '../attachments/service';
import type { BlobStore } from '../fieldwork/blobs';
import type { MaintenanceStore } from './store';

const HEX64 = /^[0-9a-f]{64}$/;

/** The round's blobs through the attachments service; `folder` is the old local folder store. */
export const roundBlobStore = (attachments: AttachmentService, folder: BlobStore): BlobStore => ({
  async put(bytes, mimeType, roundId) {
    const added = await attachments.addForRound({ roundId, bytes, mimeType });
    return { sha256: added.sha256, sizeBytes: added.sizeBytes };
  },
  async get(sha256) {
    // A round done before this store existed has its bytes there only.
    const old = await folder.get(sha256);
    if (old) return old;
    try {
      return new Uint8Array(Buffer.from((await attachments.open({ sha256 })).dataBase64, 'base64'));
    } catch {
      return null;
    }
  },
});

export interface FolderQueueOutcome {
  /** Files handed to the attachments service (queued for their round) by this call. */
  queued: number;
  /** Files already queued for their round before. */
  already: number;
  /** Files no round or reading here names (a report PDF, a photo never saved): left in the folder. */
  unnamed: number;
  /** Files the attachments service refused (type, size, quota): left in the folder. */
  failed: number;
}

/**
 * Queues the old folder's files for upload, each for the round that names it (its signature,
 * or a photo of one of its readings). Safe to run at every start: a file already queued for
 * its round is not read again.
 */
export const queueFolderBlobs = async (
  directory: string,
  attachments: AttachmentService,
  store: MaintenanceStore,
): Promise<FolderQueueOutcome> => {
  const outcome: FolderQueueOutcome = { queued: 0, already: 0, unnamed: 0, failed: 0 };
  let names: string[];
  try {
    names = (await readdir(directory)).filter((n) => HEX64.test(n));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return outcome;
    throw error;
  }
  if (names.length === 0) return outcome;
  const roundOf = new Map<string, string>();
  for (const r of await store.rounds()) if (r.body.signatureSha256) roundOf.set(r.body.signatureSha256, r.id);
  for (const reading of await store.readings())
    for (const sha of reading.body.photos) if (!roundOf.has(sha)) roundOf.set(sha, reading.ref);
  for (const sha of names) {
    const roundId = roundOf.get(sha);
    if (!roundId) {
      outcome.unnamed += 1;
      continue;
    }
    if (attachments.queuedFor(sha)?.roundId === roundId) {
      outcome.already += 1;
      continue;
    }
    const bytes = new Uint8Array(await readFile(join(directory, sha)));
    const type = sniffBlobType(bytes);
    try {
      if (!type) throw new Error('not a known type');
      await attachments.addForRound({ roundId, bytes, mimeType: type });
      outcome.queued += 1;
    } catch {
      outcome.failed += 1;
    }
  }
  return outcome;
};
