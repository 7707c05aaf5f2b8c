import { describe, expect, it } from 'vitest';
import type { SyncStatusView } from '../../../shared/api/sync';
import type { UpdateView } from '../../../shared/api/updates';
import { feedUrlOf, installBlock, nextUpdateStatus, initialUpdateStatus, UPDATE_CHECK_INTERVAL_MS, type UpdaterEvent } from './policy';
import { createUpdateService, type UpdateClock, type Updater } from './service';

/** The platform updater as the service sees it: records calls, emits what the test says. */
const anUpdater = (answer: (feed: string) => UpdaterEvent[] | Error = () => [{ type: 'checking' }, { type: 'not-available' }]) => {
  const listeners = new Set<(e: UpdaterEvent) => void>();
  const calls = { feeds: [] as string[], checks: 0, installs: 0 };
  let feed = '';
  const updater: Updater = {
    setFeedUrl: (url) => {
      feed = url;
      calls.feeds.push(url);
    },
    check: async () => {
      calls.checks += 1;
      const events = answer(feed);
      if (events instanceof Error) throw events;
      for (const e of events) for (const l of listeners) l(e);
    },
    install: () => {
      calls.installs += 1;
    },
    onEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const emit = (e: UpdaterEvent) => {
    for (const l of listeners) l(e);
  };
  return { updater, calls, emit };
};

/** A clock whose periodic timers run when the test advances it. */
const aClock = (start = Date.parse('2026-03-02T08:00:00Z')) => {
  let now = start;
  const timers: { every: number; next: number; run: () => void; stopped: boolean }[] = [];
  const clock: UpdateClock = {
    now: () => now,
    every: (ms, run) => {
      const t = { every: ms, next: now + ms, run, stopped: false };
      timers.push(t);
      return () => (t.stopped = true);
    },
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = timers.filter((t) => !t.stopped && t.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      now = due.next;
      due.next += due.every;
      due.run();
    }
    now = end;
  };
  return { clock, advance, timers };
};

const aSyncStatus = (initial: Partial<SyncStatusView> = {}) => {
  let value: SyncStatusView = { state: 'online', pendingLocalChanges: 0, lastSuccessAt: null, lastError: null, initialSync: null, ...initial };
  const listeners = new Set<(v: SyncStatusView) => void>();
  return {
    get: () => value,
    watch: (emit: (v: SyncStatusView) => void) => {
      listeners.add(emit);
      emit(value);
      return () => listeners.delete(emit);
    },
    set: (patch: Partial<SyncStatusView>) => {
      value = { ...value, ...patch };
      for (const l of listeners) l(value);
    },
  };
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('update policy', () => {
  it('takes the feed from the server address, only from one the sign-in accepts', () => {
    expect(feedUrlOf('https://cims.example.com')).toBe('https://cims.example.com/updates/');
    expect(feedUrlOf('https://cims.example.com/base//')).toBe('https://cims.example.com/base/updates/');
    expect(feedUrlOf('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787/updates/');
    expect(feedUrlOf('http://cims.example.com')).toBeNull();
    expect(feedUrlOf(null)).toBeNull();
  });

  it('blocks installing only while the replication is active with changes waiting', () => {
    expect(installBlock({ state: 'syncing', pendingLocalChanges: 2 })).toBe('PUSH_IN_FLIGHT');
    expect(installBlock({ state: 'connecting', pendingLocalChanges: 1 })).toBe('PUSH_IN_FLIGHT');
    expect(installBlock({ state: 'syncing', pendingLocalChanges: 0 })).toBeNull();
    // Offline or signed out, pending changes wait on disk: nothing is on the wire.
    expect(installBlock({ state: 'offline', pendingLocalChanges: 5 })).toBeNull();
    expect(installBlock({ state: 'online', pendingLocalChanges: 0 })).toBeNull();
  });

  it('walks checking -> downloading -> ready, and a ready update survives later failures', () => {
    const events: UpdaterEvent[] = [{ type: 'checking' }, { type: 'available', version: '2.1.0' }, { type: 'progress', percent: 42.4 }, { type: 'progress', percent: 140 }, { type: 'downloaded', version: '2.1.0' }, { type: 'checking' }, { type: 'error', message: 'offline' }];
    const states = events.reduce((acc, e) => [...acc, nextUpdateStatus(acc.at(-1)!, e)], [initialUpdateStatus]);
    expect(states.map((s) => [s.state, s.version, s.progress])).toEqual([
      ['idle', null, null],
      ['checking', null, null],
      ['downloading', '2.1.0', 0],
      ['downloading', '2.1.0', 42],
      ['downloading', '2.1.0', 100],
      ['ready', '2.1.0', null],
      ['ready', '2.1.0', null],
      ['ready', '2.1.0', null],
    ]);
    expect(nextUpdateStatus({ state: 'checking', version: null, progress: null }, { type: 'error', message: 'x' }).state).toBe('error');
    expect(nextUpdateStatus({ state: 'checking', version: null, progress: null }, { type: 'not-available' })).toEqual(initialUpdateStatus);
  });
});

describe('the update service', () => {
  it('checks at start against <server>/updates/ and again every four hours, not in between', async () => {
    const { updater, calls } = anUpdater();
    const { clock, advance } = aClock();
    const service = createUpdateService({ updater, serverUrl: () => 'https://cims.example.com/', syncStatus: aSyncStatus(), clock });
    service.start();
    service.start(); // a second start adds no second timer
    await settle();
    expect(calls.checks).toBe(1);
    expect(calls.feeds).toEqual(['https://cims.example.com/updates/']);
    advance(UPDATE_CHECK_INTERVAL_MS - 1);
    await settle();
    expect(calls.checks).toBe(1);
    advance(1);
    await settle();
    expect(calls.checks).toBe(2);
    for (const _ of [1, 2]) {
      advance(UPDATE_CHECK_INTERVAL_MS);
      await settle();
    }
    expect(calls.checks).toBe(4);
    expect(service.view().lastCheckedAt).toBe(new Date(Date.parse('2026-03-02T08:00:00Z') + 3 * UPDATE_CHECK_INTERVAL_MS).toISOString());
    service.close();
    advance(UPDATE_CHECK_INTERVAL_MS);
    await settle();
    expect(calls.checks).toBe(4);
  });

  it('asks nothing without a server, or where the app cannot update itself', async () => {
    const { updater, calls } = anUpdater();
    let server: string | null = null;
    const service = createUpdateService({ updater, serverUrl: () => server, syncStatus: aSyncStatus(), clock: aClock().clock });
    await service.check();
    expect(calls.checks).toBe(0);
    server = 'http://cims.example.com';
    await service.check();
    expect(calls.checks).toBe(0);
    server = 'https://cims.example.com';
    await service.check();
    expect(calls.checks).toBe(1);

    const none = createUpdateService({ updater: null, serverUrl: () => 'https://cims.example.com', syncStatus: aSyncStatus(), clock: aClock().clock });
    await none.check();
    expect(none.view()).toMatchObject({ supported: false, state: 'idle' });
    await expect(none.install()).rejects.toMatchObject({ code: 'NO_UPDATE_READY' });
  });

  it('downloads in the background, shows progress live, and installs only when ready', async () => {
    const { updater, calls, emit } = anUpdater(() => [{ type: 'checking' }, { type: 'available', version: '2.0.1' }]);
    const service = createUpdateService({ updater, serverUrl: () => 'https://cims.example.com', syncStatus: aSyncStatus(), clock: aClock().clock });
    const seen: UpdateView[] = [];
    service.watch((v) => seen.push(v));
    await service.check();
    expect(service.view()).toMatchObject({ supported: true, state: 'downloading', version: '2.0.1', progress: 0 });
    await expect(service.install()).rejects.toMatchObject({ code: 'NO_UPDATE_READY' });
    emit({ type: 'progress', percent: 57 });
    emit({ type: 'downloaded', version: '2.0.1' });
    expect(seen.map((v) => v.state)).toEqual(['idle', 'checking', 'downloading', 'downloading', 'ready']);
    expect(seen[3]!.progress).toBe(57);
    await service.check(); // a ready update is not looked for again
    expect(calls.checks).toBe(1);
    await expect(service.install()).resolves.toBeNull();
    expect(calls.installs).toBe(1);
  });

  it('refuses "restart to install" while a push is in flight, and says so live', async () => {
    const { updater, calls } = anUpdater(() => [{ type: 'downloaded', version: '2.0.1' }]);
    const sync = aSyncStatus({ state: 'syncing', pendingLocalChanges: 3 });
    const service = createUpdateService({ updater, serverUrl: () => 'https://cims.example.com', syncStatus: sync, clock: aClock().clock });
    const seen: UpdateView[] = [];
    service.watch((v) => seen.push(v));
    await service.check();
    expect(service.view()).toMatchObject({ state: 'ready', installBlockedBy: 'PUSH_IN_FLIGHT' });
    await expect(service.install()).rejects.toMatchObject({ code: 'PUSH_IN_FLIGHT' });
    expect(calls.installs).toBe(0);
    sync.set({ state: 'online', pendingLocalChanges: 0 });
    expect(seen.at(-1)).toMatchObject({ state: 'ready', installBlockedBy: null });
    await service.install();
    expect(calls.installs).toBe(1);
  });

  it('turns a failed check into the error state, logs it, and tries again at the next period', async () => {
    let fail = true;
    const { updater, calls } = anUpdater(() => (fail ? new Error('ECONNREFUSED') : [{ type: 'checking' }, { type: 'not-available' }]));
    const logged: string[] = [];
    const { clock, advance } = aClock();
    const service = createUpdateService({ updater, serverUrl: () => 'https://cims.example.com', syncStatus: aSyncStatus(), clock, log: (m) => logged.push(m) });
    service.start();
    await settle();
    expect(service.view().state).toBe('error');
    expect(logged).toEqual(['update check failed']);
    fail = false;
    advance(UPDATE_CHECK_INTERVAL_MS);
    await settle();
    expect(calls.checks).toBe(2);
    expect(service.view().state).toBe('idle');
    service.close();
  });
});
