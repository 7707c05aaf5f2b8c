import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startHarnessProcess, type RunningHarness } from './harness';
import { seedLocalStore } from './seed';
import { SCREENSHOT_DIR } from './tickets.spec';
import { goToRoute, queueAsked, queueSettled as settled } from './queue-page';

const total = async (page: Page) => Number((await page.getByTestId('queue-total').textContent())?.replace(/\D/g, ''));
const rowNumbers = (page: Page) => page.locator('[role="row"][data-id] [data-field="number"]').allTextContents();

// A service desk's day on the queue, local only over the demo organisation's 3,000 tickets.
describe('queue in Chromium over a local store of demo tickets', () => {
  let harness: RunningHarness;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cims-e2e-queue-'));
    await seedLocalStore(dataDir, 3000);
    harness = await startHarnessProcess({ CIMS_SERVER_URL: 'none', CIMS_DATA_DIR: dataDir });
    browser = await launchChromium();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('filters a queue, searches a Chinese two-character word, walks it with j / k and opens a ticket with Enter', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(harness.url);
    await page.getByTestId('theme-toggle').waitFor();
    await goToRoute(page, '#/queue/open');
    await settled(page);
    const open = await total(page);
    expect(open).toBeGreaterThan(50);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/queue-open-en-light.png` });

    // Filter: major only.
    await page.getByTestId('queue-filters-button').click();
    await page.getByTestId('filter-severity').locator('input').click();
    await page.getByRole('option', { name: 'Major' }).click();
    // Close the choices (Escape would close the whole dialog).
    await page.locator('#queue-filters-title').click();
    await page.getByTestId('filters-apply').click();
    await settled(page);
    const major = await total(page);
    expect(major).toBeGreaterThan(0);
    expect(major).toBeLessThan(open);
    const severities = await page.locator('[role="row"][data-id] [data-field="severity"]').allTextContents();
    expect(new Set(severities)).toEqual(new Set(['Major']));

    // Search a two-character Chinese word within the filtered queue; hits are marked.
    await page.getByTestId('queue-search').fill('告警');
    await queueAsked(page, '告警');
    await settled(page);
    const found = await total(page);
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(major);
    expect(await page.locator('[role="row"][data-id] mark').first().textContent()).toBe('告警');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/queue-search-en-light.png` });

    // Keyboard only: leave the search field, walk down twice and up once, open.
    await page.getByTestId('queue-search').press('Tab');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    for (const key of ['j', 'j', 'k']) await page.keyboard.press(key);
    const numbers = await rowNumbers(page);
    await expect.poll(() => page.locator('.queue-cursor [data-field="number"]').textContent()).toBe(numbers[1]);
    await page.keyboard.press('?');
    await expect.poll(() => page.getByTestId('shortcuts-dialog').isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/queue-shortcuts-en-light.png` });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await expect.poll(() => decodeURIComponent(new URL(page.url()).hash)).toBe(`#/tickets/${numbers[1]}`);
    // The seeded demo tickets belong to the demo teams, not to this never-signed-in device's
    // own team: the ticket screen answers with the ticket or says it is out of sight.
    await expect.poll(async () => (await page.getByTestId('ticket-detail').isVisible()) || (await page.getByTestId('ticket-not-found').isVisible())).toBe(true);
    expect(errors).toEqual([]);
  });

  it('shows the queue in Chinese and English, light and dark', async () => {
    const page = await browser.context.newPage();
    await page.goto(harness.url);
    await page.getByTestId('theme-toggle').waitFor();
    await goToRoute(page, '#/queue/breaching');
    await settled(page);
    await page.getByTestId('queue-search').fill('退服');
    await queueAsked(page, '退服');
    await settled(page);
    await page.getByTestId('theme-toggle').click();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/queue-breaching-en-dark.png` });
    await page.getByTestId('locale-zh-CN').first().click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('即将超时');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/queue-breaching-zh-CN-dark.png` });
    await page.getByTestId('theme-toggle').click();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/queue-breaching-zh-CN-light.png` });
    await page.getByTestId('queue-filters-button').click();
    await expect.poll(() => page.getByTestId('queue-filters').isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/queue-filters-zh-CN-light.png` });
    await page.keyboard.press('Escape');
    await page.getByTestId('locale-en').first().click();
  });
});
