/**
 * One subscription to the core per live query and parameters, shared by every component
 * that shows it. Components read through `useSyncExternalStore`; the subscription is
 * counted and closed shortly after its last reader leaves (a short grace period, so a
 * component that remounts, as React's StrictMode does, reuses it).
 */
import type { Transport } from '../../../shared/api/bridge';
import type { LiveQueryName, LiveQueryParams, LiveQueryResult } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/result';

export interface LiveState<T> {
  /** The latest result; kept when a later update fails, so the screen does not go blank. */
  data: T | undefined;
  error: ApiError | null;
  /** True until the first result or error arrives. */
  loading: boolean;
}

const LOADING: LiveState<never> = Object.freeze({ data: undefined, error: null, loading: true });

interface Entry {
  state: LiveState<unknown>;
  readers: Set<() => void>;
  stop: () => void;
  release: ReturnType<typeof setTimeout> | null;
}

/** A key that is the same for equal parameters, whatever the order of their fields. */
export const liveKey = (name: string, params: unknown): string =>
  `${name}:${JSON.stringify(params, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  )}`;

export class LiveStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly transport: Transport,
    private readonly graceMs = 1_000,
  ) {}

  private open<N extends LiveQueryName>(key: string, name: N, params: LiveQueryParams<N>): Entry {
    const created: Entry = { state: LOADING, readers: new Set(), stop: () => undefined, release: null };
    this.entries.set(key, created);
    created.stop = this.transport.subscribe(name, params, (result) => {
      created.state = result.ok
        ? { data: result.value, error: null, loading: false }
        : { data: created.state.data, error: result.error, loading: false };
      for (const reader of created.readers) reader();
    });
    return created;
  }

  /** Closes the subscription after the grace period unless a reader comes back. */
  private releaseLater(key: string, entry: Entry): void {
    if (entry.readers.size > 0 || entry.release) return;
    entry.release = setTimeout(() => {
      entry.release = null;
      if (entry.readers.size > 0) return;
      this.entries.delete(key);
      entry.stop();
    }, this.graceMs);
  }

  /**
   * Opens the core subscription now, without a reader yet: called while rendering, the
   * query's round trip to the core runs while React renders and commits, instead of
   * starting after the commit. Closed after the grace period if no reader comes.
   */
  prefetch<N extends LiveQueryName>(name: N, params: LiveQueryParams<N>): void {
    const key = liveKey(name, params);
    if (this.entries.has(key)) return;
    this.releaseLater(key, this.open(key, name, params));
  }

  /** Registers a reader; opens the core subscription for the first one. */
  subscribe<N extends LiveQueryName>(name: N, params: LiveQueryParams<N>, onChange: () => void): () => void {
    const key = liveKey(name, params);
    const entry = this.entries.get(key) ?? this.open(key, name, params);
    if (entry.release) {
      clearTimeout(entry.release);
      entry.release = null;
    }
    entry.readers.add(onChange);
    return () => {
      entry.readers.delete(onChange);
      this.releaseLater(key, entry);
    };
  }

  snapshot<N extends LiveQueryName>(name: N, params: LiveQueryParams<N>): LiveState<LiveQueryResult<N>> {
    return (this.entries.get(liveKey(name, params))?.state ?? LOADING) as LiveState<LiveQueryResult<N>>;
  }

  /** How many core subscriptions are open (for tests and diagnostics). */
  get openSubscriptions(): number {
    return this.entries.size;
  }
}
