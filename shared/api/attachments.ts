/**
 * Attachments: photos and files on a ticket's timeline (and, built on `attachments.add`,
 * signatures and service reports). The bytes stay on the device in a content-addressed store
 * and go to the server through the blob endpoint (shared/sync/blobs.ts), resumably and once;
 * the timeline event (`attachment`, in ticketEvents) syncs like any other document.
 *
 * `attachments.add` {ticketId, fileName, mimeType, dataBase64, thumbnailBase64?, caption?}
 *   Stores the bytes (the content must be the declared type, at most MAX_BLOB_BYTES, within
 *   the device's quota), writes the `attachment` event and queues the upload. Photos should
 *   be downscaled by the caller first (the renderer does: long edge PHOTO_LONG_EDGE, JPEG).
 *   Errors: ATTACHMENT_TOO_LARGE, ATTACHMENT_TYPE_REFUSED, ATTACHMENT_QUOTA_FULL, NOT_FOUND
 *   (ticket not visible here), VALIDATION_FAILED.
 *   `withEvent: false` stores and queues the bytes without an event: for a feature that writes
 *   its own event naming the hash (a `signature`, a service report), which must name this
 *   ticket, since the server lets only readers of a ticket whose event names the hash fetch it.
 * `attachments.open` {sha256} -> the bytes; fetched from the server when not on this device,
 *   then kept for offline use. ATTACHMENT_UNAVAILABLE when neither has it now.
 * `attachments.thumbnail` {sha256, thumbnailBase64} keeps a thumbnail for a blob made on
 *   another device (the renderer makes it after opening).
 * Live: `attachments.item` {sha256} (on this device? thumbnail, upload state) and
 * `attachments.usage` (bytes used of the quota, uploads waiting).
 */
import { z } from 'zod';
import { BLOB_TYPES, MAX_BLOB_BYTES, MAX_THUMBNAIL_BYTES, type BlobType } from '../domain/attachments';
import type { ApiErrorCode } from './result';
import { command, liveQuery, slice } from './define';

/** Base64 of `bytes` bytes is at most this long. */
const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;
const base64 = (maxBytes: number, tooLarge: string) =>
  z
    .string()
    .max(base64Length(maxBytes), tooLarge)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'validation.base64Invalid');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'validation.sha256Invalid');

export const addAttachmentInput = z
  .object({
    ticketId: z.string().trim().min(1).max(64),
    fileName: z.string().trim().min(1, 'validation.fileNameRequired').max(255, 'validation.fileNameTooLong'),
    mimeType: z.enum(BLOB_TYPES, 'validation.fileTypeRefused'),
    dataBase64: base64(MAX_BLOB_BYTES, 'validation.fileTooLarge').min(1, 'validation.fileEmpty'),
    thumbnailBase64: base64(MAX_THUMBNAIL_BYTES, 'validation.thumbnailTooLarge').optional(),
    caption: z.string().trim().max(500, 'validation.captionTooLong').optional(),
    withEvent: z.boolean().default(true),
  })
  .strict();
export type AddAttachmentInput = z.input<typeof addAttachmentInput>;

export interface AddedAttachment {
  sha256: string;
  sizeBytes: number;
  /** The `attachment` event written (null with `withEvent: false`). */
  eventId: string | null;
  /** The same content was already on this device: no second copy was stored. */
  alreadyStored: boolean;
}

export interface OpenedAttachment {
  sha256: string;
  mimeType: BlobType;
  sizeBytes: number;
  dataBase64: string;
}

export type UploadState = 'waiting' | 'uploaded' | 'refused' | 'none';

export interface AttachmentItem {
  sha256: string;
  /** The bytes are on this device (opening works offline). */
  local: boolean;
  /** A `data:image/jpeg;base64,...` URL, or null when none was made here. */
  thumbnail: string | null;
  /** This device's upload of it: waiting (queued), uploaded, refused by the server, none. */
  upload: UploadState;
  uploadError: ApiErrorCode | null;
}

export interface AttachmentUsage {
  usedBytes: number;
  quotaBytes: number;
  waitingUploads: number;
}

export const attachmentsApi = slice({
  commands: {
    'attachments.add': command<AddedAttachment>()(addAttachmentInput),
    'attachments.open': command<OpenedAttachment>()(z.object({ sha256 }).strict()),
    'attachments.thumbnail': command<null>()(z.object({ sha256, thumbnailBase64: base64(MAX_THUMBNAIL_BYTES, 'validation.thumbnailTooLarge').min(1) }).strict()),
  },
  liveQueries: {
    'attachments.item': liveQuery<AttachmentItem>()(z.object({ sha256 }).strict()),
    'attachments.usage': liveQuery<AttachmentUsage>()(z.object({}).strict()),
  },
});
