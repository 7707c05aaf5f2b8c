import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const SCREENSHOT_DIR = 'test-results/e2e';

/**
 * The foundation slice as a new user tries it: invalid input shows field messages in the
 * chosen language, a valid ticket appears in the list at once, the language switch
 * translates the shell. Shared by the harness and the Electron runs.
 */
export const ticketSliceSpec = async (page: Page, shotPrefix: string): Promise<void> => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await expect.poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 15_000 }).toBe('Local only');
  await expect.poll(() => page.getByTestId('ticket-list-empty').isVisible()).toBe(true);
  await page.getByTestId('new-ticket-button').click();
  await page.getByTestId('ticket-title').waitFor();

  // Empty form: field messages in English, nothing created.
  await page.getByTestId('ticket-submit').click();
  await expect.poll(() => page.getByText('Enter a title of at least 3 characters.').isVisible()).toBe(true);
  await expect.poll(() => page.getByText('Choose the customer.').isVisible()).toBe(true);

  // Switch to Chinese: the same messages now read in Chinese.
  await page.getByTestId('locale-zh-CN').click();
  await expect.poll(() => page.getByText('标题至少需要 3 个字符。').isVisible()).toBe(true);
  await expect.poll(() => page.getByTestId('sync-indicator').textContent()).toBe('仅本地');
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');

  // No customer has synced to this computer: a first-time caller is recorded by name.
  await page.getByTestId('ticket-customer').fill('中国移动 上海分公司');
  await page.getByRole('option', { name: /新客户：“中国移动 上海分公司”/ }).click();
  await page.getByTestId('ticket-contact-name').fill('王工');
  await page.getByTestId('ticket-title').fill('基站断站 Base station offline');
  await page.getByTestId('ticket-severity').click();
  await page.getByRole('option', { name: /^严重/ }).click();
  await expect.poll(() => page.getByTestId('preview-priority').textContent()).toBe('P1');
  await page.getByTestId('ticket-description').fill('08:00 起全站业务中断 <script>alert(1)</script>');
  await page.getByTestId('ticket-submit').click();
  await expect.poll(() => page.getByTestId('ticket-created').textContent(), { timeout: 10_000 }).toMatch(/工单 ~[0-9A-F]{4}-0001 已创建/);
  // The form is cleared for the next ticket.
  expect(await page.getByTestId('ticket-title').inputValue()).toBe('');
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${shotPrefix}-new-ticket-zh-CN.png`, fullPage: true });

  // The ticket is in the list.
  await page.getByTestId('nav-tickets').click();
  const row = page.getByTestId('ticket-row').first();
  await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('基站断站 Base station offline');
  expect(await row.textContent()).toContain('P1');
  expect(await row.textContent()).toMatch(/~[0-9A-F]{4}-0001/);
  expect(await page.getByTestId('ticket-row').count()).toBe(1);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${shotPrefix}-tickets-zh-CN.png`, fullPage: true });

  // Back to English; the language choice survives a reload and the ticket is still there.
  await page.getByTestId('locale-en').click();
  await expect.poll(() => page.getByRole('heading', { name: 'Tickets', level: 1 }).isVisible()).toBe(true);
  await page.reload();
  await expect.poll(() => page.getByTestId('ticket-row').count(), { timeout: 10_000 }).toBe(1);
  await expect.poll(() => page.getByRole('heading', { name: 'Recent tickets (1 ticket)' }).isVisible()).toBe(true);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${shotPrefix}-tickets-en.png`, fullPage: true });
};
