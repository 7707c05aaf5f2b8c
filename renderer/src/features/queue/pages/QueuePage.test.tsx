// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aTicketSummary } from '../../../testing/builders';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';

const session = { user: null, serverUrl: null };

describe('QueuePage', () => {
  it('asks main for the view, sorted by SLA due, and shows the total and the rows, in English', async () => {
    const rows = [aTicketSummary({ id: 'a', number: 'T-000001', title: 'Fan alarm' }), aTicketSummary({ id: 'b', number: 'T-000002', title: 'LOS on port 11' })];
    const transport = new FakeTransport({}, { 'tickets.page': { rows, total: 120 }, 'session.current': session });
    renderApp('/queue/unassigned', { transport });
    expect(await screen.findByRole('heading', { name: 'Unassigned', level: 1 }, pageLoad)).toBeTruthy();
    expect((await screen.findByTestId('queue-total')).textContent).toBe('120 tickets');
    expect(await screen.findByText('Fan alarm')).toBeTruthy();
    expect(transport.opened.find((s) => s.name === 'tickets.page')?.params).toEqual({
      offset: 0,
      limit: 50,
      sort: { field: 'slaDueAt', direction: 'asc' },
      filter: { view: 'unassigned' },
    });
  });

  it('says the queue is empty in Chinese', async () => {
    const transport = new FakeTransport({}, { 'tickets.page': { rows: [], total: 0 }, 'session.current': session });
    renderApp('/queue/mine', { transport, locale: 'zh-CN' });
    expect(await screen.findByRole('heading', { name: '我的未结工单', level: 1 }, pageLoad)).toBeTruthy();
    expect(await screen.findByText('没有分派给您的未结工单。可以从团队队列中领取工单。')).toBeTruthy();
    expect((await screen.findByTestId('queue-total')).textContent).toBe('0 张工单');
  });

  it('sends an unknown view to the team queue', async () => {
    const transport = new FakeTransport({}, { 'tickets.page': { rows: [], total: 0 }, 'session.current': session });
    const { router } = renderApp('/queue/everything', { transport });
    await waitFor(() => expect(router?.state.location.pathname).toBe('/queue/team'), pageLoad);
  });
});
