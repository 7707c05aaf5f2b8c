import type { Logger } from 'pino';
import { ABANDONED_UPLOAD_HOURS, type BlobConfig } from './blobs/config';
import { pruneAbandonedUploads } from './blobs/uploads';
import type { Db } from './db/db';

/** Push answers are kept long enough for any retry (S2); spent refresh tokens are dropped. */
export const PUSH_ANSWER_DAYS = 30;

export async function pruneOnce(db: Db): Promise<{ pushes: number; tokens: number }> {
  const pushes = await db.query(`delete from sync_pushes where created_at < now() - make_interval(days => $1)`, [PUSH_ANSWER_DAYS]);
  const tokens = await db.query(`delete from refresh_tokens where expires_at < now() or revoked_at < now() - interval '7 days'`);
  // Login counters past their window (and block) are dead weight.
  await db.query(`delete from login_limits where expire < (extract(epoch from now()) * 1000)::bigint - 3600000`);
  return { pushes: pushes.rowCount, tokens: tokens.rowCount };
}

/** Upload parts no device went on with (server/blobs/uploads.ts), when the server keeps blobs. */
export async function pruneBlobsOnce(blobs: BlobConfig, now = Date.now()): Promise<{ uploads: number; parts: number }> {
  return pruneAbandonedUploads(blobs.store, blobs.abandonedAfterMs ?? ABANDONED_UPLOAD_HOURS * 3600_000, now);
}

/** Hourly pruning of the database and, given the blob store, of abandoned uploads; returns the stop function. */
export function startMaintenance(db: Db, logger: Logger, intervalMs = 3600_000, blobs?: BlobConfig): () => void {
  const timer = setInterval(() => {
    pruneOnce(db).then(
      (r) => logger.debug(r, 'pruned'),
      (err: unknown) => logger.error({ err }, 'pruning failed'),
    );
    if (blobs)
      pruneBlobsOnce(blobs).then(
        (r) => (r.uploads > 0 ? logger.info(r, 'abandoned uploads dropped') : undefined),
        (err: unknown) => logger.error({ err }, 'dropping abandoned uploads failed'),
      );
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
