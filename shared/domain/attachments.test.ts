import { describe, expect, it } from 'vitest';
import { blobProblem, isBlobType, isSha256, MAX_BLOB_BYTES, sniffBlobType } from './attachments';
import { aJpeg, aPdf, aPng, notAnImage } from './testing/blobs';

describe('attachment content check', () => {
  it('knows each accepted type by its magic number, whatever the file claims', () => {
    expect(sniffBlobType(aJpeg())).toBe('image/jpeg');
    expect(sniffBlobType(aPng())).toBe('image/png');
    expect(sniffBlobType(aPdf())).toBe('application/pdf');
    const webp = new Uint8Array([...'RIFF'].map((c) => c.charCodeAt(0)).concat([0, 0, 0, 0], [...'WEBPVP8 '].map((c) => c.charCodeAt(0))));
    expect(sniffBlobType(webp)).toBe('image/webp');
    expect(sniffBlobType(new TextEncoder().encode('GIF89a....'))).toBe('image/gif');
    expect(sniffBlobType(notAnImage())).toBeNull();
    expect(sniffBlobType(new Uint8Array([0xff, 0xd8]))).toBeNull();
  });

  it('refuses empty, oversized, unknown and mislabelled content', () => {
    expect(blobProblem(aJpeg(), 'image/jpeg')).toBeNull();
    expect(blobProblem(new Uint8Array(), 'image/jpeg')).toBe('BLOB_EMPTY');
    expect(blobProblem(aJpeg(2000), 'image/jpeg', 1000)).toBe('BLOB_TOO_LARGE');
    expect(blobProblem(notAnImage(), 'image/jpeg')).toBe('BLOB_TYPE_REFUSED');
    expect(blobProblem(aPng(), 'image/jpeg')).toBe('BLOB_TYPE_MISMATCH');
    expect(MAX_BLOB_BYTES).toBe(25 * 1024 * 1024);
  });

  it('tells hashes and types apart from look-alikes', () => {
    expect(isSha256('a'.repeat(64))).toBe(true);
    expect(isSha256('A'.repeat(64))).toBe(false);
    expect(isSha256('a'.repeat(63))).toBe(false);
    expect(isBlobType('image/jpeg')).toBe(true);
    expect(isBlobType('image/svg+xml')).toBe(false);
  });
});
