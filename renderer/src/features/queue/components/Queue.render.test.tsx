// @vitest-environment jsdom
import '../../../testing/setup';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type * as GridModule from '@mui/x-data-grid';
import { aQueuePage, aQueueRow, queueSettings } from '../../../testing/builders';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';

/** The real grid, counting its renders. */
const grid = vi.hoisted(() => ({ renders: 0 }));
vi.mock('@mui/x-data-grid', async (importOriginal) => {
  const real = await importOriginal<typeof GridModule>();
  const { createElement } = await import('react');
  const DataGrid = ((props: Parameters<typeof real.DataGrid>[0]) => {
    grid.renders++;
    return createElement(real.DataGrid, props);
  }) as typeof real.DataGrid;
  return { ...real, DataGrid };
});

const options = { teams: [], people: [], customers: [], productLines: [], regions: [] };

describe('Queue renders', () => {
  it('do not render the grid again while a search is typed, nor when its rows arrive (they go through its API)', async () => {
    const rows = [aQueueRow({ id: 'a', number: 'T-000001', title: 'Fan failure' }), aQueueRow({ id: 'b', number: 'T-000002', title: 'LOS on port 11' })];
    const transport = new FakeTransport(
      {},
      { 'queue.page': aQueuePage(rows), 'queue.settings': queueSettings(), 'queue.filterOptions': options, 'session.current': { user: null, serverUrl: null } },
    );
    renderApp('/queue/team', { transport });
    await screen.findByText('LOS on port 11', {}, pageLoad);
    const search = screen.getByTestId('queue-search');
    const before = grid.renders;
    for (const text of ['f', 'fa', 'fan']) fireEvent.change(search, { target: { value: text } });
    await waitFor(() => expect(transport.opened.some((s) => JSON.stringify(s.params).includes('"search":"fan"'))).toBe(true));
    expect(grid.renders).toBe(before);
    act(() => transport.emit('queue.page', aQueuePage(rows.slice(0, 1), { terms: ['fan'] })));
    await waitFor(() => expect(screen.queryByText('LOS on port 11')).toBeNull());
    expect(screen.getByText('T-000001')).toBeTruthy();
    // The footer counts the new page's total, set through the API as well.
    expect(screen.getByText('1–1 of 1')).toBeTruthy();
    expect(grid.renders).toBe(before);
  });
});
