import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shootBothLanguages, startHarnessProcess, type RunningHarness } from './harness';
import { SCREENSHOT_DIR } from './tickets.spec';

const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOT_DIR}/customers-${name}.png`, fullPage: true });

// The demo's service manager (cn-east) keeps the region's key accounts; the demo's contact logs
// end before the demo's last day, so at least one of them is overdue for a contact. One harness
// start: the manager sees the overdue accounts, opens one, logs a contact, and it leaves the list.
describe('customer accounts', () => {
  let harness: RunningHarness;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    harness = await startHarnessProcess({ CIMS_DEMO_USER: 'manager' });
    browser = await launchChromium();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('a key account’s overdue contact is shown to its manager, who opens the account, logs a contact, and sees it leave the list', async () => {
    const errors: string[] = [];
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(harness.url);
    await expect.poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 60_000 }).toBe('Synced');

    // The manager lands on the dashboard, whose tile counts their overdue accounts.
    const tile = page.getByTestId('tile-overdue-contacts');
    await expect.poll(() => tile.locator('p').first().textContent(), { timeout: 30_000 }).toMatch(/^[1-9]\d*$/);
    await shootBothLanguages(page, (locale) => shot(page, `dashboard-tile-${locale}`));

    await page.getByTestId('nav-customers').click();
    const mine = page.getByTestId('my-overdue-row');
    await expect.poll(() => mine.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const before = await mine.count();
    const code = (await mine.first().getAttribute('data-code'))!;
    expect(code).toMatch(/^CU-\d{4}$/);
    await expect.poll(() => page.getByTestId('customer-row').count()).toBeGreaterThan(10);
    await shot(page, 'directory-en');

    // Search by Chinese name part finds the key account.
    await page.getByTestId('customers-search').fill('东方电');
    await expect.poll(() => page.getByTestId('customers-count').textContent()).toMatch(/^[12] customers?$/);
    for (const row of await page.getByTestId('customer-row').all()) expect(await row.textContent()).toContain('East Telecom');
    await page.getByTestId('customers-search').fill('');

    await mine.first().click();
    await expect.poll(() => page.getByTestId('account-name').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(page.url()).toMatch(/#\/customers\/[0-9a-f-]{36}$/);
    expect(await page.getByText('Key account').first().isVisible()).toBe(true);
    expect(await page.getByTestId('account-manager').textContent()).toMatch(/^Account manager: /);
    expect(await page.getByTestId('account-cadence').getAttribute('data-overdue')).toBe('true');
    await expect.poll(() => page.getByTestId('contact-log-row').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('account-figures').locator('tbody tr').count()).toBe(12);
    await shot(page, 'account-en');

    // The form refuses an empty summary, then logs the visit.
    await page.getByTestId('contact-add').click();
    await page.getByTestId('contact-submit').click();
    await expect.poll(() => page.getByText('Say what was discussed.').isVisible()).toBe(true);
    await shot(page, 'contact-form-en');
    await page.getByTestId('contact-summary').fill('Weekly visit with the NOC head 每周拜访');
    await page.getByTestId('contact-next-step').fill('Send the upgrade plan');
    await page.getByTestId('contact-submit').click();
    await expect.poll(() => page.getByTestId('contact-form').count()).toBe(0);
    await expect.poll(() => page.getByTestId('contact-log-row').first().textContent(), { timeout: 15_000 }).toContain('Weekly visit with the NOC head');
    await expect.poll(() => page.getByTestId('account-cadence').getAttribute('data-overdue')).toBe('false');

    // Back in the directory, the account is no longer among the manager's overdue ones.
    await page.getByTestId('nav-customers').click();
    await expect.poll(() => page.locator(`[data-testid="customer-row"][data-code="${code}"]`).getAttribute('data-overdue'), { timeout: 20_000 }).toBe('false');
    await expect.poll(() => page.locator(`[data-testid="my-overdue-row"][data-code="${code}"]`).count()).toBe(0);
    if (before > 1) expect(await mine.count()).toBe(before - 1);
    await page.getByTestId('customers-show-myOverdue').click();
    await expect.poll(() => page.getByTestId('customer-row').count()).toBe(before - 1);

    await page.getByTestId('locale-zh-CN').click();
    await page.getByTestId('customers-show-all').click();
    await expect.poll(() => page.getByTestId('customers-count').textContent()).toMatch(/个客户$/);
    await shot(page, 'directory-zh-CN');
    await page.locator(`[data-testid="customer-row"][data-code="${code}"]`).getByTestId('customer-link').click();
    // The Chinese name leads the header in Chinese.
    await expect.poll(() => page.getByTestId('account-name').textContent(), { timeout: 20_000 }).toMatch(/[\u4e00-\u9fff]/);
    await expect.poll(() => page.getByTestId('contact-log-row').count()).toBeGreaterThan(1);
    expect(await page.getByText('关键客户').first().isVisible()).toBe(true);
    await shot(page, 'account-zh-CN');
    await page.getByTestId('contact-add').click();
    await page.getByTestId('contact-submit').click();
    await expect.poll(() => page.getByText('请填写沟通内容。').isVisible()).toBe(true);
    await shot(page, 'contact-form-zh-CN');
    expect(errors).toEqual([]);
  });
});
