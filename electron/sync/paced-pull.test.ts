import { describe, expect, it } from 'vitest';
import type { Checkpoint, PullResponse, WireDocument } from '../../shared/sync/protocol';
import { createPacedPullHandler } from './paced-pull';

type Batch = { documents: unknown[] };
const ids = (b: Batch) => b.documents.map((d) => (d as WireDocument).id);
const docs = (from: number, n: number): WireDocument[] => Array.from({ length: n }, (_, i) => ({ id: `d${from + i}`, _deleted: false }));

/** A server of `total` documents with seq 1..total, counting requests. */
function fakeServer(total: number) {
  const requests: (number | null)[] = [];
  return {
    requests,
    fetch: async (checkpoint: Checkpoint | null, batchSize: number): Promise<PullResponse> => {
      requests.push(checkpoint?.seq ?? null);
      const from = (checkpoint?.seq ?? 0) + 1;
      const n = Math.max(0, Math.min(batchSize, total - from + 1));
      return { documents: docs(from, n), checkpoint: n ? { seq: from + n - 1, id: `d${from + n - 1}` } : checkpoint };
    },
  };
}

describe('createPacedPullHandler', () => {
  it('hands over a batch only after the previous one is stored, fetching the next one ahead', async () => {
    const server = fakeServer(25);
    let stored: Checkpoint | undefined;
    const calls: string[] = [];
    const handler = createPacedPullHandler({
      fetch: server.fetch,
      call: (fn) => {
        calls.push('call');
        return fn();
      },
      persistedCheckpoint: () => stored,
      isStopped: () => false,
    });
    const first = await handler(undefined, 10);
    expect(ids(first)).toEqual(docs(1, 10).map((d) => d.id));
    // The second batch is already being fetched ahead.
    expect(server.requests).toEqual([null, 10]);

    let second: Awaited<ReturnType<typeof handler>> | undefined;
    const pending = handler(first.checkpoint, 10).then((r) => (second = r));
    await new Promise((r) => setTimeout(r, 30));
    expect(second).toBeUndefined(); // batch 1 not stored yet
    stored = first.checkpoint;
    await pending;
    expect(ids(second!)[0]).toBe('d11');
    // Served from the batch fetched ahead: only the first request went through `call`.
    expect(calls).toEqual(['call']);

    stored = second!.checkpoint;
    const third = await handler(second!.checkpoint, 10);
    expect(ids(third)).toEqual(docs(21, 5).map((d) => d.id));
    // A short batch is the end: nothing more fetched ahead.
    expect(server.requests).toEqual([null, 10, 20]);
  });

  it('a failed fetch ahead is retried through `call`; a store that never reports goes on after the wait', async () => {
    const server = fakeServer(30);
    let failNext = false;
    const calls: number[] = [];
    const handler = createPacedPullHandler({
      fetch: async (cp, n) => {
        if (failNext) {
          failNext = false;
          throw new Error('network');
        }
        return server.fetch(cp, n);
      },
      call: (fn) => {
        calls.push(1);
        return fn();
      },
      persistedCheckpoint: () => undefined,
      isStopped: () => false,
      maxWaitMs: 20,
    });
    const first = await handler(undefined, 10);
    failNext = true; // too late for the fetch ahead of batch 2, which already ran
    const started = Date.now();
    const second = await handler(first.checkpoint, 10);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect(ids(second)[0]).toBe('d11');
    // The fetch ahead of batch 3 fails; the handler asks again under `call`.
    const third = await handler(second.checkpoint, 10);
    expect(ids(third)[0]).toBe('d21');
    expect(calls).toHaveLength(2);
  });
});
