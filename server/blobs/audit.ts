/**
 * The audit of refused blob requests (Z6): who asked, for which blob, whose blob it was and
 * why it was refused; never the bytes. The action names what was tried, the outcome is
 * `refused`, as for a refused push or admin request, so the audit viewer's `blob` filter
 * finds them all. The caller's answer does not depend on anything written here.
 */
import type { UserRow } from '../auth/users';
import { audit } from '../audit';
import type { Queryable } from '../db/db';
import type { BlobOwner } from '../../shared/sync/blobs';

export type BlobAction = 'blob.status' | 'blob.upload' | 'blob.download';

/**
 * `unreadable`: an owner the caller may not read (told as a blob that does not exist where
 * the rules say so). `hash_mismatch`: the content does not hash to its name. An owner the
 * server lacks, or a blob nothing names, is sync lag and not audited.
 */
export type BlobRefusalReason = 'unreadable' | 'hash_mismatch';

/**
 * Whose blob it was: the owner an upload was sent for, or, for a download, every ticket and
 * round naming the hash.
 */
export type RefusedOwners = BlobOwner | { ticketIds: string[]; roundIds: string[] };

export interface BlobCaller {
  user: UserRow;
  ip: string | null;
}

export const auditBlobRefusal = (
  q: Queryable,
  caller: BlobCaller,
  action: BlobAction,
  reason: BlobRefusalReason,
  sha: string,
  owners: RefusedOwners,
): Promise<void> =>
  audit(q, {
    action,
    outcome: 'refused',
    actorId: caller.user.id,
    actor: caller.user.username,
    ip: caller.ip,
    target: `blobs/${sha}`,
    detail: { reason, sha256: sha, ...owners },
  });
