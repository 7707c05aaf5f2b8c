/**
 * Resumable, content-addressed uploads over any BlobStore. Each PATCH's bytes (also the
 * bytes of a request cut half way) are kept as a part `incoming/<sha>/<offset>`; the offset a
 * device resumes from is where the contiguous parts end. When the parts reach the declared
 * length, the whole is hashed and type-checked, and only then written to `blobs/<sha>`, the
 * key downloads read. Parts live in the store itself, so any server process behind a load
 * balancer can take the next PATCH of an upload another one started.
 */
import { createHash } from 'node:crypto';
import { blobProblem, type BlobCheckProblem } from '../../shared/domain/attachments';
import type { BlobStatusReply } from '../../shared/sync/blobs';
import type { BlobStore } from './store';

export const blobKey = (sha: string) => `blobs/${sha}`;
const INCOMING = 'incoming/';
const partsPrefix = (sha: string) => `${INCOMING}${sha}/`;
/** Zero-padded so a listing sorts parts by offset. */
const partKey = (sha: string, offset: number) => `${partsPrefix(sha)}${String(offset).padStart(12, '0')}`;

interface Part {
  offset: number;
  key: string;
  size: number;
}

const partsOf = async (store: BlobStore, sha: string): Promise<Part[]> =>
  (await store.list(partsPrefix(sha)))
    .map((p) => ({ key: p.key, size: p.size, offset: Number(p.key.slice(partsPrefix(sha).length)) }))
    .filter((p) => Number.isSafeInteger(p.offset) && p.size > 0)
    .sort((a, b) => a.offset - b.offset);

/** The parts that follow one another from 0, and where they end. */
const contiguous = (parts: Part[]): { chain: Part[]; end: number } => {
  const chain: Part[] = [];
  let end = 0;
  for (const p of parts) {
    if (p.offset > end) break;
    // A part that overlaps what is already covered (two devices sent the same range) is
    // skipped if it adds nothing; otherwise it cannot start before the end (we never write such).
    if (p.offset < end) continue;
    chain.push(p);
    end += p.size;
  }
  return { chain, end };
};

export const uploadStatus = async (store: BlobStore, sha: string): Promise<BlobStatusReply> => {
  const size = await store.size(blobKey(sha));
  if (size !== null) return { offset: size, complete: true };
  return { offset: contiguous(await partsOf(store, sha)).end, complete: false };
};

export type FinishOutcome = { ok: true } | { ok: false; problem: BlobCheckProblem | 'BLOB_HASH_MISMATCH' } | { ok: false; problem: 'INCOMPLETE'; offset: number };

/** Keeps bytes received at `offset` (a cut request's too: whatever arrived). */
export const keepPart = async (store: BlobStore, sha: string, offset: number, bytes: Uint8Array): Promise<void> => {
  if (bytes.length > 0) await store.put(partKey(sha, offset), bytes);
};

/**
 * Assembles the parts, checks length, hash and content type, and publishes the blob. A bad
 * upload is thrown away whole (the device must start again with content that matches).
 */
export const finishUpload = async (store: BlobStore, sha: string, length: number, declaredType: string, maxBytes: number): Promise<FinishOutcome> => {
  const parts = await partsOf(store, sha);
  const { chain, end } = contiguous(parts);
  const discard = async () => {
    for (const p of parts) await store.delete(p.key);
  };
  // A cut request's late part can replace a part at the same offset: the device resumes.
  if (end !== length) return { ok: false, problem: 'INCOMPLETE', offset: end };
  const whole = new Uint8Array(length);
  const hash = createHash('sha256');
  for (const p of chain) {
    const bytes = await store.get(p.key);
    if (!bytes || bytes.length !== p.size) throw new Error(`upload part vanished: ${p.key}`);
    whole.set(bytes, p.offset);
    hash.update(bytes);
  }
  if (hash.digest('hex') !== sha) {
    await discard();
    return { ok: false, problem: 'BLOB_HASH_MISMATCH' };
  }
  const problem = blobProblem(whole, declaredType, maxBytes);
  if (problem) {
    await discard();
    return { ok: false, problem };
  }
  await store.put(blobKey(sha), whole);
  await discard();
  return { ok: true };
};

/**
 * Drops the parts of uploads nobody went on with: an upload whose newest part is older than
 * `maxAgeMs` is deleted whole (a device that comes back later starts it again from 0). An
 * upload still moving keeps all its parts, however old its first one. Returns what went.
 */
export const pruneAbandonedUploads = async (
  store: BlobStore,
  maxAgeMs: number,
  now = Date.now(),
): Promise<{ uploads: number; parts: number }> => {
  const bySha = new Map<string, { key: string; modifiedAt: number }[]>();
  for (const p of await store.list(INCOMING)) {
    const sha = p.key.slice(INCOMING.length).split('/')[0] ?? '';
    bySha.set(sha, [...(bySha.get(sha) ?? []), p]);
  }
  let uploads = 0;
  let parts = 0;
  for (const group of bySha.values()) {
    if (Math.max(...group.map((p) => p.modifiedAt)) > now - maxAgeMs) continue;
    for (const p of group) await store.delete(p.key);
    uploads += 1;
    parts += group.length;
  }
  return { uploads, parts };
};
