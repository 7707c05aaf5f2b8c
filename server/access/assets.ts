/**
 * Asset rules that need the other stored assets: a code or RFID tag used by another asset,
 * and a parent that would make the asset its own ancestor. The desktop checks the same rules
 * (shared/domain/assets.ts) before it writes; this check holds for devices that were offline
 * while another registered the code, and for any client that skipped the desktop's check.
 */
import { MAX_ASSET_DEPTH, normalizeCode } from '../../shared/domain/assets';
import type { Queryable } from '../db/db';
import { jsonEqual } from '../sync/equal';
import type { Doc, WriteDecision } from '../sync/registry';

type Batch = ReadonlyMap<string, { doc: Doc; deleted: boolean }>;
const ALLOW: WriteDecision = { allowed: true };
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Other live assets sharing the code or tag, as this push leaves them. */
async function sameKeys(tx: Queryable, next: Doc, batch: Batch): Promise<{ code: boolean; tag: boolean }> {
  const code = normalizeCode(str(next.assetCode));
  const tag = normalizeCode(str(next.rfidTag));
  // The expressions match the indexes of migration 9.
  const r = await tx.query<{ id: string }>(
    `select id from sync_docs where collection = 'assets' and not deleted and id <> $1
       and (upper(btrim(doc->>'assetCode')) = $2 or ($3 <> '' and upper(btrim(doc->>'rfidTag')) = $3))`,
    [next.id, code, tag],
  );
  const others = new Map<string, Doc>();
  for (const row of r.rows) if (!batch.has(row.id)) others.set(row.id, { id: row.id });
  // Stored rows that this push changes are judged as they now stand; so are its new rows.
  const candidates: Doc[] = [];
  for (const [id, { doc, deleted }] of batch) if (id !== next.id && !deleted) candidates.push(doc);
  let codeTaken = false;
  let tagTaken = false;
  if (others.size > 0) {
    const stored = await tx.query<{ id: string; doc: Doc }>(`select id, doc from sync_docs where collection = 'assets' and id = any($1::text[])`, [[...others.keys()]]);
    candidates.push(...stored.rows.map((row) => row.doc));
  }
  for (const doc of candidates) {
    if (normalizeCode(str(doc.assetCode)) === code) codeTaken = true;
    if (tag !== '' && normalizeCode(str(doc.rfidTag)) === tag) tagTaken = true;
  }
  return { code: codeTaken, tag: tagTaken };
}

/** Walks up from the new parent; reaching the asset (or no end) is a cycle. */
async function makesCycle(tx: Queryable, next: Doc, batch: Batch): Promise<boolean> {
  let at = str(next.parentId);
  for (let depth = 0; at; depth++) {
    if (at === next.id || depth >= MAX_ASSET_DEPTH) return true;
    const inBatch = batch.get(at);
    if (inBatch) {
      at = str(inBatch.doc.parentId);
      continue;
    }
    const r = await tx.query<{ parent: string | null }>(`select doc->>'parentId' as parent from sync_docs where collection = 'assets' and id = $1`, [at]);
    at = r.rows[0]?.parent ?? '';
  }
  return false;
}

export async function assetGuard(tx: Queryable, old: Doc | null, next: Doc, batch: Batch): Promise<WriteDecision> {
  const changed = (f: string) => !old || !jsonEqual(old[f], next[f]);
  if (changed('assetCode') || changed('rfidTag')) {
    const taken = await sameKeys(tx, next, batch);
    if (taken.code) return { allowed: false, fields: ['assetCode'], reason: 'another asset has this code' };
    if (taken.tag) return { allowed: false, fields: ['rfidTag'], reason: 'another asset has this RFID tag' };
  }
  if (changed('parentId') && (await makesCycle(tx, next, batch))) return { allowed: false, fields: ['parentId'], reason: 'the asset would be its own ancestor' };
  return ALLOW;
}
