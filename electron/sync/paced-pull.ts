/**
 * The pull handler of one collection, paced for the main process's event loop.
 *
 * RxDB asks for the next batch as soon as it has one, persists batches in the background and
 * merges every batch that queued up meanwhile into a single bulk write. On a fast server the
 * initial sync then writes thousands of documents in one synchronous SQLite transaction and
 * the event loop stalls for hundreds of milliseconds. So the handler hands RxDB a batch only
 * once the previous one is stored (its checkpoint persisted): every write is one batch. The
 * next batch is fetched ahead meanwhile, so the network and the writes still overlap, and a
 * macrotask turn separates parsing a response from writing it.
 */
import type { WithDeleted } from 'rxdb';
import type { Checkpoint, PullResponse } from '../../shared/sync/protocol';

export interface PacedPullOptions {
  /** A plain request (for fetching ahead; its failure is retried by `call`). */
  fetch(checkpoint: Checkpoint | null, batchSize: number): Promise<PullResponse>;
  /** The same request under the replication's error and offline handling. */
  call(fn: () => Promise<PullResponse>): Promise<PullResponse>;
  /** The checkpoint RxDB has stored for the downstream (undefined: none yet). */
  persistedCheckpoint(): unknown;
  isStopped(): boolean;
  /** Longest wait for the previous batch to be stored; then the batch goes anyway. */
  maxWaitMs?: number;
}

/** A batch fetched ahead is used only this fresh: an older answer may end a pull too early. */
const AHEAD_MAX_AGE_MS = 1_000;

/** RxDB's `pull.handler`. */
export type PullHandler = (checkpoint: Checkpoint | undefined, batchSize: number) => Promise<{ documents: WithDeleted<unknown>[]; checkpoint: Checkpoint | undefined }>;

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

function seqOf(checkpoint: unknown): number {
  const seq = (checkpoint as { seq?: unknown } | null | undefined)?.seq;
  return typeof seq === 'number' ? seq : -1;
}

export function createPacedPullHandler(o: PacedPullOptions): PullHandler {
  const maxWaitMs = o.maxWaitMs ?? 2_000;
  let ahead: { seq: number; batchSize: number; result: Promise<{ res: PullResponse; at: number } | null> } | null = null;

  /** Until RxDB has stored everything up to `checkpoint` (the end of the batch before). */
  async function previousStored(checkpoint: Checkpoint | undefined | null): Promise<void> {
    const want = seqOf(checkpoint);
    const end = Date.now() + maxWaitMs;
    while (seqOf(o.persistedCheckpoint()) < want && !o.isStopped() && Date.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  return async (checkpoint, batchSize) => {
    const from = checkpoint ?? null;
    const got = ahead && ahead.seq === seqOf(from) && ahead.batchSize === batchSize ? await ahead.result : null;
    ahead = null;
    const fresh = got && Date.now() - got.at < AHEAD_MAX_AGE_MS ? got.res : null;
    const res = fresh ?? (await o.call(() => o.fetch(from, batchSize)));
    await previousStored(from);
    if (res.documents.length >= batchSize && res.checkpoint && !o.isStopped()) {
      const next = res.checkpoint;
      ahead = {
        seq: seqOf(next),
        batchSize,
        result: o.fetch(next, batchSize).then(
          (r) => ({ res: r, at: Date.now() }),
          () => null,
        ),
      };
    }
    await macrotask();
    return { documents: res.documents as WithDeleted<unknown>[], checkpoint: res.checkpoint ?? checkpoint };
  };
}
