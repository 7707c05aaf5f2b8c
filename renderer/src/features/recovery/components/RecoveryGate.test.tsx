// @vitest-environment jsdom
import '../../../testing/setup';
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { NORMAL_START, type RecoveryState } from '../../../../../shared/api/recovery';
import { ok } from '../../../../../shared/api/result';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderWithApp } from '../../../testing/render';
import { RecoveryGate } from './RecoveryGate';

const damaged: RecoveryState = { mode: 'recovery', file: '/data/cims.sqlite', reason: 'STORAGE_CORRUPT', busy: null, lastExport: null, setAsideAs: null };
const exported = { cancelled: false, file: '/data/exports/cims-unsynced-1.json', saved: 3, unreadable: 2, attachments: 1 };

describe('RecoveryGate', () => {
  it('starts the app at once when the store opened', async () => {
    const transport = new FakeTransport({}, { 'recovery.state': NORMAL_START });
    renderWithApp(<RecoveryGate>app</RecoveryGate>, { transport });
    expect(await screen.findByText('app')).toBeTruthy();
  });

  it('says the local data is being opened while the core starts, then starts the app', async () => {
    const transport = new FakeTransport({}, {});
    renderWithApp(<RecoveryGate>app</RecoveryGate>, { transport, locale: 'zh-CN' });
    expect((await screen.findByRole('status')).textContent).toBe('正在打开本地数据…');
    expect(screen.queryByText('app')).toBeNull();
    act(() => transport.emit('recovery.state', NORMAL_START));
    expect(await screen.findByText('app')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('offers both actions on a damaged store, reports the export, and continues into the app after downloading again (keyboard only)', async () => {
    const transport = new FakeTransport(
      { 'recovery.exportUnsynced': () => ok(exported), 'recovery.downloadAgain': () => ok({ setAsideAs: '/data/cims.sqlite.damaged-20261130T120000Z' }) },
      { 'recovery.state': damaged },
    );
    renderWithApp(<RecoveryGate>app</RecoveryGate>, { transport });
    expect(await screen.findByRole('heading', { name: 'The local data is damaged', level: 1 })).toBeTruthy();
    expect(screen.getByTestId('recovery-file').textContent).toBe('/data/cims.sqlite');
    expect(screen.queryByText('app')).toBeNull();
    const user = userEvent.setup();
    // The first action has the focus: Enter runs it.
    expect(document.activeElement?.textContent).toBe('Export unsynced work');
    await user.keyboard('{Enter}');
    expect((await screen.findByTestId('recovery-export-result')).textContent).toBe(
      'Saved 3 unsynced records to /data/exports/cims-unsynced-1.json. 2 records could not be read. 1 photo or signature was copied beside it.',
    );
    expect(transport.calls.map((c) => c.name)).toEqual(['recovery.exportUnsynced']);
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Download again from the server');
    await user.keyboard('{Enter}');
    expect(transport.calls.map((c) => c.name)).toContain('recovery.downloadAgain');
    act(() => transport.emit('recovery.state', { ...damaged, busy: 'starting' }));
    expect(screen.getByTestId('recovery-busy').textContent).toContain('Creating a new local store');
    act(() => transport.emit('recovery.state', { ...damaged, mode: 'normal', setAsideAs: '/data/cims.sqlite.damaged-20261130T120000Z' }));
    expect(screen.getByTestId('recovery-done').textContent).toContain('/data/cims.sqlite.damaged-20261130T120000Z');
    expect(screen.queryByText('app')).toBeNull();
    await user.keyboard('{Enter}');
    expect(await screen.findByText('app')).toBeTruthy();
  });

  it('speaks Chinese and shows a failed action with its reason', async () => {
    const transport = new FakeTransport(
      { 'recovery.exportUnsynced': () => ({ ok: false, error: { code: 'CONFLICT', message: 'busy' } }) },
      { 'recovery.state': damaged },
    );
    renderWithApp(<RecoveryGate>app</RecoveryGate>, { transport, locale: 'zh-CN' });
    expect(await screen.findByRole('heading', { name: '本地数据已损坏', level: 1 })).toBeTruthy();
    expect(screen.getByText('文件已损坏或被截断。')).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: '导出未同步的工作' }));
    expect(await screen.findByText('操作未成功：busy')).toBeTruthy();
    expect(screen.getByRole('button', { name: '从服务器重新下载' })).toBeTruthy();
  });
});
