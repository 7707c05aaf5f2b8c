/** Test helpers for the blob routes: raw requests with the protocol's headers. */
import { createHash } from 'node:crypto';
import { SYNC_PROTOCOL_VERSION, SYNC_VERSION_HEADER } from '../../shared/sync/protocol';
import { BLOB_UPLOAD_CONTENT_TYPE, UPLOAD_LENGTH_HEADER, UPLOAD_OFFSET_HEADER } from '../../shared/sync/blobs';
import type { BlobStore } from './store';

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export interface BlobCall {
  status: number;
  body: unknown;
  headers: Headers;
  bytes?: Uint8Array;
}

const common = (token: string) => ({ [SYNC_VERSION_HEADER]: String(SYNC_PROTOCOL_VERSION), authorization: `Bearer ${token}` });

export async function patchBlob(
  base: string,
  token: string,
  o: { sha: string; ticketId: string; type: string; offset: number; length: number; body: Uint8Array },
): Promise<BlobCall> {
  const res = await fetch(`${base}/blobs/${o.sha}?ticketId=${encodeURIComponent(o.ticketId)}&type=${encodeURIComponent(o.type)}`, {
    method: 'PATCH',
    headers: { ...common(token), 'content-type': BLOB_UPLOAD_CONTENT_TYPE, [UPLOAD_OFFSET_HEADER]: String(o.offset), [UPLOAD_LENGTH_HEADER]: String(o.length) },
    body: o.body,
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

export async function blobStatus(base: string, token: string, sha: string, ticketId: string): Promise<BlobCall> {
  const res = await fetch(`${base}/blobs/${sha}/status?ticketId=${encodeURIComponent(ticketId)}`, { headers: common(token) });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

export async function getBlob(base: string, token: string, sha: string): Promise<BlobCall> {
  const res = await fetch(`${base}/blobs/${sha}`, { headers: common(token) });
  if (!res.ok) return { status: res.status, body: await res.json(), headers: res.headers };
  return { status: res.status, body: null, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** A store that counts its writes, so a test can see that nothing was stored (twice). */
export const countingStore = (inner: BlobStore): BlobStore & { puts: string[] } => {
  const puts: string[] = [];
  return {
    ...inner,
    puts,
    put: async (key, bytes) => {
      puts.push(key);
      await inner.put(key, bytes);
    },
  };
};

/** Every key the store holds under blobs/ and incoming/ (what a refused upload must not leave). */
export const storedKeys = async (store: BlobStore, sha: string): Promise<string[]> => [
  ...(await store.list(`incoming/${sha}/`)).map((k) => k.key),
  ...((await store.size(`blobs/${sha}`)) !== null ? [`blobs/${sha}`] : []),
];
