// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aUser, signedIn } from '../../../testing/builders';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';
import { aDirectory, aDirectoryRow } from '../testing/builders';

const overdue = aDirectoryRow();
const onTime = aDirectoryRow({ id: '019b0000-0000-7000-8000-000000000002', code: 'CU-0002', name: 'Pearl Power', nameZh: '珠江电力', tier: 'general', cadence: { targetDays: 90, lastContactAt: '2026-11-01T02:00:00.000Z', dueOn: '2027-01-30', overdueDays: 0, overdue: false, never: false } });

const transportWith = () =>
  new FakeTransport({}, { 'sync.status': localOnlyStatus, 'session.current': signedIn(aUser({ roles: ['manager'] })), 'customers.directory': aDirectory([overdue, onTime], [overdue]) });

describe('CustomersPage: the directory', () => {
  it('lists the manager’s overdue key account above the directory, in Chinese', async () => {
    renderApp('/customers', { transport: transportWith(), locale: 'zh-CN' });
    const mine = await screen.findByTestId('my-overdue', {}, pageLoad);
    expect(within(mine).getByText('我负责的联系逾期客户')).toBeTruthy();
    expect(within(mine).getByText('CU-0001 · 深圳地铁')).toBeTruthy();
    expect(within(mine).getByText('逾期 3 天')).toBeTruthy();
    expect(screen.getByTestId('customers-count').textContent).toBe('2 个客户');
  });

  it('asks for the filter and search the user picks', async () => {
    const transport = transportWith();
    renderApp('/customers', { transport });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('customers-show-myOverdue', {}, pageLoad));
    await user.type(screen.getByTestId('customers-search'), '地铁');
    const asked = transport.opened.filter((o) => o.name === 'customers.directory').map((o) => o.params);
    expect(asked.at(-1)).toEqual({ search: '地铁', show: 'myOverdue', offset: 0, limit: 25 });
    expect(screen.getAllByTestId('customer-row').map((r) => r.getAttribute('data-overdue'))).toEqual(['true', 'false']);
  });
});
