import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../shared/domain/demo';
import type { Asset, Customer, Person, Team } from '../../shared/schema';
import { launchChromium, shootBothLanguages, signInOnForm, startHarnessProcess, storedSessionArrives, type RunningHarness } from './harness';
import { relay } from './relay';
import { demoServer } from './server-api';
import { SCREENSHOT_DIR } from './tickets.spec';

/**
 * An inspection round from plan to PDF across two desktops and one server: the administrator
 * (the desktop with the embedded demo server, whose scheduler generates rounds) defines a
 * checklist template with three readings and a monthly plan for five assets of a site; the
 * server generates the round; a technician of the plan's team, on their own desktop, does it
 * offline over two sittings with the app restarted in between (the network is a TCP relay this
 * test cuts), two readings out of range raise two fault tickets, the customer signs; back
 * online, the round, the tickets and the compliance figure reach the server and the manager;
 * the round's PDF report holds the readings (pdftotext).
 */
const STEP = 600_000;


describe('an inspection round done offline over two sittings, raising two faults, signed and reported', () => {
  let hq: RunningHarness;
  let desk: RunningHarness;
  let deskDir = '';
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let adminPage: Page;
  let techPage: Page;
  let net: Awaited<ReturnType<typeof relay>>;
  let site: { customerName: string; siteName: string; teamName: string; codes: string[] };
  let roundPath = '';
  const errors: string[] = [];

  const route = (h: RunningHarness, path: string) => `${h.url.replace(/#.*$/, '')}#${path}`;
  const go = async (page: Page, h: RunningHarness, path: string) => {
    for (let attempt = 0; attempt < 10; attempt++) {
      await page.goto(route(h, path));
      await page.waitForTimeout(2000);
      if (page.url().endsWith(`#${path}`)) return;
    }
    expect(page.url()).toMatch(new RegExp(`#${path}$`));
  };
  const state = (page: Page) => page.getByTestId('sync-indicator').textContent();
  const synced = async (page: Page) => expect.poll(() => state(page), { timeout: 480_000, interval: 1000 }).toMatch(/^(Synced|已同步)$/);
  const shoot = async (page: Page, name: string) => {
    await page.screenshot({ path: `${SCREENSHOT_DIR}/maintenance-${name}-en.png`, fullPage: true });
    await page.getByTestId('locale-zh-CN').click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/maintenance-${name}-zh-CN.png`, fullPage: true });
    await page.getByTestId('locale-en').click();
  };
  /** Picks an option of an MUI select by its label and the option's text. */
  const pick = async (page: Page, label: string, option: string) => {
    await page.getByRole('combobox', { name: label }).click();
    await page.getByRole('listbox').getByRole('option', { name: option, exact: true }).click();
  };

  const pullAs = (username: string, collection: string) => demoServer(hq.serverUrl!).pullAs(username, collection);

  /** A cn-east site with at least five assets in service, and the technician's team. */
  const chooseSite = async () => {
    const people = (await pullAs('admin', 'people')) as unknown as Person[];
    const teams = (await pullAs('admin', 'teams')) as unknown as Team[];
    const customers = (await pullAs('admin', 'customers')) as unknown as Customer[];
    const assets = (await pullAs('admin', 'assets')) as unknown as Asset[];
    const tech = people.find((p) => p.username === 'technician')!;
    const team = teams.find((t) => t.id === tech.teamId)!;
    for (const c of customers.filter((x) => x.region === team.region)) {
      for (const s of c.sites) {
        const here = assets.filter((a) => a.siteId === s.id && a.status === 'in_service').sort((x, y) => x.assetCode.localeCompare(y.assetCode));
        if (here.length >= 5) return { customerName: c.name, siteName: s.name, teamName: team.name, codes: here.slice(0, 5).map((a) => a.assetCode) };
      }
    }
    throw new Error('no site with five assets');
  };

  const startDesk = () => startHarnessProcess({ CIMS_SERVER_URL: 'none', CIMS_DATA_DIR: deskDir }, 500_000);

  beforeAll(async () => {
    deskDir = await mkdtemp(join(tmpdir(), 'cims-e2e-desk-'));
    // The server's scheduler (SLA and rounds) runs every two seconds here.
    [hq, desk, browser] = await Promise.all([
      startHarnessProcess({ CIMS_DEMO_USER: 'admin', CIMS_SERVER_START_TIMEOUT_MS: '480000', CIMS_SLA_INTERVAL_MS: '2000' }, 500_000),
      startDesk(),
      launchChromium(),
    ]);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    net = await relay(hq.serverUrl!);
    site = await chooseSite();
    adminPage = await browser.context.newPage();
    techPage = await browser.context.newPage();
    for (const page of [adminPage, techPage]) page.on('pageerror', (error) => errors.push(error.message));
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await net?.cut();
    await Promise.all([hq?.stop(), desk?.stop()]);
    await rm(deskDir, { recursive: true, force: true });
  }, STEP);

  it('the administrator defines a template with three readings and a monthly plan for five assets', async () => {
    await adminPage.goto(hq.url);
    if (!(await storedSessionArrives(adminPage))) await signInOnForm(adminPage, hq.serverUrl!, 'admin', DEMO_PASSWORD, synced);
    await synced(adminPage);
    await go(adminPage, hq, '/maintenance');
    await adminPage.getByTestId('new-template').click();
    await adminPage.getByTestId('template-name-en').fill('OLT monthly check');
    await adminPage.getByTestId('template-name-zh').fill('OLT 月度巡检');
    const items = [
      ['rx', 'Optical receive power', '光接收功率', 'dBm', '-28', '-8'],
      ['temp', 'Temperature', '温度', '°C', '0', '45'],
      ['fan', 'Fan speed', '风扇转速', 'rpm', '2000', '9000'],
    ];
    for (const [i, [key, en, zh, unit, low, high]] of items.entries()) {
      if (i > 0) await adminPage.getByTestId('template-add-item').click();
      await adminPage.getByTestId(`item-${i}-key`).fill(key!);
      await adminPage.getByTestId(`item-${i}-en`).fill(en!);
      await adminPage.getByTestId(`item-${i}-zh`).fill(zh!);
      await adminPage.getByTestId(`item-${i}-unit`).fill(unit!);
      await adminPage.getByTestId(`item-${i}-low`).fill(i === 0 ? '-8' : low!);
      await adminPage.getByTestId(`item-${i}-high`).fill(i === 0 ? '-28' : high!);
    }
    // A range the wrong way round is refused, with its reason, and nothing is saved.
    await adminPage.getByTestId('template-save').click();
    await expect.poll(() => adminPage.getByTestId('template-error').textContent()).toBe('The low end of the range is above its high end.');
    await adminPage.getByTestId('item-0-low').fill('-28');
    await adminPage.getByTestId('item-0-high').fill('-8');
    await adminPage.getByTestId('template-save').click();
    await expect.poll(() => adminPage.getByTestId('template-list').textContent(), { timeout: 30_000 }).toContain('Version 1 · 3 items');

    await adminPage.getByTestId('new-plan').click();
    await adminPage.getByTestId('plan-name').fill(`${site.siteName} OLT monthly`);
    await pick(adminPage, 'Checklist template', 'OLT monthly check · Version 1');
    await pick(adminPage, 'Team', site.teamName);
    await pick(adminPage, 'Customer site', `${site.customerName} · ${site.siteName}`);
    // No assets: refused with its reason.
    await adminPage.getByTestId('plan-save').click();
    await expect.poll(() => adminPage.getByTestId('plan-error').textContent()).toBe('Choose at least one asset.');
    for (const code of site.codes) await adminPage.getByTestId('plan-assets').getByText(new RegExp(`^${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`)).click();
    await adminPage.getByTestId('plan-start').fill(new Date().toISOString().slice(0, 10));
    await shootBothLanguages(adminPage, (locale) => adminPage.screenshot({ path: `${SCREENSHOT_DIR}/maintenance-plan-form-${locale}.png`, fullPage: true }));
    await adminPage.getByTestId('plan-save').click();
    await expect.poll(() => adminPage.getByTestId('plan-table').textContent(), { timeout: 30_000 }).toContain(`${site.siteName} OLT monthly`);
    await synced(adminPage);
    await shoot(adminPage, 'admin-home');
  }, STEP);

  it('the server generates the round; the technician gets it on their desktop', async () => {
    await techPage.goto(desk.url);
    await signInOnForm(techPage, net.url, 'technician', DEMO_PASSWORD, synced);
    await go(techPage, desk, '/maintenance');
    const today = techPage.getByTestId('rounds-today');
    await expect.poll(() => today.textContent().catch(() => ''), { timeout: 240_000, interval: 2000 }).toContain(`${site.siteName} OLT monthly`);
    await today.getByRole('link').filter({ hasText: `${site.siteName} OLT monthly` }).first().click();
    await expect.poll(() => techPage.url()).toMatch(/#\/maintenance\/rounds\/[0-9a-f-]{36}$/);
    roundPath = techPage.url().split('#')[1]!;
    await shoot(techPage, 'tech-home-round');
  }, STEP);

  const read = async (code: string, values: Record<string, string>) => {
    await techPage.getByTestId('round-scan').fill(code);
    await techPage.keyboard.press('Enter');
    await expect.poll(() => techPage.getByTestId('checklist').textContent()).toContain(code);
    for (const [key, value] of Object.entries(values)) {
      await techPage.getByTestId(`item-${key}-input`).fill(value);
      await techPage.getByTestId(`item-${key}-save`).click();
      await expect.poll(() => techPage.getByTestId(`item-${key}-current`).textContent()).toContain(value);
    }
  };

  it('offline, first sitting: three assets read, a reading out of range shown at once and raised as a fault; paused', async () => {
    await net.cut();
    await techPage.getByTestId('round-open').click();
    await expect.poll(() => techPage.getByTestId('round-status').textContent()).toBe('In progress');
    // Not a number: refused with its reason as it is typed.
    await techPage.getByTestId('round-scan').fill(site.codes[0]!);
    await techPage.keyboard.press('Enter');
    await techPage.getByTestId('item-rx-input').fill('abc');
    await expect.poll(() => techPage.getByTestId('item-rx').textContent()).toContain('Enter a number, e.g. -12.5.');
    await techPage.getByTestId('item-rx-input').fill('-31.5');
    await expect.poll(() => techPage.getByTestId('item-rx').textContent()).toContain('Out of range (-28 … -8 dBm)');
    await read(site.codes[0]!, { rx: '-31.5', temp: '31', fan: '5200' });
    await techPage.getByTestId('item-rx-raise').click();
    await expect.poll(() => techPage.getByTestId('item-rx-ticket').isVisible(), { timeout: 30_000 }).toBe(true);
    await read(site.codes[1]!, { rx: '-14.2', temp: '33', fan: '5100' });
    await read(site.codes[2]!, { rx: '-15.1', temp: '30', fan: '5000' });
    await shoot(techPage, 'round-first-sitting');
    await techPage.getByTestId('round-pause').click();
    await expect.poll(() => techPage.getByTestId('round-status').textContent()).toBe('Paused');
  }, STEP);

  it('the app restarts (still offline); second sitting: the rest read, a second fault, the customer signs', async () => {
    // The harness removes only its own temporary folder on stop: the desktop's data stays in deskDir.
    await desk.stop();
    desk = await startDesk();
    await techPage.goto(desk.url);
    await go(techPage, desk, roundPath);
    await expect.poll(() => techPage.getByTestId('round-status').textContent(), { timeout: 60_000 }).toBe('Paused');
    await techPage.getByTestId('round-open').click();
    await expect.poll(() => techPage.getByTestId('round-status').textContent()).toBe('In progress');
    await read(site.codes[3]!, { rx: '-12.4', temp: '52', fan: '5300' });
    await techPage.getByTestId('item-temp-raise').click();
    await expect.poll(() => techPage.getByTestId('item-temp-ticket').isVisible(), { timeout: 30_000 }).toBe(true);
    await read(site.codes[4]!, { rx: '-13.3', temp: '29', fan: '4900' });
    await expect.poll(() => techPage.getByTestId('round-template').textContent()).toContain('15 of 15 readings');
    await techPage.getByTestId('signoff-signer').fill('Wu Jian 吴建');
    const pad = techPage.getByTestId('signoff').getByTestId('signature-pad');
    // The pad is below the checklist: the mouse draws where the page shows it.
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await techPage.mouse.move(box.x + 20, box.y + 30);
    await techPage.mouse.down();
    for (let i = 1; i <= 24; i++) await techPage.mouse.move(box.x + 20 + i * 12, box.y + 40 + Math.sin(i / 2) * 25, { steps: 2 });
    await techPage.mouse.up();
    await techPage.getByTestId('signoff-submit').click();
    await expect.poll(() => techPage.getByTestId('round-status').textContent(), { timeout: 30_000 }).toBe('Done');
    expect(await techPage.getByTestId('round-timing').textContent()).toBe('On time');
    await shoot(techPage, 'round-signed');
  }, STEP);

  it('the round report as a PDF holds the readings', async () => {
    const [download] = await Promise.all([techPage.waitForEvent('download', { timeout: 120_000 }), techPage.getByTestId('round-report').click()]);
    const file = join(deskDir, 'round.pdf');
    await download.saveAs(file);
    expect((await readFile(file)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const value of ['-31.5 dBm', '52 °C', '5200 rpm', '-13.3 dBm', 'Wu Jian']) expect(text).toContain(value);
    for (const code of site.codes) expect(text).toContain(code);
    // Its first page as a picture, to look at beside the screenshots.
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', file, `${SCREENSHOT_DIR}/maintenance-report-en`]);
  }, STEP);

  it('back online: the server and the manager have the done round, the two fault tickets and the compliance figure', async () => {
    await net.restore();
    await synced(techPage);
    const roundId = roundPath.split('/').pop()!;
    await expect
      .poll(async () => ((await pullAs('manager', 'records')).find((d) => d.id === roundId) as { status?: string } | undefined)?.status, { timeout: 120_000, interval: 2000 })
      .toBe('done');
    const records = await pullAs('manager', 'records');
    const faults = records.filter((d) => d.kind === 'maintenanceFault' && (d.body as { roundId: string }).roundId === roundId);
    expect(faults).toHaveLength(2);
    const readings = records.filter((d) => d.kind === 'maintenanceReading' && d.ref === roundId);
    expect(readings.length).toBe(15);
    const tickets = await pullAs('manager', 'tickets');
    const raised = tickets.filter((t) => faults.some((f) => f.ref2 === t.id));
    expect(raised.map((t) => t.severity)).toEqual(['minor', 'minor']);
    expect(raised.map((t) => String(t.title)).sort()).toEqual([`Inspection fault: ${site.codes[0]} Optical receive power = -31.5 dBm`, `Inspection fault: ${site.codes[3]} Temperature = 52 °C`]);
    // The administrator's desktop (a manager's view) shows it done, with the figure.
    await go(adminPage, hq, roundPath);
    await expect.poll(() => adminPage.getByTestId('round-status').textContent(), { timeout: 120_000 }).toBe('Done');
    await go(adminPage, hq, '/maintenance');
    await expect.poll(() => adminPage.getByTestId('compliance-team').textContent(), { timeout: 60_000 }).toContain(site.teamName);
    expect(await adminPage.getByTestId('compliance-team').textContent()).toContain('100%');
    await shoot(adminPage, 'manager-compliance');
    expect(errors).toEqual([]);
  }, STEP);

  it('the calendar of the week shows the round in its team’s row (a manager’s view)', async () => {
    await go(adminPage, hq, '/maintenance/calendar');
    await pick(adminPage, 'Team', site.teamName);
    await expect.poll(() => adminPage.getByTestId('week-calendar').textContent(), { timeout: 60_000 }).toContain(`${site.customerName} / ${site.siteName}`);
    await shootBothLanguages(adminPage, (locale) => adminPage.screenshot({ path: `${SCREENSHOT_DIR}/maintenance-calendar-${locale}.png`, fullPage: true }));
    expect(errors).toEqual([]);
  }, STEP);
});
