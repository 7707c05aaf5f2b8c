import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../shared/domain/demo';
import { launchChromium, pickFirstSite, signInOnForm, startHarnessProcess, storedSessionArrives, type RunningHarness } from './harness';
import { SCREENSHOT_DIR } from './tickets.spec';

const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOT_DIR}/parts-${name}.png`, fullPage: true });
// The address carries the harness token in its fragment: move within the app by its hash.
const go = (page: Page, hash: string) => page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
/** Units on hand of one part on the stock page; a part the van no longer holds is not listed. */
const onHand = async (page: Page, partNumber: string): Promise<number> => {
  const line = page.locator(`[data-testid="stock-line"][data-part="${partNumber}"]`);
  return (await line.count()) === 0 ? 0 : Number(await line.getAttribute('data-on-hand'));
};
const choosePart = async (page: Page, partNumber: string) => {
  const select = page.getByTestId('book-part-select');
  const value = await select.locator('option', { hasText: `${partNumber} · ` }).getAttribute('value');
  await select.selectOption(value!);
};

// A technician (demo login, embedded demo server) books two parts on a ticket: a serialised
// board exchanged for a defective one, and loose fuses; the van stock drops by what was used,
// a quantity of 0 is refused, and the supplier's page counts the defective unit. One harness.
describe('spare parts in the browser harness', () => {
  let harness: RunningHarness;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    [harness, browser] = await Promise.all([startHarnessProcess({ CIMS_DEMO_USER: 'technician' }), launchChromium()]);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('books a serialised part with a defective unit returned and loose parts; the stock and the supplier page follow', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(harness.url);
    // The harness signs in to its demo server as it starts; on a loaded machine that first
    // sign-in can be lost, and the technician then signs in on the form.
    if (!(await storedSessionArrives(page))) await signInOnForm(page, harness.serverUrl!, 'technician', DEMO_PASSWORD);
    await expect.poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 120_000 }).toBe('Synced');

    await page.getByTestId('nav-parts').click();
    await expect.poll(() => page.getByTestId('stock-line').count(), { timeout: 30_000 }).toBeGreaterThan(5);
    const board0 = await onHand(page, 'TN54NS4');
    const fuse0 = await onHand(page, 'FUSE-10A');
    expect(board0).toBeGreaterThan(0);
    expect(fuse0).toBeGreaterThan(1);

    await go(page, '#/tickets/new');
    await page.getByTestId('ticket-customer').fill('CU-0001');
    await page.getByTestId('customer-option').filter({ hasText: /CU-0001 ·/ }).first().click();
    await pickFirstSite(page);
    await page.getByTestId('ticket-title').fill('Line board failed on OSN-9800 线路板故障');
    await page.getByTestId('ticket-submit').click();
    // Saved, or refused with a message the failure then shows.
    const created = page.getByTestId('ticket-created-link');
    const refused = page.getByTestId('form-error');
    await expect.poll(async () => (await created.count()) + (await refused.count()), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await refused.count(), await page.locator('form').innerText()).toBe(0);
    await created.click();
    await expect.poll(() => page.getByTestId('parts-panel').isVisible(), { timeout: 20_000 }).toBe(true);

    // A quantity of 0 is refused with a clear message and nothing is booked.
    await page.getByTestId('parts-book').click();
    await choosePart(page, 'TN54NS4');
    await page.getByTestId('book-quantity').fill('0');
    await page.getByTestId('book-submit').click();
    await expect.poll(() => page.getByText('Enter a whole number of at least 1.').isVisible()).toBe(true);
    await shot(page, 'book-errors-en');
    await page.getByTestId('book-quantity').fill('1');
    await page.getByTestId('book-serial-in').fill('21NEW00001');
    await page.getByTestId('book-serial-out').fill('21OLD00001');
    await page.getByTestId('book-defective').check();
    await page.getByTestId('book-submit').click();
    await expect.poll(() => page.getByTestId('booking-row').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('booking-defective').count()).toBe(1);

    await page.getByTestId('parts-book').click();
    await choosePart(page, 'FUSE-10A');
    await page.getByTestId('book-quantity').fill('2');
    await page.getByTestId('book-submit').click();
    await expect.poll(() => page.getByTestId('booking-row').count(), { timeout: 10_000 }).toBe(2);
    // Both bookings are on the timeline as part events.
    await expect.poll(() => page.getByTestId('timeline-part').count(), { timeout: 10_000 }).toBe(2);
    await shot(page, 'ticket-en');
    await page.getByTestId('locale-zh-CN').click();
    await expect.poll(() => page.getByTestId('booking-defective').textContent()).toBe('故障件，退回供应商');
    await shot(page, 'ticket-zh-CN');
    await page.getByTestId('parts-book').click();
    await page.getByTestId('book-submit').click();
    await expect.poll(() => page.getByText('请选择备件。').isVisible()).toBe(true);
    await shot(page, 'book-errors-zh-CN');
    await page.getByTestId('book-cancel').click();

    await page.getByTestId('nav-parts').click();
    await expect.poll(() => onHand(page, 'TN54NS4'), { timeout: 10_000 }).toBe(board0 - 1);
    expect(await onHand(page, 'FUSE-10A')).toBe(fuse0 - 2);
    await expect.poll(() => page.getByTestId('movement-row').first().getAttribute('data-reason')).toBe('use');
    await shot(page, 'stock-zh-CN');
    await page.getByTestId('locale-en').click();
    await shot(page, 'stock-en');

    // The supplier of the board counts the defective unit in this quarter.
    await go(page, '#/suppliers');
    await page.getByTestId('supplier-link').filter({ hasText: 'Jinling Electronics' }).click();
    await expect.poll(() => page.getByTestId('supplier-title').textContent(), { timeout: 10_000 }).toContain('Jinling Electronics');
    const now = new Date();
    const quarter = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
    const row = page.locator(`[data-testid="quarter-row"][data-quarter="${quarter}"]`);
    await expect.poll(async () => Number(await row.getAttribute('data-defective')), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    expect(Number(await row.getAttribute('data-used'))).toBeGreaterThanOrEqual(1);
    await shot(page, 'supplier-en');
    await page.getByTestId('locale-zh-CN').click();
    await expect.poll(() => page.getByTestId('supplier-title').textContent()).toContain('金陵电子');
    await shot(page, 'supplier-zh-CN');
    await go(page, '#/suppliers');
    await expect.poll(() => page.getByTestId('supplier-row').count()).toBe(3);
    await shot(page, 'suppliers-zh-CN');
    await go(page, '#/parts/catalogue');
    await expect.poll(() => page.getByTestId('catalogue-row').count()).toBe(18);
    await shot(page, 'catalogue-zh-CN');
    await page.getByTestId('locale-en').click();
    await shot(page, 'catalogue-en');
    await go(page, '#/suppliers');
    await expect.poll(() => page.getByTestId('supplier-row').count()).toBe(3);
    await shot(page, 'suppliers-en');
    expect(errors).toEqual([]);
  }, 300_000);
});
