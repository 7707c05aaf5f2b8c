// @vitest-environment jsdom
import '../../../testing/setup';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../../../shared/api/result';
import { FakeTransport } from '../../../testing/fake-transport';
import { renderApp } from '../../../testing/render';
import { pageLoad } from '../../../testing/timeouts';
import { answerReports, reportData } from '../testing';

const now = Date.parse('2026-04-15T00:00:00Z');
const data = reportData(now);

const transportWith = (source: 'server' | 'local' = 'server') =>
  new FakeTransport(
    {
      'reports.run': answerReports(data, now, source),
      'reports.xlsx': ({ fileName }) => ok({ fileName: `${fileName}.xlsx`, base64: 'UEsDBA==' }),
    },
    { 'session.current': { user: null, serverUrl: null } },
  );

describe('ReportPage', () => {
  it('TL 9000 in English: the figures in a table, the definitions beside them, where they came from, drill-down links', async () => {
    const transport = transportWith('server');
    renderApp('/reports/tl9000?from=2026-01&to=2026-03', { transport });
    expect(await screen.findByRole('heading', { name: 'TL 9000 measurements', level: 1 }, pageLoad)).toBeTruthy();
    const table = await screen.findByTestId('tl9000-table', {}, pageLoad);
    const first = within(table).getAllByRole('row')[1]!;
    // January, OTN, critical: 1 report over 4 units -> NPR 3; the one fix on time.
    expect(within(first).getAllByRole('cell').map((c) => c.textContent)).toEqual(['2026-01', 'OTN', 'Critical', '1', '4', '3', '1', '1', '100', '0', '0', '0', '—']);
    expect(screen.getByText(/annualised per installed unit in service/)).toBeTruthy();
    expect(screen.getByTestId('report-source').textContent).toBe('Figures from the server: all data in your scope');
    // Each non-zero count opens the tickets it counts: reports, fixes delivered, fixes on time.
    expect(within(first).getAllByRole('link', { name: '1' }).map((a) => a.getAttribute('href'))).toEqual([
      '/queue/all?figure=reports&month=2026-01&productLine=OTN&severity=critical',
      '/queue/all?figure=fixesDelivered&month=2026-01&productLine=OTN&severity=critical',
      '/queue/all?figure=fixesOnTime&month=2026-01&productLine=OTN&severity=critical',
    ]);
    // The fixes still overdue at January's end (OTN, major: two) open the tickets behind them.
    const major = within(table).getAllByRole('row').find((r) => r.textContent?.startsWith('2026-01OTNMajor'))!;
    expect(within(major).getAllByRole('link', { name: '2' }).at(-1)!.getAttribute('href')).toBe('/queue/all?figure=overdueAtEnd&month=2026-01&productLine=OTN&severity=major');
    expect(transport.calls.at(-1)).toEqual({ name: 'reports.run', input: { report: 'tl9000', query: { from: '2026-01', to: '2026-03' } } });

    // XLSX: main writes the workbook from the table's own texts; the page hands it over as a file.
    const saved: string[] = [];
    URL.createObjectURL = () => 'blob:report';
    URL.revokeObjectURL = () => undefined;
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved.push(this.download);
    };
    fireEvent.click(screen.getByTestId('tl9000-table-xlsx'));
    await waitFor(() => expect(saved).toEqual(['tl9000-2026-01-2026-03.xlsx'])).finally(() => {
      HTMLAnchorElement.prototype.click = click;
    });
    const xlsx = transport.calls.find((c) => c.name === 'reports.xlsx')!.input as { columns: string[]; rows: string[][] };
    expect(xlsx.columns.slice(0, 6)).toEqual(['Month', 'Product line', 'Severity', 'Problem reports', 'Unit-months', 'NPR']);
    expect(xlsx.rows[0]!.slice(0, 6)).toEqual(['2026-01', 'OTN', 'Critical', '1', '4', '3']);
  });

  it('in Chinese: offline source, a product-line filter sent to main, and a bad range explained', async () => {
    const transport = transportWith('local');
    renderApp('/reports/tl9000?from=2026-01&to=2026-03', { transport, locale: 'zh-CN' });
    expect(await screen.findByRole('heading', { name: 'TL 9000 质量度量', level: 1 }, pageLoad)).toBeTruthy();
    expect((await screen.findByTestId('report-source', {}, pageLoad)).textContent).toBe('离线：数据来自本机');
    expect(screen.getByText('TL 9000 定义')).toBeTruthy();
    fireEvent.change(screen.getByTestId('filter-productLine'), { target: { value: 'RAN' } });
    fireEvent.click(screen.getByTestId('filter-apply'));
    await waitFor(() => expect(transport.calls.at(-1)?.input).toEqual({ report: 'tl9000', query: { from: '2026-01', to: '2026-03', productLine: 'RAN' } }));
    await waitFor(() => expect(within(screen.getByTestId('tl9000-table')).getAllByRole('row')[1]!.textContent).toContain('RAN'));
    fireEvent.change(screen.getByTestId('filter-from'), { target: { value: '2026-03' } });
    fireEvent.change(screen.getByTestId('filter-to'), { target: { value: '2026-01' } });
    fireEvent.click(screen.getByTestId('filter-apply'));
    expect((await screen.findByTestId('report-error')).textContent).toBe('结束月份早于开始月份。请选择晚于开始月份的结束月份。');
  });

  it('every report shows its table of figures, in both languages', async () => {
    for (const [name, testId, en, zh] of [
      ['sla', 'sla-table', 'SLA compliance', 'SLA 达成率'],
      ['backlog', 'backlog-table', 'Backlog', '积压工单'],
      ['escalations', 'escalations-table', 'Escalations', '升级'],
      ['csat', 'csat-table', 'Customer satisfaction', '客户满意度'],
      ['problems', 'problems-table', 'Problems and actions', '问题与纠正措施'],
    ] as const) {
      for (const [locale, heading] of [['en', en], ['zh-CN', zh]] as const) {
        const { unmount } = renderApp(`/reports/${name}?from=2026-01&to=2026-03`, { transport: transportWith(), locale });
        expect(await screen.findByRole('heading', { name: heading, level: 1 }, pageLoad)).toBeTruthy();
        expect(within(await screen.findByTestId(testId, {}, pageLoad)).getAllByRole('row').length).toBeGreaterThan(1);
        unmount();
      }
    }
    // Ten whole-app renders in one test: more than one render's time on a loaded machine.
  }, 120_000);

  it('an unknown report opens the TL 9000 report', async () => {
    const { router } = renderApp('/reports/everything', { transport: transportWith() });
    await waitFor(() => expect(router?.state.location.pathname).toBe('/reports/tl9000'), pageLoad);
  });
});
