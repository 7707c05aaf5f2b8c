import { describe, expect, it } from 'vitest';
import type { Result } from '../../shared/api/result';
import { createRouter, type ContractHandlers } from './router';

describe('router live queries', () => {
  it('send a result only when it differs from the last one sent, and always after an error', () => {
    let emit: (value: unknown) => void = () => undefined;
    let fail: (error: unknown) => void = () => undefined;
    const handlers = {
      commands: {},
      liveQueries: {
        'sync.status': (_params: unknown, e: typeof emit, f: typeof fail) => {
          emit = e;
          fail = f;
          return () => undefined;
        },
      },
    } as unknown as ContractHandlers;
    const seen: Result<unknown>[] = [];
    expect(createRouter(handlers).subscribe('sync.status', {}, (r) => seen.push(r)).ok).toBe(true);
    emit({ state: 'idle', pending: 0 });
    emit({ state: 'idle', pending: 0 });
    expect(seen).toEqual([{ ok: true, value: { state: 'idle', pending: 0 } }]);
    emit({ state: 'idle', pending: 1 });
    expect(seen).toHaveLength(2);
    fail(new Error('store closed'));
    expect(seen[2]).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    emit({ state: 'idle', pending: 1 });
    expect(seen[3]).toEqual({ ok: true, value: { state: 'idle', pending: 1 } });
  });
});
