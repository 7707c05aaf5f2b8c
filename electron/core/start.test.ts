import { describe, expect, it } from 'vitest';
import type { Result } from '../../shared/api/result';
import { createRouter, type ContractHandlers } from './router';
import { routerWhenStarted, type StartedApp } from './start';

/** An app whose start the test finishes: `finish()` resolves it, `abort(error)` rejects it. */
const startingApp = () => {
  const attached: string[] = [];
  const stopped: string[] = [];
  let emit: (value: unknown) => void = () => undefined;
  const handlers = {
    commands: { 'app.info': async () => ({ version: '1', shell: 'harness', locale: 'en' }) },
    liveQueries: {
      'sync.status': (_params: unknown, e: typeof emit) => {
        attached.push('sync.status');
        emit = e;
        return () => stopped.push('sync.status');
      },
    },
  } as unknown as ContractHandlers;
  const app: StartedApp = { router: createRouter(handlers), core: () => null, recovery: () => null, close: async () => undefined };
  let finish!: () => void;
  let abort!: (error: unknown) => void;
  const starting = new Promise<StartedApp>((resolve, reject) => {
    finish = () => resolve(app);
    abort = reject;
  });
  return { starting, finish, abort, attached, stopped, emit: (value: unknown) => emit(value) };
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the router handed to the page before the app has started', () => {
  it('answers a command sent during the start once the start is done', async () => {
    const app = startingApp();
    const router = routerWhenStarted(app.starting);
    let answer: Result<unknown> | undefined;
    void router.dispatch('app.info', {}).then((r) => (answer = r));
    await settle();
    expect(answer).toBeUndefined();
    app.finish();
    await settle();
    expect(answer).toEqual({ ok: true, value: { version: '1', shell: 'harness', locale: 'en' } });
    expect(await router.dispatch('app.nothing', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
  });

  it('attaches a live query asked for during the start, and never one stopped before it', async () => {
    const app = startingApp();
    const router = routerWhenStarted(app.starting);
    const seen: Result<unknown>[] = [];
    const kept = router.subscribe('sync.status', {}, (r) => seen.push(r));
    const dropped = router.subscribe('sync.status', {}, () => seen.push({ ok: true, value: 'dropped' }));
    expect(kept.ok && dropped.ok).toBe(true);
    if (dropped.ok) dropped.value();
    expect(app.attached).toEqual([]);
    app.finish();
    await settle();
    expect(app.attached).toEqual(['sync.status']);
    app.emit({ state: 'idle', pending: 0 });
    expect(seen).toEqual([{ ok: true, value: { state: 'idle', pending: 0 } }]);
    if (kept.ok) kept.value();
    expect(app.stopped).toEqual(['sync.status']);
  });

  it('refuses an unknown live query or bad parameters at once, as the started router does', () => {
    const router = routerWhenStarted(startingApp().starting);
    expect(router.subscribe('sync.nothing', {}, () => undefined)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_QUERY' } });
    expect(router.subscribe('sync.status', { extra: 1 }, () => undefined)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('answers commands and live queries with the start’s error when the start failed', async () => {
    const app = startingApp();
    const router = routerWhenStarted(app.starting);
    const seen: Result<unknown>[] = [];
    router.subscribe('sync.status', {}, (r) => seen.push(r));
    const answer = router.dispatch('app.info', {});
    app.abort(Object.assign(new Error('The local store is damaged'), { code: 'STORAGE_CORRUPT' }));
    expect(await answer).toMatchObject({ ok: false, error: { code: 'STORAGE_FAILED', message: 'The local store is damaged' } });
    await settle();
    expect(seen).toEqual([await answer]);
  });
});
