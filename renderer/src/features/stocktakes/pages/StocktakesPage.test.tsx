// @vitest-environment jsdom
import '../../../testing/setup';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ScopeOptions, StocktakeSummary } from '../../../../../shared/api/stocktakes';
import { ok } from '../../../../../shared/api/result';
import { FakeTransport, localOnlyStatus } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';

const summary: StocktakeSummary = {
  id: 'st1',
  title: 'Annual stocktake 年度盘点',
  status: 'reconciling',
  scope: 'site',
  region: 'cn-east',
  customerName: 'China Mobile Zhejiang',
  siteName: 'Hangzhou 机房 1',
  openedBy: 'm',
  openedAt: '2026-11-30T01:00:00.000Z',
  closedAt: null,
  expected: 30,
  found: 28,
  missing: 2,
  unexpected: 1,
  open: 3,
};
const scopes: ScopeOptions = {
  sites: [{ customerId: 'c1', customerName: 'China Mobile Zhejiang', siteId: 's1', siteName: 'Hangzhou 机房 1', region: 'cn-east', assets: 30 }],
  regions: [{ region: 'cn-east', assets: 310 }],
};

const transportWith = (canOpen: boolean) =>
  new FakeTransport(
    { 'stocktakes.open': () => ok({ ...summary, id: 'st2', status: 'counting', found: 0, missing: 30, unexpected: 0 }) },
    {
      'sync.status': localOnlyStatus,
      'session.current': { user: null, serverUrl: null },
      'stocktakes.list': { rows: [summary], canOpen },
      'stocktakes.scopes': scopes,
      'stocktakes.detail': null,
    },
  );

describe('StocktakesPage', () => {
  it('lists stocktakes with their figures; an asset manager opens one for a site (English)', async () => {
    const transport = transportWith(true);
    const user = userEvent.setup();
    renderApp('/stocktakes', { transport });
    expect(await screen.findByRole('heading', { name: 'Stocktakes', level: 1 }, pageLoad)).toBeTruthy();
    expect(screen.getByText('28 of 30 found · 1 unexpected · 2 missing')).toBeTruthy();
    expect(screen.getByText('Reconciling')).toBeTruthy();
    expect((screen.getByTestId('open-submit') as HTMLButtonElement).disabled).toBe(true);
    await user.selectOptions(screen.getByTestId('open-site'), 's1');
    expect(screen.getByRole('option', { name: 'China Mobile Zhejiang · Hangzhou 机房 1 (30 assets)' })).toBeTruthy();
    await user.click(screen.getByTestId('open-submit'));
    await waitFor(() => expect(transport.calls.find((c) => c.name === 'stocktakes.open')?.input).toEqual({ scope: 'site', customerId: 'c1', siteId: 's1', title: '' }));
    // It opens the new stocktake's page.
    expect(await screen.findByText('This stocktake is not on this computer (yet). It appears once it has synced.', {}, pageLoad)).toBeTruthy();
  });

  it('field staff see the list without the form (zh-CN)', async () => {
    renderApp('/stocktakes', { transport: transportWith(false), locale: 'zh-CN' });
    expect(await screen.findByRole('heading', { name: '清查盘点', level: 1 }, pageLoad)).toBeTruthy();
    expect(screen.getByText('已盘到 28 / 应盘 30 · 盘盈 1 · 盘亏 2')).toBeTruthy();
    expect(screen.getByText('差异处理中')).toBeTruthy();
    expect(screen.queryByTestId('open-submit')).toBeNull();
  });
});
