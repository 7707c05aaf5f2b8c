// @vitest-environment jsdom
import '../../../testing/setup';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AssetOption, CustomerOption, TicketPreview } from '../../../../../shared/api/intake';
import { fail, ok } from '../../../../../shared/api/result';
import type { CreateTicketInput } from '../../../../../shared/api/tickets';
import { aTicketDetail, aTicketSummary } from '../../../testing/builders';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { NewTicketForm } from './NewTicketForm';

type User = ReturnType<typeof userEvent.setup>;

const mobile: CustomerOption = {
  id: '019a0000-0000-7000-8000-000000000001',
  code: 'CM-SH',
  name: 'China Mobile Shanghai',
  nameZh: '中国移动 上海',
  tier: 'key',
  region: 'cn-east',
  sites: [{ id: '019a0000-0000-7000-8000-000000000002', name: 'Pudong DC', region: 'cn-east', timeZone: 'Asia/Shanghai' }],
  contacts: [{ name: 'Li Wei', phone: '+86 21 5555 0101', email: 'li.wei@example.com' }],
};
const asset: AssetOption = {
  id: '019a0000-0000-7000-8000-000000000003',
  assetCode: 'AS-7781',
  serial: 'SN-7781',
  model: 'OSN-9800',
  productLine: 'transport',
  customerId: mobile.id,
  siteId: mobile.sites[0]!.id,
};
const due = (dueAt: string | null, targetMinutes: number | null, mode: '24x7' | 'business' = '24x7') => ({ dueAt, targetMinutes, mode });
const preview = (over: Partial<TicketPreview> = {}): TicketPreview => ({
  tier: 'key',
  priority: 'P1',
  timeZone: 'Asia/Shanghai',
  due: { firstResponse: due('2026-03-02T01:07:30.000Z', 7.5), restore: due('2026-03-02T05:00:00.000Z', 240), fix: due(null, null) },
  duplicates: [],
  ...over,
});

const transportWith = (handlers: ConstructorParameters<typeof FakeTransport>[0] = {}) =>
  new FakeTransport(handlers, {
    'sync.status': localOnlyStatus,
    'session.current': { user: null, serverUrl: null },
    'intake.customers': [mobile],
    'intake.asset': null,
    'intake.preview': preview(),
    'tickets.byNumber': null,
  });

const pickMobile = async (user: User, keyAccount = 'Key account') => {
  await user.type(screen.getByTestId('ticket-customer'), 'mobile');
  const option = (await screen.findAllByTestId('customer-option'))[0]!;
  expect(within(option).getByText(keyAccount)).toBeTruthy();
  await user.click(option);
};

const shrunk = (testId: string) => screen.getByTestId(testId).closest('.MuiFormControl-root')!.querySelector('label')!.getAttribute('data-shrink');

describe('NewTicketForm', () => {
  it('shows the field messages in English on an empty submit and sends nothing', async () => {
    const user = userEvent.setup();
    const transport = transportWith({ 'tickets.create': () => ok(aTicketSummary()) });
    renderWithApp(<NewTicketForm />, { transport });
    await user.click(screen.getByTestId('ticket-submit'));
    expect(await screen.findByText('Enter a title of at least 3 characters.')).toBeTruthy();
    expect(screen.getByText('Choose the customer.')).toBeTruthy();
    expect(screen.getByText("Enter the contact's name.")).toBeTruthy();
    expect(screen.getByTestId('ticket-title').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('ticket-customer').getAttribute('aria-invalid')).toBe('true');
    expect(transport.calls).toEqual([]);
  });

  it('shows the field messages and the severity definitions in Chinese', async () => {
    const user = userEvent.setup();
    renderWithApp(<NewTicketForm />, { locale: 'zh-CN', transport: transportWith() });
    expect(screen.getByRole('heading', { name: '新建工单' })).toBeTruthy();
    expect(screen.getByTestId('ticket-severity-help').textContent).toBe('产品仍可运行，但运行、管理或维护能力严重下降。需在工作时间内处理。');
    await user.type(screen.getByTestId('ticket-title'), 'ab');
    await user.type(screen.getByTestId('ticket-contact-email'), 'nope');
    await user.click(screen.getByRole('button', { name: '创建工单' }));
    expect(await screen.findByText('标题至少需要 3 个字符。')).toBeTruthy();
    expect(screen.getByText('请选择客户。')).toBeTruthy();
    expect(screen.getByText('请输入联系人姓名。')).toBeTruthy();
    expect(screen.getByText('请输入有效的电子邮件地址。')).toBeTruthy();
  });

  it('creates the ticket from the customer search, site, scanned asset and contact, and shows its live number', async () => {
    const user = userEvent.setup();
    const transport = transportWith({ 'tickets.create': (input) => ok(aTicketSummary({ number: '~7K2Q-0001', provisional: true, title: input.title })) });
    renderWithApp(<NewTicketForm />, { transport });
    await pickMobile(user);
    // One site: chosen; the first contact: filled in, editable.
    await waitFor(() => expect(screen.getByTestId('ticket-site').textContent).toBe('Pudong DC · cn-east'));
    expect((screen.getByTestId('ticket-contact-name') as HTMLInputElement).value).toBe('Li Wei');
    await user.clear(screen.getByTestId('ticket-contact-name'));
    await user.type(screen.getByTestId('ticket-contact-name'), 'Wang Fang');

    // A scanner types the code and Enter: the lookup runs, the form is not submitted.
    await user.type(screen.getByTestId('ticket-asset'), 'AS-7781{Enter}');
    expect(transport.opened).toContainEqual({ name: 'intake.asset', params: { code: 'AS-7781' } });
    act(() => transport.emit('intake.asset', asset));
    await waitFor(() => expect(screen.getByTestId('ticket-asset-help').textContent).toBe('OSN-9800 · serial SN-7781'));
    expect(transport.calls).toEqual([]);

    await user.type(screen.getByTestId('ticket-title'), '  Fibre cut at site 7 ');
    await user.click(screen.getByTestId('ticket-restore-only'));
    await user.type(screen.getByTestId('ticket-description'), 'No signal since 08:00.');
    await user.click(screen.getByTestId('ticket-submit'));

    const sent: CreateTicketInput = {
      title: 'Fibre cut at site 7',
      description: 'No signal since 08:00.',
      severity: 'major',
      type: 'fault',
      channel: 'phone',
      customerId: mobile.id,
      newCustomerName: '',
      siteId: mobile.sites[0]!.id,
      assetId: asset.id,
      contact: { name: 'Wang Fang', phone: '+86 21 5555 0101', email: 'li.wei@example.com' },
      problemReport: false,
    };
    await waitFor(() => expect(transport.calls).toEqual([{ name: 'tickets.create', input: sent }]));
    expect((await screen.findByTestId('ticket-created')).textContent).toContain('Ticket ~7K2Q-0001 created.');
    expect(transport.opened).toContainEqual({ name: 'tickets.byNumber', params: { number: '~7K2Q-0001' } });
    // The ticket synced: the message shows the server's number, as the list does.
    act(() => transport.emit('tickets.byNumber', aTicketDetail({ number: 'T-000123', provisional: false })));
    expect(screen.getByTestId('ticket-created').textContent).toContain('Ticket T-000123 created.');
    expect(screen.getByTestId('ticket-created-link').getAttribute('href')).toBe('/tickets/T-000123');

    // The form is empty again and no label floats above an emptied field.
    expect((screen.getByTestId('ticket-title') as HTMLInputElement).value).toBe('');
    expect((screen.getByTestId('ticket-customer') as HTMLInputElement).value).toBe('');
    expect((screen.getByTestId('ticket-asset') as HTMLInputElement).value).toBe('');
    for (const id of ['ticket-title', 'ticket-description', 'ticket-contact-name', 'ticket-asset']) expect(shrunk(id), id).toBe('false');
  });

  it('shows priority and due times before saving, and offers open duplicates to open instead', async () => {
    const user = userEvent.setup();
    const transport = transportWith();
    renderWithApp(<NewTicketForm />, { transport });
    await pickMobile(user);
    await user.type(screen.getByTestId('ticket-title'), '光缆中断');
    await waitFor(() =>
      expect(transport.opened).toContainEqual({
        name: 'intake.preview',
        params: { customerId: mobile.id, siteId: mobile.sites[0]!.id, assetId: '', severity: 'major', type: 'fault', channel: 'phone', title: '光缆中断' },
      }),
    );
    expect(screen.getByTestId('preview-priority').textContent).toBe('P1');
    const zoned = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'Asia/Shanghai', timeZoneName: 'short' });
    expect(screen.getByTestId('preview-firstResponse').textContent).toBe(`${zoned.format(new Date('2026-03-02T01:07:30.000Z'))} (around the clock)`);
    expect(screen.getByTestId('preview-fix').textContent).toBe('No target');
    expect(screen.queryByTestId('ticket-duplicates')).toBeNull();

    act(() => transport.emit('intake.preview', preview({ duplicates: [aTicketSummary({ number: 'T-000042', title: '东区 光缆中断', status: 'in_progress' })] })));
    const duplicates = within(screen.getByTestId('ticket-duplicates'));
    expect(duplicates.getByText('Possible duplicates')).toBeTruthy();
    expect(duplicates.getByRole('link', { name: 'Open T-000042' }).getAttribute('href')).toBe('/tickets/T-000042');
  });

  it('says in Chinese when the scanned code is unknown, and marks the fields main refused', async () => {
    const user = userEvent.setup();
    const transport = transportWith({
      'tickets.create': () =>
        fail('NOT_FOUND', 'siteId: no such record', [{ path: 'siteId', code: 'not_found', message: 'validation.siteUnknown' }]),
      'assets.noteUnknown': () => ok({ id: 'u1', created: true }),
    });
    renderWithApp(<NewTicketForm />, { transport, locale: 'zh-CN' });
    await pickMobile(user, '关键客户');
    await user.type(screen.getByTestId('ticket-asset'), 'AS-404{Enter}');
    await waitFor(() => expect(screen.getByTestId('ticket-asset-help').textContent).toBe('本机上没有此编码的资产。'));
    // The unknown code can be noted for the asset team, from the form itself.
    await user.click(screen.getByTestId('ticket-asset-note'));
    expect(transport.calls.find((c) => c.name === 'assets.noteUnknown')?.input).toEqual({ code: 'AS-404', source: 'ticket', note: '' });
    expect((await screen.findByTestId('ticket-asset-noted')).textContent).toBe('已记录，资产团队会处理。');
    expect(screen.queryByTestId('ticket-asset-note')).toBeNull();
    await user.type(screen.getByTestId('ticket-title'), 'Fibre cut');
    await user.click(screen.getByTestId('ticket-submit'));
    expect(await screen.findByText('本机上已没有该站点，请重新选择。')).toBeTruthy();
    expect(screen.getByTestId('form-error').textContent).toBe('该记录已不存在。');
    expect((screen.getByTestId('ticket-title') as HTMLInputElement).value).toBe('Fibre cut');
  });

  it('offers a new customer only once the search has answered', async () => {
    const user = userEvent.setup();
    // No customers answer yet: the search stays pending until the test emits one.
    const transport = new FakeTransport({}, { 'sync.status': localOnlyStatus, 'session.current': { user: null, serverUrl: null }, 'intake.asset': null, 'intake.preview': preview() });
    renderWithApp(<NewTicketForm />, { transport });
    await user.type(screen.getByTestId('ticket-customer'), 'CU-0001');
    // The search for this text has not answered: the list says so and offers nothing to pick.
    expect(await screen.findByText('Searching…')).toBeTruthy();
    expect(screen.queryAllByTestId('customer-option')).toEqual([]);
    act(() => transport.emit('intake.customers', [mobile]));
    const options = await screen.findAllByTestId('customer-option');
    expect(options[0]!.textContent).toContain(mobile.name);
  });

  it('records a first-time caller by name when no customer matches', async () => {
    const user = userEvent.setup();
    const transport = transportWith({ 'tickets.create': () => ok(aTicketSummary({ number: '~7K2Q-0002', provisional: true })) });
    renderWithApp(<NewTicketForm />, { transport });
    act(() => transport.emit('intake.customers', []));
    await user.type(screen.getByTestId('ticket-customer'), 'Walk-in Telecom');
    await user.click(await screen.findByRole('option', { name: /New customer: “Walk-in Telecom”/ }));
    await user.type(screen.getByTestId('ticket-contact-name'), 'Chen');
    await user.type(screen.getByTestId('ticket-title'), 'Router down');
    await user.click(screen.getByTestId('ticket-submit'));
    await waitFor(() => expect(transport.calls).toHaveLength(1));
    expect(transport.calls[0]!.input).toMatchObject({ customerId: '', newCustomerName: 'Walk-in Telecom', siteId: '', contact: { name: 'Chen' } });
  });
});
