/**
 * Where the server keeps attachment bytes: one small interface, a folder under the data
 * directory by default (folder.ts) and any S3-compatible object store when configured
 * (s3.ts). Keys are short slash-separated paths of lower-case hex and digits
 * (`blobs/<sha256>`, `incoming/<sha256>/<offset>`), so a driver never sees user text.
 */
export interface BlobStore {
  readonly kind: 'folder' | 's3';
  /** Stores the bytes under the key, replacing what was there; visible whole or not at all. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when the key is absent. */
  get(key: string): Promise<Uint8Array | null>;
  /** The size in bytes, or null when the key is absent. */
  size(key: string): Promise<number | null>;
  /** Every key under the prefix (which ends with `/`), at any depth, any order; `modifiedAt` in ms. */
  list(prefix: string): Promise<{ key: string; size: number; modifiedAt: number }[]>;
  /** Removes the key; absent keys are fine. */
  delete(key: string): Promise<void>;
  close?(): Promise<void>;
}

const KEY = /^[a-z]+(\/[0-9a-f]+)*\/?$/;

/** Keys are built by the server from checked hashes and numbers; anything else is a bug. */
export const assertKey = (key: string): string => {
  if (!KEY.test(key) || key.includes('..')) throw new Error(`bad blob store key: ${key}`);
  return key;
};
