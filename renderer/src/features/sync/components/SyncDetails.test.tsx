// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../../../../shared/api/result';
import type { SyncStatusView } from '../../../../../shared/api/sync';
import { aSyncStatus } from '../../../testing/builders';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderWithApp, type RenderOptions } from '../../../testing/render';
import { SyncDetails } from './SyncDetails';

const show = (status: SyncStatusView, options: RenderOptions = {}) => renderWithApp(<SyncDetails status={status} />, options);

describe('SyncDetails', () => {
  it('says nothing is pending and that the computer never synced', () => {
    show(aSyncStatus({ state: 'online' }));
    const details = screen.getByTestId('sync-details');
    expect(details.textContent).toContain('Synced');
    expect(details.textContent).toContain('Every change on this computer is on the server.');
    expect(details.textContent).toContain('Last synced: never');
    expect(screen.queryByTestId('sync-export')).toBeNull();
  });

  it('counts pending changes in both languages and shows the last sync time', () => {
    const lastSuccessAt = '2026-03-02T01:00:00.000Z';
    const first = show(aSyncStatus({ state: 'offline', pendingLocalChanges: 1, lastSuccessAt }));
    expect(screen.getByText('1 change waiting to sync')).toBeTruthy();
    expect(screen.getByTestId('sync-details').textContent).toContain(
      `Last synced: ${new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(lastSuccessAt))}`,
    );
    first.unmount();
    show(aSyncStatus({ state: 'offline', pendingLocalChanges: 4, lastSuccessAt: null }), { locale: 'zh-CN' });
    expect(screen.getByText('4 项更改待同步')).toBeTruthy();
    expect(screen.getByTestId('sync-details').textContent).toContain('上次同步: 从未');
  });

  it('explains local-only mode and offers no export there', () => {
    show(aSyncStatus({ state: 'local-only', pendingLocalChanges: 3 }), { locale: 'zh-CN' });
    expect(screen.getByText('更改已保存在本机。尚未配置同步服务器。')).toBeTruthy();
    expect(screen.queryByTestId('sync-export')).toBeNull();
  });

  it('shows the last error', () => {
    show(aSyncStatus({ state: 'error', lastError: { code: 'SERVER_UNREACHABLE', message: 'connect ECONNREFUSED' } }));
    expect(screen.getByTestId('sync-details').textContent).toContain('Last error: connect ECONNREFUSED');
  });

  it('shows the progress of the first download', () => {
    show(aSyncStatus({ state: 'syncing', initialSync: { collection: 'tickets', done: 1250, total: 5000 } }));
    expect(screen.getByText('First download: tickets, 1,250 records so far')).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25');
  });

  it('shows an indeterminate progress when the total is unknown, in Chinese', () => {
    show(aSyncStatus({ state: 'syncing', initialSync: { collection: 'tickets', done: 10 } }), { locale: 'zh-CN' });
    expect(screen.getByText('首次下载：tickets，已完成 10 条')).toBeTruthy();
    expect(screen.getByRole('progressbar').hasAttribute('aria-valuenow')).toBe(false);
  });

  describe('export of unsynced work', () => {
    const saved: { name: string; href: string }[] = [];
    beforeEach(() => {
      // jsdom has no object URLs and no downloads: record what would be saved.
      URL.createObjectURL = vi.fn(() => 'blob:cims-export');
      URL.revokeObjectURL = vi.fn();
      vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
        saved.push({ name: this.download, href: this.href });
      });
    });
    afterEach(() => {
      vi.restoreAllMocks();
      saved.length = 0;
    });

    it('exports pending changes of a signed-in user to a file and says how many', async () => {
      const user = userEvent.setup();
      const transport = new FakeTransport({
        'session.exportUnsynced': () => ok({ fileName: 'cims-unsynced.json', json: '[]', documents: 2 }),
      });
      show(aSyncStatus({ state: 'offline', pendingLocalChanges: 2 }), { transport });
      await user.click(screen.getByRole('button', { name: 'Export unsynced work' }));
      await screen.findByText('2 records exported.');
      expect(transport.calls).toEqual([{ name: 'session.exportUnsynced', input: {} }]);
      expect(saved).toEqual([{ name: 'cims-unsynced.json', href: 'blob:cims-export' }]);
    });

    it('shows a failed export in the snackbar, in Chinese, and saves nothing', async () => {
      const user = userEvent.setup();
      const transport = new FakeTransport({});
      show(aSyncStatus({ state: 'session-ended', pendingLocalChanges: 1 }), { transport, locale: 'zh-CN' });
      await user.click(screen.getByRole('button', { name: '导出未同步的工作' }));
      await screen.findByText('此版本的应用不支持该操作，请重启应用。');
      await waitFor(() => expect(screen.getByTestId('sync-export').hasAttribute('disabled')).toBe(false));
      expect(saved).toEqual([]);
    });
  });
});
