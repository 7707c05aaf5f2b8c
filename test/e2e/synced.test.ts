import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, pickFirstSite, startHarnessProcess, type RunningHarness } from './harness';
import { SCREENSHOT_DIR } from './tickets.spec';

// `npm run start:web` as a new user gets it: the embedded server with the demo organisation,
// the app signed in and synced.
describe('browser harness with the embedded demo server', () => {
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

  it('starts signed in and synced; a new ticket gets its server number', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(harness.url);
    await expect.poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 60_000 }).toBe('Synced');
    // Managers land on their dashboard; the ticket list is one click away.
    await page.getByTestId('nav-tickets').click();
    expect(await page.getByTestId('account-menu').textContent()).not.toBe('');
    await expect.poll(() => page.getByTestId('ticket-row').count(), { timeout: 30_000 }).toBe(50);
    expect(await page.getByTestId('ticket-row').first().textContent()).toMatch(/^T-\d{6}/);

    await page.getByTestId('new-ticket-button').click();
    await page.getByTestId('ticket-customer').fill('CU-0001');
    await page.getByTestId('customer-option').first().click();
    await pickFirstSite(page);
    await page.getByTestId('ticket-title').fill('Optical power alarm on OSN-9800 光功率告警');
    await page.getByTestId('ticket-submit').click();
    await expect.poll(() => page.getByTestId('ticket-created').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByTestId('nav-tickets').click();
    const row = page.getByTestId('ticket-row').filter({ hasText: 'Optical power alarm' });
    // Provisional at first, then the number the server assigned once the ticket synced.
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toMatch(/^T-\d{6}/);
    await expect.poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 30_000 }).toBe('Synced');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/synced-tickets-en.png`, fullPage: true });
    // The indicator opens its details: nothing pending, a last-sync time, no error.
    await page.getByTestId('sync-indicator').click();
    const details = page.getByTestId('sync-details');
    await expect.poll(() => details.textContent()).toContain('Every change on this computer is on the server.');
    expect(await details.textContent()).not.toContain('never');
    expect(await details.textContent()).not.toContain('Last error');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/sync-details-en.png` });
    await page.keyboard.press('Escape');

    // The queues page the demo data from main, sorted there; a row opens its ticket.
    await page.getByTestId('nav-queue').click();
    await page.getByTestId('queue-tab-all').click();
    await expect.poll(() => page.getByRole('heading', { name: 'All tickets', level: 1 }).isVisible()).toBe(true);
    const shownTotal = async () => Number((await page.getByTestId('queue-total').textContent())?.replace(/\D/g, ''));
    await expect.poll(shownTotal, { timeout: 20_000 }).toBeGreaterThan(50);
    const total = await shownTotal();
    // The grid draws the rows in view (virtualised); the page itself holds 50.
    await expect.poll(() => page.locator('[role="row"][data-rowindex]').count()).toBeGreaterThanOrEqual(10);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/queue-all-en.png` });
    await page.getByTestId('locale-zh-CN').click();
    await expect.poll(() => page.getByTestId('queue-total').textContent()).toBe(`${total} 张工单`);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/queue-all-zh-CN.png` });
    await page.getByTestId('locale-en').click();
    await page.locator('[role="row"][data-rowindex="0"]').click();
    await expect.poll(() => page.getByTestId('ticket-detail').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('signs out, refuses a wrong password with a clear message, and signs in as another role', async () => {
    const page = await browser.context.newPage();
    await page.goto(harness.url);
    await page.getByTestId('account-menu').click();
    await page.getByTestId('account-sign-out').click();
    await page.getByTestId('account-sign-in').click();
    await page.getByTestId('sign-in-username').fill('technician');
    await page.getByTestId('sign-in-password').fill('wrong password');
    await page.getByTestId('sign-in-submit').click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent(), { timeout: 20_000 }).toBe(
      'Wrong user name or password, or the account is disabled.',
    );
    // The dialog is modal: close it, switch the language, open it again.
    await page.keyboard.press('Escape');
    await page.getByTestId('locale-zh-CN').click();
    await page.getByTestId('account-sign-in').click();
    await page.getByTestId('sign-in-username').fill('technician');
    await page.getByTestId('sign-in-password').fill('');
    await page.getByTestId('sign-in-submit').click();
    await expect.poll(() => page.getByText('请输入密码。').isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/sign-in-zh-CN.png` });
    await page.getByTestId('sign-in-password').fill('cims-demo');
    await page.getByTestId('sign-in-submit').click();
    await expect.poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 60_000 }).toBe('已同步');
    await expect.poll(() => page.getByTestId('account-menu').isVisible()).toBe(true);
  });
});
