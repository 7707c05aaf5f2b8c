import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shootBothLanguages, startHarnessProcess, type RunningHarness } from './harness';
import { goToRoute } from './queue-page';
import { SCREENSHOT_DIR } from './tickets.spec';

const localDate = (offsetDays: number) => {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** A screenshot of the whole screen: the viewport grows to the page's height (the app bar stays on top). */
const shot = async (page: Page, name: string) => {
  const height = await page.evaluate('Math.min(2400, Math.max(900, document.documentElement.scrollHeight))');
  await page.setViewportSize({ width: 1400, height: Number(height) });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
  await page.setViewportSize({ width: 1400, height: 900 });
};

/** Picks an option of an MUI select by its visible text. */
const choose = async (page: Page, testId: string, option: string) => {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
};

// Problems as a service manager works them, against the embedded demo server: one harness start.
describe('problems in the browser harness with the demo server', () => {
  let harness: RunningHarness;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    harness = await startHarnessProcess();
    browser = await launchChromium();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    page = await browser.context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('a problem created from three tickets of a queue selection, with whys and two actions, resolved, and its linked tickets resolved with one reply', async () => {
    await page.goto(harness.url);
    await expect.poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 60_000 }).toBe('Synced');

    // Three open tickets selected in the queue: "Create problem" opens the form with them.
    await page.getByTestId('nav-queue').click();
    await page.getByTestId('queue-tab-open').click();
    const boxes = page.locator('[role="row"][data-rowindex] input[type="checkbox"]');
    await expect.poll(() => boxes.count(), { timeout: 30_000 }).toBeGreaterThan(3);
    for (const i of [0, 1, 2]) await boxes.nth(i).check();
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('3 tickets selected');
    await page.getByTestId('bulk-problem').click();
    await page.getByTestId('problem-form').waitFor();
    const linked = page.locator('[data-testid="problem-tickets"] li');
    await expect.poll(() => linked.count(), { timeout: 20_000 }).toBe(3);
    await expect.poll(async () => (await linked.locator('strong').allTextContents()).filter((n) => n.trim() !== '').length, { timeout: 20_000 }).toBe(3);
    const numbers = (await linked.locator('strong').allTextContents()).map((n) => n.trim());
    // Candidates of the same product line, asset model or fault category are proposed.
    await expect.poll(() => page.locator('[data-testid="problem-candidates"] li').count(), { timeout: 20_000 }).toBeGreaterThan(0);

    // Nothing typed: the form says what is missing and sends nothing.
    await page.getByTestId('problem-submit').click();
    await expect.poll(() => page.getByText('Give the problem a title of at least 3 characters.').isVisible()).toBe(true);

    await page.getByTestId('problem-title').fill('Repeated optical LOS after power dips');
    await choose(page, 'problem-cause', 'Software');
    await page.getByTestId('problem-why-0').fill('The service dropped on the board');
    await page.getByTestId('problem-why-1').fill('The board reset under load');
    await page.getByTestId('problem-why-2').fill('A memory leak in the driver (内存泄漏)');
    await page.getByTestId('problem-root-cause').fill('Driver memory leak triggered by alarm storms');
    await page.getByTestId('add-corrective').click();
    await page.getByTestId('action-description-0').fill('Install hot patch SPH210 on affected sites');
    await page.getByTestId('action-due-0').fill(localDate(7));
    await page.getByTestId('add-preventive').click();
    await page.getByTestId('action-description-1').fill('Add an alarm-storm case to the release regression');
    await page.getByTestId('action-due-1').fill(localDate(30));
    await shot(page, 'problem-form-en');
    await page.getByTestId('problem-submit').click();

    await page.getByTestId('problem-detail').waitFor({ timeout: 20_000 });
    const problemRoute = new URL(page.url()).hash.slice(1);
    expect(await page.getByTestId('problem-heading').textContent()).toBe('Repeated optical LOS after power dips');
    expect(await page.locator('[data-testid="problem-whys"] li').count()).toBe(3);
    expect(await page.locator('[data-testid="problem-actions"] tbody tr').count()).toBe(2);
    expect(await page.locator('[data-testid="problem-linked"] li').count()).toBe(3);
    await shot(page, 'problem-page-en');

    // Resolve: the problem moves to verifying and each linked ticket is resolved with one reply.
    await page.getByTestId('problem-resolve').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('resolve-tickets').isChecked()).toBe(true);
    await page.getByTestId('resolve-reply').fill('We found the cause of the repeated outages and removed it with patch SPH210. Please tell us if it happens again.');
    await shootBothLanguages(page, (locale) => page.screenshot({ path: `${SCREENSHOT_DIR}/problem-resolve-${locale}.png` }));
    await page.getByTestId('resolve-confirm').click();
    await page.getByTestId('resolve-result').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="resolve-outcome-resolved"]').count()).toBe(3);
    expect(await page.locator('[data-testid="resolve-outcome-refused"]').count()).toBe(0);
    await shootBothLanguages(page, (locale) => page.screenshot({ path: `${SCREENSHOT_DIR}/problem-resolve-result-${locale}.png` }));
    await page.getByTestId('resolve-close').click();
    await expect.poll(() => page.getByTestId('problem-detail').getByTestId('problem-status').first().textContent()).toBe('Verifying');
    for (const n of numbers) await expect.poll(() => page.getByTestId(`linked-status-${n}`).textContent(), { timeout: 20_000 }).toBe('Resolved');

    // A linked ticket shows its problem, and the reply on its timeline.
    await page.locator('[data-testid="problem-linked"] a').first().click();
    await page.getByTestId('ticket-problems').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('ticket-problems').textContent()).toContain('Repeated optical LOS after power dips');
    await expect.poll(() => page.getByText('We found the cause of the repeated outages', { exact: false }).first().isVisible(), { timeout: 20_000 }).toBe(true);
    await shootBothLanguages(page, (locale) => page.screenshot({ path: `${SCREENSHOT_DIR}/problem-ticket-${locale}.png` }));

    // The list finds it.
    await goToRoute(page, '/problems');
    await page.getByTestId('problems-table').waitFor();
    await page.getByTestId('filter-text').fill('optical LOS');
    await expect.poll(() => page.locator('[data-testid^="problem-row-"]').count(), { timeout: 20_000 }).toBe(1);
    await page.getByTestId('filter-text').fill('');
    await expect.poll(() => page.locator('[data-testid^="problem-row-"]').count(), { timeout: 20_000 }).toBeGreaterThan(1);
    await shot(page, 'problems-list-en');

    // A demo problem whose actions are done: tickets of its kind before and after, as a chart and a table.
    await choose(page, 'filter-status', 'Closed');
    await expect.poll(() => page.locator('[data-testid^="problem-row-"]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.locator('[data-testid^="problem-row-"] a').first().click();
    await page.getByTestId('check-table').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('check-verdict').textContent()).toMatch(/Tickets of this kind|No ticket of this kind/);
    expect(await page.locator('[data-testid="check-table"] tbody tr').count()).toBeGreaterThan(2);
    await page.getByTestId('effectiveness').scrollIntoViewIfNeeded();
    await page.getByTestId('effectiveness').screenshot({ path: `${SCREENSHOT_DIR}/problem-effectiveness-en.png` });
    await page.getByTestId('locale-zh-CN').click();
    await expect.poll(() => page.getByText('有效性验证').first().isVisible()).toBe(true);
    await page.getByTestId('effectiveness').screenshot({ path: `${SCREENSHOT_DIR}/problem-effectiveness-zh-CN.png` });

    // Everything once more in Chinese.
    await goToRoute(page, '/problems');
    await expect.poll(() => page.getByRole('heading', { name: '问题管理', level: 1 }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('[data-testid^="problem-row-"]').count(), { timeout: 20_000 }).toBeGreaterThan(1);
    await shot(page, 'problems-list-zh-CN');
    await goToRoute(page, problemRoute);
    await page.getByTestId('problem-detail').waitFor();
    await expect.poll(() => page.getByText('五问法').first().isVisible()).toBe(true);
    await shot(page, 'problem-page-zh-CN');
    await goToRoute(page, '/problems/new');
    await page.getByTestId('problem-form').waitFor();
    await page.getByTestId('add-corrective').click();
    await page.getByTestId('problem-submit').click();
    await expect.poll(() => page.getByText('请至少关联一张工单：问题记录以工单为依据。').isVisible()).toBe(true);
    await shot(page, 'problem-form-zh-CN');
    await page.getByTestId('locale-en').click();
    expect(errors).toEqual([]);
  });
});
