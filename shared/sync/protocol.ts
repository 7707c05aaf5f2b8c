/**
 * The replication wire protocol between a desktop's main process and the central server.
 * Both sides import these types and schemas; the server decodes every body with them before
 * any service sees it. Bump SYNC_PROTOCOL_VERSION on any incompatible change: the server
 * refuses other versions with SYNC_VERSION_MISMATCH (HTTP 426) so an outdated client tells
 * its user to update instead of corrupting data (RELIABILITY S10).
 */
import { z } from 'zod';

// 2: ticket schema v1 (customerName, customerTier). Bumped with every schema version change
// of a replicated collection (shared/schema/README.md, "Schema versions and migrations").
export const SYNC_PROTOCOL_VERSION = 2;

/** Header carrying the client's protocol version on every /sync and /auth request. */
export const SYNC_VERSION_HEADER = 'x-cims-sync-version';

/** Largest JSON body the server accepts; clients size push batches to stay under it (S9). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
export const MAX_PULL_BATCH = 1000;
export const MAX_PUSH_ROWS = 500;

export const syncRoutes = {
  login: '/auth/login',
  refresh: '/auth/refresh',
  logout: '/auth/logout',
  me: '/auth/me',
  health: '/health',
  pull: (collection: string) => `/sync/${encodeURIComponent(collection)}/pull`,
  push: (collection: string) => `/sync/${encodeURIComponent(collection)}/push`,
  stream: (collection: string) => `/sync/${encodeURIComponent(collection)}/stream`,
} as const;

/**
 * Checkpoint: the server-assigned per-collection sequence of the last document the client
 * holds, plus its id as a tie breaker. Never a client clock (S5).
 */
export const checkpointSchema = z
  .object({
    seq: z.number().int().nonnegative(),
    id: z.string().max(128),
  })
  .strict();
export type Checkpoint = z.infer<typeof checkpointSchema>;

/** A replicated document as it travels: the collection's fields plus RxDB's `_deleted`. */
export const wireDocumentSchema = z.record(z.string(), z.unknown());
export type WireDocument = Record<string, unknown> & { id: string; _deleted: boolean };

export const pullRequestSchema = z
  .object({
    checkpoint: checkpointSchema.nullable(),
    batchSize: z.number().int().min(1).max(MAX_PULL_BATCH),
  })
  .strict();
export type PullRequest = z.infer<typeof pullRequestSchema>;

export interface PullResponse {
  documents: WireDocument[];
  /** null only when the collection is empty for this user and the request had none. */
  checkpoint: Checkpoint | null;
}

export const pushRowSchema = z
  .object({
    newDocumentState: wireDocumentSchema,
    assumedMasterState: wireDocumentSchema.optional(),
  })
  .strict();

export const pushRequestSchema = z
  .object({
    /** Client-generated id of this push; a replay of the same id is a no-op (S2). */
    pushId: z.string().min(8).max(64),
    rows: z.array(pushRowSchema).max(MAX_PUSH_ROWS),
  })
  .strict();
export type PushRequest = z.infer<typeof pushRequestSchema>;

export interface PushResponse {
  /** Master state of every row that conflicted or was refused (Z2). */
  conflicts: WireDocument[];
}

/** Server-Sent Events on /sync/:collection/stream: one JSON `data:` line per event. */
export type StreamEvent =
  | { kind: 'change'; documents: WireDocument[]; checkpoint: Checkpoint }
  | { kind: 'RESYNC' };

export const loginRequestSchema = z
  .object({
    username: z.string().min(1).max(128),
    password: z.string().min(1).max(1024),
    device: z.string().max(128).optional(),
  })
  .strict();
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const refreshRequestSchema = z.object({ refreshToken: z.string().min(16).max(512) }).strict();

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  teamId: string | null;
}

export interface LoginResponse {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  user: SessionUser;
}

/** Stable error codes of the HTTP API; clients branch on `code`, never on the message. */
export const syncErrorCodes = [
  'SYNC_VERSION_MISMATCH',
  'UNKNOWN_COLLECTION',
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'BODY_TOO_LARGE',
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'NOT_FOUND',
  'INTERNAL',
] as const;
export type SyncErrorCode = (typeof syncErrorCodes)[number];

export interface SyncErrorBody {
  error: { code: SyncErrorCode; message: string; field?: string };
}
