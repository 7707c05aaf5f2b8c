// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CustomerRow } from '../../../../../shared/api/admin';
import type { CustomerFormInput } from '../../../../../shared/domain/customerForm';
import { fail, ok, type Result } from '../../../../../shared/api/result';
import { aUser, signedIn } from '../../../testing/builders';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';

const row: CustomerRow = { id: 'c1', code: 'C-001', name: 'Shenzhen Metro', nameZh: '深圳地铁', tier: 'key', region: 'cn-south', timeZone: 'Asia/Shanghai', contacts: 1, sites: 1, active: true };
const stored: CustomerFormInput = {
  code: 'C-001',
  name: 'Shenzhen Metro',
  nameZh: '深圳地铁',
  tier: 'key',
  region: 'cn-south',
  timeZone: 'Asia/Shanghai',
  active: true,
  contacts: [{ name: 'Li Lei', phone: '', email: 'li@example.com' }],
  sites: [{ id: 's1', name: 'Futian depot', region: 'cn-south', timeZone: 'Asia/Shanghai', address: 'Futian' }],
};

const openPage = async (save: (input: { id: string | null; customer: CustomerFormInput }) => Result<{ id: string }>, locale: 'en' | 'zh-CN' = 'en') => {
  const transport = new FakeTransport(
    { 'admin.customers.get': () => ok(stored), 'admin.customers.save': (input) => save(input as { id: string | null; customer: CustomerFormInput }) },
    {
      'sync.status': localOnlyStatus,
      'session.current': signedIn(aUser({ roles: ['admin'] })),
      'admin.customers.page': { rows: [row], total: 1 },
    },
  );
  renderApp('/admin/customers', { transport, locale });
  await screen.findByTestId('customer-add', {}, pageLoad);
  return { transport, user: userEvent.setup() };
};
const saves = (transport: FakeTransport) => transport.calls.filter((c) => c.name === 'admin.customers.save');

describe('the customer form', () => {
  it('refuses an empty account, a contact without a name and a bad email in Chinese, and sends nothing', async () => {
    const { transport, user } = await openPage(() => ok({ id: 'new' }), 'zh-CN');
    await user.click(screen.getByTestId('customer-add'));
    expect(screen.getByRole('dialog', { name: '新建客户' })).toBeTruthy();
    // The organisation's zone is offered for a new account.
    expect((screen.getByTestId('customer-zone') as HTMLInputElement).value).toBe('Asia/Shanghai');
    await user.clear(screen.getByTestId('customer-zone'));
    await user.type(screen.getByTestId('customer-zone'), 'Mars/Base');
    await user.click(screen.getByTestId('customer-add-contact'));
    await user.type(screen.getByTestId('customer-contact-0-email'), 'not-an-address');
    await user.click(screen.getByTestId('customer-submit'));
    expect(await screen.findByText('请输入客户编码。')).toBeTruthy();
    expect(screen.getByText('请输入客户名称。')).toBeTruthy();
    expect(screen.getByText('请输入区域。')).toBeTruthy();
    expect(screen.getByText('请输入时区，例如 Asia/Shanghai。')).toBeTruthy();
    expect(screen.getByText('请输入联系人姓名。')).toBeTruthy();
    expect(screen.getByText('请输入电子邮件地址，例如 name@example.com。')).toBeTruthy();
    expect(saves(transport)).toEqual([]);
  });

  it('creates an account with a contact and a site, then closes', async () => {
    const { transport, user } = await openPage(() => ok({ id: 'new' }));
    await user.click(screen.getByTestId('customer-add'));
    await user.type(screen.getByTestId('customer-code'), 'C-002');
    await user.type(screen.getByTestId('customer-name'), 'Guangzhou Power');
    await user.type(screen.getByTestId('customer-name-zh'), '广州供电');
    await user.selectOptions(screen.getByTestId('customer-tier'), 'general');
    await user.type(screen.getByTestId('customer-region'), 'cn-south');
    await user.click(screen.getByTestId('customer-add-contact'));
    await user.type(screen.getByTestId('customer-contact-0-name'), 'Chen Jing');
    await user.type(screen.getByTestId('customer-contact-0-phone'), '+86 20 5555 0199');
    await user.click(screen.getByTestId('customer-add-site'));
    await user.type(screen.getByTestId('customer-site-0-name'), 'Tianhe substation');
    await user.type(screen.getByTestId('customer-site-0-region'), 'cn-south');
    await user.click(screen.getByTestId('customer-submit'));
    await waitFor(() => expect(saves(transport)).toHaveLength(1));
    expect(saves(transport)[0]!.input).toEqual({
      id: null,
      customer: {
        code: 'C-002',
        name: 'Guangzhou Power',
        nameZh: '广州供电',
        tier: 'general',
        region: 'cn-south',
        timeZone: 'Asia/Shanghai',
        active: true,
        contacts: [{ name: 'Chen Jing', phone: '+86 20 5555 0199', email: '' }],
        sites: [{ id: '', name: 'Tianhe substation', region: 'cn-south', timeZone: 'Asia/Shanghai', address: '' }],
      },
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('Customer C-002 created')).toBeTruthy();
  });

  it('edits a stored account: main’s refusals land on the code field and above the sites, and the dialog stays open', async () => {
    const answers = [
      fail('VALIDATION_FAILED', 'code taken', [{ path: 'code', code: 'duplicate', message: 'validation.customerCodeTaken' }]),
      fail('VALIDATION_FAILED', 'assets at a removed site', [{ path: 'sites', code: 'in_use', message: 'validation.siteInUse' }]),
    ];
    const { transport, user } = await openPage(() => answers.shift() ?? ok({ id: 'c1' }));
    await user.click(screen.getByTestId('customer-edit'));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Shenzhen Metro' });
    await waitFor(() => expect((within(dialog).getByTestId('customer-code') as HTMLInputElement).value).toBe('C-001'));
    expect((screen.getByTestId('customer-site-0-name') as HTMLInputElement).value).toBe('Futian depot');
    await user.clear(screen.getByTestId('customer-code'));
    await user.type(screen.getByTestId('customer-code'), 'C-009');
    await user.click(screen.getByTestId('customer-submit'));
    expect(await screen.findByText('Another customer has this code.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Remove site 1' }));
    await user.click(screen.getByTestId('customer-submit'));
    expect((await screen.findByTestId('customer-sites-error')).textContent).toBe('Assets still stand at a site you removed: move them to another site first.');
    expect(saves(transport).map((c) => (c.input as { id: string }).id)).toEqual(['c1', 'c1']);
    expect((saves(transport)[1]!.input as { customer: CustomerFormInput }).customer.sites).toEqual([]);
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});
