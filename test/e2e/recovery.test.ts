import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startHarnessProcess, type RunningHarness } from './harness';
import { relay } from './relay';
import { SCREENSHOT_DIR } from './tickets.spec';

/**
 * RELIABILITY D4 in the app: a technician's desktop writes a ticket while the server is out of
 * reach, then its store file is damaged. The next start shows the recovery screen; "export
 * unsynced work" saves the offline ticket to a file; "download again" sets the damaged file
 * aside, and the app continues on a fresh store that fills from the server.
 */
const STEP = 600_000;

describe('recovering from a damaged local store', () => {
  let hq: RunningHarness;
  let desk: RunningHarness | null = null;
  let deskDir: string;
  let net: Awaited<ReturnType<typeof relay>>;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const errors: string[] = [];

  const clientDir = () => join(deskDir, 'client');
  const store = () => join(clientDir(), 'cims.sqlite');
  const indicator = () => page.getByTestId('sync-indicator').textContent();
  const synced = () => expect.poll(indicator, { timeout: 480_000, interval: 1000 }).toMatch(/^(Synced|已同步)$/);
  const shoot = async (name: string) => {
    await page.screenshot({ path: `${SCREENSHOT_DIR}/recovery-${name}-en.png`, fullPage: true });
    await page.getByTestId('locale-zh-CN').click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/recovery-${name}-zh-CN.png`, fullPage: true });
    await page.getByTestId('locale-en').click();
  };
  const startDesk = async () => {
    desk = await startHarnessProcess({ CIMS_SERVER_URL: 'none', CIMS_DATA_DIR: deskDir }, 500_000);
    page = await browser.context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(desk.url);
  };

  beforeAll(async () => {
    deskDir = await mkdtemp(join(tmpdir(), 'cims-e2e-recovery-'));
    [hq, browser] = await Promise.all([startHarnessProcess({ CIMS_DEMO_USER: 'manager', CIMS_SERVER_START_TIMEOUT_MS: '480000' }, 500_000), launchChromium()]);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    net = await relay(hq.serverUrl!);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await net?.cut();
    await Promise.all([hq?.stop(), desk?.stop()]);
    await rm(deskDir, { recursive: true, force: true });
  }, STEP);

  it('a ticket written while the server is out of reach is unsynced when the store gets damaged', async () => {
    await startDesk();
    await page.getByTestId('account-sign-in').click();
    await page.getByTestId('sign-in-server').fill(net.url);
    await page.getByTestId('sign-in-username').fill('technician');
    await page.getByTestId('sign-in-password').fill('cims-demo');
    await page.getByTestId('sign-in-submit').click();
    await synced();

    await net.cut();
    await page.getByTestId('nav-tickets').click();
    await page.getByTestId('new-ticket-button').click();
    await page.getByTestId('ticket-customer').fill('Offline Customer');
    await page.getByRole('option', { name: /Offline Customer/ }).click();
    await page.getByTestId('ticket-contact-name').fill('Li');
    await page.getByTestId('ticket-title').fill('Written offline before the disk failed');
    await page.getByTestId('ticket-submit').click();
    await expect.poll(() => page.getByTestId('ticket-created').isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(indicator, { timeout: 120_000 }).toMatch(/^Offline · \d+$/);

    await page.close();
    await desk!.stop();
    desk = null;
    // Damage the pages of a table the server owns (people): the ticket's own pages stay readable.
    const db = new Database(store(), { readonly: true });
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    const pages = (db.prepare(`SELECT pageno FROM dbstat WHERE name LIKE 'docs:people:v%'`).all() as { pageno: number }[]).map((p) => p.pageno);
    db.close();
    expect(pages.length).toBeGreaterThan(0);
    const bytes = await readFile(store());
    for (const p of pages) bytes.fill(0x5a, (p - 1) * pageSize, p * pageSize);
    await writeFile(store(), bytes);
  }, STEP);

  it('the next start shows the recovery screen, and the export holds the offline ticket', async () => {
    await net.restore();
    await startDesk();
    await page.getByRole('heading', { name: 'The local data is damaged', level: 1 }).waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('recovery-file').textContent()).toBe(store());
    await shoot('screen');

    await page.getByRole('button', { name: 'Export unsynced work' }).click();
    const result = page.getByTestId('recovery-export-result');
    await result.waitFor({ timeout: 120_000 });
    expect(await result.textContent()).toMatch(/^Saved \d+ unsynced records? to .*cims-unsynced-.*\.json\./);
    const exports = join(clientDir(), 'exports');
    const files = (await readdir(exports)).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(1);
    const body = JSON.parse(await readFile(join(exports, files[0]!), 'utf8')) as { documents: { collection: string; doc: Record<string, unknown> }[]; syncRecordsRead: boolean };
    const tickets = body.documents.filter((d) => d.collection === 'tickets');
    // Only the unsynced work: the technician's synced tickets are on the server already.
    expect(body.syncRecordsRead).toBe(true);
    expect(tickets.map((t) => t.doc.title)).toEqual(['Written offline before the disk failed']);
    expect(body.documents.some((d) => d.collection === 'customers' && d.doc.name === 'Offline Customer')).toBe(true);
    await shoot('exported');
  }, STEP);

  it('"download again" keeps the damaged file aside and continues into the app, which fills from the server', async () => {
    await page.getByRole('button', { name: 'Download again from the server' }).click();
    const done = page.getByTestId('recovery-done');
    await done.waitFor({ timeout: 240_000 });
    const kept = (await readdir(clientDir())).filter((f) => /^cims\.sqlite\.damaged-\d{8}T\d{6}Z$/.test(f));
    expect(kept).toHaveLength(1);
    expect(await done.textContent()).toContain(join(clientDir(), kept[0]!));
    expect(existsSync(store())).toBe(true);
    await shoot('done');

    await page.getByRole('button', { name: 'Continue to CIMS' }).click();
    await synced();
    await page.getByTestId('nav-queue').click();
    await page.getByTestId('queue-tab-all').click();
    await expect.poll(async () => (await page.getByTestId('queue-total').textContent()) ?? '', { timeout: 240_000 }).toMatch(/^[1-9]\d* tickets?$/);
    expect(errors).toEqual([]);
  }, STEP);
});
