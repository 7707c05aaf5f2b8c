// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../../shared/api/result';
import type { CreateTicketInput } from '../../../../../shared/api/tickets';
import { aTicketSummary } from '../../../testing/builders';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { NewTicketForm } from './NewTicketForm';

type User = ReturnType<typeof userEvent.setup>;

const choose = async (user: User, field: 'severity' | 'type' | 'channel', option: string) => {
  await user.click(screen.getByTestId(`ticket-${field}`));
  await user.click(within(await screen.findByRole('listbox')).getByRole('option', { name: option }));
  await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());
};

describe('NewTicketForm', () => {
  it('shows the field messages in English on an empty submit and sends nothing', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'tickets.create': () => ok(aTicketSummary()) });
    renderWithApp(<NewTicketForm />, { transport });
    await user.click(screen.getByTestId('ticket-submit'));
    expect(await screen.findByText('Enter a title of at least 3 characters.')).toBeTruthy();
    expect(screen.getByText('Enter the customer.')).toBeTruthy();
    expect(screen.getByTestId('ticket-title').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('ticket-customer').getAttribute('aria-invalid')).toBe('true');
    expect(transport.calls).toEqual([]);
  });

  it('shows the field messages in Chinese', async () => {
    const user = userEvent.setup();
    renderWithApp(<NewTicketForm />, { locale: 'zh-CN' });
    expect(screen.getByRole('heading', { name: '新建工单' })).toBeTruthy();
    await user.type(screen.getByTestId('ticket-title'), 'ab');
    await user.click(screen.getByRole('button', { name: '创建工单' }));
    expect(await screen.findByText('标题至少需要 3 个字符。')).toBeTruthy();
    expect(screen.getByText('请输入客户。')).toBeTruthy();
  });

  it('creates the ticket with what was entered, says so, and empties the form', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({
      'tickets.create': (input) => ok(aTicketSummary({ number: '~X', provisional: true, title: input.title })),
    });
    renderWithApp(<NewTicketForm />, { transport });
    await user.type(screen.getByTestId('ticket-title'), '  Fibre cut at site 7 ');
    await user.type(screen.getByTestId('ticket-customer'), 'Shenzhen Metro');
    await choose(user, 'severity', 'Critical');
    await choose(user, 'type', 'Complaint');
    await choose(user, 'channel', 'On site');
    await user.type(screen.getByTestId('ticket-description'), 'No signal since 08:00.');
    await user.click(screen.getByTestId('ticket-submit'));

    expect(await screen.findByText('Ticket ~X created')).toBeTruthy();
    const sent: CreateTicketInput = {
      title: 'Fibre cut at site 7',
      customerName: 'Shenzhen Metro',
      severity: 'critical',
      type: 'complaint',
      channel: 'onsite',
      description: 'No signal since 08:00.',
    };
    expect(transport.calls).toEqual([{ name: 'tickets.create', input: sent }]);
    await waitFor(() => expect((screen.getByTestId('ticket-title') as HTMLInputElement).value).toBe(''));
    expect((screen.getByTestId('ticket-customer') as HTMLInputElement).value).toBe('');
    expect(screen.getByTestId('ticket-severity').textContent).toBe('Major');
  });

  it('says the ticket was created in Chinese', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'tickets.create': () => ok(aTicketSummary({ number: '~Y', provisional: true })) });
    renderWithApp(<NewTicketForm />, { transport, locale: 'zh-CN' });
    await user.type(screen.getByTestId('ticket-title'), 'Fibre cut');
    await user.type(screen.getByTestId('ticket-customer'), 'Shenzhen Metro');
    await user.click(screen.getByTestId('ticket-submit'));
    expect(await screen.findByText('工单 ~Y 已创建')).toBeTruthy();
  });

  it('marks the fields the core rejected, keeps the typed text, and says what to do', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({
      'tickets.create': () =>
        fail('VALIDATION_FAILED', 'invalid', [
          { path: 'title', code: 'too_big', message: 'validation.titleTooLong' },
          { path: 'customerName', code: 'custom', message: 'customer is archived' },
          { path: 'unknownField', code: 'custom', message: 'ignored' },
        ]),
    });
    renderWithApp(<NewTicketForm />, { transport, locale: 'zh-CN' });
    await user.type(screen.getByTestId('ticket-title'), 'Fibre cut');
    await user.type(screen.getByTestId('ticket-customer'), 'Old customer');
    await user.click(screen.getByTestId('ticket-submit'));

    expect(await screen.findByText('标题最多 200 个字符。')).toBeTruthy();
    // A message the core wrote itself is not shown raw: the generic text is.
    expect(screen.getByText('该值无效。')).toBeTruthy();
    expect(screen.queryByText('customer is archived')).toBeNull();
    expect(screen.getByTestId('ticket-title').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('ticket-customer').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('form-error').textContent).toBe('部分字段无效，请更正后重试。');
    expect((screen.getByTestId('ticket-title') as HTMLInputElement).value).toBe('Fibre cut');
  });
});
