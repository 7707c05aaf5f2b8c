// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AssetLine, ScanResult, StocktakeView } from '../../../../../shared/api/stocktakes';
import { ok } from '../../../../../shared/api/result';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';

const line = (i: number, over: Partial<AssetLine> = {}): AssetLine => ({
  assetId: `asset-${i}`,
  assetCode: `AS-${String(i).padStart(6, '0')}`,
  serial: `SN${i}`,
  model: 'OSN-9800',
  kind: 'board',
  registeredAt: null,
  scans: 0,
  countedBy: [],
  resolution: null,
  ...over,
});

const view = (over: Partial<StocktakeView> = {}, status: StocktakeView['summary']['status'] = 'counting'): StocktakeView => ({
  summary: { id: 'st1', title: 'Hangzhou 机房 1 2026-11-30', status, scope: 'site', region: 'cn-east', customerName: 'China Mobile Zhejiang', siteName: 'Hangzhou 机房 1', openedBy: 'm', openedAt: '2026-11-30T01:00:00.000Z', closedAt: null, expected: 30, found: 28, missing: 2, unexpected: 1, open: 3 },
  totals: { expected: 30, found: 28, missing: 2, unexpected: 1, scans: 31, duplicates: 2, counters: 2, resolved: 0, open: 3 },
  found: Array.from({ length: 28 }, (_, i) => line(i + 1, { scans: 1, countedBy: ['Tech Zhang'] })),
  missing: [line(29), line(30)],
  unexpected: [{ key: 'XX-UNKNOWN', scannedCode: 'XX-UNKNOWN', asset: null, scans: 1, countedBy: ['Engineer Wang'], resolution: null }],
  recent: [],
  can: { count: status === 'counting', manage: false },
  ...over,
});

const transportWith = (value: StocktakeView, scan: (code: string) => ScanResult = (code) => ({ outcome: 'found', scannedCode: code, assetCode: code })) =>
  new FakeTransport(
    {
      'stocktakes.scan': (input) => ok(scan(input.code)),
      'stocktakes.resolve': () => ok({ assetUpdated: false }),
      'stocktakes.close': () => ok(value.summary),
    },
    {
      'sync.status': localOnlyStatus,
      'session.current': { user: null, serverUrl: null },
      'stocktakes.detail': value,
    },
  );

describe('counting screen', () => {
  it('takes a scanner’s fast input ending in Enter, scan after scan, and says what each was (English)', async () => {
    const transport = transportWith(view(), (code) => (code === 'XX-NEW' ? { outcome: 'unknown', scannedCode: code, assetCode: null } : { outcome: 'found', scannedCode: code, assetCode: code }));
    const user = userEvent.setup();
    renderApp('/stocktakes/st1', { transport });
    expect(await screen.findByRole('heading', { name: 'Hangzhou 机房 1 2026-11-30', level: 1 }, pageLoad)).toBeTruthy();
    expect(screen.getByTestId('figure-expected-value').textContent).toBe('30');
    expect(screen.getByTestId('figure-missing-value').textContent).toBe('2');
    const input = screen.getByTestId('scan-input') as HTMLInputElement;
    // The field has the focus already: a scanner can start at once.
    expect(document.activeElement).toBe(input);
    await user.keyboard('AS-000001{Enter}AS-000002{Enter}XX-NEW{Enter}');
    await waitFor(() => expect(transport.calls.filter((c) => c.name === 'stocktakes.scan').map((c) => (c.input as { code: string }).code)).toEqual(['AS-000001', 'AS-000002', 'XX-NEW']));
    expect(input.value).toBe('');
    expect((await screen.findByTestId('scan-outcome')).textContent).toBe('XX-NEW is not in the register: recorded as unexpected');
  });

  it('a 500-character scan gets a clear message and is not sent; an empty Enter asks for a code', async () => {
    const transport = transportWith(view());
    const user = userEvent.setup();
    renderApp('/stocktakes/st1', { transport });
    const input = (await screen.findByTestId('scan-input', {}, pageLoad)) as HTMLInputElement;
    await user.click(input);
    await user.paste('A'.repeat(500));
    await user.keyboard('{Enter}');
    expect(await screen.findByText('That code has 500 characters; codes are at most 80. The scanner may have read several codes at once: scan again.')).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(await screen.findByText('Scan or type a code first.')).toBeTruthy();
    expect(transport.calls.filter((c) => c.name === 'stocktakes.scan')).toHaveLength(0);
  });

  it('speaks Chinese: figures, field and outcomes (zh-CN)', async () => {
    const transport = transportWith(view({ recent: [{ id: 'c1', scannedCode: 'AS-000001', assetCode: 'AS-000001', outcome: 'duplicate', by: '张工', at: '2026-11-30T02:00:00.000Z' }] }), (code) => ({ outcome: 'unexpected', scannedCode: code, assetCode: code }));
    const user = userEvent.setup();
    renderApp('/stocktakes/st1', { transport, locale: 'zh-CN' });
    await screen.findByTestId('scan-input', {}, pageLoad);
    expect(screen.getByText('应盘')).toBeTruthy();
    expect(screen.getByText('盘亏')).toBeTruthy();
    expect(screen.getByLabelText('扫描或输入资产编码、RFID 标签或序列号，按回车')).toBeTruthy();
    expect(within(screen.getByTestId('recent-scans')).getByText('AS-000001 已盘点过（保留记录，只计一次）')).toBeTruthy();
    await user.keyboard('AS-000500{Enter}');
    expect((await screen.findByTestId('scan-outcome')).textContent).toBe('AS-000500 登记在其他位置：计为盘盈');
  });
});

describe('reconciliation screen', () => {
  const reconciling = (over: Partial<StocktakeView> = {}) => view({ can: { count: false, manage: true }, ...over }, 'reconciling');

  it('the asset manager resolves each difference with the keyboard; closing waits until none is left (English)', async () => {
    const transport = transportWith(reconciling());
    const user = userEvent.setup();
    renderApp('/stocktakes/st1', { transport });
    const panel = await screen.findByTestId('reconcile-panel', {}, pageLoad);
    expect(within(panel).getAllByRole('row').slice(1).map((r) => r.getAttribute('data-testid'))).toEqual(['resolve-row-AS-000029', 'resolve-row-AS-000030', 'resolve-row-XX-UNKNOWN']);
    expect(screen.getByTestId('close-blocked').textContent).toBe('Resolve every difference before closing (3 left).');
    expect((screen.getByTestId('close-stocktake') as HTMLButtonElement).disabled).toBe(true);
    // An unknown code is new or wrong data, never "moved".
    const unknownChoice = screen.getByLabelText('Resolution for XX-UNKNOWN') as HTMLSelectElement;
    expect([...unknownChoice.options].map((o) => o.textContent)).toEqual(['To resolve', 'New: register it', 'Wrong data: correct it']);
    await user.selectOptions(unknownChoice, 'new');
    await user.type(screen.getByLabelText('Note for XX-UNKNOWN'), 'spare board in rack 2{Enter}');
    await waitFor(() => expect(transport.calls.find((c) => c.name === 'stocktakes.resolve')?.input).toEqual({ stocktakeId: 'st1', key: 'XX-UNKNOWN', resolution: 'new', note: 'spare board in rack 2' }));

    const resolved = { resolution: 'missing' as const, note: '', by: 'Manager Li', at: '2026-11-30T03:00:00.000Z' };
    transport.emit('stocktakes.detail', reconciling({
      missing: [line(29, { resolution: resolved }), line(30, { resolution: resolved })],
      unexpected: [{ key: 'XX-UNKNOWN', scannedCode: 'XX-UNKNOWN', asset: null, scans: 1, countedBy: ['Engineer Wang'], resolution: { ...resolved, resolution: 'new' } }],
      totals: { ...view().totals, resolved: 3, open: 0 },
    }));
    await waitFor(() => expect((screen.getByTestId('close-stocktake') as HTMLButtonElement).disabled).toBe(false));
    await user.click(screen.getByTestId('close-stocktake'));
    await waitFor(() => expect(transport.calls.some((c) => c.name === 'stocktakes.close')).toBe(true));
  });

  it('speaks Chinese: headings, resolutions and the blocked close (zh-CN)', async () => {
    renderApp('/stocktakes/st1', { transport: transportWith(reconciling()), locale: 'zh-CN' });
    await screen.findByTestId('reconcile-panel', {}, pageLoad);
    expect(screen.getByRole('heading', { name: '差异处理' })).toBeTruthy();
    expect(screen.getByTestId('close-blocked').textContent).toBe('请先处理全部差异再关闭（还有 3 项）。');
    const missingChoice = screen.getByLabelText('AS-000029 的处理结果') as HTMLSelectElement;
    expect([...missingChoice.options].map((o) => o.textContent)).toEqual(['待处理', '丢失', '已迁移', '数据错误：更正']);
    expect(screen.queryByTestId('scan-input')).toBeNull();
  });
});
