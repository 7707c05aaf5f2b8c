import type { Checkpoint, PullResponse, PushResponse, WireDocument } from '../../shared/sync/protocol';
import type { Db, Queryable } from '../db/db';
import { HttpError } from '../http/errors';
import { audit } from '../audit';
import { jsonEqual, omit } from './equal';
import { unstorablePath, UNSTORABLE_TEXT_MESSAGE } from './storable';
import { answerForRow, recheckAnswered, visibleForm } from './read-door';
import type { AccessContext, CollectionSpec, Doc } from './registry';

/** NOTIFY channel carrying `{collection, seq}` after every commit that stored documents. */
export const SYNC_CHANNEL = 'cims_sync';

const RXDB_META = ['_meta', '_rev', '_attachments', '_deleted'];

export interface StoredRow {
  id: string;
  seq: number;
  deleted: boolean;
  doc: Doc;
  prev_doc: Doc | null;
  /** Versions seen by earlier readers, before prev_doc, newest first (see `readersHistory`). */
  older_docs: Doc[];
}

export function toWire(doc: Doc, deleted: boolean): WireDocument {
  return { ...doc, _deleted: deleted };
}

const ROW_COLUMNS = 'id, seq, deleted, doc, prev_doc, older_docs';

/**
 * Refuses a checkpoint from a history this database does not have: after a restore from a
 * backup, a client that pulled later holds a checkpoint past the restored state. Its next
 * pulls would skip every document the server writes under the sequences it already passed,
 * and the documents it pushed after the backup would never be pushed again. A checkpoint is
 * the last row a pull scanned, and a row's sequence only grows, so this server issued it only
 * if its counter has reached it and its row still exists at that sequence or later.
 * `CHECKPOINT_AHEAD` tells the client to replicate again from the start, both ways.
 */
export async function assertIssuedCheckpoint(q: Queryable, collection: string, checkpoint: Checkpoint | null): Promise<void> {
  if (!checkpoint || checkpoint.seq <= 0) return;
  const r = await q.query<{ counter: string | number | null; row_seq: string | number | null }>(
    `select (select seq from sync_counters where collection = $1) as counter,
            (select seq from sync_docs where collection = $1 and id = $2) as row_seq`,
    [collection, checkpoint.id],
  );
  const counter = Number(r.rows[0]?.counter ?? 0);
  const rowSeq = r.rows[0]?.row_seq;
  if (counter >= checkpoint.seq && rowSeq !== null && rowSeq !== undefined && Number(rowSeq) >= checkpoint.seq) return;
  throw new HttpError(409, 'CHECKPOINT_AHEAD', `${collection}: the checkpoint is ahead of this server's data (restored from a backup?); replicate again from the start`);
}

/**
 * Pull: documents after the checkpoint in sequence order, filtered for the user. Keeps
 * scanning past rows the user may not see so that a batch is only short at the end of the
 * collection (RxDB stops pulling on an empty batch). The checkpoint is the last row scanned.
 *
 * Sequences are assigned under the collection's counter row lock, held to commit, so no
 * transaction can commit a sequence below one already visible (S4): reading `seq > n` never
 * skips a row that commits later.
 */
export async function pull<C extends AccessContext>(
  q: Queryable,
  spec: CollectionSpec<C>,
  ctx: C,
  checkpoint: Checkpoint | null,
  batchSize: number,
): Promise<PullResponse> {
  await assertIssuedCheckpoint(q, spec.name, checkpoint);
  const documents: WireDocument[] = [];
  let pos: Checkpoint | null = checkpoint;
  const scan = Math.max(batchSize, 200);
  const params: unknown[] = [spec.name];
  const param = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  let filter = '';
  if (spec.access.filterSql) {
    filter =
      ` and ((${spec.access.filterSql(ctx, 'doc', param)}) or (prev_doc is not null and (${spec.access.filterSql(ctx, 'prev_doc', param)}))` +
      ` or (older_docs <> '[]'::jsonb and exists (select 1 from jsonb_array_elements(older_docs) as o(d) where ${spec.access.filterSql(ctx, 'o.d', param)})))`;
  }
  const seqParam = `$${params.length + 1}`;
  const limitParam = `$${params.length + 2}`;
  const sql = `select ${ROW_COLUMNS} from sync_docs where collection = $1${filter} and seq > ${seqParam} order by seq limit ${limitParam}`;
  for (;;) {
    const r = await q.query<StoredRow>(sql, [...params, pos?.seq ?? 0, scan]);
    for (const row of r.rows) {
      pos = { seq: Number(row.seq), id: row.id };
      const form = visibleForm(spec, ctx, row);
      if (form) documents.push(form);
      if (documents.length >= batchSize) return { documents, checkpoint: pos };
    }
    if (r.rows.length < scan) return { documents, checkpoint: pos };
  }
}

/** Rows committed after `afterSeq`, for the live stream (unfiltered; callers filter per user). */
export async function changesSince(q: Queryable, collection: string, afterSeq: number, limit: number): Promise<StoredRow[]> {
  const r = await q.query<StoredRow>(
    `select ${ROW_COLUMNS} from sync_docs where collection = $1 and seq > $2 order by seq limit $3`,
    [collection, afterSeq, limit],
  );
  return r.rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

export async function maxSeq(q: Queryable, collection: string): Promise<number> {
  const r = await q.query<{ seq: number }>('select seq from sync_counters where collection = $1', [collection]);
  return Number(r.rows[0]?.seq ?? 0);
}

/** Takes the collection's counter row lock; held until commit (see `pull`). */
async function lockCounter(tx: Queryable, collection: string): Promise<number> {
  const r = await tx.query<{ seq: number }>(
    `insert into sync_counters (collection, seq) values ($1, 0)
     on conflict (collection) do update set seq = sync_counters.seq returning seq`,
    [collection],
  );
  return Number(r.rows[0]!.seq);
}

interface PendingWrite {
  id: string;
  deleted: boolean;
  doc: Doc;
  prevDoc: Doc | null;
  olderDocs: Doc[];
}

/** Stores docs under fresh sequences and notifies every server process after commit. */
async function store(tx: Queryable, collection: string, base: number, writes: PendingWrite[], by: string | null): Promise<number> {
  if (writes.length === 0) return base;
  const rows = writes.map((w, i) => ({ id: w.id, seq: base + i + 1, deleted: w.deleted, doc: w.doc, prev_doc: w.prevDoc, older_docs: w.olderDocs }));
  const last = base + writes.length;
  await tx.query(
    `insert into sync_docs (collection, id, seq, deleted, doc, prev_doc, older_docs, updated_by, updated_at)
     select $1, x.id, x.seq, x.deleted, x.doc, x.prev_doc, x.older_docs, $2, now()
       from jsonb_to_recordset($3::jsonb) as x(id text, seq bigint, deleted boolean, doc jsonb, prev_doc jsonb, older_docs jsonb)
     on conflict (collection, id) do update set seq = excluded.seq, deleted = excluded.deleted,
       doc = excluded.doc, prev_doc = excluded.prev_doc, older_docs = excluded.older_docs, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [collection, by, JSON.stringify(rows)],
  );
  await tx.query('update sync_counters set seq = $2 where collection = $1', [collection, last]);
  await tx.query('select pg_notify($1, $2)', [SYNC_CHANNEL, JSON.stringify({ collection, seq: last })]);
  return last;
}

/** At most this many earlier reader sets are remembered per document, beside prev_doc. */
const OLDER_READERS = 8;

/**
 * The versions earlier readers last saw, for the read door (Z1): `prevDoc` is the version
 * before the last change of readers, `olderDocs` those before it, newest first, one per
 * reader set (a ticket moved A -> B -> C keeps its A version, so a device of team A that
 * slept through both moves still gets its tombstone). A set that can read the new version
 * again is dropped from the history.
 */
function readersHistory(spec: CollectionSpec<never> | CollectionSpec<AccessContext>, old: StoredRow | undefined, next: Doc): Pick<PendingWrite, 'prevDoc' | 'olderDocs'> {
  if (!old) return { prevDoc: null, olderDocs: [] };
  const key = spec.accessKey;
  if (!key) return { prevDoc: old.doc, olderDocs: [] };
  if (key(old.doc) === key(next)) return { prevDoc: old.prev_doc, olderDocs: old.older_docs ?? [] };
  const seen = new Set([key(next), key(old.doc)]);
  const olderDocs: Doc[] = [];
  for (const d of [...(old.prev_doc ? [old.prev_doc] : []), ...(old.older_docs ?? [])]) {
    if (seen.has(key(d)) || olderDocs.length >= OLDER_READERS) continue;
    seen.add(key(d));
    olderDocs.push(d);
  }
  return { prevDoc: old.doc, olderDocs };
}

export interface PushOutcome extends PushResponse {
  stored: WireDocument[];
  /** Rows refused by the access rules (for the audit log). */
  refused: { id: string; fields: string[]; reason: string }[];
  replayed: boolean;
}

/** Splits a wire doc into the stored doc and its deleted flag; rejects what is not a doc. */
export function fromWire<C extends AccessContext>(spec: CollectionSpec<C>, wire: Record<string, unknown>): { doc: Doc; deleted: boolean } {
  const deleted = wire._deleted === true;
  if (wire._deleted !== undefined && typeof wire._deleted !== 'boolean') {
    throw new HttpError(400, 'VALIDATION_FAILED', '_deleted must be a boolean', '_deleted');
  }
  const raw = omit(wire, RXDB_META);
  const bad = unstorablePath(raw);
  if (bad) throw new HttpError(400, 'VALIDATION_FAILED', `${spec.name}: ${bad}: ${UNSTORABLE_TEXT_MESSAGE}`, bad);
  const v = spec.validate(raw);
  if (!v.ok) throw new HttpError(400, 'VALIDATION_FAILED', `${spec.name}: ${v.message}`, v.field);
  return { doc: v.doc, deleted };
}

function sameState(spec: CollectionSpec<AccessContext> | CollectionSpec<never>, a: Doc, aDeleted: boolean, b: Record<string, unknown>): boolean {
  const bDeleted = b._deleted === true;
  const skip = [...RXDB_META, ...(spec.serverFields ?? [])];
  return aDeleted === bDeleted && jsonEqual(omit(a, skip), omit(b, skip));
}

/**
 * Push: one transaction per request. Validates everything first (a bad doc fails the whole
 * batch and writes nothing), then under the counter lock compares each assumedMasterState
 * with the stored doc, applies the access rules and stores the accepted rows. A replay of a
 * pushId returns the first answer and writes nothing (S2).
 */
export async function push<C extends AccessContext>(
  db: Db,
  spec: CollectionSpec<C>,
  ctx: C,
  pushId: string,
  rows: { newDocumentState: Record<string, unknown>; assumedMasterState?: Record<string, unknown> | undefined }[],
  /** Where the push came from, for the audit entries of an audited collection. */
  origin: { ip?: string | null } = {},
): Promise<PushOutcome> {
  const parsed = rows.map((r) => ({ ...fromWire(spec, r.newDocumentState), assumed: r.assumedMasterState }));
  const userId = ctx.user.id;
  return db.transaction(async (tx) => {
    const claim = await tx.query(
      `insert into sync_pushes (user_id, push_id, collection) values ($1, $2, $3) on conflict do nothing returning push_id`,
      [userId, pushId, spec.name],
    );
    if (claim.rows.length === 0) {
      const prior = await tx.query<{ response: PushResponse | null }>(
        'select response from sync_pushes where user_id = $1 and push_id = $2',
        [userId, pushId],
      );
      // The first answer, passed through the read door again: access may have changed since.
      const answered = prior.rows[0]?.response;
      const seq = typeof answered?.seq === 'number' ? { seq: answered.seq } : {};
      return { conflicts: recheckAnswered(spec, ctx, answered?.conflicts ?? []), stored: recheckAnswered(spec, ctx, answered?.stored ?? []), ...seq, refused: [], replayed: true };
    }
    const base = await lockCounter(tx, spec.name);
    const ids = [...new Set(parsed.map((p) => p.doc.id))];
    const found = await tx.query<StoredRow>(
      `select ${ROW_COLUMNS} from sync_docs where collection = $1 and id = any($2::text[]) for update`,
      [spec.name, ids],
    );
    const current = new Map(found.rows.map((r) => [r.id, r]));
    // The stored versions before this push, for the audit of an audited collection.
    const prior = new Map(found.rows.map((r) => [r.id, r.deleted ? null : r.doc]));
    const conflicts: WireDocument[] = [];
    const stored: WireDocument[] = [];
    const refused: PushOutcome['refused'] = [];
    const writes = new Map<string, PendingWrite>();
    for (const p of parsed) {
      const master = current.get(p.doc.id);
      if (master) {
        // Read door first: a row the caller may not read answers a tombstone whatever was
        // pushed (with or without an assumed master state), and the attempt is audited.
        const answer = answerForRow(spec, ctx, master);
        if (answer.hidden) {
          conflicts.push(answer.doc);
          refused.push({ id: p.doc.id, fields: ['id'], reason: 'document not readable by the user' });
          continue;
        }
        if (sameState(spec, master.doc, master.deleted, { ...p.doc, _deleted: p.deleted })) {
          // Already stored (a retry whose first answer was lost): the pusher gets the stored
          // version when the server set fields of it.
          if (!jsonEqual(omit(master.doc, RXDB_META), omit(p.doc, RXDB_META))) stored.push(answer.doc);
          continue;
        }
        if (!p.assumed || !sameState(spec, master.doc, master.deleted, p.assumed)) {
          conflicts.push(answer.doc);
          continue;
        }
      }
      // Server-owned fields keep the master's values, so the rules judge the effective change.
      let next: Doc = p.doc;
      for (const f of spec.serverFields ?? []) {
        if (master && f in master.doc) next = { ...next, [f]: master.doc[f] };
      }
      if (spec.access.prepare) next = spec.access.prepare(ctx, master?.doc ?? null, next);
      let decision = spec.access.canWrite(ctx, master?.doc ?? null, next, p.deleted);
      if (decision.allowed && spec.guard && !p.deleted) decision = await spec.guard(tx, master?.doc ?? null, next, current);
      if (!decision.allowed) {
        refused.push({ id: p.doc.id, fields: decision.fields, reason: decision.reason });
        // A refused create has no master: answer a tombstone so the client drops it.
        conflicts.push(master ? answerForRow(spec, ctx, master).doc : toWire(p.doc, true));
        continue;
      }
      if (spec.beforeStore) next = await spec.beforeStore(tx, master?.doc ?? null, next);
      const w: PendingWrite = { id: p.doc.id, deleted: p.deleted, doc: next, ...readersHistory(spec as CollectionSpec<AccessContext>, master, next) };
      writes.set(w.id, w);
      // Stored otherwise than pushed (a number or receive time the server set, a clamped
      // time): the answer carries the stored version, so the pusher's replica takes it now.
      // Left to the pull, it is lost when the pull runs before the push's answer arrives.
      if (!jsonEqual(omit(next, RXDB_META), omit(p.doc, RXDB_META)) && spec.access.canRead(ctx, next)) stored.push(toWire(next, p.deleted));
      // Later rows of the same batch see this one as the master.
      current.set(w.id, { id: w.id, seq: 0, deleted: w.deleted, doc: w.doc, prev_doc: w.prevDoc, older_docs: w.olderDocs });
    }
    const seq = await store(tx, spec.name, base, [...writes.values()], userId);
    if (spec.auditAs) await auditWrites(tx, spec.auditAs, spec.name, ctx, origin.ip ?? null, [...writes.values()], prior);
    const response: PushResponse = stored.length ? { conflicts, stored, seq } : { conflicts, seq };
    await tx.query('update sync_pushes set response = $3 where user_id = $1 and push_id = $2', [userId, pushId, JSON.stringify(response)]);
    return { conflicts, stored, seq, refused, replayed: false };
  });
}

/** One audit entry per accepted write of an audited collection, in the push's transaction. */
async function auditWrites(
  tx: Queryable,
  as: string,
  collection: string,
  ctx: AccessContext,
  ip: string | null,
  writes: readonly PendingWrite[],
  prior: ReadonlyMap<string, Doc | null>,
): Promise<void> {
  for (const w of writes) {
    const before = prior.get(w.id) ?? null;
    const action = w.deleted ? 'delete' : before ? 'update' : 'add';
    await audit(tx, {
      action: `${as}.${action}`,
      outcome: 'ok',
      actorId: ctx.user.id,
      actor: ctx.user.username,
      ip,
      target: `${collection}/${w.id}`,
      detail: { before, after: w.deleted ? null : w.doc },
    });
  }
}

/**
 * Server-side writes (CLI, admin API, demo loader, SLA scheduler): no access rules, same
 * validation, sequences and notifications. Returns the stored docs.
 */
export async function writeServerDocs<C extends AccessContext>(
  tx: Queryable,
  spec: CollectionSpec<C>,
  docs: { doc: Record<string, unknown>; deleted?: boolean }[],
): Promise<Doc[]> {
  const parsed = docs.map((d) => ({ ...fromWire(spec, d.doc), deleted: d.deleted ?? false }));
  const base = await lockCounter(tx, spec.name);
  const found = await tx.query<StoredRow>(`select ${ROW_COLUMNS} from sync_docs where collection = $1 and id = any($2::text[]) for update`, [
    spec.name,
    parsed.map((p) => p.doc.id),
  ]);
  const current = new Map(found.rows.map((r) => [r.id, r]));
  const writes = new Map<string, PendingWrite>();
  for (const p of parsed) {
    const master = current.get(p.doc.id);
    let next = p.doc;
    if (spec.beforeStore) next = await spec.beforeStore(tx, master?.doc ?? null, next);
    writes.set(next.id, { id: next.id, deleted: p.deleted, doc: next, ...readersHistory(spec as CollectionSpec<AccessContext>, master, next) });
  }
  await store(tx, spec.name, base, [...writes.values()], null);
  return [...writes.values()].map((w) => w.doc);
}

export async function readDoc(q: Queryable, collection: string, id: string): Promise<StoredRow | null> {
  const r = await q.query<StoredRow>(`select ${ROW_COLUMNS} from sync_docs where collection = $1 and id = $2`, [collection, id]);
  return r.rows[0] ?? null;
}
