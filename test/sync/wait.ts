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

/** What a desktop core's router offers to subscribe to (electron/core/router.ts). */
interface LiveRouter {
  router: { subscribe(name: string, params: object, emit: (r: { ok: true; value: unknown } | { ok: false; error: unknown }) => void): { ok: true; value: () => void } | { ok: false; error: unknown } };
}

/** The latest value of a core's live query (with its parameters) once it satisfies `ready`. */
export const liveValue = <T>(core: LiveRouter, name: string, params: object, ready: (value: T) => boolean, timeoutMs = 15_000): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    let last: unknown;
    const timer = setTimeout(() => reject(new Error(`${name} never got there: ${JSON.stringify(last)?.slice(0, 600)}`)), timeoutMs);
    let stop: (() => void) | null = null;
    const sub = core.router.subscribe(name, params, (r) => {
      last = r;
      if (r.ok && ready(r.value as T)) {
        clearTimeout(timer);
        queueMicrotask(() => stop?.());
        resolve(r.value as T);
      }
    });
    if (sub.ok) stop = sub.value;
    else {
      clearTimeout(timer);
      reject(new Error(`${name}: ${JSON.stringify(sub)}`));
    }
  });
