import { mkdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startHarnessProcess, type RunningHarness } from './harness';
import { SCREENSHOT_DIR } from './tickets.spec';

const month = (back: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
};

// A service manager of the demo organisation (`npm run start:web`): lands on the dashboard,
// opens the TL 9000 report from the server, filters a product line, exports the figures and
// drills into the tickets behind one of them; in English and in Chinese.
describe('quality reports for a manager', () => {
  let harness: RunningHarness;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    harness = await startHarnessProcess();
    browser = await launchChromium();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('dashboard, TL 9000 with a product line, CSV export and drill-down, in both languages', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    // The harness URL carries its token in the hash: later screens are reached inside the app.
    const go = (route: string) => page.evaluate((r) => ((globalThis as unknown as { location: { hash: string } }).location.hash = r), route);
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(harness.url);
    // Managers land on the dashboard; its tiles fill from the server.
    await expect.poll(() => page.getByRole('heading', { name: 'Dashboard', level: 1 }).isVisible(), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('tile-open').textContent(), { timeout: 60_000 }).toMatch(/Critical/);
    await expect.poll(() => page.getByTestId('tile-sla').textContent(), { timeout: 60_000 }).toMatch(/Last month: /);
    await expect.poll(() => page.getByTestId('tile-escalations').textContent(), { timeout: 60_000 }).toMatch(/not acknowledged/);
    await expect.poll(() => page.locator('[data-testid="tile-csat"] svg').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-en.png`, fullPage: true });

    await go(`#/reports/tl9000?from=${month(11)}&to=${month(0)}`);
    const table = page.getByTestId('tl9000-table');
    await expect
      .poll(() => table.isVisible(), { timeout: 90_000 })
      .toBe(true)
      .catch(async (e: unknown) => {
        await page.screenshot({ path: `${SCREENSHOT_DIR}/reports-tl9000-failed.png`, fullPage: true });
        throw e;
      });
    // A server that answers too slowly (a just-started harness on a busy machine) makes the
    // report fall back to local figures, as it should; ask again until the server's arrive.
    const fromServer = 'Figures from the server: all data in your scope';
    await expect
      .poll(
        async () => {
          const source = await page.getByTestId('report-source').textContent();
          if (source !== fromServer) {
            await page.reload();
            await table.waitFor({ timeout: 60_000 });
          }
          return source;
        },
        { timeout: 180_000, interval: 1_000 },
      )
      .toBe(fromServer);
    expect(await page.getByText('TL 9000 definitions').isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/reports-tl9000-en.png`, fullPage: true });

    await page.getByTestId('filter-productLine').fill('transport');
    await page.getByTestId('filter-apply').click();
    await expect.poll(() => page.url()).toContain('productLine=transport');
    const lines = async () => [...new Set(await table.locator('tbody tr td:nth-child(2)').allTextContents())];
    await expect.poll(lines, { timeout: 30_000 }).toEqual(['transport']);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tl9000-table-csv').click()]);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header).toBe('Month,Product line,Severity,Problem reports,Unit-months,NPR,Fixes delivered,On time,FRT %,Overdue in month,Overdue closed,Overdue at month end,OFR %');
    // Twelve months, each with three severities and their total.
    expect(rows.length).toBe(12 * 4);
    expect(rows.every((r) => r.split(',')[1] === 'transport')).toBe(true);

    // A figure opens the tickets it counts.
    await table.getByRole('link').first().click();
    await expect.poll(() => page.url()).toMatch(/#\/queue\/all\?productLine=transport/);

    await go(`#/reports/tl9000?from=${month(11)}&to=${month(0)}&productLine=transport`);
    await page.getByTestId('locale-zh-CN').click();
    await expect.poll(() => page.getByRole('heading', { name: 'TL 9000 质量度量', level: 1 }).isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('tl9000-table').isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await page.getByText('TL 9000 定义').isVisible()).toBe(true);
    expect(await page.getByTestId('report-source').textContent()).toBe('数据来自服务器：您权限范围内的全部数据');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/reports-tl9000-zh-CN.png`, fullPage: true });

    // A range that ends before it starts is explained in Chinese.
    await page.getByTestId('filter-from').fill(month(1));
    await page.getByTestId('filter-to').fill(month(3));
    await page.getByTestId('filter-apply').click();
    await expect.poll(() => page.getByTestId('report-error').textContent(), { timeout: 30_000 }).toBe('结束月份早于开始月份。请选择晚于开始月份的结束月份。');

    await go('#/dashboard');
    await expect.poll(() => page.getByTestId('tile-open').textContent(), { timeout: 60_000 }).toMatch(/严重/);
    await expect.poll(() => page.getByTestId('tile-sla').textContent(), { timeout: 60_000 }).toMatch(/上月/);
    await expect.poll(() => page.getByTestId('tile-overdue').textContent(), { timeout: 60_000 }).toMatch(/\d/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-zh-CN.png`, fullPage: true });
    await page.getByTestId('locale-en').click();
    expect(errors).toEqual([]);
  });
});
