import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startHarnessProcess, type RunningHarness } from './harness';
import { SCREENSHOT_DIR } from './tickets.spec';

const total = async (page: Page, level: string) => Number((await page.getByTestId(`count-${level}`).textContent())?.replace(/\D/g, ''));
const numberOf = async (card: Locator) => (await card.getAttribute('data-testid'))!.slice('card-'.length);

// The escalation board as a service manager uses it, against the embedded demo server.
describe('escalation board in the browser harness with the demo server', () => {
  let harness: RunningHarness;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarnessProcess();
    browser = await launchChromium();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  const escalateWithReason = async (reason: string) => {
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await page.getByTestId('reason-input').fill('   ');
    await page.getByTestId('reason-confirm').click();
    await expect.poll(() => dialog.getByText('Enter a reason: the receiver needs to know why.').isVisible()).toBe(true);
    await page.getByTestId('reason-input').fill(reason);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/board-reason-en.png` });
    await page.getByTestId('reason-confirm').click();
  };

  it('escalates a ticket to L2 by dragging its card, live on the board', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(harness.url);
    await expect.poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 60_000 }).toBe('Synced');
    await page.getByTestId('nav-board').click();
    await expect.poll(() => page.locator('[data-testid="column-L1"] [data-testid^="card-"]').count(), { timeout: 30_000 }).toBeGreaterThan(2);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/board-en-light.png` });
    const card = page.locator('[data-testid="column-L1"] [data-testid^="card-"]').first();
    const number = await numberOf(card);
    const l2Before = await total(page, 'L2');
    const from = (await card.boundingBox())!;
    const to = (await page.getByTestId('column-L2').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + 20);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 20, from.y + 30, { steps: 4 });
    await page.mouse.move(to.x + to.width / 2, to.y + 60, { steps: 12 });
    await page.mouse.up();
    await escalateWithReason('Needs remote analysis of the optical module');
    await expect.poll(() => page.getByText(`${number} moved to L2 technical support.`).isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => total(page, 'L2'), { timeout: 20_000 }).toBe(l2Before + 1);
    expect(await page.locator(`[data-testid="column-L1"] [data-testid="card-${number}"]`).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('escalates another with the keyboard, and a drop on its own column changes nothing', async () => {
    const card = page.locator('[data-testid="column-L1"] [data-testid^="card-"]').first();
    const number = await numberOf(card);
    // Picked up and put down where it was: nothing is sent, the board says so.
    await card.focus();
    await page.keyboard.press('Space');
    await page.waitForTimeout(200);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByText(`${number} is already at L1 frontline: nothing changed.`).isVisible()).toBe(true);
    expect(await page.getByRole('dialog').count()).toBe(0);

    const l2Before = await total(page, 'L2');
    await card.focus();
    await page.keyboard.press('Space');
    // The columns are measured once the card is picked up.
    await page.waitForTimeout(200);
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(200);
    await page.keyboard.press('Space');
    await page.getByRole('dialog').waitFor();
    expect(await page.locator('#reason-dialog-title').textContent()).toBe(`Escalate ${number} to L2 technical support`);
    await escalateWithReason('Customer reports repeated outages');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/board-keyboard-en.png` });
    await expect.poll(() => page.getByText(`${number} moved to L2 technical support.`).isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => total(page, 'L2'), { timeout: 20_000 }).toBe(l2Before + 1);
    expect(await page.locator(`[data-testid="column-L1"] [data-testid="card-${number}"]`).count()).toBe(0);
  });

  it('bulk assigns three tickets from the queue with "a", then undoes it', async () => {
    await page.getByTestId('nav-queue').click();
    await page.getByTestId('queue-tab-open').click();
    const boxes = page.locator('[role="row"][data-rowindex] input[type="checkbox"]');
    await expect.poll(() => boxes.count(), { timeout: 20_000 }).toBeGreaterThan(3);
    for (const i of [0, 1, 2]) await boxes.nth(i).check();
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('3 tickets selected');
    await page.keyboard.press('a');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByText('Assign 3 tickets').isVisible()).toBe(true);
    await dialog.getByRole('combobox').click();
    await page.getByRole('option').first().click();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/queue-bulk-assign-en.png` });
    await page.getByTestId('bulk-confirm').click();
    await expect.poll(() => page.getByText(/ticket(s)? changed\./).first().isVisible(), { timeout: 20_000 }).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/queue-bulk-result-en.png` });
    await page.getByTestId('bulk-undo').click();
    await expect.poll(() => page.getByText(/change(s)? undone\./).isVisible(), { timeout: 20_000 }).toBe(true);
    await boxes.nth(0).check();
    await page.getByTestId('locale-zh-CN').click();
    await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('已选择 1 张工单');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/queue-bulk-zh-CN.png` });
    await page.getByTestId('locale-en').click();
    await page.getByTestId('nav-board').click();
  });

  it('shows the hierarchical axis and filters, in Chinese and in the dark theme', async () => {
    await page.getByTestId('locale-zh-CN').click();
    await expect.poll(() => page.getByRole('heading', { name: '升级看板', level: 1 }).isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/board-zh-CN-light.png` });
    await page.getByTestId('axis-hierarchical').click();
    await expect.poll(() => page.getByTestId('column-service_manager').isVisible()).toBe(true);
    await page.getByTestId('theme-toggle').click();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/board-zh-CN-dark.png` });
    await page.getByTestId('locale-en').click();
    await page.getByTestId('axis-functional').click();
    await page.locator('[data-testid="filter-severity"]').click();
    await page.getByRole('option', { name: 'Critical' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('board').isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('board-loading').count()).toBe(0);
    await expect.poll(async () => (await page.locator('[data-testid^="card-"]').allTextContents()).every((t) => t.includes('Critical'))).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/board-en-dark.png` });
  });
});
