// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../../../shared/api/result';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';
import { roundView, summary } from '../components/test-fixtures';

const transportWith = (round: typeof roundView | null) =>
  new FakeTransport(
    { 'maintenance.pauseRound': () => ok({ ...summary, status: 'paused' }), 'maintenance.openRound': () => ok(summary) },
    {
      'sync.status': localOnlyStatus,
      'session.current': { user: null, serverUrl: null },
      'maintenance.round': round,
      'maintenance.assetReadings': [],
    },
  );

describe('RoundPage', () => {
  it('scans an asset to open its checklist; pauses; keeps its template version (English)', async () => {
    const user = userEvent.setup();
    const transport = transportWith(roundView);
    renderApp('/maintenance/rounds/r1', { transport });
    expect(await screen.findByRole('heading', { name: 'Hangzhou OLTs monthly', level: 1 }, pageLoad)).toBeTruthy();
    expect(screen.getByText('The template has a newer version (2); this round keeps the version it started with.')).toBeTruthy();
    expect(screen.getByTestId('round-template').textContent).toContain('OLT monthly check, version 1');
    expect(screen.getByText('Scan an asset or pick one to fill its checklist.')).toBeTruthy();
    await user.type(screen.getByTestId('round-scan'), 'OLT-0001{Enter}');
    expect(await screen.findByRole('heading', { name: 'Checklist of OLT-0001' })).toBeTruthy();
    expect(screen.getByText('No numeric readings of this asset yet.')).toBeTruthy();
    await user.click(screen.getByTestId('round-pause'));
    await waitFor(() => expect(transport.calls.map((c) => c.name)).toContain('maintenance.pauseRound'));
    expect(screen.getByTestId('signoff')).toBeTruthy();
  });
  it('a planned round offers to start it; a round not here says so (zh-CN)', async () => {
    const user = userEvent.setup();
    const transport = transportWith({ ...roundView, summary: { ...summary, status: 'planned' }, can: { work: true, signOff: false } });
    const { unmount } = renderApp('/maintenance/rounds/r1', { transport, locale: 'zh-CN' });
    await user.click(await screen.findByTestId('round-open', {}, pageLoad));
    expect(screen.getByTestId('round-open').textContent).toBe('开始巡检');
    await waitFor(() => expect(transport.calls).toEqual([{ name: 'maintenance.openRound', input: { roundId: 'r1' } }]));
    unmount();
    renderApp('/maintenance/rounds/r9', { transport: transportWith(null), locale: 'zh-CN' });
    expect(await screen.findByText('此巡检（尚）不在本机上，同步后显示。', {}, pageLoad)).toBeTruthy();
  });
});
