/**
 * The pull answer's test, shared by the main process (replies.ts) and the store's worker,
 * which decodes the pages of a download itself (../db/download-page.ts).
 */
import { checkpointSchema, type PullResponse } from '../../shared/sync/protocol';

/** `replyDocumentSchema`'s test (id of 1..128 characters, boolean `_deleted`), on the object itself. */
export function isReplyDocument(d: unknown): boolean {
  if (typeof d !== 'object' || d === null || Array.isArray(d)) return false;
  const { id, _deleted } = d as { id?: unknown; _deleted?: unknown };
  return typeof id === 'string' && id.length >= 1 && id.length <= 128 && typeof _deleted === 'boolean';
}

/**
 * `pullResponseSchema`'s test without its copy of every document: zod builds a new object
 * for each of the thousand loose documents of a batch, which was most of the decoding's CPU
 * and garbage in an initial sync. Anything this does not accept goes through the schema,
 * which gives the same answer and the error's description.
 */
export function acceptedPull(value: unknown): PullResponse | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { documents, checkpoint } = value as { documents?: unknown; checkpoint?: unknown };
  if (!Array.isArray(documents) || !documents.every(isReplyDocument)) return null;
  const cp = checkpointSchema.nullable().safeParse(checkpoint);
  return cp.success ? { documents: documents as PullResponse['documents'], checkpoint: cp.data } : null;
}
