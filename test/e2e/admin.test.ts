import { mkdir } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicketOnForm, launchChromium, shootBothLanguages, signInOnForm, startHarnessProcess, type RunningHarness } from './harness';
import { DEMO_PASSWORD } from '../../shared/domain/demo';
import { SCREENSHOT_DIR } from './tickets.spec';

const PASSWORD = 'west field 2026';

/** A page of the office desktop, synced, collecting page errors. */
const openSynced = async (browser: { context: BrowserContext }, url: string, errors: string[]): Promise<Page> => {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await expect.poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 60_000 }).toBe('Synced');
  return page;
};

/** Seconds in a clock chip's "h:mm:ss" (the first such time in its text). */
const clockSeconds = (text: string | null): number => {
  const m = /(\d+):(\d\d):(\d\d)/.exec(text ?? '');
  if (!m) throw new Error(`no time in ${text}`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
};

const changeStatus = async (page: Page, to: string, pendingReason?: string) => {
  const choose = async (testId: string, option: string) => {
    await page.getByTestId(testId).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };
  await page.getByTestId('action-status').click();
  await choose('status-to', to);
  if (pendingReason) await choose('status-pending-reason', pendingReason);
  await page.getByTestId('status-dialog-submit').click();
  await expect.poll(() => page.getByTestId('status-dialog').count()).toBe(0);
};

const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOT_DIR}/admin-${name}.png`, fullPage: true });

// An administrator at one desktop sets up a team and a technician; the technician signs in at
// another desktop (a second harness on the same server). One harness start per desktop.
describe('administration', () => {
  let office: RunningHarness;
  let field: RunningHarness | undefined;
  let managerDesk: RunningHarness | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    office = await startHarnessProcess({ CIMS_DEMO_USER: 'admin' });
    browser = await launchChromium();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await field?.stop();
    await managerDesk?.stop();
    await office?.stop();
  });

  it('an admin creates a team and a technician, who then signs in on another desktop and sees no admin screens', async () => {
    const errors: string[] = [];
    const page = await openSynced(browser, office.url, errors);
    await page.getByTestId('nav-admin-people').click();
    await expect.poll(() => page.getByTestId('person-row').count(), { timeout: 30_000 }).toBeGreaterThan(3);

    await page.getByTestId('admin-tab-teams').click();
    await page.getByTestId('team-add').click();
    await page.getByTestId('team-submit').click();
    await expect.poll(() => page.getByText('Enter the team’s name.').isVisible()).toBe(true);
    await shot(page, 'team-form-errors-en');
    await page.getByTestId('team-name').fill('Field West 西区');
    await page.getByTestId('team-region').fill('CN-West');
    await page.getByTestId('team-submit').click();
    // Made on the server, back through sync.
    const team = page.getByTestId('team-row').filter({ hasText: 'Field West 西区' });
    await expect.poll(() => team.count(), { timeout: 30_000 }).toBe(1);
    await shot(page, 'teams-en');

    await page.getByTestId('admin-tab-people').click();
    await page.getByTestId('person-add').click();
    await page.getByTestId('person-username').fill('wendy');
    await page.getByTestId('person-password').fill(PASSWORD);
    await page.getByTestId('person-display-name').fill('Wendy 王');
    await page.getByTestId('person-role-technician').check();
    await page.getByTestId('person-region').fill('CN-West');
    await page.getByTestId('person-team').selectOption({ label: 'Field West 西区' });
    await shootBothLanguages(page, (locale) => shot(page, `person-form-${locale}`));
    await page.getByTestId('person-submit').click();
    const wendy = page.locator('[data-testid="person-row"][data-username="wendy"]');
    await expect.poll(() => wendy.textContent(), { timeout: 30_000 }).toContain('Field West 西区');
    await shot(page, 'people-en');

    await page.getByTestId('locale-zh-CN').click();
    await expect.poll(() => wendy.textContent()).toContain('现场工程师');
    await shot(page, 'people-zh-CN');
    await page.getByTestId('admin-tab-teams').click();
    await expect.poll(() => team.textContent()).toContain('L1 一线');
    // Members column: Wendy counts in her team.
    await expect.poll(() => team.locator('td').nth(6).textContent()).toBe('1');
    await shot(page, 'teams-zh-CN');
    await page.getByTestId('admin-tab-audit').click();
    await expect.poll(() => page.getByTestId('audit-row').filter({ hasText: 'user.add' }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await shot(page, 'audit-zh-CN');
    await page.getByTestId('locale-en').click();
    await page.getByTestId('audit-action').fill('team');
    await page.getByTestId('audit-search').click();
    await expect.poll(() => page.getByTestId('audit-row').first().textContent()).toContain('team.add');
    await shot(page, 'audit-en');

    // The technician's desktop: same server, signed out until she signs in.
    field = await startHarnessProcess({ CIMS_SERVER_URL: office.serverUrl ?? '' });
    const desk = await browser.context.newPage();
    desk.on('pageerror', (error) => errors.push(error.message));
    await desk.goto(field.url);
    await signInOnForm(desk, office.serverUrl ?? '', 'wendy', PASSWORD);
    expect(await desk.getByTestId('account-menu').textContent()).toContain('Wendy 王');
    expect(await desk.getByTestId('nav-admin-people').count()).toBe(0);
    await desk.goto(field.url.replace(/#.*$/, '') + '#/admin/people');
    await expect.poll(() => desk.getByTestId('admin-only').isVisible(), { timeout: 15_000 }).toBe(true);
    await shot(desk, 'technician-refused-en');

    // Disabled at the office: the technician's desktop is signed out within a minute (its
    // session ends on the server; the next sync request or the open stream learns it).
    await page.getByTestId('admin-tab-people').click();
    await wendy.getByTestId('person-toggle').click();
    await expect.poll(() => wendy.textContent(), { timeout: 30_000 }).toContain('Disabled');
    await expect.poll(() => desk.getByTestId('account-sign-in').isVisible(), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => desk.getByTestId('session-banner').isVisible(), { timeout: 15_000 }).toBe(true);
    await shot(desk, 'technician-signed-out-en');
    expect(errors).toEqual([]);
  });

  it('imports 500 customers from CSV with 3 bad rows: 497 imported, the 3 reported before anything is written', async () => {
    const errors: string[] = [];
    const page = await openSynced(browser, office.url, errors);
    await page.getByTestId('nav-admin-people').click();
    await page.getByTestId('admin-tab-customers').click();
    await expect.poll(() => page.getByTestId('customer-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await shot(page, 'customers-en');

    const header = 'code,name,nameZh,tier,region,timeZone,contactName,contactPhone,contactEmail,siteName,siteAddress';
    const bad = new Map([
      [41, { tier: 'gold' }],
      [250, { timeZone: 'Mars/Base' }],
      [377, { name: '' }],
    ]);
    const rows = Array.from({ length: 500 }, (_, i) => {
      const r = { name: `Import customer ${i} 导入客户`, tier: i % 5 === 0 ? '关键客户' : 'general', timeZone: 'Asia/Shanghai', ...bad.get(i) };
      return `IMP-${String(i).padStart(3, '0')},${r.name},,${r.tier},cn-east,${r.timeZone},Contact ${i},,,Site ${i},Road ${i}`;
    });
    await page.getByTestId('customer-import').click();
    await page.getByTestId('customer-import-file').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\r\n')) });
    await expect.poll(() => page.getByTestId('customer-import-summary').textContent()).toBe('500 rows: 497 ready, 3 with errors (they are skipped).');
    expect(await page.getByTestId('customer-import-error-row').allTextContents()).toEqual([
      '43tierTier must be key or general (关键客户 / 普遍客户)',
      '252timeZoneNot a time zone like Asia/Shanghai',
      '379nameRequired',
    ]);
    await shootBothLanguages(page, (locale) => shot(page, `customer-import-preview-${locale}`));
    await page.getByTestId('customer-import-confirm').click();
    await expect.poll(() => page.getByTestId('customer-import-done').textContent(), { timeout: 60_000 }).toBe('Customers imported: 497 (497 new, 0 updated). Rows skipped: 3.');
    await page.getByTestId('customer-import-close').click();
    await page.getByTestId('customer-search').fill('IMP-');
    await expect.poll(() => page.getByTestId('customers-count').textContent(), { timeout: 30_000 }).toBe('Customers: 497');
    await page.getByTestId('locale-zh-CN').click();
    await expect.poll(() => page.getByTestId('customers-count').textContent()).toBe('497 个客户');
    await shot(page, 'customers-zh-CN');
    // Pushed to the server like any change made here.
    await expect.poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 60_000 }).toBe('已同步');
    await page.getByTestId('locale-en').click();

    // One account by hand: refused without a name, then created with a contact and a site.
    await page.getByTestId('customer-add').click();
    await page.getByTestId('customer-code').fill('HAND-001');
    await page.getByTestId('customer-region').fill('cn-east');
    await page.getByTestId('customer-add-contact').click();
    await page.getByTestId('customer-contact-0-name').fill('Zhou Min 周敏');
    await page.getByTestId('customer-contact-0-email').fill('zhou.min@example.com');
    await page.getByTestId('customer-add-site').click();
    await page.getByTestId('customer-site-0-name').fill('Hongqiao hub 虹桥枢纽');
    await page.getByTestId('customer-site-0-region').fill('cn-east');
    await page.getByTestId('customer-submit').click();
    await expect.poll(() => page.getByText('Enter the customer’s name.').isVisible()).toBe(true);
    await shootBothLanguages(page, (locale) => shot(page, `customer-form-${locale}`));
    await page.getByTestId('customer-name').fill('Shanghai Rail 上海铁路');
    await page.getByTestId('customer-submit').click();
    await page.getByTestId('customer-search').fill('HAND-');
    const hand = page.getByTestId('customer-row').filter({ hasText: 'HAND-001' });
    await expect.poll(() => hand.count(), { timeout: 30_000 }).toBe(1);
    expect(await hand.locator('td').nth(5).textContent()).toBe('1');
    expect(await hand.locator('td').nth(6).textContent()).toBe('1');
    // The change reaches the server and its audit log.
    await expect.poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 60_000 }).toBe('Synced');
    await page.getByTestId('admin-tab-audit').click();
    await page.getByTestId('audit-action').fill('customer');
    await page.getByTestId('audit-search').click();
    await expect.poll(() => page.getByTestId('audit-row').first().textContent(), { timeout: 30_000 }).toContain('customer.add');
    await shot(page, 'audit-customers-en');
    expect(errors).toEqual([]);
  });

  it('an admin edits an SLA target, sees the preview move, and saves a new version', async () => {
    const errors: string[] = [];
    const page = await openSynced(browser, office.url, errors);
    await page.getByTestId('nav-admin-people').click();
    await page.getByTestId('admin-tab-sla').click();
    // Sample: a major ticket for a general customer, Friday 17:30 in Shanghai; one business
    // hour runs 30 minutes on Friday and 30 on the next working morning (the demo calendar's).
    const due = page.getByTestId('preview-due-firstResponse');
    await expect.poll(() => due.textContent(), { timeout: 30_000 }).toMatch(/^2026-10-1\d 09:30$/);
    await page.getByTestId('sla-general-major-firstResponseMinutes').fill('20');
    await expect.poll(() => due.textContent()).toBe('2026-10-09 17:50');
    await shot(page, 'sla-preview-en');
    await page.getByTestId('sla-submit').click();
    await expect.poll(() => page.getByText('New version saved').isVisible(), { timeout: 30_000 }).toBe(true);
    // The new version comes back through sync; the one it replaced stays, superseded.
    const versions = page.getByTestId('policy-version');
    await expect.poll(() => versions.count(), { timeout: 30_000 }).toBe(2);
    await expect.poll(() => versions.first().textContent()).toContain('In force');
    expect(await versions.nth(1).textContent()).toContain('Superseded');
    expect(await page.getByTestId('sla-general-major-firstResponseMinutes').inputValue()).toBe('20');
    await shot(page, 'sla-en');
    await page.getByTestId('locale-zh-CN').click();
    await expect.poll(() => versions.first().textContent()).toContain('生效中');
    await shot(page, 'sla-zh-CN');
    await page.getByTestId('admin-tab-calendars').click();
    await expect.poll(() => page.getByTestId('calendar-form').isVisible(), { timeout: 15_000 }).toBe(true);
    await shot(page, 'calendars-zh-CN');
    await page.getByTestId('locale-en').click();
    await shot(page, 'calendars-en');
    await page.getByTestId('admin-tab-priority').click();
    await expect.poll(() => page.getByTestId('priority-minor-key').inputValue(), { timeout: 15_000 }).toBe('P2');
    await shootBothLanguages(page, (locale) => shot(page, `priority-${locale}`));

    // The escalation matrix: levels, rules, and a dry run over the demo's open tickets.
    await page.getByTestId('admin-tab-escalation').click();
    await expect.poll(() => page.getByTestId('escalation-rule').count(), { timeout: 15_000 }).toBe(3);
    await page.getByTestId('escalation-dry-run-button').click();
    await expect.poll(async () => (await page.getByTestId('escalation-dry-run').count()) + (await page.getByTestId('escalation-dry-run-none').count()), { timeout: 30_000 }).toBe(1);
    await shot(page, 'escalation-en');
    await page.getByTestId('locale-zh-CN').click();
    await expect.poll(() => page.getByTestId('escalation-level-L1').textContent()).toContain('L1 一线');
    await shot(page, 'escalation-zh-CN');
    await page.getByTestId('admin-tab-templates').click();
    await expect.poll(() => page.getByTestId('template-total').textContent(), { timeout: 15_000 }).toBe('合计：100%');
    await page.getByTestId('template-criterion-0-weight').fill('30');
    await page.getByTestId('template-submit').click();
    await expect.poll(() => page.getByTestId('template-weights-error').textContent()).toBe('权重合计必须为 100%。');
    await shot(page, 'templates-zh-CN');
    await page.getByTestId('template-criterion-0-weight').fill('25');
    await page.getByTestId('locale-en').click();
    await shot(page, 'templates-en');
    await page.getByTestId('admin-tab-settings').click();
    await expect.poll(() => page.getByTestId('settings-passwordMinLength').inputValue(), { timeout: 15_000 }).toBe('12');
    await page.getByTestId('settings-reopenWindowDays').fill('10');
    await page.getByTestId('settings-submit').click();
    // Saved on the server, back through sync as the settings in force.
    await expect.poll(() => page.getByText('Last saved', { exact: false }).isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId('settings-reopenWindowDays').inputValue()).toBe('10');
    await shot(page, 'settings-en');
    await page.getByTestId('locale-zh-CN').click();
    await shot(page, 'settings-zh-CN');
    await page.getByTestId('locale-en').click();
    expect(errors).toEqual([]);
  });
  it('a new SLA version shows in a new ticket\'s due times, while a ticket paused before it keeps its paused time', async () => {
    const errors: string[] = [];
    // A service manager's desktop of its own on the same server.
    managerDesk = await startHarnessProcess({ CIMS_SERVER_URL: office.serverUrl ?? '' });
    const desk = await browser.context.newPage();
    desk.on('pageerror', (error) => errors.push(error.message));
    await desk.goto(managerDesk.url);
    await signInOnForm(desk, office.serverUrl ?? '', 'manager', DEMO_PASSWORD);
    // Critical tickets run around the clock, so a paused clock's time left is plain minutes.
    await createTicketOnForm(desk, 'Ring down at the east hub 东区环网中断', 'Critical');
    await changeStatus(desk, 'In progress');
    await changeStatus(desk, 'Pending', 'Waiting for the customer');
    const restore = desk.getByTestId('sla-restore');
    await expect.poll(() => restore.getAttribute('data-paused'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => desk.getByTestId('sync-indicator').textContent(), { timeout: 30_000 }).toBe('Synced');
    const pausedLeft = clockSeconds(await restore.textContent());
    // Paused: the time left stands still.
    await desk.waitForTimeout(2000);
    expect(clockSeconds(await restore.textContent())).toBe(pausedLeft);

    // At the office: an hour more to restore and 45 minutes to respond, for key accounts' critical tickets.
    const page = await openSynced(browser, office.url, errors);
    await page.getByTestId('nav-admin-people').click();
    await page.getByTestId('admin-tab-sla').click();
    const restoreField = page.getByTestId('sla-key-critical-restoreMinutes');
    await expect.poll(() => restoreField.inputValue(), { timeout: 30_000 }).not.toBe('');
    const restoreMinutes = Number(await restoreField.inputValue());
    const versions = page.getByTestId('policy-version');
    const versionsBefore = await versions.count();
    await restoreField.fill(String(restoreMinutes + 60));
    await page.getByTestId('sla-key-critical-firstResponseMinutes').fill('45');
    await page.getByTestId('sla-submit').click();
    await expect.poll(() => page.getByText('New version saved').isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => versions.count(), { timeout: 30_000 }).toBe(versionsBefore + 1);

    // At the manager's desktop, once the version arrives: the paused ticket gained exactly the
    // hour and lost none of the time it waited; it is still paused.
    await expect.poll(async () => clockSeconds(await restore.textContent()), { timeout: 60_000 }).toBe(pausedLeft + 3600);
    expect(await restore.getAttribute('data-paused')).toBe('true');
    await shootBothLanguages(desk, (locale) => shot(desk, `policy-paused-ticket-${locale}`));

    // A ticket opened now: 45 minutes to respond from its creation.
    await createTicketOnForm(desk, 'Second ring down 第二次环网中断', 'Critical');
    const response = desk.getByTestId('sla-firstResponse');
    await expect.poll(() => response.textContent(), { timeout: 20_000 }).toMatch(/^First response: 0:4[0-4]:\d\d left$/);
    await shot(desk, 'policy-new-ticket-en');
    await desk.close();
    expect(errors).toEqual([]);
  });
});
