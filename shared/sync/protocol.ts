/**
 * The replication wire protocol between a desktop's main process and the central server.
 * Both sides import these types and schemas; the server decodes every body with them before
 * any service sees it. Bump SYNC_PROTOCOL_VERSION on any incompatible change: the server
 * refuses other versions with SYNC_VERSION_MISMATCH (HTTP 426) so an outdated client tells
 * its user to update instead of corrupting data (RELIABILITY S10).
 */
import { z } from 'zod';
import { reportErrorCodes } from '../domain/report-codes';

// 2: ticket schema v1 (customerName, customerTier). 3: asset schema v1 (ownership,
// contractEnd, lifecycle, custody). 4: ticket event schema v1 (receivedAt). Bumped with every schema version change
// of a replicated collection (shared/schema/README.md, "Schema versions and migrations").
export const SYNC_PROTOCOL_VERSION = 4;

/** Header carrying the client's protocol version on every /sync and /auth request. */
export const SYNC_VERSION_HEADER = 'x-cims-sync-version';

/** Largest JSON body the server accepts; clients size push batches to stay under it (S9). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
export const MAX_PULL_BATCH = 1000;
export const MAX_PUSH_ROWS = 500;

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
/**
 * A document the server sends: its fields are checked by the collection's schema in the
 * client's store; here only what replication itself relies on (the id and the tombstone).
 */
export const replyDocumentSchema = z.looseObject({ id: z.string().min(1).max(128), _deleted: z.boolean() });

export const pullRequestSchema = z
  .object({
    checkpoint: checkpointSchema.nullable(),
    batchSize: z.number().int().min(1).max(MAX_PULL_BATCH),
  })
  .strict();
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const pullResponseSchema = z.object({
  documents: z.array(replyDocumentSchema),
  /** null only when the collection is empty for this user and the request had none. */
  checkpoint: checkpointSchema.nullable(),
});
export interface PullResponse {
  documents: WireDocument[];
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

export const pushResponseSchema = z.object({
  /** Master state of every row that conflicted or was refused (Z2). */
  conflicts: z.array(replyDocumentSchema),
  /**
   * Rows stored otherwise than pushed (a number or receive time the server set, a clamped
   * time), as stored: the pusher's replica takes them with the answer. Absent from servers
   * of earlier releases.
   */
  stored: z.array(replyDocumentSchema).optional(),
  /**
   * The collection's sequence once this push was stored: every row it stored lies at or below
   * it, so a pull whose checkpoint is at or past it holds those rows or later states of them
   * (sequences are issued in commit order, S4). Absent from servers of earlier releases.
   */
  seq: z.number().int().nonnegative().optional(),
});
export interface PushResponse {
  conflicts: WireDocument[];
  stored?: WireDocument[];
  seq?: number;
}

/** Server-Sent Events on /sync/:collection/stream: one JSON `data:` line per event. */
export const streamEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('change'), documents: z.array(replyDocumentSchema), checkpoint: checkpointSchema }),
  z.object({ kind: z.literal('RESYNC') }),
]);
export type StreamEvent =
  | { kind: 'change'; documents: WireDocument[]; checkpoint: Checkpoint }
  | { kind: 'RESYNC' };

/** EventSource cannot set headers: the stream also takes the token and version in its query. */
export const streamQuerySchema = z.object({ access_token: z.string().max(4096).optional(), v: z.string().max(8).optional() });

export const loginRequestSchema = z
  .object({
    username: z.string().min(1).max(128),
    password: z.string().min(1).max(1024),
    device: z.string().max(128).optional(),
    /** A new password chosen at sign-in: required after an admin's reset (PASSWORD_CHANGE_REQUIRED). */
    newPassword: z.string().min(1).max(1024).optional(),
  })
  .strict();
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const refreshRequestSchema = z.object({ refreshToken: z.string().min(16).max(512) }).strict();

/** Without a refresh token, logout ends every session of the user. */
export const logoutRequestSchema = z.object({ refreshToken: z.string().min(16).max(512).optional() }).strict();

export const sessionUserSchema = z.object({
  id: z.string().min(1).max(128),
  username: z.string().min(1).max(128),
  displayName: z.string().max(256),
  roles: z.array(z.string().max(64)).max(64),
  teamId: z.string().max(128).nullable(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** Answer of login and of refresh (which rotates the refresh token). */
export const loginResponseSchema = z.object({
  accessToken: z.string().min(1).max(4096),
  /** Seconds until the access token expires. */
  expiresIn: z.number().positive().max(366 * 24 * 3600),
  refreshToken: z.string().min(16).max(512),
  user: sessionUserSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const meResponseSchema = z.object({ user: sessionUserSchema });
export const okResponseSchema = z.object({ ok: z.literal(true) });

export const healthResponseSchema = z.object({
  ok: z.literal(true),
  protocol: z.number().int(),
  db: z.string(),
  streams: z.number().int().nonnegative(),
});

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
  /** The password was reset by an admin: sign in again with a new password of one's own. */
  'PASSWORD_CHANGE_REQUIRED',
  /** A pull from a checkpoint this server's data never reached (restored from a backup). */
  'CHECKPOINT_AHEAD',
  /** The server sheds load (event loop too slow); retry after the Retry-After delay. */
  'OVERLOADED',
  'INTERNAL',
  // Attachment uploads (shared/sync/blobs.ts): over the size limit, content of a type not
  // accepted or not the declared one, content whose hash is not its name, a resume from
  // another offset than the bytes the server holds.
  'BLOB_TOO_LARGE',
  'BLOB_TYPE_REFUSED',
  'BLOB_HASH_MISMATCH',
  'BLOB_OFFSET_MISMATCH',
  // Report queries (shared/domain/reports.ts reportFilterProblem).
  ...reportErrorCodes,
] as const;
export type SyncErrorCode = (typeof syncErrorCodes)[number];

export interface SyncErrorBody {
  error: { code: SyncErrorCode; message: string; field?: string };
}

/**
 * What a client accepts as an error body: a code it does not know (a newer server) is kept
 * as text, and the client falls back on the HTTP status for it.
 */
export const syncErrorBodySchema = z.object({
  error: z.object({ code: z.string().max(64), message: z.string().max(2000), field: z.string().max(200).optional() }),
});
