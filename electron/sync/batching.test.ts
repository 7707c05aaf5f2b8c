import { describe, expect, it } from 'vitest';
import { jsonByteLength, RowTooLargeError, splitIntoBatches } from './batching';
import { MAX_BODY_BYTES, MAX_PUSH_ROWS } from '../../shared/sync/protocol';

function aRow(i: number, textBytes = 100) {
  return { newDocumentState: { id: `doc-${i}`, text: 'x'.repeat(textBytes), _deleted: false } };
}

describe('splitIntoBatches', () => {
  it('S9: 5,000 rows of ~2 KB stay under the row limit and the body limit, order kept', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => aRow(i, 2000));
    const batches = splitIntoBatches(rows, MAX_BODY_BYTES, MAX_PUSH_ROWS);
    expect(batches.flat()).toEqual(rows);
    for (const b of batches) {
      expect(b.length).toBeLessThanOrEqual(MAX_PUSH_ROWS);
      expect(jsonByteLength({ pushId: 'p'.repeat(64), rows: b })).toBeLessThan(MAX_BODY_BYTES);
    }
    expect(batches.length).toBe(10);
  });

  it('splits by bytes when documents are big', () => {
    const rows = Array.from({ length: 30 }, (_, i) => aRow(i, 300_000));
    const batches = splitIntoBatches(rows, MAX_BODY_BYTES, MAX_PUSH_ROWS);
    expect(batches.length).toBeGreaterThan(2);
    for (const b of batches) expect(jsonByteLength({ pushId: 'x', rows: b })).toBeLessThan(MAX_BODY_BYTES);
    expect(batches.flat().map((r) => r.newDocumentState.id)).toEqual(rows.map((r) => r.newDocumentState.id));
  });

  it('is deterministic and returns no batch for no rows', () => {
    const rows = Array.from({ length: 1200 }, (_, i) => aRow(i));
    expect(splitIntoBatches(rows, MAX_BODY_BYTES, MAX_PUSH_ROWS)).toEqual(splitIntoBatches(rows, MAX_BODY_BYTES, MAX_PUSH_ROWS));
    expect(splitIntoBatches([], MAX_BODY_BYTES, MAX_PUSH_ROWS)).toEqual([]);
  });

  it('refuses a single row larger than the limit with a clear error', () => {
    expect(() => splitIntoBatches([aRow(1, 5000)], 4096, 10)).toThrow(RowTooLargeError);
  });
});
