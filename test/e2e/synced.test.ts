import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../shared/domain/demo';
import { v7 as uuidv7 } from 'uuid';
import { aCustomer, anEvent, aTicket } from '../../shared/domain/testing/builders';
import { SYNC_PROTOCOL_VERSION, SYNC_VERSION_HEADER } from '../../shared/sync/protocol';
import { routePath } from '../../shared/sync/routes';
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
    await page.getByTestId('customer-option').filter({ hasText: /CU-0001 ·/ }).first().click();
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

  it('shows markup that arrives from the server as text on every screen, and never runs it (B4)', async () => {
    // Another desktop of the same manager writes hostile text to the server: a customer, a
    // ticket of theirs and a note. This desktop pulls it like any other change.
    const server = harness.serverUrl!;
    const api = async (method: string, path: string, body?: unknown, token?: string): Promise<Record<string, unknown>> => {
      for (let attempt = 0; ; attempt += 1) {
        const res = await fetch(server + path, {
          method,
          headers: { [SYNC_VERSION_HEADER]: String(SYNC_PROTOCOL_VERSION), 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        // A server shedding load (the desktop's first sync on a busy machine) says when to come back.
        if (res.status === 503 && attempt < 30) {
          await new Promise((r) => setTimeout(r, 1_000 * Number(res.headers.get('retry-after') ?? 1)));
          continue;
        }
        const text = await res.text();
        expect(res.status, `${method} ${path}: ${text.slice(0, 500)}`).toBeLessThan(300);
        return JSON.parse(text) as Record<string, unknown>;
      }
    };
    const { accessToken } = (await api('POST', routePath('login'), { username: 'manager', password: DEMO_PASSWORD })) as { accessToken: string };
    const me = ((await api('GET', routePath('me'), undefined, accessToken)) as { user: { id: string; teamId: string | null } }).user;
    // A ticket in the manager's own team and region, as the server's create rule asks.
    const teams = (await api('POST', routePath('pull', { collection: 'teams' }), { checkpoint: null, batchSize: 200 }, accessToken)) as { documents: Record<string, unknown>[] };
    const team = teams.documents.find((t) => t.id === me.teamId) ?? teams.documents.find((t) => t.managerId === me.id)!;
    const markup = (tag: string) => `B4 ${tag} <img src=x onerror="window.__b4=(window.__b4||0)+1"><script>window.__b4=1</script><svg onload="window.__b4=1"></svg>`;
    const now = new Date().toISOString();
    const region = team.region as string;
    const site = { id: uuidv7(), name: markup('site'), region, timeZone: 'Asia/Shanghai', address: markup('address') };
    const customer = { ...aCustomer({ id: uuidv7(), code: 'CU-B4', name: markup('customer'), nameZh: markup('客户'), region, sites: [site] }), createdAt: now, updatedAt: now };
    const ticket = aTicket({
      id: uuidv7(),
      provisionalNumber: '~B4B4-0001',
      title: markup('ticket'),
      description: markup('description'),
      customerId: customer.id,
      customerName: customer.name,
      siteId: site.id,
      region,
      teamId: team.id as string,
      assigneeId: me.id,
      createdBy: me.id,
      createdAt: now,
      updatedAt: now,
    });
    const note = anEvent('note', { id: uuidv7(), ticketId: ticket.id, authorId: me.id, at: now, body: markup('note') });
    for (const [collection, doc] of [['customers', customer], ['tickets', ticket], ['ticketEvents', note]] as const) {
      const answer = (await api('POST', routePath('push', { collection }), { pushId: uuidv7(), rows: [{ newDocumentState: { ...doc, _deleted: false } }] }, accessToken)) as { conflicts: unknown[] };
      expect(answer.conflicts, collection).toEqual([]);
    }

    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(harness.url);
    const go = (route: string) => page.evaluate((r) => ((globalThis as unknown as { location: { hash: string } }).location.hash = r), route);
    const ran = () => page.evaluate(() => (globalThis as unknown as { __b4?: number }).__b4 ?? 0);

    await page.getByTestId('nav-queue').click();
    await page.getByTestId('queue-tab-all').click();
    await page.getByTestId('queue-search').fill('B4 ticket');
    const row = page.locator('[role="row"][data-rowindex]').filter({ hasText: 'B4 ticket' });
    await expect.poll(() => row.count(), { timeout: 60_000 }).toBe(1);
    expect(await row.textContent()).toContain('<script>window.__b4=1</script>');
    // Opened by its number, as a deep link would (the server numbered it when it arrived).
    const number = /T-\d{6}/.exec((await row.textContent()) ?? '')![0];
    await go(`#/tickets/${number}`);
    await expect.poll(() => page.getByTestId('ticket-detail').textContent(), { timeout: 30_000 }).toContain('B4 note <img src=x');
    expect(await page.getByTestId('ticket-detail').textContent()).toContain('B4 description <img src=x');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/b4-ticket-en.png`, fullPage: true });
    for (const route of [`#/customers/${customer.id}`, '#/customers', '#/board', '#/notifications', '#/dashboard', '#/tickets']) {
      await go(route);
      await page.waitForTimeout(1_500);
      expect(await ran(), route).toBe(0);
    }
    await go(`#/customers/${customer.id}`);
    await expect.poll(() => page.getByText('B4 customer <img src=x', { exact: false }).first().isVisible(), { timeout: 30_000 }).toBe(true);
    expect([await ran(), dialogs]).toEqual([0, []]);
    expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);
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
