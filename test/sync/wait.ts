/** Polling helpers for cross-process sync tests. */
import { documentsEqual } from '../../shared/sync/merge';

export async function eventually<T>(get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T = await get();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await get();
  }
  return last;
}

/** Same document data, ignoring RxDB bookkeeping. */
export function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return documentsEqual({ _deleted: false, ...a }, { _deleted: false, ...b });
}
