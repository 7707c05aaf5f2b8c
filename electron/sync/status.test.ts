import { describe, expect, it } from 'vitest';
import { createSyncStatus } from './status';

describe('createSyncStatus', () => {
  it('starts local-only and notifies subscribers of real changes only', () => {
    const status = createSyncStatus();
    expect(status.get()).toEqual({ state: 'local-only', pendingLocalChanges: 0, lastSuccessAt: null, lastError: null, initialSync: null });
    const seen: string[] = [];
    const off = status.subscribe((s) => seen.push(`${s.state}:${s.pendingLocalChanges}`));
    status.update({ state: 'connecting' });
    status.update({ state: 'connecting' });
    status.update({ pendingLocalChanges: 3 });
    status.update({ initialSync: { collection: 'tickets', done: 10 } });
    status.update({ initialSync: { collection: 'tickets', done: 10 } });
    off();
    status.update({ state: 'online' });
    expect(seen).toEqual(['connecting:0', 'connecting:3', 'connecting:3']);
    expect(status.get().state).toBe('online');
  });

  it('a throwing listener does not stop the others; snapshots are frozen', () => {
    const status = createSyncStatus({ state: 'signed-out' });
    let got = 0;
    status.subscribe(() => {
      throw new Error('boom');
    });
    status.subscribe(() => got++);
    status.update({ lastError: { code: 'NETWORK', message: 'down' } });
    expect(got).toBe(1);
    expect(Object.isFrozen(status.get())).toBe(true);
  });
});
