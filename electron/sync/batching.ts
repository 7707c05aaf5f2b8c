/**
 * Splits push rows into batches that stay under the server's body limit and row limit
 * (RELIABILITY S9: 5,000 pending changes after a long offline period must not produce a
 * body the server refuses with 413, which would block the replication forever).
 */

/** Room left for the envelope `{"pushId":"...","rows":[...]}` and rounding. */
const ENVELOPE_BYTES = 1024;

const encoder = new TextEncoder();

export function jsonByteLength(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).byteLength;
}

export class RowTooLargeError extends Error {
  constructor(readonly bytes: number, readonly maxBytes: number) {
    super(`A single document of ${bytes} bytes exceeds the sync body limit of ${maxBytes} bytes`);
    this.name = 'RowTooLargeError';
  }
}

/**
 * Greedy, order-preserving split. Deterministic: the same rows always give the same
 * batches, which lets a retried push reuse each batch's pushId (S2).
 */
export function splitIntoBatches<T>(rows: readonly T[], maxBytes: number, maxRows: number): T[][] {
  const limit = maxBytes - ENVELOPE_BYTES;
  const batches: T[][] = [];
  let current: T[] = [];
  let currentBytes = 0;
  for (const row of rows) {
    const bytes = jsonByteLength(row) + 1; // + the comma
    if (bytes > limit) throw new RowTooLargeError(bytes, maxBytes);
    if (current.length > 0 && (current.length >= maxRows || currentBytes + bytes > limit)) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(row);
    currentBytes += bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
