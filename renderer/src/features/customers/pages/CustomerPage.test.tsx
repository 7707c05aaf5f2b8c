// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../../../shared/api/result';
import { aUser, signedIn } from '../../../testing/builders';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';
import { anAccount } from '../testing/builders';
import { toLocalInput } from '../components/contactForm';

const transportWith = () =>
  new FakeTransport(
    { 'customers.logContact': () => ok({ id: 'log-1' }) },
    { 'sync.status': localOnlyStatus, 'session.current': signedIn(aUser({ roles: ['manager'] })), 'customers.account': anAccount() },
  );

const openForm = async (locale: 'en' | 'zh-CN') => {
  const transport = transportWith();
  renderApp('/customers/CU-0001', { transport, locale });
  const user = userEvent.setup();
  await user.click(await screen.findByTestId('contact-add', {}, pageLoad));
  return { transport, user };
};

describe('CustomerPage: the account and its contact form', () => {
  it('shows the account with its tier, manager, overdue cadence and open tickets', async () => {
    renderApp('/customers/CU-0001', { transport: transportWith() });
    expect((await screen.findByTestId('account-name', {}, pageLoad)).textContent).toBe('Shenzhen Metro');
    expect(screen.getByText('Key account')).toBeTruthy();
    expect(screen.getByTestId('account-manager').textContent).toBe('Account manager: Mia Wang');
    expect(screen.getByTestId('account-cadence').textContent).toBe('Overdue by 3 days');
    expect(screen.getByText('Depot switch down')).toBeTruthy();
    expect(screen.getByText('12 assets')).toBeTruthy();
  });

  it('refuses an empty summary and a time ahead, in English, and sends nothing', async () => {
    const { transport, user } = await openForm('en');
    const at = screen.getByTestId('contact-at');
    await user.clear(at);
    await user.type(at, toLocalInput(Date.now() + 3 * 86_400_000));
    await user.click(screen.getByTestId('contact-submit'));
    expect(await screen.findByText('Say what was discussed.')).toBeTruthy();
    expect(screen.getByText('A contact cannot be logged ahead of time.')).toBeTruthy();
    expect(transport.calls).toEqual([]);
  });

  it('says the same in Chinese', async () => {
    const { transport, user } = await openForm('zh-CN');
    await user.type(screen.getByTestId('contact-summary'), '   ');
    await user.click(screen.getByTestId('contact-submit'));
    expect(await screen.findByText('请填写沟通内容。')).toBeTruthy();
    expect(screen.getByText('记录与 Shenzhen Metro 的联系')).toBeTruthy();
    expect(transport.calls).toEqual([]);
  });

  it('logs a valid contact with the time as an instant', async () => {
    const { transport, user } = await openForm('en');
    const at = screen.getByTestId('contact-at');
    await user.clear(at);
    await user.type(at, '2026-11-02T09:30');
    await user.type(screen.getByTestId('contact-summary'), 'Weekly call 周例会');
    await user.click(screen.getByTestId('contact-submit'));
    await waitFor(() => expect(transport.calls).toHaveLength(1));
    expect(transport.calls[0]).toEqual({
      name: 'customers.logContact',
      input: { customerId: anAccount().id, channel: 'visit', contactName: 'Li Wei', at: new Date('2026-11-02T09:30').toISOString(), summary: 'Weekly call 周例会', nextStep: '' },
    });
    await waitFor(() => expect(screen.queryByTestId('contact-form')).toBeNull());
  });
});
