/**
 * The live pull stream of one collection as an RxDB `pull.stream$`: SSE events from the
 * server, reconnecting with backoff while the replication runs. The server sends RESYNC on
 * every (re)connect, so RxDB pulls whatever was missed while the stream was down.
 */
import { Observable } from 'rxjs';
import type { RxReplicationPullStreamItem, WithDeleted } from 'rxdb';
import type { Checkpoint } from '../../shared/sync/protocol';
import type { SyncHttpClient } from './http';

export interface PullStreamHooks {
  /** Resolves when the server is believed reachable; rejects when the replication stops. */
  waitOnline(): Promise<void>;
  /** Any failure; the caller tells network failures from the rest. */
  onError(err: unknown): void;
  /** Aborted when the replication stops or halts. */
  signal: AbortSignal;
  baseRetryMs: number;
  maxRetryMs: number;
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Lazy: connects on subscribe, disconnects on unsubscribe or when `hooks.signal` aborts. */
export function pullStream(client: SyncHttpClient, collection: string, hooks: PullStreamHooks): Observable<RxReplicationPullStreamItem<unknown, Checkpoint>> {
  return new Observable((subscriber) => {
    const abort = new AbortController();
    const signal = AbortSignal.any([abort.signal, hooks.signal]);
    void (async () => {
      let delay = hooks.baseRetryMs;
      while (!signal.aborted) {
        try {
          await hooks.waitOnline();
          for await (const ev of client.stream(collection, signal)) {
            delay = hooks.baseRetryMs;
            if (ev.kind === 'RESYNC') subscriber.next('RESYNC');
            else subscriber.next({ documents: ev.documents as WithDeleted<unknown>[], checkpoint: ev.checkpoint });
          }
        } catch (err) {
          if (signal.aborted) break;
          hooks.onError(err);
        }
        if (!signal.aborted) await sleep(delay, signal);
        delay = Math.min(hooks.maxRetryMs, delay * 2);
      }
      subscriber.complete();
    })();
    return () => abort.abort();
  });
}
