import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary, launchChromium, startHarnessProcess, type RunningHarness } from './harness';
import { frameSpec } from './frame.spec';
import { ticketSliceSpec } from './tickets.spec';

describe('browser harness in Chromium, local only', () => {
  let harness: RunningHarness;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    harness = await startHarnessProcess({ CIMS_SERVER_URL: 'none' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('creates a ticket through the form and shows it in the list, in both languages', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(harness.url);
    await ticketSliceSpec(page, 'harness');
    // The ticket text is rendered as text, never as markup (B4).
    expect(await page.locator('script:text("alert(1)")').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('opens deep links, says when a route does not exist, and switches theme and language', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(harness.url);
    await frameSpec(page, 'harness');
    expect(errors).toEqual([]);
  });

  it('shows the transport error instead of a blank page without the launch token', async () => {
    const page = await browser.context.newPage();
    const origin = new URL(harness.url).origin;
    await page.goto(origin);
    await page.evaluate('sessionStorage.clear()');
    await page.reload();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Lost the connection');
  });
});

const binary = electronBinary();
if (!binary) {
  console.log('e2e: Electron spec not run: no Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1).');
}

describe('packaged Electron app', () => {
  it.runIf(binary)('runs the same ticket spec through Playwright _electron', async () => {
    const { _electron } = await import('playwright-core');
    const app = await _electron.launch({ executablePath: binary as string, args: ['.'], env: { ...process.env, CIMS_E2E: '1' } });
    try {
      const page = await app.firstWindow();
      await ticketSliceSpec(page, 'electron');
    } finally {
      await app.close();
    }
  });
});
