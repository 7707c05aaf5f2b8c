// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { TicketWorkDetail, TimelineEntry } from '../../../../../shared/api/ticketWork';
import { ok } from '../../../../../shared/api/result';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';
import { aWorkDetail, anEntry } from '../components/detail/builders';

const session = { user: null, serverUrl: null };
const change = { ticketId: 'ticket-1', before: {}, after: {}, eventIds: ['e'] };
const transportFor = (ticket: TicketWorkDetail | null, rows: TimelineEntry[] = []) =>
  new FakeTransport(
    { 'ticketWork.reply': () => ok(change), 'ticketWork.note': () => ok(change) },
    { 'sync.status': localOnlyStatus, 'session.current': session, 'ticketWork.detail': ticket, 'ticketWork.timeline': { rows, total: rows.length }, 'ticketWork.assignees': [] },
  );

afterEach(() => localStorage.clear());

describe('TicketPage', () => {
  it('shows the header, clocks with their pause, read-only hints and the timeline in English', async () => {
    const paused = aWorkDetail({
      provisional: true,
      number: '~7K2Q-0042',
      status: 'pending',
      pendingReason: 'parts',
      sla: { ...aWorkDetail().sla, restore: { ...aWorkDetail().sla.restore, paused: true }, paused: true },
    });
    const rows = [
      anEntry({ kind: 'field_conflict', field: 'title', keptValue: 'Fibre cut', lostValue: 'Fiber cut', lostAuthorId: 'user-3', names: { 'user-3': 'Li Si' } }),
      anEntry({ kind: 'sla_pause', pendingReason: 'parts' }),
      anEntry({ kind: 'status_change', from: 'in_progress', to: 'pending', pendingReason: 'parts' }),
      anEntry({ kind: 'note', body: 'Board ordered', mine: true }),
    ];
    const transport = transportFor(paused, rows);
    renderApp('/tickets/~7K2Q-0042', { transport });
    const page = await screen.findByTestId('ticket-detail', {}, pageLoad);
    expect(transport.opened).toContainEqual({ name: 'ticketWork.detail', params: { number: '~7K2Q-0042' } });
    expect(within(page).getByRole('heading', { level: 1 }).textContent).toBe('~7K2Q-0042 · Fibre cut at site 7');
    expect(screen.getByTestId('ticket-provisional').textContent).toBe('Provisional');
    expect(screen.getByTestId('ticket-status').textContent).toBe('Pending · Waiting for parts');
    expect(screen.getByTestId('ticket-tier').textContent).toBe('Key account');
    expect(screen.getByTestId('sla-restore').getAttribute('data-paused')).toBe('true');
    expect(screen.getByTestId('sla-restore').textContent).toMatch(/^Restore: Paused · [23]:[0-5]\d:[0-5]\d left$/);
    expect(screen.getByTestId('sla-firstResponse').textContent).toBe('First response: Met');
    expect(screen.getByTestId('sla-paused').textContent).toBe('Paused');
    expect(screen.getByTestId('readonly-severity').getAttribute('aria-label')).toBe('Your role cannot change this field');
    expect(screen.queryByTestId('readonly-title')).toBeNull();
    const timeline = await screen.findByTestId('timeline');
    await waitFor(() => expect(within(timeline).getByText('Your value “Fiber cut” of title was replaced by “Fibre cut” from Li Si')).toBeTruthy());
    expect(within(timeline).getByText('SLA clocks paused')).toBeTruthy();
    expect(within(timeline).getByText('changed the status from In progress to Pending (Waiting for parts)')).toBeTruthy();
    expect(within(timeline).getByText('Board ordered')).toBeTruthy();
    expect(within(timeline).getByText('You')).toBeTruthy();
    expect(screen.getByTestId('link-customer').getAttribute('href')).toBe('/customers/customer-1');
    expect(screen.getByTestId('link-asset').getAttribute('href')).toBe('/assets/OTN-0007');
  });

  it('says in Chinese when the ticket is not here and offers the queue', async () => {
    renderApp('/tickets/T-999999', { transport: transportFor(null), locale: 'zh-CN' });
    const missing = await screen.findByTestId('ticket-not-found', {}, pageLoad);
    expect(missing.textContent).toContain('本机上没有工单 T-999999。它可能属于其他团队、已被删除，或尚未同步。');
    expect(within(missing).getByRole('link', { name: '打开队列' }).getAttribute('href')).toBe('/queue');
  });

  it('shows a load error in the user’s language', async () => {
    const transport = new FakeTransport({}, { 'sync.status': localOnlyStatus, 'session.current': session });
    renderApp('/tickets/T-000123', { transport, locale: 'zh-CN' });
    await waitFor(() => expect(transport.openCount('ticketWork.detail')).toBe(1), pageLoad);
    transport.emitError('ticketWork.detail', { code: 'STORAGE_FAILED', message: 'disk' });
    expect((await screen.findByTestId('ticket-error')).textContent).toContain('无法在本机保存');
  });

  it('keeps public reply and internal note apart: colours, labels, a confirmation on switch, and the draft', async () => {
    const user = userEvent.setup();
    const transport = transportFor(aWorkDetail());
    const view = renderApp('/tickets/T-000123', { transport });
    const composer = await screen.findByTestId('composer', {}, pageLoad);
    expect(composer.getAttribute('data-mode')).toBe('note');
    expect(screen.getByTestId('composer-hint').textContent).toBe('Only staff see this note.');
    await user.click(screen.getByTestId('composer-send'));
    expect(await screen.findByText('Write something first.')).toBeTruthy();
    expect(transport.calls).toEqual([]);

    await user.type(screen.getByTestId('composer-text'), 'We replace the board at 14:00.');
    expect(JSON.parse(localStorage.getItem('cims.ticketDraft.ticket-1')!)).toEqual({ mode: 'note', text: 'We replace the board at 14:00.' });
    await user.click(screen.getByTestId('composer-mode-reply'));
    const ask = await screen.findByRole('dialog');
    expect(within(ask).getByText('Switch to Public reply?')).toBeTruthy();
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(composer.getAttribute('data-mode')).toBe('note');
    await user.click(screen.getByTestId('composer-mode-reply'));
    await user.click(await screen.findByTestId('composer-switch-confirm'));
    await waitFor(() => expect(composer.getAttribute('data-mode')).toBe('reply'));
    expect(screen.getByTestId('composer-hint').textContent).toBe('The customer will see this reply.');
    expect(screen.getByTestId('composer-send').textContent).toBe('Send reply to customer');

    // The draft survives leaving the page.
    view.unmount();
    renderApp('/tickets/T-000123', { transport });
    await screen.findByTestId('composer', {}, pageLoad);
    expect((screen.getByTestId('composer-text') as HTMLTextAreaElement).value).toBe('We replace the board at 14:00.');
    expect(screen.getByTestId('composer').getAttribute('data-mode')).toBe('reply');
    await user.click(screen.getByTestId('composer-send'));
    await waitFor(() => expect(transport.calls).toEqual([{ name: 'ticketWork.reply', input: { ticketId: 'ticket-1', body: 'We replace the board at 14:00.' } }]));
    await waitFor(() => expect((screen.getByTestId('composer-text') as HTMLTextAreaElement).value).toBe(''));
    expect(localStorage.getItem('cims.ticketDraft.ticket-1')).toBeNull();
  });

  it('opens the dialogs from the keyboard', async () => {
    const user = userEvent.setup();
    renderApp('/tickets/T-000123', { transport: transportFor(aWorkDetail()), locale: 'zh-CN' });
    await screen.findByTestId('ticket-detail', {}, pageLoad);
    await user.keyboard('s');
    expect(await screen.findByRole('heading', { name: '更改状态' })).toBeTruthy();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await user.keyboard('r');
    expect(document.activeElement).toBe(screen.getByTestId('composer-text'));
  });
});
