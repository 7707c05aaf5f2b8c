/**
 * Field-level three-way merge used to resolve replication conflicts (ARCHITECTURE "Sync",
 * RELIABILITY S6, S7, S8). Pure: the client's conflict handler, the server and the UI (to
 * explain what happened) all use this one function.
 *
 * base   = the master state the client last saw (RxDB's `assumedMasterState`)
 * local  = the client's document (RxDB's `newDocumentState`)
 * remote = the server's current master state (RxDB's `realMasterState`)
 *
 * The rule, per field (plain nested objects are merged per nested field, arrays and other
 * values are atomic):
 * - changed only locally  -> local value
 * - changed only remotely -> remote value
 * - changed on both sides to the same value -> that value
 * - changed on both sides to different values -> the REMOTE (master) value wins; the local
 *   value is reported as a collision so the caller records it (a ticket event), so the loser
 *   is never lost without a trace. "Master wins" is deterministic: the master state is the
 *   one the server accepted first, and every replica converges on it (S6).
 *
 * Deletion (S8, "a manager deletes while a technician edits offline"):
 * - remote deleted, local edited        -> deleted (the master's deletion wins); every local
 *   change is reported as a collision with reason 'deleted-remotely'.
 * - local deleted, remote edited        -> NOT deleted: the remote edits survive, and the
 *   local deletion is reported as a collision on `_deleted` (reason 'deleted-locally').
 * - local deleted, remote unchanged     -> deleted.
 * Closing a ticket is an ordinary field change (`status`): the technician's other edits
 * survive, a competing status change loses to the master's `closed` and is reported.
 */

export type Doc = Record<string, unknown>;

/**
 * Why a local value lost: both sides changed it, the master deleted the document, the device
 * deleted a document the master changed, or the server refused the device's change (its
 * access or field rules) and answered its own state.
 */
export type CollisionReason = 'both-changed' | 'deleted-remotely' | 'deleted-locally' | 'refused';

export interface FieldCollision {
  /** Dotted path of the field, e.g. `status` or `sla.responseDueAt`. */
  field: string;
  /** The value that lost (the client's). `undefined` when the client removed the field. */
  localValue: unknown;
  /** The value that won (the master's). */
  remoteValue: unknown;
  reason: CollisionReason;
}

export interface MergeResult<T extends Doc = Doc> {
  merged: T;
  collisions: FieldCollision[];
}

export interface MergeOptions {
  /**
   * Fields the merge never takes from the local side (server-assigned values such as a
   * ticket number or a server timestamp): the remote value is kept without a collision.
   */
  serverOwnedFields?: readonly string[];
  /**
   * Fields where both sides always change (an `updatedAt` stamp): on a two-sided change the
   * greater value wins (ISO timestamps compare as strings) and no collision is reported.
   */
  latestWinsFields?: readonly string[];
  /**
   * Top-level fields valid only together (a ticket's status and its pending reason): when
   * both sides changed the group, it is taken whole from one side, never mixed field by field.
   */
  fieldGroups?: readonly (readonly string[])[];
}

/** Field groups of each collection: fields whose values are only valid together. */
export const COLLECTION_FIELD_GROUPS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  // The schema requires a pending reason exactly while the status is pending (S11 seed
  // 1637548537 merged them apart into a ticket the schema refuses).
  tickets: [['status', 'pendingReason']],
};

/**
 * Fields only the server sets, per collection: a ticket's number, an event's receive time.
 * The server keeps its value whatever a client pushes, and a merge takes the master's.
 */
export const SERVER_OWNED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  tickets: ['number'],
  ticketEvents: ['receivedAt'],
};

/** Bookkeeping fields of RxDB that are never merged (the storage rewrites them). */
const IGNORED_FIELDS = new Set(['_meta', '_rev', '_attachments']);

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Structural equality of JSON values; key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return false;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => jsonEqual(v, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  if (ak.length !== bk.length) return false;
  return ak.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && jsonEqual(ao[k], bo[k]));
}

/** Document equality for replication: data fields only, RxDB bookkeeping ignored. */
export function documentsEqual(a: Doc, b: Doc): boolean {
  return jsonEqual(stripBookkeeping(a), stripBookkeeping(b));
}

/** The fields documentsEqual compares: RxDB's bookkeeping left out, `_deleted` a boolean. */
export function stripBookkeeping(d: Doc): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(d)) {
    if (!IGNORED_FIELDS.has(k)) out[k] = v;
  }
  out._deleted = Boolean(d._deleted);
  return out;
}

function keysOf(...objs: (Record<string, unknown> | undefined)[]): string[] {
  const keys = new Set<string>();
  for (const o of objs) if (o) for (const k of Object.keys(o)) keys.add(k);
  return [...keys].sort();
}

function mergeObject(
  base: Record<string, unknown> | undefined,
  local: Record<string, unknown>,
  remote: Record<string, unknown>,
  prefix: string,
  serverOwned: ReadonlySet<string>,
  latestWins: ReadonlySet<string>,
  collisions: FieldCollision[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keysOf(base, local, remote)) {
    if (prefix === '' && (IGNORED_FIELDS.has(key) || key === '_deleted')) continue;
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const b = base?.[key];
    const l = local[key];
    const r = remote[key];
    let value: unknown;
    if (serverOwned.has(path)) {
      value = r;
    } else if (isPlainObject(l) && isPlainObject(r) && (b === undefined || isPlainObject(b))) {
      value = mergeObject(b as Record<string, unknown> | undefined, l, r, path, serverOwned, latestWins, collisions);
    } else {
      const localChanged = !jsonEqual(b, l);
      const remoteChanged = !jsonEqual(b, r);
      if (!localChanged) value = r;
      else if (!remoteChanged) value = l;
      else if (jsonEqual(l, r)) value = r;
      else if (latestWins.has(path)) value = String(l ?? '') > String(r ?? '') ? l : r;
      else {
        value = r;
        collisions.push({ field: path, localValue: l, remoteValue: r, reason: 'both-changed' });
      }
    }
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The local changes relative to base, as collisions (used when the master deleted). */
function localChanges(base: Doc | undefined, local: Doc, remote: Doc): FieldCollision[] {
  const out: FieldCollision[] = [];
  for (const key of keysOf(base, local)) {
    if (IGNORED_FIELDS.has(key) || key === '_deleted') continue;
    if (!jsonEqual(base?.[key], local[key])) {
      out.push({ field: key, localValue: local[key], remoteValue: remote[key], reason: 'deleted-remotely' });
    }
  }
  return out;
}

/**
 * The values of `local` a refusing master replaces: every field where the two differ, its
 * deletion included, except bookkeeping, server-owned and latest-wins stamps (never the
 * device's to keep).
 */
export function refusedChanges(local: Doc, remote: Doc, options: MergeOptions = {}): FieldCollision[] {
  const skip = new Set([...(options.serverOwnedFields ?? []), ...(options.latestWinsFields ?? [])]);
  const out: FieldCollision[] = [];
  for (const key of keysOf(local, remote)) {
    if (IGNORED_FIELDS.has(key) || key === '_deleted' || skip.has(key)) continue;
    if (!jsonEqual(local[key], remote[key])) out.push({ field: key, localValue: local[key], remoteValue: remote[key], reason: 'refused' });
  }
  if (Boolean(local._deleted) !== Boolean(remote._deleted)) {
    out.push({ field: '_deleted', localValue: Boolean(local._deleted), remoteValue: Boolean(remote._deleted), reason: 'refused' });
  }
  return out;
}

export function threeWayMerge<T extends Doc>(
  base: T | undefined,
  local: T,
  remote: T,
  options: MergeOptions = {},
): MergeResult<T> {
  const serverOwned = new Set(options.serverOwnedFields ?? []);
  const baseDeleted = Boolean(base?._deleted);
  const localDeleted = Boolean(local._deleted);
  const remoteDeleted = Boolean(remote._deleted);
  const strippedRemote = stripBookkeeping(remote) as T;

  if (remoteDeleted && !baseDeleted) {
    // The master deleted it: deletion wins, the local edits go to the record.
    const collisions = localDeleted ? [] : localChanges(base, local, remote);
    return { merged: strippedRemote, collisions };
  }
  if (localDeleted && !remoteDeleted) {
    const remoteChanged = base === undefined || !documentsEqual(base, remote);
    if (remoteChanged) {
      // Someone edited it meanwhile: keep their work, record the refused deletion.
      return {
        merged: strippedRemote,
        collisions: [{ field: '_deleted', localValue: true, remoteValue: false, reason: 'deleted-locally' }],
      };
    }
    return { merged: { ...strippedRemote, _deleted: true } as T, collisions: [] };
  }

  const collisions: FieldCollision[] = [];
  const latestWins = new Set(options.latestWinsFields ?? []);
  const merged = mergeObject(base, local, remote, '', serverOwned, latestWins, collisions);
  for (const group of options.fieldGroups ?? []) {
    const changed = (side: Doc) => group.some((f) => !jsonEqual(base?.[f], side[f]));
    if (!changed(local) || !changed(remote)) continue;
    // Both sides moved the group: the master's whole group wins (as in a same-field
    // collision), and every local value it replaces is recorded.
    for (const f of group) {
      if (!jsonEqual(merged[f], remote[f]) && !collisions.some((c) => c.field === f)) {
        collisions.push({ field: f, localValue: local[f], remoteValue: remote[f], reason: 'both-changed' });
      }
      if (remote[f] === undefined) delete merged[f];
      else merged[f] = remote[f];
    }
  }
  merged._deleted = remoteDeleted && localDeleted ? true : remoteDeleted;
  if (baseDeleted && remoteDeleted && !localDeleted) {
    // The client revived a document that is still deleted on the master (an undo): the
    // revival is a local change to `_deleted` and wins like any local-only change.
    merged._deleted = false;
  }
  return { merged: merged as T, collisions };
}
