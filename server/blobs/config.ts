/**
 * Which blob store the server uses, from the environment (server/README.md, "Attachments"):
 * the folder `<CIMS_DATA_DIR>/blobs` unless CIMS_BLOB_STORE=s3 names an object store.
 * Read apart from the main configuration because only the blob routes need it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { MAX_BLOB_BYTES } from '../../shared/domain/attachments';
import { ConfigError } from '../config';
import { folderBlobStore } from './folder';
import { s3BlobStore } from './s3';
import type { BlobStore } from './store';

/** Parts of an upload untouched this long are dropped (a device offline for days resumes within it). */
export const ABANDONED_UPLOAD_HOURS = 24 * 7;

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const blobEnv = z
  .object({
    CIMS_BLOB_STORE: z.enum(['folder', 's3']).default('folder'),
    CIMS_BLOB_DIR: z.string().min(1).optional(),
    CIMS_BLOB_MAX_BYTES: z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(1024).max(MAX_BLOB_BYTES))
      .optional(),
    CIMS_BLOB_ABANDONED_HOURS: z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(1).max(24 * 365))
      .default(ABANDONED_UPLOAD_HOURS),
    CIMS_S3_BUCKET: z.string().min(3).max(63).optional(),
    CIMS_S3_ENDPOINT: z.url().optional(),
    CIMS_S3_REGION: z.string().min(1).default('us-east-1'),
    CIMS_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    CIMS_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    CIMS_S3_FORCE_PATH_STYLE: flag.default(true),
    CIMS_S3_PREFIX: z
      .string()
      .regex(/^([A-Za-z0-9._-]+\/)*$/, 'must be empty or end with /')
      .default(''),
  })
  .refine((e) => e.CIMS_BLOB_STORE !== 's3' || e.CIMS_S3_BUCKET, { path: ['CIMS_S3_BUCKET'], message: 'is required when CIMS_BLOB_STORE=s3' });

export interface BlobConfig {
  store: BlobStore;
  /** Largest blob accepted (never above MAX_BLOB_BYTES, which the devices apply too). */
  maxBytes: number;
  /** Age after which an upload's parts, none newer, are dropped by the maintenance run. */
  abandonedAfterMs?: number;
}

/**
 * The blob store for a server whose data directory is `dataDir`. An empty `dataDir` (test
 * servers) gets a fresh temporary folder, never the working directory.
 */
export const blobConfigFrom = (env: Record<string, string | undefined>, dataDir: string): BlobConfig => {
  const parsed = blobEnv.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? 'blobs'), message: i.message })));
  const e = parsed.data;
  const maxBytes = e.CIMS_BLOB_MAX_BYTES ?? MAX_BLOB_BYTES;
  const abandonedAfterMs = e.CIMS_BLOB_ABANDONED_HOURS * 3600_000;
  if (e.CIMS_BLOB_STORE === 's3') {
    const store = s3BlobStore({
      bucket: e.CIMS_S3_BUCKET!,
      ...(e.CIMS_S3_ENDPOINT ? { endpoint: e.CIMS_S3_ENDPOINT } : {}),
      region: e.CIMS_S3_REGION,
      ...(e.CIMS_S3_ACCESS_KEY_ID ? { accessKeyId: e.CIMS_S3_ACCESS_KEY_ID } : {}),
      ...(e.CIMS_S3_SECRET_ACCESS_KEY ? { secretAccessKey: e.CIMS_S3_SECRET_ACCESS_KEY } : {}),
      forcePathStyle: e.CIMS_S3_FORCE_PATH_STYLE,
      prefix: e.CIMS_S3_PREFIX,
    });
    return { store, maxBytes, abandonedAfterMs };
  }
  const dir = e.CIMS_BLOB_DIR ?? (dataDir ? join(dataDir, 'blobs') : mkdtempSync(join(tmpdir(), 'cims-blobs-')));
  return { store: folderBlobStore(dir), maxBytes, abandonedAfterMs };
};
