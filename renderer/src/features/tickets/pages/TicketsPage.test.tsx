// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aQueueRow, aTicketSummary } from '../../../testing/builders';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp, renderWithApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';
import { TicketsPage } from './TicketsPage';

const session = { user: null, serverUrl: null };

describe('TicketsPage', () => {
  it('shows the list under one heading with a way to record a new ticket, in English', async () => {
    const transport = new FakeTransport({}, { 'sync.status': localOnlyStatus, 'session.current': session, 'queue.page': { rows: [aQueueRow({ title: 'Fibre cut' })], total: 1, terms: [], searchCapped: false } });
    renderWithApp(<TicketsPage />, { transport });
    expect(screen.getByRole('heading', { name: 'Tickets', level: 1 })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'New ticket' }).getAttribute('href')).toBe('/tickets/new');
    const list = screen.getByRole('region', { name: /^Recent tickets/ });
    expect(await within(list).findByText('Fibre cut')).toBeTruthy();
  });

  it('opens at #/tickets in Chinese, and a title opens its ticket', async () => {
    const user = userEvent.setup();
    const ticket = aTicketSummary({ number: 'T-000042', title: 'Fibre cut' });
    const transport = new FakeTransport({}, { 'sync.status': localOnlyStatus, 'session.current': session, 'queue.page': { rows: [aQueueRow(ticket)], total: 1, terms: [], searchCapped: false }, 'ticketWork.detail': null });
    const { router } = renderApp('/tickets', { transport, locale: 'zh-CN' });
    expect(await screen.findByRole('heading', { name: '工单', level: 1 }, pageLoad)).toBeTruthy();
    expect(screen.getByTestId('new-ticket-button').textContent).toBe('新建工单');
    await user.click(await screen.findByRole('link', { name: '打开工单 T-000042: Fibre cut' }));
    expect(await screen.findByTestId('ticket-not-found', {}, pageLoad)).toBeTruthy();
    expect(router?.state.location.pathname).toBe('/tickets/T-000042');
    expect(transport.opened).toContainEqual({ name: 'ticketWork.detail', params: { number: 'T-000042' } });
  });
});
