import { mkdir } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createSyncHttpClient } from '../../electron/sync/http';
import { DEMO_PASSWORD } from '../../shared/domain/demo';
import { createMemoryTokenStore } from '../../electron/sync/tokens';
import { createTicketOnForm, launchChromium, signInOnForm, startHarnessProcess, type RunningHarness } from './harness';
import { drawPhoto, jpegSize } from './photos';
import { relay } from './relay';
import { SCREENSHOT_DIR } from './tickets.spec';

const choose = async (page: Page, testId: string, option: string) => {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
};

/** A page of a desktop with its errors collected. */
const openDesktop = async (browser: { context: BrowserContext }, url: string): Promise<{ page: Page; errors: string[] }> => {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, errors };
};

const synced = (page: Page) => expect.poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 120_000 }).toBe('Synced');


/** A new page of the technician's desktop, synced, on a ticket it has just created; page errors are collected. */
const onNewTicket = async (browser: { context: BrowserContext }, url: string, title: string): Promise<{ page: Page; errors: string[] }> => {
  const { page, errors } = await openDesktop(browser, url);
  await synced(page);
  await createTicketOnForm(page, title);
  return { page, errors };
};

const changeStatus = async (page: Page, to: string, pendingReason?: string) => {
  await page.getByTestId('action-status').click();
  await choose(page, 'status-to', to);
  if (pendingReason) await choose(page, 'status-pending-reason', pendingReason);
  await page.getByTestId('status-dialog-submit').click();
  await expect.poll(() => page.getByTestId('status-dialog').count()).toBe(0);
};

// A technician works a ticket on the ticket screen against the real core and the embedded
// demo server: an internal note, a public reply, pending for parts and back; the SLA clocks
// show the pause while it lasts.
describe('ticket screen in the browser harness', () => {
  let harness: RunningHarness;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    harness = await startHarnessProcess({ CIMS_DEMO_USER: 'technician' });
    browser = await launchChromium();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('writes a note and a reply, pends the ticket for parts and resumes it; the clocks show the pause', async () => {
    const { page, errors } = await onNewTicket(browser, harness.url, 'Board alarm on OSN-9800 板卡告警');
    expect(await page.getByTestId('ticket-status').textContent()).toBe('New');

    // An internal note, then a public reply: switching with text typed asks first.
    const composer = page.getByTestId('composer');
    expect(await composer.getAttribute('data-mode')).toBe('note');
    await page.getByTestId('composer-text').fill('Spare board requested from the depot.');
    await page.getByTestId('composer-send').click();
    await expect.poll(() => page.getByTestId('timeline-note').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('composer-text').fill('We are replacing the board this afternoon.');
    await page.getByTestId('composer-mode-reply').click();
    await page.getByTestId('composer-switch-confirm').click();
    await expect.poll(() => composer.getAttribute('data-mode')).toBe('reply');
    await page.getByTestId('composer-send').click();
    await expect.poll(() => page.getByTestId('timeline-reply').count(), { timeout: 10_000 }).toBe(1);
    // The reply was the first response: that clock stopped in time.
    await expect.poll(() => page.getByTestId('sla-firstResponse').textContent()).toBe('First response: Met');

    await changeStatus(page, 'In progress');
    await changeStatus(page, 'Pending', 'Waiting for parts');
    await expect.poll(() => page.getByTestId('ticket-status').textContent(), { timeout: 10_000 }).toBe('Pending · Waiting for parts');
    await expect.poll(() => page.getByTestId('sla-paused').isVisible()).toBe(true);
    expect(await page.getByTestId('sla-restore').getAttribute('data-paused')).toBe('true');
    expect(await page.getByTestId('sla-restore').textContent()).toMatch(/^Restore: Paused · /);
    await expect.poll(() => page.getByText('SLA clocks paused').isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ticket-detail-en-light.png`, fullPage: true });
    await page.getByTestId('theme-toggle').click();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ticket-detail-en-dark.png`, fullPage: true });
    await page.getByTestId('locale-zh-CN').click();
    await expect.poll(() => page.getByTestId('ticket-status').textContent()).toBe('挂起 · 等待备件');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ticket-detail-zh-CN-dark.png`, fullPage: true });
    await page.getByTestId('theme-toggle').click();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ticket-detail-zh-CN-light.png`, fullPage: true });
    await page.getByTestId('locale-en').click();

    // Resumed: the clocks run again and the timeline records both ends of the pause.
    await changeStatus(page, 'In progress');
    await expect.poll(() => page.getByTestId('sla-paused').count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getByTestId('sla-restore').getAttribute('data-paused')).toBe('false');
    await expect.poll(() => page.getByText('SLA clocks resumed').isVisible()).toBe(true);
    // Synced: the server accepted every change (nothing left pending) and the number is the server's.
    await expect.poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 30_000 }).toBe('Synced');
    await expect.poll(() => page.getByTestId('ticket-number').textContent(), { timeout: 30_000 }).toMatch(/^T-\d{6}$/);
    expect(await page.getByTestId('ticket-provisional').count()).toBe(0);

    // The status dialog opens from the keyboard too.
    await page.locator('body').click();
    await page.keyboard.press('s');
    await expect.poll(() => page.getByTestId('status-dialog').isVisible()).toBe(true);
    await page.getByTestId('status-dialog-submit').click();
    await expect.poll(() => page.getByText('Choose the new status.').isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ticket-detail-status-dialog-en.png` });
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
  });

  // A technician adds two photos to a new ticket with the file chooser: each is downscaled on
  // the device, shows a thumbnail on the timeline, opens in the viewer, and reaches the server
  // (fetched back there by the admin, hash equal, long edge 2,048 px).
  it('adds two photos with the file chooser, shows thumbnails, and the server gets both blobs', async () => {
    const { page, errors } = await onNewTicket(browser, harness.url, 'Water damage in cabinet 3 机柜进水');

    const big = await drawPhoto(page, 3600, 2400, 'image/jpeg');
    const screenshot = await drawPhoto(page, 1280, 720, 'image/png');
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('attachments-add').click();
    await (await chooser).setFiles([
      { name: 'cabinet.jpg', mimeType: 'image/jpeg', buffer: big },
      { name: 'alarm-screen.png', mimeType: 'image/png', buffer: screenshot },
    ]);
    await expect.poll(() => page.getByTestId('attachment-thumbnail').count(), { timeout: 30_000 }).toBe(2);
    expect(await page.getByTestId('attachments-added').textContent()).toBe('2 files added');
    const timeline = page.getByTestId('timeline-attachment');
    expect(await timeline.allTextContents()).toEqual([expect.stringContaining('attached alarm-screen.jpg'), expect.stringContaining('attached cabinet.jpg')]);

    // Both reach the server once the ticket has synced (the queue waits for it).
    await expect.poll(() => page.getByTestId('attachments-usage').getAttribute('data-waiting'), { timeout: 90_000 }).toBe('0');
    await expect.poll(() => page.locator('[data-testid="attachment"][data-upload="uploaded"]').count(), { timeout: 10_000 }).toBe(2);
    const hashes = await page.getByTestId('attachment').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-sha256')!));
    const admin = createSyncHttpClient({ serverUrl: harness.serverUrl!, tokenStore: createMemoryTokenStore(), timeoutMs: 10_000 });
    await admin.login('admin', 'cims-demo');
    const sizes: { width: number; height: number }[] = [];
    for (const sha of hashes) {
      let bytes: Uint8Array | null = null;
      // The attachment events reach the server with the document sync; the blob may be first.
      await expect.poll(async () => (bytes = await admin.blobGet(sha).catch(() => null)) !== null, { timeout: 30_000 }).toBe(true);
      expect(createHash('sha256').update(bytes!).digest('hex')).toBe(sha);
      sizes.push(jpegSize(bytes!));
    }
    expect(sizes).toEqual([
      { width: 1280, height: 720 },
      { width: 2048, height: 1365 },
    ]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/attachments-en.png`, fullPage: true });

    // Opened in the viewer, from this device.
    await page.getByTestId('attachment-open').last().click();
    await expect.poll(() => page.getByTestId('attachment-full').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('attachment-full').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(2048);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/attachments-viewer-en.png` });
    await page.keyboard.press('Escape');

    await page.getByTestId('locale-zh-CN').click();
    await expect.poll(() => page.getByTestId('attachments-add').textContent()).toBe('添加照片或文件');
    await page.evaluate('window.scrollTo(0, 0)');
    expect(await page.getByTestId('attachments-usage').textContent()).toMatch(/^所有文件都已在服务器上 · 本机已使用/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/attachments-zh-CN.png`, fullPage: true });
    await page.getByTestId('locale-en').click();
    expect(errors).toEqual([]);
  });

  // The technician's field desktop reaches the server through a relay of this test; cutting it
  // is going offline. A photo taken there while offline waits, goes up once the network is
  // back, and the manager, signed in on the first desktop, sees it and opens it there.
  it('a photo taken offline on a field desktop reaches the manager on another desktop after sync', async () => {
    const link = await relay(harness.serverUrl!);
    const field = await startHarnessProcess({ CIMS_SERVER_URL: 'none' });
    try {
      const { page, errors } = await openDesktop(browser, field.url);
      await signInOnForm(page, link.url, 'technician', DEMO_PASSWORD, synced);
      await createTicketOnForm(page, 'Fan failure in shelter 5 机房风扇故障');
      // The ticket has its server number before the network goes, so the manager can look it up.
      await expect.poll(() => page.getByTestId('ticket-number').textContent(), { timeout: 60_000 }).toMatch(/^T-\d{6}$/);
      const number = (await page.getByTestId('ticket-number').textContent())!;

      await link.cut();
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('attachments-add').click();
      await (await chooser).setFiles([{ name: 'fan.jpg', mimeType: 'image/jpeg', buffer: await drawPhoto(page, 3000, 2000, 'image/jpeg') }]);
      await expect.poll(() => page.getByTestId('attachment-thumbnail').count(), { timeout: 30_000 }).toBe(1);
      // Offline: stored here, waiting to go up.
      expect(await page.getByTestId('attachments-usage').getAttribute('data-waiting')).toBe('1');
      expect(await page.locator('[data-testid="attachment"][data-upload="uploaded"]').count()).toBe(0);
      const sha = (await page.getByTestId('attachment').getAttribute('data-sha256'))!;
      await page.screenshot({ path: `${SCREENSHOT_DIR}/attachments-offline-en.png`, fullPage: true });

      await link.restore();
      await expect.poll(() => page.getByTestId('attachments-usage').getAttribute('data-waiting'), { timeout: 120_000 }).toBe('0');
      await synced(page);
      expect(errors).toEqual([]);

      // The manager on the first desktop: the technician signs out there, the manager signs in.
      const manager = await openDesktop(browser, harness.url);
      await synced(manager.page);
      await manager.page.getByTestId('account-menu').click();
      await manager.page.getByTestId('account-sign-out').click();
      await signInOnForm(manager.page, harness.serverUrl!, 'manager', DEMO_PASSWORD, synced);
      await manager.page.evaluate(`window.location.hash = '#/tickets/${number}'`);
      // Listed on the timeline; the bytes are not on this desktop until the photo is opened.
      await expect.poll(() => manager.page.getByTestId('timeline-attachment').textContent(), { timeout: 60_000 }).toContain('attached fan.jpg');
      const photo = manager.page.getByTestId('attachment');
      expect(await photo.getAttribute('data-sha256')).toBe(sha);
      await expect.poll(() => photo.getAttribute('data-local')).toBe('false');
      // Fetched from the server when opened: the downscaled photo, long edge 2,048 px, kept here from then on.
      await manager.page.getByTestId('attachment-open').click();
      await expect.poll(() => manager.page.getByTestId('attachment-full').isVisible(), { timeout: 30_000 }).toBe(true);
      await expect
        .poll(() => manager.page.getByTestId('attachment-full').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
        .toBe(2048);
      await manager.page.screenshot({ path: `${SCREENSHOT_DIR}/attachments-manager-viewer-en.png` });
      await manager.page.keyboard.press('Escape');
      await expect.poll(() => photo.getAttribute('data-local'), { timeout: 30_000 }).toBe('true');
      await expect.poll(() => manager.page.getByTestId('attachment-thumbnail').count(), { timeout: 30_000 }).toBe(1);
      await manager.page.getByTestId('locale-zh-CN').click();
      await expect.poll(() => manager.page.getByTestId('attachments-add').textContent()).toBe('添加照片或文件');
      await manager.page.screenshot({ path: `${SCREENSHOT_DIR}/attachments-manager-zh-CN.png`, fullPage: true });
      await manager.page.getByTestId('locale-en').click();
      expect(manager.errors).toEqual([]);
    } finally {
      await link.cut();
      await field.stop();
    }
  });
});
