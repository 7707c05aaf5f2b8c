// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AdminUser } from '../../../../../shared/api/admin';
import { fail, ok } from '../../../../../shared/api/result';
import { aUser, signedIn } from '../../../testing/builders';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';
import { aPerson, aTeam } from '../testing/builders';

const boss = aPerson({
  id: 'p-boss',
  username: 'boss',
  displayName: 'Bo Boss',
  roles: ['manager'],
  title: 'service_manager',
  teamId: null,
  teamName: null,
});
const tina = aPerson({ managerId: 'p-boss', managerName: 'Bo Boss' });
const lee = aPerson({
  id: 'p-lee',
  username: 'lee',
  displayName: 'Lee Lead',
  managerId: 'p-tina',
  managerName: 'Tina Tech',
});
const adminUser: AdminUser = {
  id: 'p-new',
  username: 'nina',
  displayName: 'Nina',
  roles: ['technician'],
  teamId: 't-east',
  active: true,
  mustChangePassword: false,
};

const adminTransport = (handlers: ConstructorParameters<typeof FakeTransport>[0] = {}) =>
  new FakeTransport(handlers, {
    'sync.status': localOnlyStatus,
    'session.current': signedIn(aUser({ roles: ['admin'] })),
    'admin.people': [boss, lee, tina],
    'admin.teams': [aTeam()],
  });

describe('PeoplePage', () => {
  it('lists people with roles, team and manager, and draws the manager chain', async () => {
    renderApp('/admin/people', { transport: adminTransport() });
    expect(await screen.findByText('People: 3', {}, pageLoad)).toBeTruthy();
    const row = screen.getAllByTestId('person-row').find((r) => r.dataset.username === 'tina')!;
    expect(within(row).getByText('Technician')).toBeTruthy();
    expect(within(row).getByText('Field East')).toBeTruthy();
    expect(within(row).getByText('Bo Boss')).toBeTruthy();
    const nodes = within(screen.getByTestId('manager-tree')).getAllByTestId('chain-node');
    expect(
      nodes.map((n) => [n.dataset.depth, n.textContent?.split('Staff')[0]?.split('Service')[0]]),
    ).toEqual([
      ['0', 'Bo Boss'],
      ['1', 'Tina Tech'],
      ['2', 'Lee Lead'],
    ]);
    expect(screen.getByTestId('nav-admin-people')).toBeTruthy();
  });

  it('tells a non-admin the screen is for administrators and hides it from the navigation', async () => {
    const transport = new FakeTransport(
      {},
      { 'sync.status': localOnlyStatus, 'session.current': signedIn(aUser({ roles: ['manager'] })) },
    );
    renderApp('/admin/people', { transport, locale: 'zh-CN' });
    expect(
      await screen.findByText('只有管理员可以打开此页面。如需更改，请联系管理员。', {}, pageLoad),
    ).toBeTruthy();
    expect(screen.queryByTestId('nav-admin-people')).toBeNull();
    expect(transport.opened.map((o) => o.name)).not.toContain('admin.people');
  });

  it('shows the field messages in English on an empty new person and sends nothing', async () => {
    const user = userEvent.setup();
    const transport = adminTransport();
    renderApp('/admin/people', { transport });
    await user.click(await screen.findByTestId('person-add', {}, pageLoad));
    await user.clear(screen.getByTestId('person-region'));
    await user.click(screen.getByTestId('person-submit'));
    expect(
      await screen.findByText(
        'Use 2 to 40 lowercase letters, digits, dots, dashes or underscores, starting with a letter.',
      ),
    ).toBeTruthy();
    expect(screen.getByText('The password needs at least 8 characters.')).toBeTruthy();
    expect(screen.getByText('Enter the full name.')).toBeTruthy();
    expect(screen.getByText('Choose at least one role.')).toBeTruthy();
    expect(screen.getByText('Enter the region.')).toBeTruthy();
    expect(transport.calls).toEqual([]);
  });

  it('shows the field messages in Chinese', async () => {
    const user = userEvent.setup();
    const transport = adminTransport();
    renderApp('/admin/people', { transport, locale: 'zh-CN' });
    await user.click(await screen.findByTestId('person-add', {}, pageLoad));
    await user.type(screen.getByTestId('person-username'), '9x');
    await user.type(screen.getByTestId('person-password'), 'short');
    await user.click(screen.getByTestId('person-submit'));
    expect(
      await screen.findByText('请使用 2 到 40 个小写字母、数字、点、短横线或下划线，并以字母开头。'),
    ).toBeTruthy();
    expect(screen.getByText('密码至少需要 8 个字符。')).toBeTruthy();
    expect(screen.getByText('请至少选择一个角色。')).toBeTruthy();
    expect(transport.calls).toEqual([]);
  });

  it('creates a person with what was entered and says who can now sign in', async () => {
    const user = userEvent.setup();
    const transport = adminTransport({ 'admin.people.create': () => ok(adminUser) });
    renderApp('/admin/people', { transport });
    await user.click(await screen.findByTestId('person-add', {}, pageLoad));
    await user.type(screen.getByTestId('person-username'), 'Nina');
    await user.type(screen.getByTestId('person-password'), 'first password');
    await user.type(screen.getByTestId('person-display-name'), 'Nina');
    await user.click(screen.getByTestId('person-role-technician'));
    await user.selectOptions(screen.getByTestId('person-team'), 't-east');
    await user.selectOptions(screen.getByTestId('person-manager'), 'p-boss');
    await user.click(screen.getByTestId('person-submit'));
    expect(await screen.findByText('Nina can now sign in')).toBeTruthy();
    expect(transport.calls).toEqual([
      {
        name: 'admin.people.create',
        input: {
          username: 'nina',
          password: 'first password',
          displayName: 'Nina',
          roles: ['technician'],
          title: 'staff',
          teamId: 't-east',
          managerId: 'p-boss',
          region: 'CN-East',
        },
      },
    ]);
  });

  it('refuses a manager who would manage themself, in both languages, without sending', async () => {
    for (const [locale, text] of [
      [
        'en',
        'This manager reports to this person, directly or through others: a person cannot manage themself.',
      ],
      ['zh-CN', '该上级直接或间接向此人汇报：任何人都不能管理自己。'],
    ] as const) {
      const user = userEvent.setup();
      const transport = adminTransport();
      const view = renderApp('/admin/people', { transport, locale });
      const row = (await screen.findAllByTestId('person-row', {}, pageLoad)).find(
        (r) => r.dataset.username === 'boss',
      )!;
      await user.click(within(row).getByTestId('person-edit'));
      await user.selectOptions(screen.getByTestId('person-manager'), 'p-lee');
      await user.click(screen.getByTestId('person-submit'));
      expect(await screen.findByText(text)).toBeTruthy();
      expect(transport.calls).toEqual([]);
      view.unmount();
    }
  });

  it('shows the server’s refusal at the field it names', async () => {
    const user = userEvent.setup();
    const transport = adminTransport({
      'admin.people.update': () =>
        fail('VALIDATION_FAILED', 'No team', [{ path: 'teamId', code: 'server', message: 'No team t-east' }]),
    });
    renderApp('/admin/people', { transport });
    const row = (await screen.findAllByTestId('person-row', {}, pageLoad)).find(
      (r) => r.dataset.username === 'tina',
    )!;
    await user.click(within(row).getByTestId('person-edit'));
    await user.click(screen.getByTestId('person-submit'));
    await waitFor(() => expect(transport.calls).toHaveLength(1));
    expect(await screen.findByText('The server refused this value. Check it and try again.')).toBeTruthy();
    expect(screen.getByTestId('person-team').getAttribute('aria-invalid')).toBe('true');
  });

  it('shows why the server refused a reset password at the password field, and keeps the dialog open', async () => {
    const user = userEvent.setup();
    const transport = adminTransport({
      'admin.people.update': () =>
        fail('VALIDATION_FAILED', 'This password is too common', [{ path: 'password', code: 'server', message: 'validation.passwordRefused' }]),
    });
    renderApp('/admin/people', { transport });
    const row = (await screen.findAllByTestId('person-row', {}, pageLoad)).find(
      (r) => r.dataset.username === 'tina',
    )!;
    await user.click(within(row).getByTestId('person-reset'));
    await user.type(screen.getByTestId('reset-password'), 'password1234');
    await user.click(screen.getByTestId('reset-submit'));
    expect(await screen.findByText(/one of the most used passwords/)).toBeTruthy();
    expect(screen.getByTestId('reset-password').getAttribute('aria-invalid')).toBe('true');
  });

  it('disables a person and resets a password, saying what happens to their sessions', async () => {
    const user = userEvent.setup();
    const transport = adminTransport({
      'admin.people.update': (input) =>
        ok({
          ...adminUser,
          displayName: 'Tina Tech',
          active: input.change.active ?? true,
          mustChangePassword: input.change.password !== undefined,
        }),
    });
    renderApp('/admin/people', { transport });
    const row = (await screen.findAllByTestId('person-row', {}, pageLoad)).find(
      (r) => r.dataset.username === 'tina',
    )!;
    await user.click(within(row).getByTestId('person-toggle'));
    expect(await screen.findByText('Tina Tech is disabled and signed out on every device')).toBeTruthy();
    await user.click(within(row).getByTestId('person-reset'));
    await user.type(screen.getByTestId('reset-password'), 'short');
    await user.click(screen.getByTestId('reset-submit'));
    expect(await screen.findByText('The password needs at least 8 characters.')).toBeTruthy();
    await user.type(screen.getByTestId('reset-password'), ' enough now');
    await user.click(screen.getByTestId('reset-submit'));
    expect(
      await screen.findByText('Password of Tina Tech reset; they choose a new one at their next sign-in'),
    ).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId('reset-password')).toBeNull());
    expect(transport.calls.map((c) => c.input)).toEqual([
      { id: 'p-tina', change: { active: false } },
      { id: 'p-tina', change: { password: 'short enough now' } },
    ]);
  });
});
