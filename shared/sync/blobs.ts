/**
 * The blob protocol (attachments outside the document sync), shared by the server and the
 * device. Blobs are content-addressed by their SHA-256. An upload is resumable, tus-style:
 *
 *   GET   /blobs/:sha256/status?ticketId=T     -> { offset, complete }  (bytes the server holds)
 *   PATCH /blobs/:sha256?ticketId=T&type=M     Upload-Offset: n, Upload-Length: total,
 *         content-type: application/offset+octet-stream, body = bytes n.. -> { offset, complete }
 *   GET   /blobs/:sha256                       -> the bytes (only for readers of a ticket whose
 *                                                 attachment or signature event names the hash,
 *                                                 or of a maintenance round the blob was sent for)
 *
 * The `ticketId` parameter names the blob's owner, whose readers may fetch it: a ticket's id,
 * or `round:<roundId>` for a maintenance round's photo, signature or report (see `BlobOwner`).
 * The parameter kept its name and its limits, so this is no protocol change for devices and
 * servers of earlier releases: an earlier server answers 404 to a round reference (no such
 * ticket), which a device treats as "not synced yet" and tries again after the server's update.
 *
 * Bytes a cut connection delivered are kept, so the next PATCH starts where they end; a blob
 * becomes visible only after its whole content hashed to its name and passed the type check.
 * A blob the server has is never sent again: the status says `complete`.
 */
import { z } from 'zod';

export const UPLOAD_OFFSET_HEADER = 'upload-offset';
export const UPLOAD_LENGTH_HEADER = 'upload-length';
export const BLOB_UPLOAD_CONTENT_TYPE = 'application/offset+octet-stream';

/** Whose blob it is: its readers may fetch it. */
export type BlobOwner = { ticketId: string } | { roundId: string };

const ROUND_OWNER = 'round:';

/** The owner as the `ticketId` parameter carries it. */
export const blobOwnerRef = (owner: BlobOwner): string => ('roundId' in owner ? `${ROUND_OWNER}${owner.roundId}` : owner.ticketId);

/** The owner a `ticketId` parameter names (a ticket id never contains a colon: ids are UUIDs). */
export const blobOwnerOf = (ref: string): BlobOwner => (ref.startsWith(ROUND_OWNER) ? { roundId: ref.slice(ROUND_OWNER.length) } : { ticketId: ref });

export const blobStatusQuerySchema = z.object({ ticketId: z.string().min(1).max(64) }).strict();
export const blobUploadQuerySchema = z.object({ ticketId: z.string().min(1).max(64), type: z.string().min(1).max(100) }).strict();
export const blobStatusReplySchema = z.object({
  /** Bytes the server holds: the whole size once complete. */
  offset: z.number().int().nonnegative(),
  complete: z.boolean(),
});
export type BlobStatusReply = z.infer<typeof blobStatusReplySchema>;
