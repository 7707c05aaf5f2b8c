import type { WireDocument } from '../../shared/sync/protocol';
import type { AccessContext, CollectionSpec, Doc } from './registry';

/**
 * The one read door (Z1, Z5, Z8): every path that answers stored documents (pull, stream,
 * push conflicts, replayed push answers) asks here what the caller gets of a row. Nothing
 * else in the server turns a stored row into a document for a user.
 */
export interface ReadableRow {
  id: string;
  deleted: boolean;
  doc: Doc;
  prev_doc: Doc | null;
  /** Versions earlier readers saw before prev_doc, newest first (absent: none). */
  older_docs?: Doc[] | null;
}

function toWire(doc: Doc, deleted: boolean): WireDocument {
  return { ...doc, _deleted: deleted };
}

/** A deleted document with only its id: tells the client to drop it and reveals nothing. */
export function bareTombstone(id: string): WireDocument {
  return { id, _deleted: true } as WireDocument;
}

/**
 * What one user gets of a stored row: the doc when readable; a tombstone of the last version
 * they could read when the doc moved out of their sight (Z1), also several moves ago;
 * otherwise nothing.
 */
export function visibleForm<C extends AccessContext>(spec: CollectionSpec<C>, ctx: C, row: ReadableRow): WireDocument | null {
  if (spec.access.canRead(ctx, row.doc)) return toWire(row.doc, row.deleted);
  if (row.prev_doc && spec.access.canRead(ctx, row.prev_doc)) return toWire(row.prev_doc, true);
  const older = row.older_docs?.find((d) => spec.access.canRead(ctx, d));
  return older ? toWire(older, true) : null;
}

/**
 * The answer for a row the caller named (push conflicts): the visible form, or a bare
 * tombstone when the caller may not read the row at all. `hidden` is true when the current
 * document is not readable, so the caller's attempt is audited.
 */
export function answerForRow<C extends AccessContext>(spec: CollectionSpec<C>, ctx: C, row: ReadableRow): { doc: WireDocument; hidden: boolean } {
  if (spec.access.canRead(ctx, row.doc)) return { doc: toWire(row.doc, row.deleted), hidden: false };
  return { doc: visibleForm(spec, ctx, row) ?? bareTombstone(row.id), hidden: true };
}

/**
 * Re-checks documents answered earlier (a replayed push returns its first answer): access may
 * have been revoked since, so each one passes the door again as it would now.
 */
export function recheckAnswered<C extends AccessContext>(spec: CollectionSpec<C>, ctx: C, docs: readonly WireDocument[]): WireDocument[] {
  return docs.map((w) => {
    const { _deleted, ...doc } = w;
    if (Object.keys(doc).length <= 1) return w;
    return spec.access.canRead(ctx, doc as Doc) ? w : bareTombstone(String(doc.id));
  });
}
