// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Diagnostics } from '../../../../../shared/api/app';
import { ok } from '../../../../../shared/api/result';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { AboutPage } from './AboutPage';

const facts: Diagnostics = {
  app: { version: '1.4.0', shell: 'electron', syncProtocol: 2 },
  platform: { os: 'win32', arch: 'x64', node: '22.1.0', electron: '38.0.0' },
  store: { bytes: 5 * 1024 * 1024 + 300_000, documents: { tickets: 1200, ticketEvents: 3400 } },
  sync: { state: 'online', signedIn: true, lastSuccessAt: '2026-11-30T01:00:00.000Z', pendingLocalChanges: 3, lastErrorCode: null },
  generatedAt: '2026-11-30T02:00:00.000Z',
};

const factsShown = () =>
  Object.fromEntries(
    within(screen.getByTestId('about-facts'))
      .getAllByRole('term')
      .map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
  );

describe('AboutPage', () => {
  it('shows version, platform, store and sync facts, and copies the diagnostics', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'app.diagnostics': () => ok(facts) });
    renderWithApp(<AboutPage />, { transport });
    expect(screen.getByRole('heading', { name: 'About CIMS', level: 1 })).toBeTruthy();
    await screen.findByTestId('about-facts');
    expect(factsShown()).toMatchObject({
      Version: '1.4.0',
      'Running as': 'Desktop app',
      'Sync protocol': '2',
      'Local store': '4,600 records, 5.3 MB',
      'Changes not yet on the server': '3',
    });
    let copied = '';
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => void (copied = text) } });
    await user.click(screen.getByTestId('about-copy'));
    await screen.findByText('Diagnostics copied. Paste them into your message to support.');
    expect(JSON.parse(copied)).toEqual(facts);
  });

  it('in Chinese, and with the text to copy by hand where the clipboard is refused', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'app.diagnostics': () => ok({ ...facts, sync: { ...facts.sync, lastSuccessAt: null } }) });
    renderWithApp(<AboutPage />, { transport, locale: 'zh-CN' });
    await screen.findByTestId('about-facts');
    expect(factsShown()).toMatchObject({ 版本: '1.4.0', 运行方式: '桌面应用', 上次同步: '从未' });
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: {
        writeText: async () => {
          throw new Error('denied');
        },
      },
    });
    await user.click(screen.getByTestId('about-copy'));
    expect(await screen.findByText('此处无法使用剪贴板。请选中下面的文字并复制。')).toBeTruthy();
    expect(JSON.parse((screen.getByTestId('about-manual') as HTMLTextAreaElement).value).app.version).toBe('1.4.0');
  });
});
