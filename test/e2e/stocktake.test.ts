import { mkdir, readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../shared/domain/demo';
import { EXPECTED_STATUSES } from '../../shared/domain/stocktake';
import { anAsset, newId } from '../../shared/domain/testing/builders';
import type { Asset, Customer } from '../../shared/schema';
import { launchChromium, signInOnForm, startHarnessProcess, storedSessionArrives, type RunningHarness } from './harness';
import { relay } from './relay';
import { demoServer } from './server-api';
import { SCREENSHOT_DIR } from './tickets.spec';

/**
 * A stocktake of a site with 30 expected assets across three desktops and one server: the
 * asset manager's (with the embedded demo server) opens and reconciles it; two field desktops
 * (a technician and an engineer of the region) count it while offline, then sync. Each field
 * desktop reaches the server through a TCP relay of this test, and going offline is closing
 * the relay: the app sees what it sees when the network goes (connections refused), and no
 * switch inside the app is involved.
 */
const STEP = 600_000;

describe('stocktake counted offline by two desktops, reconciled after sync', () => {
  let hq: RunningHarness;
  let deskA: RunningHarness;
  let deskB: RunningHarness;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let managerPage: Page;
  let techPage: Page;
  let engPage: Page;
  let relayA: Awaited<ReturnType<typeof relay>>;
  let relayB: Awaited<ReturnType<typeof relay>>;
  let site: { customerId: string; siteId: string; name: string };
  let codes: string[] = [];
  let stocktakeUrl = '';
  const errors: string[] = [];

  /** A route of a desktop: the page first loads the harness URL (it carries the session token), then moves by hash. */
  const route = (desk: RunningHarness, path: string) => `${desk.url.replace(/#.*$/, '')}#${path}`;
  /**
   * Opens a route and makes sure it stays there: a desktop that has just started moves to the
   * user's landing page once, which can replace a route given too early.
   */
  const go = async (page: Page, desk: RunningHarness, path: string) => {
    for (let attempt = 0; attempt < 10; attempt++) {
      await page.goto(route(desk, path));
      await page.waitForTimeout(2000);
      if (page.url().endsWith(`#${path}`)) return;
    }
    expect(page.url()).toMatch(new RegExp(`#${path}$`));
  };
  const state = (page: Page) => page.getByTestId('sync-indicator').textContent();
  const synced = async (page: Page) =>
    expect
      .poll(() => state(page), { timeout: 480_000, interval: 1000 })
      .toMatch(/^(Synced|已同步)$/)
      .catch(async (error: unknown) => {
        // What the desktop showed instead, for the report.
        await page.screenshot({ path: `${SCREENSHOT_DIR}/stocktake-not-synced.png`, fullPage: true });
        throw new Error(`Not synced: the indicator says ${JSON.stringify(await state(page))}; the page says ${JSON.stringify((await page.locator('body').innerText()).slice(0, 600))}`, { cause: error });
      });
  const figure = (page: Page, key: string) => page.getByTestId(`figure-${key}-value`).textContent();
  const shoot = async (page: Page, name: string) => {
    await page.screenshot({ path: `${SCREENSHOT_DIR}/stocktake-${name}-en.png`, fullPage: true });
    await page.getByTestId('locale-zh-CN').click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/stocktake-${name}-zh-CN.png`, fullPage: true });
    await page.getByTestId('locale-en').click();
  };
  const scan = async (page: Page, code: string) => {
    await page.getByTestId('scan-input').pressSequentially(code, { delay: 0 });
    await page.keyboard.press('Enter');
  };

  /** The server as an administrator sees it: the test gives a cn-east site exactly 30 expected assets. */
  const prepareSite = async (serverUrl: string) => {
    const server = demoServer(serverUrl);
    const customers = (await server.pullAs('admin', 'customers')) as unknown as Customer[];
    const assets = (await server.pullAs('admin', 'assets')) as unknown as Asset[];
    const customer = customers.find((c) => c.region === 'cn-east')!;
    const chosen = customer.sites[0]!;
    const present = assets.filter((a) => a.siteId === chosen.id && EXPECTED_STATUSES.includes(a.status));
    expect(present.length).toBeLessThanOrEqual(30);
    const added = Array.from({ length: 30 - present.length }, (_, i) =>
      anAsset({ id: newId(), assetCode: `AS-E2E${String(i + 1).padStart(3, '0')}`, serial: `SNE2E${i + 1}`, rfidTag: `E280E2E${String(i + 1).padStart(5, '0')}`, customerId: customer.id, siteId: chosen.id, parentId: null }),
    );
    if (added.length > 0) await server.push('admin', 'assets', added);
    site = { customerId: customer.id, siteId: chosen.id, name: chosen.name };
    codes = [...present, ...added].map((a) => a.assetCode).sort((x, y) => x.localeCompare(y));
    expect(codes).toHaveLength(30);
  };

  beforeAll(async () => {
    // The two field desktops start without a server and sign in through the relays, as users would.
    [hq, deskA, deskB, browser] = await Promise.all([
      startHarnessProcess({ CIMS_DEMO_USER: 'manager', CIMS_SERVER_START_TIMEOUT_MS: '480000' }, 500_000),
      startHarnessProcess({ CIMS_SERVER_URL: 'none' }, 500_000),
      startHarnessProcess({ CIMS_SERVER_URL: 'none' }, 500_000),
      launchChromium(),
    ]);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    [relayA, relayB] = await Promise.all([relay(hq.serverUrl!), relay(hq.serverUrl!)]);
    await prepareSite(hq.serverUrl!);
    managerPage = await browser.context.newPage();
    techPage = await browser.context.newPage();
    engPage = await browser.context.newPage();
    for (const page of [managerPage, techPage, engPage]) page.on('pageerror', (error) => errors.push(error.message));
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await Promise.all([relayA?.cut(), relayB?.cut()]);
    await Promise.all([hq?.stop(), deskA?.stop(), deskB?.stop()]);
  }, STEP);

  it('the asset manager opens a stocktake of the site: it expects its 30 assets', async () => {
    await managerPage.goto(hq.url);
    if (!(await storedSessionArrives(managerPage))) await signInOnForm(managerPage, hq.serverUrl!, 'manager', DEMO_PASSWORD, synced);
    await synced(managerPage);
    await go(managerPage, hq, '/stocktakes');
    // The assets added for the test have arrived, so the site offers 30.
    const option = managerPage.getByTestId('open-site').locator(`option[value="${site.siteId}"]`);
    await expect
      .poll(() => option.textContent({ timeout: 5_000 }).catch(() => null), { timeout: 120_000 })
      .toContain(`${site.name} (30 assets)`)
      .catch(async (error: unknown) => {
        await managerPage.screenshot({ path: `${SCREENSHOT_DIR}/stocktake-open-failed.png`, fullPage: true });
        throw error;
      });
    await managerPage.getByTestId('open-site').selectOption(site.siteId);
    await managerPage.getByTestId('open-title').fill('Annual stocktake 年度盘点');
    await managerPage.getByTestId('open-submit').click();
    await expect.poll(() => managerPage.url(), { timeout: 30_000 }).toMatch(/#\/stocktakes\/[0-9a-f-]{36}$/);
    stocktakeUrl = managerPage.url().split('#')[1]!;
    await expect.poll(() => figure(managerPage, 'expected')).toBe('30');
    await expect.poll(() => figure(managerPage, 'missing')).toBe('30');
    await synced(managerPage);
    await go(managerPage, hq, '/stocktakes');
    await expect.poll(() => managerPage.getByTestId('stocktake-list').textContent()).toContain('Annual stocktake 年度盘点');
    await shoot(managerPage, 'list');
  }, STEP);

  it('a technician and an engineer sign in on their desktops and get the stocktake', async () => {
    await Promise.all([techPage.goto(deskA.url), engPage.goto(deskB.url)]);
    await Promise.all([signInOnForm(techPage, relayA.url, 'technician', DEMO_PASSWORD, synced), signInOnForm(engPage, relayB.url, 'engineer', DEMO_PASSWORD, synced)]);
    for (const [page, desk] of [[techPage, deskA], [engPage, deskB]] as const) {
      await go(page, desk, stocktakeUrl);
      await expect.poll(() => page.getByTestId('scan-input').isVisible(), { timeout: 60_000 }).toBe(true);
      await expect.poll(() => figure(page, 'expected')).toBe('30');
    }
  }, STEP);

  it('offline, each counts part of the site: repeated and unknown codes kept, a 500-character scan refused', async () => {
    await Promise.all([relayA.cut(), relayB.cut()]);
    // The technician: the first 15 assets, the first again (a repeat).
    for (const code of codes.slice(0, 15)) await scan(techPage, code);
    await scan(techPage, codes[0]!.toLowerCase());
    await expect.poll(() => techPage.getByTestId('scan-outcome').textContent()).toBe(`${codes[0]} was counted already (kept, counted once)`);
    // The engineer: assets 15 to 28 (the 15th was counted by the technician too) and a code the register does not know.
    for (const code of codes.slice(14, 28)) await scan(engPage, code);
    await scan(engPage, 'XX-E2E-UNKNOWN');
    await expect.poll(() => engPage.getByTestId('scan-outcome').textContent()).toBe('XX-E2E-UNKNOWN is not in the register: recorded as unexpected');
    await engPage.getByTestId('scan-input').fill('A'.repeat(500));
    await engPage.keyboard.press('Enter');
    await expect.poll(() => engPage.getByText('That code has 500 characters; codes are at most 80.', { exact: false }).isVisible()).toBe(true);

    // Each desktop sees its own counts only: they have not reached the server.
    await expect.poll(() => figure(techPage, 'found'), { timeout: 30_000 }).toBe('15');
    await expect.poll(() => figure(engPage, 'found'), { timeout: 30_000 }).toBe('14');
    // Each figure comes from its own live count: they settle one after the other.
    await expect.poll(() => figure(engPage, 'unexpected')).toBe('1');
    // The indicators no longer say synced: the scans wait on each desktop.
    await expect.poll(() => state(techPage), { timeout: 120_000 }).not.toBe('Synced');
    await expect.poll(() => state(engPage), { timeout: 120_000 }).not.toBe('Synced');
    await go(managerPage, hq, stocktakeUrl);
    await expect.poll(() => figure(managerPage, 'expected')).toBe('30');
    await expect.poll(() => figure(managerPage, 'found')).toBe('0');
    await shoot(techPage, 'counting-offline');
  }, STEP);

  it('back online, both desktops sync: 28 found, 1 unexpected, 2 missing everywhere', async () => {
    await Promise.all([relayA.restore(), relayB.restore()]);
    await Promise.all([synced(techPage), synced(engPage)]);
    for (const page of [managerPage, techPage, engPage]) {
      await expect.poll(() => figure(page, 'found'), { timeout: 120_000 }).toBe('28');
      await expect.poll(() => figure(page, 'unexpected')).toBe('1');
      await expect.poll(() => figure(page, 'missing')).toBe('2');
    }
    // Every scan kept: 16 + 15, two of them repeats, by two people.
    await expect.poll(() => managerPage.getByTestId('figure-scans').textContent()).toContain('31 scans by 2 people, 2 repeated');
  }, STEP);

  it('the asset manager ends counting, resolves the three differences, closes and exports', async () => {
    await managerPage.getByTestId('end-counting').click();
    await expect.poll(() => managerPage.getByTestId('reconcile-panel').isVisible(), { timeout: 30_000 }).toBe(true);
    await shoot(managerPage, 'reconcile');
    const resolve = async (code: string, resolution: string, note: string) => {
      await managerPage.getByTestId(`resolve-choice-${code}`).selectOption(resolution);
      await managerPage.getByTestId(`resolve-note-${code}`).fill(note);
      await managerPage.getByTestId(`resolve-save-${code}`).click();
      await expect.poll(() => managerPage.getByTestId(`resolve-row-${code}`).getAttribute('data-resolved'), { timeout: 30_000 }).toBe('true');
    };
    await resolve(codes[28]!, 'missing', 'not on site; reported to the customer');
    await resolve(codes[29]!, 'missing', '');
    await resolve('XX-E2E-UNKNOWN', 'new', 'spare board on the shelf');
    await managerPage.getByTestId('close-stocktake').click();
    await expect.poll(() => managerPage.getByTestId('stocktake-status').textContent(), { timeout: 30_000 }).toBe('Closed');
    const [download] = await Promise.all([managerPage.waitForEvent('download'), managerPage.getByTestId('export-csv').click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(32);
    expect(lines.filter((l) => l.includes(',found,'))).toHaveLength(28);
    expect(lines.find((l) => l.includes('XX-E2E-UNKNOWN'))).toContain('spare board on the shelf');
    await managerPage.getByTestId('lines-tab-missing').click();
    await shoot(managerPage, 'closed');
    await synced(managerPage);
    expect(errors).toEqual([]);
  }, STEP);
});
