// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../../shared/api/result';
import type { UpdateView } from '../../../../../shared/api/updates';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { LogsSection } from './LogsSection';
import { UpdateSection } from './UpdateSection';

const anUpdate = (over: Partial<UpdateView> = {}): UpdateView => ({ supported: true, state: 'idle', version: null, progress: null, installBlockedBy: null, lastCheckedAt: null, ...over });

describe('UpdateSection', () => {
  it('shows the download, then offers the restart, held back with the reason while a push is in flight', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'app.update.install': () => ok(null) }, { 'sync.status': localOnlyStatus, 'app.update': anUpdate({ state: 'downloading', version: '2.1.0', progress: 40 }) });
    renderWithApp(<UpdateSection />, { transport });
    expect((await screen.findByTestId('about-update-state')).textContent).toBe('Downloading version 2.1.0 in the background (40 %). You can keep working.');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');
    expect(screen.queryByTestId('about-update-install')).toBeNull();

    transport.emit('app.update', anUpdate({ state: 'ready', version: '2.1.0', installBlockedBy: 'PUSH_IN_FLIGHT' }));
    const install = await screen.findByRole('button', { name: 'Restart to install version 2.1.0' });
    expect((install as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('about-update-blocked').textContent).toContain('being sent to the server');

    transport.emit('app.update', anUpdate({ state: 'ready', version: '2.1.0' }));
    await waitFor(() => expect((install as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByTestId('about-update-blocked')).toBeNull();
    await user.click(install);
    expect(transport.calls).toContainEqual({ name: 'app.update.install', input: {} });
  });

  it('says so in Chinese when the copy cannot update itself, and shows a refused restart', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'app.update.install': () => fail('PUSH_IN_FLIGHT', 'busy') }, { 'sync.status': localOnlyStatus, 'app.update': anUpdate({ supported: false }) });
    renderWithApp(<UpdateSection />, { transport, locale: 'zh-CN' });
    expect((await screen.findByTestId('about-update-state')).textContent).toBe('此版本的 CIMS 不会自动更新（浏览器或开发版本）。');
    transport.emit('app.update', anUpdate({ state: 'ready', version: '2.1.0' }));
    await user.click(await screen.findByRole('button', { name: '重启以安装 2.1.0 版' }));
    await screen.findByText('您的更改正在发送到服务器。请在发送完成后再重启安装。');
  });
});

describe('LogsSection', () => {
  it('shows the log folder and opens it', async () => {
    const user = userEvent.setup();
    const transport = new FakeTransport({ 'app.logs.folder': () => ok({ path: '/home/li/.config/CIMS/logs' }), 'app.logs.open': () => ok(null) });
    renderWithApp(<LogsSection />, { transport });
    expect((await screen.findByTestId('about-logs-path')).textContent).toBe('/home/li/.config/CIMS/logs');
    await user.click(screen.getByRole('button', { name: 'Open log folder' }));
    expect(transport.calls).toContainEqual({ name: 'app.logs.open', input: {} });
  });

  it('says where the log goes when the shell writes no files', async () => {
    const transport = new FakeTransport({ 'app.logs.folder': () => ok({ path: null }) });
    renderWithApp(<LogsSection />, { transport });
    await screen.findByText('This copy of CIMS writes its log to the terminal it was started from.');
    expect(screen.queryByRole('button', { name: 'Open log folder' })).toBeNull();
  });
});
