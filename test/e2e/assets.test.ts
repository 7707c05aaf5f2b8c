import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../shared/domain/demo';
import { launchChromium, shootBothLanguages, startHarnessProcess, type RunningHarness } from './harness';
import { SCREENSHOT_DIR } from './tickets.spec';

// Dialogs are shot as the user sees them (the window); pages in full.
const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: `${SCREENSHOT_DIR}/assets-${name}.png`, fullPage });

// The embedded demo server loads the generator's default organisation: the same data here
// says which asset has the most tickets and which customer and site a CSV row may name.
const demo = generateDemoData();
const ticketsPerAsset = new Map<string, number>();
for (const t of demo.tickets) if (t.assetId) ticketsPerAsset.set(t.assetId, (ticketsPerAsset.get(t.assetId) ?? 0) + 1);
const [busiestId, busiestCount] = [...ticketsPerAsset.entries()].sort((a, b) => b[1] - a[1])[0]!;
const busiest = demo.assets.find((a) => a.id === busiestId)!;
const customer = demo.customers[0]!;
const site = customer.sites[0]!;

/** A barcode scanner: the whole code typed at once, then Enter. */
const scan = async (page: Page, code: string) => {
  await page.keyboard.press('F2');
  const input = page.getByTestId('scan-input');
  await input.waitFor();
  await input.fill('');
  await page.keyboard.type(code, { delay: 0 });
  await page.keyboard.press('Enter');
};

// One desktop (the admin of the demo organisation, who sees every ticket) against the
// embedded demo server: one harness start for the whole scenario.
describe('the asset registry', () => {
  let harness: RunningHarness;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let dir: string;

  beforeAll(async () => {
    harness = await startHarnessProcess({ CIMS_DEMO_USER: 'admin' });
    browser = await launchChromium();
    dir = await mkdtemp(join(tmpdir(), 'cims-assets-csv-'));
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('an asset found by a scanned code and its history opened; register, edit, CSV import with a row error previewed', async () => {
    const errors: string[] = [];
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(harness.url);
    await expect.poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 90_000 }).toBe('Synced');

    // A scanner that read a whole page of text: refused with a message, nothing looked up.
    await scan(page, 'X'.repeat(500));
    await expect.poll(() => page.getByTestId('scan-help').textContent()).toContain('longer than any asset code');
    await shootBothLanguages(page, (locale) => shot(page, `scan-too-long-${locale}`, false));

    // The scanned code of a real asset opens its page with its tickets, tree and lifecycle.
    await page.getByTestId('scan-input').fill('');
    await page.keyboard.type(busiest.assetCode.toLowerCase(), { delay: 0 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url(), { timeout: 20_000 }).toContain(`#/assets/${busiest.assetCode}`);
    await expect.poll(() => page.getByTestId('asset-heading').textContent()).toContain(busiest.assetCode);
    await expect.poll(() => page.getByTestId('asset-ticket').count(), { timeout: 20_000 }).toBe(Math.min(busiestCount, 50));
    expect(await page.getByTestId('asset-tree').getByRole('treeitem').count()).toBeGreaterThan(1);
    expect(await page.getByTestId('asset-step').count()).toBeGreaterThanOrEqual(2);
    await shot(page, 'asset-page-en');

    // "New ticket for this asset": the form arrives with the asset found.
    await page.getByTestId('asset-new-ticket').click();
    await expect.poll(() => page.getByTestId('ticket-asset-help').textContent(), { timeout: 20_000 }).toContain(busiest.model);
    expect(await page.getByTestId('ticket-asset').inputValue()).toBe(busiest.assetCode);

    // An unknown code is noted for the asset team, who register it from the registry.
    await scan(page, 'AS-E2E-NEW');
    await expect.poll(() => page.getByTestId('scan-unknown').isVisible()).toBe(true);
    await page.getByTestId('scan-note-unknown').click();
    await expect.poll(() => page.getByTestId('scan-noted').textContent()).toBe('Noted for the asset team.');
    await shot(page, 'scan-unknown-en', false);
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-assets').click();
    const note = page.getByTestId('unknown-code').filter({ hasText: 'AS-E2E-NEW' });
    await expect.poll(() => note.count(), { timeout: 20_000 }).toBe(1);
    await note.getByRole('button', { name: 'Register' }).click();
    expect(await page.getByTestId('asset-assetCode').inputValue()).toBe('AS-E2E-NEW');
    await page.getByTestId('asset-serial').fill('SN-E2E-1');
    await page.getByTestId('asset-rfidTag').fill(busiest.rfidTag);
    await page.getByTestId('asset-model').fill('TN52ND2');
    await page.getByTestId('asset-productLine').fill('transport');
    await page.getByTestId('asset-customerId').selectOption(customer.id);
    await page.getByTestId('asset-siteId').selectOption(site.id);
    await page.getByTestId('asset-submit').click();
    // The RFID tag is the scanned asset's: refused on its field, nothing written.
    await expect.poll(() => page.getByText('Another asset already has this RFID tag.').isVisible()).toBe(true);
    await shootBothLanguages(page, (locale) => shot(page, `form-duplicate-tag-${locale}`, false));
    await page.getByTestId('asset-rfidTag').fill('E200E2E0000001');
    await page.getByTestId('asset-submit').click();
    await expect.poll(() => page.url(), { timeout: 20_000 }).toContain('#/assets/AS-E2E-NEW');
    await expect.poll(() => page.getByTestId('asset-heading').textContent()).toBe('AS-E2E-NEW · TN52ND2');

    // Edit: the model changes, the history stays and grows by a maintenance step.
    await page.getByTestId('asset-edit').click();
    await page.getByTestId('asset-model').fill('TN52ND2-B');
    await page.getByTestId('asset-submit').click();
    await expect.poll(() => page.getByTestId('asset-heading').textContent()).toBe('AS-E2E-NEW · TN52ND2-B');
    await page.getByTestId('asset-add-step').click();
    await page.getByTestId('step-choice').selectOption('under_maintenance');
    await page.getByTestId('step-note').fill('RMA 2026-001');
    await page.getByTestId('step-save').click();
    await expect.poll(() => page.getByTestId('asset-step').last().textContent()).toContain('Under maintenance');
    await page.getByTestId('nav-assets').click();
    await expect.poll(() => note.count()).toBe(0);

    // CSV import: the preview names the row with an unknown site; the good row is imported.
    const csv = join(dir, 'assets.csv');
    await writeFile(
      csv,
      [
        'assetCode,serial,model,productLine,kind,customerCode,siteName,installDate',
        `AS-CSV-E2E-1,SN-C1,OSN-1800,transport,unit,${customer.code},${site.name},2025-06-01`,
        `AS-CSV-E2E-2,SN-C2,OSN-1800,transport,unit,${customer.code},Atlantis,2025-06-01`,
      ].join('\n'),
    );
    await page.getByTestId('asset-import').click();
    await page.getByTestId('asset-import-file').setInputFiles(csv);
    await expect.poll(() => page.getByTestId('asset-import-summary').textContent(), { timeout: 20_000 }).toBe('2 rows: 1 ready, 1 with errors (these are skipped).');
    expect(await page.getByTestId('asset-import-error-row').textContent()).toBe('3AS-CSV-E2E-2siteNamethe customer has no site of this name');
    await shot(page, 'csv-preview-en', false);
    // The language is switched outside the dialog: the same file previewed in Chinese.
    await page.getByTestId('asset-import-close').click();
    await page.getByTestId('locale-zh-CN').click();
    await page.getByTestId('asset-import').click();
    await page.getByTestId('asset-import-file').setInputFiles(csv);
    await expect.poll(() => page.getByTestId('asset-import-summary').textContent()).toBe('共 2 行：1 行可导入，1 行有错误（将跳过）。');
    await shot(page, 'csv-preview-zh-CN', false);
    await page.getByTestId('asset-import-confirm').click();
    await expect.poll(() => page.getByTestId('asset-import-done').textContent(), { timeout: 20_000 }).toBe('已导入 1 个，跳过 1 个。');
    await page.getByTestId('asset-import-close').click();
    await page.getByTestId('asset-search').fill('AS-CSV-E2E');
    await expect.poll(() => page.getByTestId('asset-row').count(), { timeout: 20_000 }).toBe(1);
    await shot(page, 'list-zh-CN');

    // The same screens in Chinese.
    await scan(page, busiest.serial);
    await expect.poll(() => page.url(), { timeout: 20_000 }).toContain(`#/assets/${busiest.assetCode}`);
    await expect.poll(() => page.getByTestId('asset-lifecycle').textContent()).toContain('生命周期');
    await shot(page, 'asset-page-zh-CN');
    await scan(page, 'AS-未知-1');
    await expect.poll(() => page.getByTestId('scan-unknown').textContent()).toContain('本机没有编码为“AS-未知-1”的资产。');
    await shot(page, 'scan-unknown-zh-CN', false);
    await page.keyboard.press('Escape');
    await page.getByTestId('locale-en').click();
    await page.getByTestId('nav-assets').click();
    await expect.poll(() => page.getByTestId('asset-row').count(), { timeout: 20_000 }).toBeGreaterThan(10);
    await shot(page, 'list-en');

    // Everything written here reached the server through sync.
    await expect.poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 60_000 }).toBe('Synced');
    expect(errors).toEqual([]);
  }, 420_000);
});
