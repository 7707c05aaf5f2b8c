import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { SCREENSHOT_DIR } from './tickets.spec';

const hashRoute = (page: Page) => new URL(page.url()).hash;

/**
 * The application frame as a user meets it: deep links open their screen, unknown links say
 * so with a way back, the navigation marks where you are, the sync page and the settings
 * (dark theme) work in both languages. Expects one ticket created by the ticket spec.
 */
export const frameSpec = async (page: Page, shotPrefix: string): Promise<void> => {
  // The ticket in the list links to its own page; the link is a deep link.
  await page.getByTestId('ticket-row').first().getByRole('link').click();
  await expect.poll(() => page.getByTestId('ticket-detail').isVisible()).toBe(true);
  const deepLink = page.url();
  expect(hashRoute(page)).toMatch(/^#\/tickets\/~[0-9A-F]{4}-0001$/);
  expect(await page.getByTestId('ticket-detail').textContent()).toContain('基站断站 Base station offline');
  // Text stays text: the description's markup is shown, not run (B4).
  expect(await page.getByTestId('ticket-detail').textContent()).toContain('<script>alert(1)</script>');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${shotPrefix}-ticket-en.png`, fullPage: true });

  // Opening the deep link afresh lands on the same ticket.
  await page.goto('about:blank');
  await page.goto(deepLink);
  await expect.poll(() => page.getByTestId('ticket-detail').isVisible(), { timeout: 15_000 }).toBe(true);

  // An unknown route says so, names the link, and leads back.
  await page.goto(deepLink.replace(/#.*/, '#/no/such/page'));
  await expect.poll(() => page.getByTestId('not-found').textContent()).toContain('#/no/such/page');
  await page.getByRole('link', { name: 'Go to the start page' }).click();
  await expect.poll(() => hashRoute(page)).toBe('#/tickets');
  await expect.poll(() => page.getByTestId('nav-tickets').getAttribute('aria-current')).toBe('page');

  // The sync page is a route of its own, marked in the navigation.
  await page.getByTestId('nav-sync').click();
  await expect.poll(() => page.getByRole('heading', { name: 'Sync', level: 1 }).isVisible()).toBe(true);
  await expect.poll(() => page.getByTestId('nav-sync').getAttribute('aria-current')).toBe('page');
  expect(await page.getByTestId('sync-details').textContent()).toContain('Every change on this computer is on the server.');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${shotPrefix}-sync-page-en.png`, fullPage: true });

  // Settings: dark theme, then Chinese; both survive a reload.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('theme-dark').check();
  await page.getByTestId('locale-zh-CN').first().click();
  await expect.poll(() => page.getByRole('heading', { name: '设置', level: 1 }).isVisible()).toBe(true);
  const background = () => page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
  expect(await background()).toBe('rgb(18, 20, 23)');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${shotPrefix}-settings-dark-zh-CN.png`, fullPage: true });
  await page.reload();
  await expect.poll(() => page.getByRole('heading', { name: '设置', level: 1 }).isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await background()).toBe('rgb(18, 20, 23)');
  await page.getByTestId('nav-tickets').click();
  await expect.poll(() => page.getByTestId('ticket-row').count()).toBe(1);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${shotPrefix}-tickets-dark-zh-CN.png`, fullPage: true });

  // Back to the defaults for whoever runs next.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('theme-light').check();
  await page.getByTestId('locale-en').first().click();
};
