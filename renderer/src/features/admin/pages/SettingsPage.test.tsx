// @vitest-environment jsdom
import '../../../testing/setup';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../../../shared/api/result';
import { DEFAULT_ORG_SETTINGS } from '../../../../../shared/domain/organisation';
import { aUser, signedIn } from '../../../testing/builders';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';

const transportWith = (handlers: ConstructorParameters<typeof FakeTransport>[0] = {}) =>
  new FakeTransport(handlers, {
    'sync.status': localOnlyStatus,
    'session.current': signedIn(aUser({ roles: ['admin'] })),
    'admin.settings': { settings: DEFAULT_ORG_SETTINGS, savedAt: null },
  });

describe('SettingsPage', () => {
  it('shows the defaults, with a 12-character password minimum, and saves what was changed as numbers', async () => {
    const user = userEvent.setup();
    const transport = transportWith({ 'admin.settings.save': () => ok({ id: 'set-1' }) });
    renderApp('/admin/settings', { transport, locale: 'zh-CN' });
    const min = (await screen.findByTestId('settings-passwordMinLength', {}, pageLoad)) as HTMLInputElement;
    expect(min.value).toBe('12');
    expect(screen.getByText('当前使用出厂默认设置：尚未保存过。', { exact: false })).toBeTruthy();
    await user.clear(screen.getByTestId('settings-name'));
    await user.type(screen.getByTestId('settings-name'), '华东服务中心');
    await user.clear(screen.getByTestId('settings-reopenWindowDays'));
    await user.type(screen.getByTestId('settings-reopenWindowDays'), '7');
    await user.selectOptions(screen.getByTestId('settings-locale'), 'en');
    await user.click(screen.getByTestId('settings-submit'));
    expect(await screen.findByText('已保存组织设置')).toBeTruthy();
    expect(transport.calls).toEqual([{ name: 'admin.settings.save', input: { ...DEFAULT_ORG_SETTINGS, name: '华东服务中心', reopenWindowDays: 7, defaultLocale: 'en' } }]);
  });

  it('refuses a password minimum below 8, a bad zone and an empty name in both languages, sending nothing', async () => {
    for (const [locale, length, zone, name] of [
      ['en', 'Enter a length from 8 to 128 characters.', 'Enter a time zone like Asia/Shanghai.', 'Enter the organisation’s name.'],
      ['zh-CN', '请输入 8 到 128 之间的长度。', '请输入时区，例如 Asia/Shanghai。', '请输入组织名称。'],
    ] as const) {
      const user = userEvent.setup();
      const transport = transportWith();
      const view = renderApp('/admin/settings', { transport, locale });
      const min = await screen.findByTestId('settings-passwordMinLength', {}, pageLoad);
      await user.clear(min);
      await user.type(min, '6');
      await user.clear(screen.getByTestId('settings-zone'));
      await user.type(screen.getByTestId('settings-zone'), 'Mars/Olympus');
      await user.clear(screen.getByTestId('settings-name'));
      await user.click(screen.getByTestId('settings-submit'));
      expect(await screen.findByText(length)).toBeTruthy();
      expect(screen.getByText(zone)).toBeTruthy();
      expect(screen.getByText(name)).toBeTruthy();
      expect(transport.calls).toEqual([]);
      view.unmount();
    }
  });
});
