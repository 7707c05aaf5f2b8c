import { z } from 'zod';
import { id, isoTime, NONE, text } from '../primitives';

// The `records` collection holds small record kinds that share one RxDB collection (the free
// build opens at most 13: README.md, "The collection budget"). Every record has the same
// envelope; its kind's own fields live in `body`. Each kind is one zod variant, strict, and the
// union on `kind` is the authority on IPC, HTTP and sync. RxDB only sees the envelope, so a
// new kind changes no stored schema and needs no migration.

export const RECORD_KIND_LENGTH = 40;
export const RECORD_STATUS_LENGTH = 40;
/** Longest value of `ref` / `ref2`: a UUID, or a short code (an asset code, a part number). */
export const RECORD_REF_LENGTH = 80;

const refValue = () => text(RECORD_REF_LENGTH);

/** What RxDB stores and indexes for every record, whatever its kind. */
export const recordEnvelopeSchema = z.strictObject({
  id: id(),
  createdAt: isoTime(),
  updatedAt: isoTime(),
  kind: z.string().min(1).max(RECORD_KIND_LENGTH),
  ref: refValue(),
  ref2: refValue(),
  status: z.string().max(RECORD_STATUS_LENGTH),
  body: z.record(z.string(), z.unknown()),
});
export type RecordEnvelope = z.infer<typeof recordEnvelopeSchema>;

/** A reference to another document by id, or none. */
export const recordRef = () => z.union([id(), z.literal(NONE)]);

/**
 * One record kind: `ref` (the record it belongs to), `ref2` (a second reference), `status`
 * and `body` are the kind's own schemas; the envelope's limits still hold.
 */
export function recordKind<K extends string, R extends z.ZodType<string>, R2 extends z.ZodType<string>, S extends z.ZodType<string>, B extends z.ZodRawShape>(
  kind: K,
  shape: { ref: R; ref2: R2; status: S; body: B },
) {
  if (kind.length > RECORD_KIND_LENGTH) throw new Error(`record kind ${kind} is longer than ${RECORD_KIND_LENGTH}`);
  return z.strictObject({
    id: id(),
    createdAt: isoTime(),
    updatedAt: isoTime(),
    kind: z.literal(kind),
    ref: shape.ref,
    ref2: shape.ref2,
    status: shape.status,
    body: z.strictObject(shape.body),
  });
}
