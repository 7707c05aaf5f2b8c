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

const transport = () =>
  new FakeTransport(
    {
      'reports.run': answerReports(data, now),
      'reports.reviewPackPdf': ({ query, locale }) => ok({ fileName: `review-pack-${query.from}-${query.to}-${locale}.pdf`, base64: 'JVBERi0=' }),
    },
    { 'session.current': { user: null, serverUrl: null } },
  );

const sectionHeadings = () => screen.getAllByRole('heading', { level: 2 }).filter((h) => h.id.startsWith('pack-')).map((h) => h.textContent);

describe('ReviewPackPage', () => {
  it('in Chinese whatever the app shows: a cover with the quarter and scope, then every report with its figures, printable', async () => {
    renderApp('/reports/review-pack?from=2026-01&to=2026-03&productLine=OTN&lang=zh-CN&org=%E5%8D%8E%E4%B8%9C%E8%BF%90%E7%BB%B4&print=1', { transport: transport(), locale: 'en' });
    const pack = await screen.findByTestId('review-pack', {}, pageLoad);
    expect(screen.getByRole('heading', { name: '季度管理评审', level: 1 })).toBeTruthy();
    expect(screen.getByTestId('pack-organisation').textContent).toBe('华东运维');
    expect(screen.getByTestId('pack-period').textContent).toBe('2026 年第 1 季度');
    expect(screen.getByTestId('pack-scope').textContent).toBe('产品线: OTN');
    await waitFor(() => expect(pack.getAttribute('data-report-ready')).toBe('true'), pageLoad);
    expect(sectionHeadings()).toEqual(['TL 9000 趋势', 'SLA 达成情况', '积压工单账龄', '升级情况', '客户满意度', '主要问题与纠正措施']);
    for (const [section, table] of [
      ['tl9000', 'tl9000-table'],
      ['sla', 'sla-table'],
      ['backlog', 'backlog-table'],
      ['escalations', 'escalations-table'],
      ['csat', 'csat-table'],
      ['problems', 'problems-table'],
    ] as const) {
      expect(within(within(screen.getByTestId(`pack-${section}`)).getByTestId(table)).getAllByRole('row').length, section).toBeGreaterThan(1);
    }
    // The TL 9000 figures as on the screen, in Chinese, for the product line asked for only.
    const first = within(screen.getByTestId('tl9000-table')).getAllByRole('row')[1]!;
    expect(within(first).getAllByRole('cell').map((c) => c.textContent).slice(0, 6)).toEqual(['2026-01', 'OTN', '严重', '1', '4', '3']);
    // On paper: no export buttons, no links.
    expect(within(pack).queryAllByRole('button')).toEqual([]);
    expect(within(pack).queryAllByRole('link')).toEqual([]);
  });

  it('in English over a period that is not a quarter, all data in scope', async () => {
    renderApp('/reports/review-pack?from=2026-02&to=2026-03&lang=en&print=1', { transport: transport(), locale: 'zh-CN' });
    const pack = await screen.findByTestId('review-pack', {}, pageLoad);
    expect(screen.getByRole('heading', { name: 'Quarterly management review', level: 1 })).toBeTruthy();
    expect(screen.getByTestId('pack-period').textContent).toBe('2026-02 to 2026-03');
    expect(screen.getByTestId('pack-scope').textContent).toBe('All data in your scope');
    await waitFor(() => expect(pack.getAttribute('data-report-ready')).toBe('true'), pageLoad);
    expect(sectionHeadings()).toEqual(['TL 9000 trend', 'SLA compliance', 'Backlog ageing', 'Escalations', 'Customer satisfaction', 'Top problems and actions']);
    expect(within(screen.getByTestId('pack-problems')).getByTestId('problems-table')).toBeTruthy();
  });

  it("a monthly pack opened from its notification: the month's review in the pack's language, with a way back to the app", async () => {
    renderApp('/reports/review-pack?from=2026-03&to=2026-03&lang=zh-CN', { transport: transport(), locale: 'en' });
    const pack = await screen.findByTestId('review-pack', {}, pageLoad);
    expect(screen.getByRole('heading', { name: '月度管理评审', level: 1 })).toBeTruthy();
    expect(screen.getByTestId('pack-period').textContent).toBe('2026-03');
    // The way back is the app's (in its language), outside the printed pack.
    expect(screen.getByTestId('pack-back').textContent).toBe('Back');
    expect(pack.contains(screen.getByTestId('pack-back'))).toBe(false);
  });

  it('a refused period is said on the cover and never marked ready to print', async () => {
    renderApp('/reports/review-pack?from=2026-03&to=2026-01&lang=en&print=1', { transport: transport() });
    expect((await screen.findByTestId('pack-error', {}, pageLoad)).textContent).toBe('The period ends before it starts. Pick an end month after the start month.');
    expect(screen.getByTestId('review-pack').getAttribute('data-report-ready')).toBe('error');
  });

  it('the reports screen saves the pack of the period and scope shown, in the app’s language', async () => {
    const t = transport();
    renderApp('/reports/sla?from=2026-01&to=2026-03&productLine=OTN&severity=major', { transport: t, locale: 'zh-CN' });
    const button = await screen.findByRole('button', { name: '管理评审资料（PDF）' }, pageLoad);
    const saved: string[] = [];
    URL.createObjectURL = () => 'blob:pack';
    URL.revokeObjectURL = () => undefined;
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved.push(this.download);
    };
    fireEvent.click(button);
    await waitFor(() => expect(saved).toEqual(['review-pack-2026-01-2026-03-zh-CN.pdf'])).finally(() => {
      HTMLAnchorElement.prototype.click = click;
    });
    expect(t.calls.find((c) => c.name === 'reports.reviewPackPdf')?.input).toEqual({ query: { from: '2026-01', to: '2026-03', productLine: 'OTN' }, locale: 'zh-CN' });
  });
});
