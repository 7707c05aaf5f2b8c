import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { liveFrom } from './live';

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

describe('liveFrom', () => {
  it('never lets a slow older result overwrite a newer one', async () => {
    const source = new Subject<number>();
    const slowFirst = deferred<string>();
    const emitted: string[] = [];
    const stop = liveFrom(
      source,
      (n) => (n === 1 ? slowFirst.promise : `result ${n}`),
      (value) => emitted.push(value),
      () => undefined,
    );
    source.next(1); // slow: still computing when the next change arrives
    source.next(2);
    await new Promise((r) => setTimeout(r, 10));
    slowFirst.resolve('result 1 (stale)');
    await new Promise((r) => setTimeout(r, 10));
    expect(emitted).toEqual(['result 2']);
    stop();
  });

  it('reports a failed computation and stays live for the next change', async () => {
    const source = new Subject<number>();
    const emitted: number[] = [];
    const errors: unknown[] = [];
    const stop = liveFrom(
      source,
      (n) => {
        if (n === 1) throw new Error('boom');
        return n * 10;
      },
      (value) => emitted.push(value),
      (error) => errors.push(error),
    );
    source.next(1);
    await new Promise((r) => setTimeout(r, 10));
    expect(errors).toHaveLength(1);
    source.next(2);
    await new Promise((r) => setTimeout(r, 10));
    expect(emitted).toEqual([20]);
    stop();
    source.next(3);
    await new Promise((r) => setTimeout(r, 10));
    expect(emitted).toEqual([20]);
  });
});
