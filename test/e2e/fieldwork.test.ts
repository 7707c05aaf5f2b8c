import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedServer, type EmbeddedServer } from '../../electron/harness/embedded-server';
import { inject } from 'vitest';
import { launchChromium, shootBothLanguages, startHarnessProcess, type RunningHarness } from './harness';
import { drawPhoto } from './photos';
import { SCREENSHOT_DIR } from './tickets.spec';

// A technician's site visit, offline: the central server is its own process here, so the test
// stops it after the sign-in and starts it again at the end. The demo ticket is in progress,
// assigned to the demo technician, for 保利斯塔电信, with a part already fitted (TNG1M402).
const TICKET = 'T-002895';
const CUSTOMER_ZH = '保利斯塔电信';
const PART = 'TNG1M402';
const BOOKED_PART = 'TN54NS4';
const LOOSE_PART = 'FUSE-10A';
const SERIAL_IN = '21NEW00001';
const SERIAL_OUT = '21OLD00001';

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pdfFonts = (file: string) => execFileSync('pdffonts', [file], { encoding: 'utf8' });
const firstPagePng = (file: string, outBase: string) =>
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', file, outBase]);

/** Draws a signature on the pad with the mouse, as a customer would with a finger. */
const sign = async (page: Page) => {
  const box = (await page.getByTestId('signature-pad').boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 30, y);
  await page.mouse.down();
  for (let i = 1; i <= 24; i++)
    await page.mouse.move(box.x + 30 + i * 12, y + Math.sin(i / 2) * 35, { steps: 2 });
  await page.mouse.up();
};

describe('field work offline: visit, work log, sign-off, service report PDF', () => {
  let serverDir: string;
  let server: EmbeddedServer;
  let port: number;
  let harness: RunningHarness;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  // B5: a server the work log's markup names; nothing may ever ask it for anything.
  let tracker: Server;
  const trackerHits: string[] = [];
  let markup = '';
  let trackerUrl = '';

  beforeAll(async () => {
    tracker = createServer((req, res) => {
      trackerHits.push(req.url ?? '');
      res.end();
    });
    await new Promise<void>((resolve) => tracker.listen(0, '127.0.0.1', resolve));
    trackerUrl = `http://127.0.0.1:${(tracker.address() as AddressInfo).port}`;
    markup = `<img src="${trackerUrl}/img.png"><link rel="stylesheet" href="file:///etc/hostname"><style>@import url(${trackerUrl}/css);</style>`;
    serverDir = await mkdtemp(join(tmpdir(), 'cims-e2e-server-'));
    // The demo database prepared once for the run (global-setup.ts).
    const template = inject('demoServerDatabase');
    if (template) await cp(template, serverDir, { recursive: true });
    server = await startEmbeddedServer({ dataDir: serverDir, startTimeoutMs: 170_000 });
    port = Number(new URL(server.url).port);
    harness = await startHarnessProcess({ CIMS_SERVER_URL: server.url });
    browser = await launchChromium();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (tracker ? tracker.close(() => resolve()) : resolve()));
    await browser?.close();
    await harness?.stop();
    await server?.stop();
    await rm(serverDir, { recursive: true, force: true });
  });

  it('a technician checks in, logs work and travel, has the customer sign with a score of 2, resolves and makes the PDF, offline', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(harness.url);
    await page.getByTestId('account-sign-in').click();
    await page.getByTestId('sign-in-server').fill(server.url);
    await page.getByTestId('sign-in-username').fill('technician');
    await page.getByTestId('sign-in-password').fill('cims-demo');
    await page.getByTestId('sign-in-submit').click();
    await expect
      .poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 90_000 })
      .toBe('Synced');

    console.log('fieldwork e2e: signed in and synced');
    // The start page of a technician is their own open tickets (UI.md's landing table).
    await page.evaluate(`location.hash = '#/'`);
    await expect.poll(() => page.evaluate('location.hash'), { timeout: 30_000 }).toBe('#/queue/mine');
    await expect.poll(() => page.getByTestId('queue-rows').isVisible(), { timeout: 30_000 }).toBe(true);
    // Offline from here: the server is gone until the end.
    await server.stop();
    await page.evaluate(`location.hash = '#/tickets/${TICKET}'`);
    await expect.poll(() => page.getByTestId('fieldwork-panel').isVisible(), { timeout: 30_000 }).toBe(true);

    console.log('fieldwork e2e: ticket open, server stopped');
    // Check in after 35 minutes on the road.
    await page.getByTestId('visit-check-in').click();
    await page.getByTestId('check-in-travel').fill('35');
    await page.getByTestId('check-in-submit').click();
    await expect.poll(() => page.getByTestId('visit-row').first().getAttribute('data-status')).toBe('open');
    // The visit is on the timeline with the ticket's events.
    await expect
      .poll(() => page.getByTestId('timeline-visit_check_in').first().textContent())
      .toContain('checked in on site after 35 min of travel');

    // The work log refuses an empty line with a clear message, then takes work and travel.
    await page.getByTestId('work-log-add').click();
    await expect.poll(() => page.getByText('Enter work or travel minutes.').isVisible()).toBe(true);
    expect(await page.getByText('Say what was done.').isVisible()).toBe(true);
    const logsBefore = await page.getByTestId('timeline-work_log').count();
    await page.getByTestId('work-log-work').fill('75');
    await page.getByTestId('work-log-travel').fill('20');
    await page
      .getByTestId('work-log-activity')
      .fill(`更换光放大板，复测光功率正常 / replaced the amplifier board ${markup}`);
    await page.getByTestId('work-log-add').click();
    await expect.poll(() => page.getByTestId('timeline-work_log').count()).toBe(logsBefore + 1);
    await expect.poll(() => page.getByTestId('fieldwork-totals').textContent()).toMatch(/\d+ min/);
    await page
      .getByTestId('fieldwork-panel')
      .screenshot({ path: `${SCREENSHOT_DIR}/fieldwork-panel-en.png` });

    // Parts, booked with the parts feature from the van stock: a board fitted, the faulty one out.
    const bookings = await page.getByTestId('booking-row').count();
    await page.getByTestId('parts-book').click();
    const select = page.getByTestId('book-part-select');
    await select.selectOption((await select.locator('option', { hasText: `${BOOKED_PART} · ` }).getAttribute('value'))!);
    await page.getByTestId('book-quantity').fill('1');
    await page.getByTestId('book-serial-in').fill(SERIAL_IN);
    await page.getByTestId('book-serial-out').fill(SERIAL_OUT);
    // The board that came out is faulty: flagged for return to its supplier.
    await page.getByTestId('book-defective').check();
    await page.getByTestId('book-submit').click();
    await expect.poll(() => page.getByTestId('booking-row').count(), { timeout: 10_000 }).toBe(bookings + 1);
    // And two loose fuses, not serialised.
    await page.getByTestId('parts-book').click();
    await select.selectOption((await select.locator('option', { hasText: `${LOOSE_PART} · ` }).getAttribute('value'))!);
    await page.getByTestId('book-quantity').fill('2');
    await page.getByTestId('book-submit').click();
    await expect.poll(() => page.getByTestId('booking-row').count(), { timeout: 10_000 }).toBe(bookings + 2);

    // Two photos of the site, kept on this computer until the server is back.
    const photos = [await drawPhoto(page, 3000, 2000, 'image/jpeg'), await drawPhoto(page, 1600, 1200, 'image/jpeg')];
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('attachments-add').click();
    await (await chooser).setFiles([
      { name: 'rack-before.jpg', mimeType: 'image/jpeg', buffer: photos[0]! },
      { name: 'rack-after.jpg', mimeType: 'image/jpeg', buffer: photos[1]! },
    ]);
    await expect.poll(() => page.getByTestId('attachment-thumbnail').count(), { timeout: 30_000 }).toBe(2);
    expect(await page.getByTestId('attachments-usage').getAttribute('data-waiting')).toBe('2');

    console.log('fieldwork e2e: checked in and logged');
    // Sign-off: nothing drawn, no name, no score -> every message at once, nothing stored.
    await page.getByTestId('sign-off-open').click();
    await page.getByTestId('sign-off-submit').click();
    await expect
      .poll(() => page.getByTestId('signature-error').textContent())
      .toBe('The signature is empty: ask the customer to sign in the box.');
    expect(await page.getByText('Enter the customer’s name.').isVisible()).toBe(true);
    expect(await page.getByTestId('sign-off-score-error').textContent()).toBe('Choose a score from 1 to 5.');
    await page.getByRole('dialog').screenshot({ path: `${SCREENSHOT_DIR}/fieldwork-sign-off-errors-en.png` });
    await page.getByTestId('sign-off-name').fill('王建国');
    await sign(page);
    await page.getByTestId('sign-off-score-2').click();
    await page.getByTestId('sign-off-submit').click();
    await expect.poll(() => page.getByText('Give the reason for a score of 1 or 2.').isVisible()).toBe(true);
    expect(await page.getByTestId('sign-off-summary').count()).toBe(0);
    await page.getByTestId('sign-off-reason').fill('备件等了两天 / waited two days for the part');
    await page.getByRole('dialog').screenshot({ path: `${SCREENSHOT_DIR}/fieldwork-sign-off-en.png` });
    await page.getByTestId('sign-off-submit').click();
    await expect.poll(() => page.getByTestId('sign-off-summary').textContent()).toContain('Signed by 王建国');
    expect(await page.getByTestId('sign-off-summary').textContent()).toContain('score 2');
    // The visit is signed: it shows so, and checking in again starts a new one.
    await expect.poll(() => page.getByTestId('visit-row').last().getAttribute('data-status')).toBe('signed');
    // Signing checked the visit out: the timeline shows it between the work log and the signature.
    await expect.poll(() => page.getByTestId('timeline-visit_check_out').count()).toBe(1);
    const order = await page
      .getByTestId('timeline')
      .locator('li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-testid')));
    const position = (kind: string) => order.indexOf(`timeline-${kind}`);
    expect(position('signature')).toBeLessThan(position('visit_check_out'));
    expect(position('visit_check_out')).toBeLessThan(position('work_log'));
    expect(position('work_log')).toBeLessThan(position('visit_check_in'));
    // The signed visit is frozen: a correction is filed beside it, and shows on the timeline.
    await page.getByTestId('visit-correct').click();
    await page.getByTestId('correct-submit').click();
    await expect.poll(() => page.getByText('Change a time or the travel minutes first.').isVisible()).toBe(true);
    await page.getByTestId('correct-travelMinutes').fill('40');
    await page.getByTestId('correct-reason').fill('路上堵车，少记了 5 分钟 / five minutes of traffic left out');
    await page.getByRole('dialog').screenshot({ path: `${SCREENSHOT_DIR}/fieldwork-correct-visit-en.png` });
    await page.getByTestId('correct-submit').click();
    await expect.poll(() => page.getByTestId('visit-correction').count()).toBe(1);
    expect(await page.getByTestId('visit-signed-values').textContent()).toContain('travel 35 min');
    await page
      .getByTestId('fieldwork-panel')
      .screenshot({ path: `${SCREENSHOT_DIR}/fieldwork-panel-corrected-en.png` });
    await expect.poll(() => page.getByTestId('timeline-visit_correction').count()).toBe(1);
    expect(await page.getByTestId('timeline-visit_correction').textContent()).toContain('travel 40 min');
    await page.getByTestId('timeline').screenshot({ path: `${SCREENSHOT_DIR}/fieldwork-timeline-en.png` });

    console.log('fieldwork e2e: signed off');
    // Resolve.
    await page.getByTestId('action-resolve').click();
    await page.getByTestId('resolve-outcome').click();
    await page.getByRole('option', { name: 'Cause fixed' }).click();
    await page.getByTestId('resolve-cause').click();
    await page.getByRole('option', { name: 'Hardware' }).click();
    await page.getByTestId('resolve-summary').fill('光放大板故障，已更换 TNG1M402，业务恢复');
    await page.getByTestId('resolve-dialog-submit').click();
    await expect.poll(() => page.getByTestId('ticket-detail').getAttribute('data-status')).toBe('resolved');

    // The service report PDF, made on this computer with the server still down.
    const makePdf = async (count: number) => {
      const started = Date.now();
      await page.getByTestId('report-make').click();
      await expect.poll(() => page.getByTestId('report-file').count(), { timeout: 90_000 }).toBe(count);
      const millis = Date.now() - started;
      const sha = (await page.getByTestId('report-file').last().getAttribute('data-sha256'))!;
      // Stored by the attachments service: content-addressed under the client's data folder.
      return { file: join(harness.dataDir, 'client', 'attachments', sha.slice(0, 2), sha), millis };
    };
    const en = await makePdf(1);
    console.log(
      `service report PDF (en) made and attached in ${en.millis} ms (first one starts the print Chromium)`,
    );
    const text = pdfText(en.file);
    expect(text).toContain(CUSTOMER_ZH);
    expect(text).toContain(PART);
    expect(text).toContain(BOOKED_PART);
    expect(text).toContain(SERIAL_IN);
    expect(text).toContain(SERIAL_OUT);
    // The corrected visit prints with the times as signed and the correction.
    expect(text).toContain('As signed:');
    expect(text).toContain('王建国');
    expect(text).toContain('Service report');
    expect(text).toContain('2 of 5');
    // B5: the work log's markup is printed as text, and nothing it names was loaded (the app's
    // page, the print view and its PDF alike).
    // (The layout puts other columns between the cell's lines: each tag is looked for whole.)
    const flat = text.replace(/\s+/g, '');
    for (const tag of [`src="${trackerUrl}/img.png">`, '<linkrel="stylesheet"', 'href="file:///etc/hostname">', `<style>@importurl(${trackerUrl}/css);</style>`]) expect(flat).toContain(tag);
    expect(trackerHits).toEqual([]);
    // The Chinese glyphs come from the bundled font, embedded in the file.
    expect(pdfFonts(en.file)).toMatch(/NotoSansSC.*yes/);
    firstPagePng(en.file, `${SCREENSHOT_DIR}/fieldwork-report-en`);
    // The report is an attachment on the timeline.
    await expect.poll(() => page.getByText(/service-report-T-002895-.*\.pdf/).count()).toBeGreaterThan(1);

    // The same in Chinese.
    await page.getByTestId('locale-zh-CN').click();
    await expect.poll(() => page.getByTestId('report-make').textContent()).toBe('服务报告（PDF）');
    await page
      .getByTestId('fieldwork-panel')
      .screenshot({ path: `${SCREENSHOT_DIR}/fieldwork-panel-zh-CN.png` });
    await page.getByTestId('timeline').screenshot({ path: `${SCREENSHOT_DIR}/fieldwork-timeline-zh-CN.png` });
    await page.getByTestId('visit-correct').click();
    await page.getByRole('dialog').screenshot({ path: `${SCREENSHOT_DIR}/fieldwork-correct-visit-zh-CN.png` });
    await page.keyboard.press('Escape');
    await page.getByTestId('sign-off-open').click();
    await page.getByTestId('sign-off-score-1').click();
    await page.getByTestId('sign-off-submit').click();
    await expect
      .poll(() => page.getByTestId('signature-error').textContent())
      .toBe('签名为空：请客户在框内签字。');
    expect(await page.getByText('1 分或 2 分时请填写原因。').isVisible()).toBe(true);
    await page
      .getByRole('dialog')
      .screenshot({ path: `${SCREENSHOT_DIR}/fieldwork-sign-off-errors-zh-CN.png` });
    await page.keyboard.press('Escape');
    const zh = await makePdf(2);
    console.log(`service report PDF (zh-CN) made and attached in ${zh.millis} ms`);
    const zhText = pdfText(zh.file);
    expect(zhText).toContain('现场服务报告');
    expect(zhText).toContain(CUSTOMER_ZH);
    expect(zhText).toContain(PART);
    expect(zhText).toContain('签字时：');
    firstPagePng(zh.file, `${SCREENSHOT_DIR}/fieldwork-report-zh-CN`);
    await writeFile(`${SCREENSHOT_DIR}/fieldwork-report-zh-CN.pdf`, await readFile(zh.file));

    // Back online: everything done offline reaches the server, the photos and both PDFs too.
    server = await startEmbeddedServer({ dataDir: serverDir, port, startTimeoutMs: 170_000 });
    await expect
      .poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 90_000 })
      .toBe('已同步');
    await expect.poll(() => page.getByTestId('attachments-usage').getAttribute('data-waiting'), { timeout: 120_000 }).toBe('0');
    const shas = await page.getByTestId('attachment').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-sha256')!));
    expect(shas.length).toBe(4);
    const photoSha = (await page
      .locator('[data-testid="attachment"]')
      .filter({ has: page.locator('img[alt*="rack-before"]') })
      .getAttribute('data-sha256'))!;
    expect(errors).toEqual([]);

    // The manager at the office, on another desktop (its own harness instance, its own store),
    // opens the ticket and sees all of it: visit, work, parts, photos, signature, score and
    // reports, the photos fetched from the server.
    const office = await startHarnessProcess({ CIMS_SERVER_URL: server.url });
    try {
      const desk = await browser.context.newPage();
      desk.on('pageerror', (error) => errors.push(error.message));
      await desk.goto(office.url);
      await desk.getByTestId('account-sign-in').click();
      await desk.getByTestId('sign-in-server').fill(server.url);
      await desk.getByTestId('sign-in-username').fill('manager');
      await desk.getByTestId('sign-in-password').fill('cims-demo');
      await desk.getByTestId('sign-in-submit').click();
      await expect.poll(() => desk.getByTestId('sync-indicator').textContent(), { timeout: 120_000 }).toBe('Synced');
      await desk.evaluate(`location.hash = '#/tickets/${TICKET}'`);
      await expect.poll(() => desk.getByTestId('ticket-detail').getAttribute('data-status'), { timeout: 60_000 }).toBe('resolved');
      await expect.poll(() => desk.getByTestId('attachment').count(), { timeout: 60_000 }).toBe(4);
      expect((await desk.getByTestId('attachment').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-sha256')!))).sort()).toEqual([...shas].sort());
      expect(await desk.getByTestId('timeline-visit_check_in').count()).toBe(1);
      expect(await desk.getByTestId('timeline-work_log').count()).toBeGreaterThan(0);
      expect(await desk.getByTestId('sign-off-summary').textContent()).toContain('Signed by 王建国');
      // The parts panel is a live query of its own: it may answer after the timeline.
      await expect.poll(() => desk.getByTestId('booking-row').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
      await expect.poll(() => desk.getByTestId('booking-defective').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
      // A photo opened here comes from the server.
      await desk.locator(`[data-testid="attachment"][data-sha256="${photoSha}"]`).getByTestId('attachment-open').click();
      await expect.poll(() => desk.getByTestId('attachment-full').isVisible(), { timeout: 30_000 }).toBe(true);
      // The viewer fades in: let it settle before the picture.
      await desk.waitForTimeout(500);
      await shootBothLanguages(desk, (locale) => desk.screenshot({ path: `${SCREENSHOT_DIR}/fieldwork-manager-${locale}.png` }));
      await desk.keyboard.press('Escape');
      expect(errors).toEqual([]);
    } finally {
      await office.stop();
    }
  }, 480_000);
});
