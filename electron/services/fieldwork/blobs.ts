/**
 * Where field work keeps bytes (the signature image, the service report PDF): content
 * addressed by SHA-256, so a timeline event names its file by hash. Maintenance rounds use the
 * same interface for their photos, signature and report (maintenance/blobs.ts). This interface is all the
 * fieldwork service needs; the attachments service (content-addressed store with upload to the
 * server) provides the same two calls, and replaces the local folder store in core.ts.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AttachmentService } from '../attachments/service';
import type { BlobType } from '../../../shared/domain/attachments';

export interface StoredBlob {
  sha256: string;
  sizeBytes: number;
}

export interface BlobStore {
  /**
   * Stores the bytes (once per content) for their owner, whose readers may fetch them, and
   * returns their hash. The owner is a ticket for field work, a maintenance round for the
   * maintenance store (electron/services/maintenance/blobs.ts).
   */
  put(bytes: Uint8Array, mimeType: BlobType, ownerId: string): Promise<StoredBlob>;
  /** The bytes of a stored hash, or null when this device does not have them (yet). */
  get(sha256: string): Promise<Uint8Array | null>;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** A folder of files named by their SHA-256; a write goes through a temporary name, so a crash leaves no half file. */
export const createFolderBlobStore = (directory: string): BlobStore => ({
  async put(bytes) {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await mkdir(directory, { recursive: true });
    const target = join(directory, sha256);
    const temporary = `${target}.${process.pid}.${Date.now()}.part`;
    await writeFile(temporary, bytes);
    await rename(temporary, target);
    return { sha256, sizeBytes: bytes.byteLength };
  },
  async get(sha256) {
    if (!HEX64.test(sha256)) return null;
    try {
      return new Uint8Array(await readFile(join(directory, sha256)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  },
});

/**
 * The attachments service as field work's store: bytes kept content-addressed on the device
 * and queued for upload to the server (no event of its own: field work writes the signature
 * and report events). A blob this device does not have is fetched from the server when online.
 */
export const attachmentBlobStore = (attachments: AttachmentService): BlobStore => ({
  async put(bytes, mimeType, ticketId) {
    const fileName = mimeType === 'application/pdf' ? 'service-report.pdf' : 'signature.png';
    const added = await attachments.add({ ticketId, fileName, mimeType, dataBase64: Buffer.from(bytes).toString('base64'), withEvent: false });
    return { sha256: added.sha256, sizeBytes: added.sizeBytes };
  },
  async get(sha256) {
    try {
      return new Uint8Array(Buffer.from((await attachments.open({ sha256 })).dataBase64, 'base64'));
    } catch {
      return null;
    }
  },
});
