/**
 * Turns a picked, dropped or pasted file into what `attachments.add` takes. Photos are
 * downscaled here, on the device, before anything is kept: long edge at most PHOTO_LONG_EDGE,
 * JPEG (a JPEG already small enough is kept byte for byte). A thumbnail is made for the
 * timeline. The type comes from the file's first bytes, never from its name.
 */
import type { ApiErrorCode } from '../../../../shared/api/result';
import {
  MAX_BLOB_BYTES,
  PHOTO_JPEG_QUALITY,
  PHOTO_LONG_EDGE,
  sniffBlobType,
  THUMBNAIL_EDGE,
  type BlobType,
} from '../../../../shared/domain/attachments';

/** A photo may be this large before downscaling (a camera's full-size JPEG, a big PNG). */
export const MAX_PHOTO_SOURCE_BYTES = 4 * MAX_BLOB_BYTES;

export interface PreparedFile {
  fileName: string;
  mimeType: BlobType;
  bytes: Blob;
  thumbnail: Blob | null;
}

export type Prepared = { ok: true; file: PreparedFile } | { ok: false; code: ApiErrorCode | 'TOO_LARGE_BEFORE' | 'UNREADABLE' };

const DOWNSCALED: readonly BlobType[] = ['image/jpeg', 'image/png', 'image/webp'];

const scaled = (width: number, height: number, edge: number) => {
  const factor = Math.min(1, edge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * factor)), height: Math.max(1, Math.round(height * factor)) };
};

const toJpeg = async (bitmap: ImageBitmap, edge: number, quality: number): Promise<Blob> => {
  const size = scaled(bitmap.width, bitmap.height, edge);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  // JPEG has no transparency: a PNG's transparent parts become white, not black.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, size.width, size.height);
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encoding failed'))), 'image/jpeg', quality));
};

const jpegName = (name: string) => `${name.replace(/\.[^./\\]{1,5}$/, '') || 'photo'}.jpg`;

export const prepareFile = async (file: File): Promise<Prepared> => {
  const type = sniffBlobType(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
  if (!type) return { ok: false, code: 'ATTACHMENT_TYPE_REFUSED' };
  const isPhoto = DOWNSCALED.includes(type);
  if (file.size > (isPhoto ? MAX_PHOTO_SOURCE_BYTES : MAX_BLOB_BYTES)) return { ok: false, code: 'TOO_LARGE_BEFORE' };
  const name = file.name || (type === 'application/pdf' ? 'document.pdf' : 'pasted-image');
  if (!type.startsWith('image/')) return { ok: true, file: { fileName: name, mimeType: type, bytes: file, thumbnail: null } };

  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { ok: false, code: 'UNREADABLE' };
  }
  try {
    const thumbnail = await toJpeg(bitmap, THUMBNAIL_EDGE, 0.8);
    if (!isPhoto) return { ok: true, file: { fileName: name, mimeType: type, bytes: file, thumbnail } };
    const small = type === 'image/jpeg' && Math.max(bitmap.width, bitmap.height) <= PHOTO_LONG_EDGE;
    const bytes = small ? file : await toJpeg(bitmap, PHOTO_LONG_EDGE, PHOTO_JPEG_QUALITY);
    if (bytes.size > MAX_BLOB_BYTES) return { ok: false, code: 'ATTACHMENT_TOO_LARGE' };
    return { ok: true, file: { fileName: small ? name : jpegName(name), mimeType: 'image/jpeg', bytes, thumbnail } };
  } finally {
    bitmap.close();
  }
};

/** Base64 of a blob's bytes (the contract's transport is JSON). */
export const base64Of = (blob: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });

export const blobFromBase64 = (base64: string, type: string): Blob => {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return new Blob([bytes], { type });
};

/** A thumbnail from an opened image (for blobs made on another device). */
export const thumbnailOf = async (blob: Blob): Promise<Blob | null> => {
  try {
    const bitmap = await createImageBitmap(blob);
    try {
      return await toJpeg(bitmap, THUMBNAIL_EDGE, 0.8);
    } finally {
      bitmap.close();
    }
  } catch {
    return null;
  }
};
