// @vitest-environment jsdom
import { act, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { FakeTransport, localOnlyStatus } from '../testing/fake-transport';
import { renderWithApp } from '../testing/render';
import { LiveStore, liveKey } from './live-store';
import { useLiveQuery } from './useLiveQuery';

const Status = ({ id }: { id: string }) => {
  const { data } = useLiveQuery('sync.status', {});
  return <span data-testid={id}>{data?.state ?? 'loading'}</span>;
};

describe('live-query store', () => {
  it('gives three components on sync.status one subscription, and updates all three', async () => {
    const { transport } = renderWithApp(
      <>
        <Status id="a" />
        <Status id="b" />
        <Status id="c" />
      </>,
    );
    await waitFor(() => expect(screen.getByTestId('c').textContent).toBe('local-only'));
    expect(transport.opened.filter((s) => s.name === 'sync.status')).toHaveLength(1);
    expect(transport.openCount('sync.status')).toBe(1);

    act(() => transport.emit('sync.status', { ...localOnlyStatus, state: 'online' }));
    for (const id of ['a', 'b', 'c']) expect(screen.getByTestId(id).textContent).toBe('online');
  });

  it('drops the subscription once the last reader has gone', async () => {
    vi.useFakeTimers();
    try {
      const transport = new FakeTransport();
      const store = new LiveStore(transport, 1_000);
      const stopA = store.subscribe('sync.status', {}, () => {});
      const stopB = store.subscribe('sync.status', {}, () => {});
      expect(transport.openCount('sync.status')).toBe(1);
      stopA();
      stopB();
      // A reader coming back within the grace period reuses the subscription.
      const stopC = store.subscribe('sync.status', {}, () => {});
      vi.advanceTimersByTime(2_000);
      expect(transport.openCount('sync.status')).toBe(1);
      stopC();
      vi.advanceTimersByTime(999);
      expect(transport.openCount('sync.status')).toBe(1);
      vi.advanceTimersByTime(1);
      expect(transport.openCount('sync.status')).toBe(0);
      expect(store.openSubscriptions).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps one subscription per distinct parameters, whatever the order of their fields', () => {
    expect(liveKey('tickets.page', { offset: 0, limit: 50 })).toBe(liveKey('tickets.page', { limit: 50, offset: 0 }));
    const transport = new FakeTransport();
    const store = new LiveStore(transport);
    store.subscribe('tickets.list', { limit: 10 }, () => {});
    store.subscribe('tickets.list', { limit: 10 }, () => {});
    store.subscribe('tickets.list', { limit: 20 }, () => {});
    expect(transport.openCount('tickets.list')).toBe(2);
  });

  it('keeps the last good result when an update fails, and reports the error', async () => {
    const Probe = () => {
      const { data, error } = useLiveQuery('sync.status', {});
      return (
        <span data-testid="probe">
          {data?.state}/{error?.code ?? 'none'}
        </span>
      );
    };
    const { transport } = renderWithApp(<Probe />);
    await waitFor(() => expect(screen.getByTestId('probe').textContent).toBe('local-only/none'));
    act(() => transport.emitError('sync.status', { code: 'STORAGE_FAILED', message: 'disk full' }));
    expect(screen.getByTestId('probe').textContent).toBe('local-only/STORAGE_FAILED');
  });

  it('follows a component that changes its parameters', async () => {
    const Switcher = () => {
      const [limit, setLimit] = useState(5);
      const { data } = useLiveQuery('tickets.list', { limit });
      return (
        <button type="button" onClick={() => setLimit(7)}>
          {limit}:{data?.length ?? '-'}
        </button>
      );
    };
    const transport = new FakeTransport({}, { 'tickets.list': [] });
    renderWithApp(<Switcher />, { transport });
    await waitFor(() => expect(screen.getByRole('button').textContent).toBe('5:0'));
    act(() => screen.getByRole('button').click());
    await waitFor(() => expect(transport.opened.map((s) => s.params)).toContainEqual({ limit: 7 }));
  });
});
