/**
 * Attachments (photos, files, signatures, service reports): the limits and the content check
 * that the app, main and the server all apply, so a file the server would refuse is refused
 * on the device already, with the same reason.
 */

/** Largest blob the server takes (and the device stores for a ticket). */
export const MAX_BLOB_BYTES = 25 * 1024 * 1024;
/** Per-device space for attachment bytes (settings may lower or raise it). */
export const DEFAULT_DEVICE_QUOTA_BYTES = 2 * 1024 * 1024 * 1024;
/** Photos are downscaled on the device so their long edge is at most this, as JPEG. */
export const PHOTO_LONG_EDGE = 2048;
export const PHOTO_JPEG_QUALITY = 0.85;
/** Timeline thumbnails: long edge in px, and the largest thumbnail main keeps. */
export const THUMBNAIL_EDGE = 320;
export const MAX_THUMBNAIL_BYTES = 256 * 1024;

export const BLOB_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf'] as const;
export type BlobType = (typeof BLOB_TYPES)[number];
export const PHOTO_TYPES: readonly BlobType[] = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

export const isBlobType = (value: string): value is BlobType => (BLOB_TYPES as readonly string[]).includes(value);
export const isSha256 = (value: string): boolean => /^[0-9a-f]{64}$/.test(value);

const startsWith = (bytes: Uint8Array, at: number, signature: readonly number[]) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * The type the bytes really are, by their magic numbers, or null when they are none of the
 * accepted types. What a file claims (its name, its declared type) is never trusted: a
 * renamed executable must not reach other users' screens as a "photo".
 */
export const sniffBlobType = (bytes: Uint8Array): BlobType | null => {
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, 0, ascii('GIF87a')) || startsWith(bytes, 0, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, 0, ascii('RIFF')) && startsWith(bytes, 8, ascii('WEBP'))) return 'image/webp';
  if (startsWith(bytes, 0, ascii('%PDF-'))) return 'application/pdf';
  return null;
};

export type BlobCheckProblem = 'BLOB_EMPTY' | 'BLOB_TOO_LARGE' | 'BLOB_TYPE_REFUSED' | 'BLOB_TYPE_MISMATCH';

/**
 * Why the bytes may not be stored, or null. `declared` is the type the sender claims; it must
 * be what the bytes are (a PNG sent as a JPEG is refused, so the timeline never lies).
 */
export const blobProblem = (bytes: Uint8Array, declared: string, maxBytes = MAX_BLOB_BYTES): BlobCheckProblem | null => {
  if (bytes.length === 0) return 'BLOB_EMPTY';
  if (bytes.length > maxBytes) return 'BLOB_TOO_LARGE';
  const actual = sniffBlobType(bytes);
  if (!actual) return 'BLOB_TYPE_REFUSED';
  if (actual !== declared) return 'BLOB_TYPE_MISMATCH';
  return null;
};

/**
 * Why the app refused or could not do an attachment action (the API's error codes include
 * these; the UI translates each): the device's attachment space is full, the file is over
 * MAX_BLOB_BYTES, its content is not an accepted type or not the one it claims, or it is not
 * on this device and the server cannot give it now.
 */
export const attachmentErrorCodes = ['ATTACHMENT_QUOTA_FULL', 'ATTACHMENT_TOO_LARGE', 'ATTACHMENT_TYPE_REFUSED', 'ATTACHMENT_UNAVAILABLE'] as const;
export type AttachmentErrorCode = (typeof attachmentErrorCodes)[number];
