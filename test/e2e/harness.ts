import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const CHROMIUM = process.env.CIMS_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface RunningHarness {
  url: string;
  /** The central server the harness syncs with (the embedded demo server), or null when local only. */
  serverUrl: string | null;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts `electron/harness/cli.ts` as its own process, as `npm run start:web` does. */
export const startHarnessProcess = async (env: Record<string, string> = {}, startTimeoutMs = 150_000): Promise<RunningHarness> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'cims-e2e-'));
  // A harness with its embedded demo server starts from the demo database prepared once for
  // the run (global-setup.ts) instead of generating the organisation again.
  const template = inject('demoServerDatabase');
  if (env.CIMS_SERVER_URL === undefined && template) await cp(template, join(env.CIMS_DATA_DIR ?? dataDir, 'server'), { recursive: true });
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/harness/cli.ts'], {
    env: { ...process.env, CIMS_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // A harness that never came up must not outlive the test run.
      child.kill('SIGKILL');
      reject(new Error(`harness did not start:\n${output}`));
    }, startTimeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /CIMS_HARNESS_URL=(\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`harness exited with ${code}:\n${output}`)));
  });
  const serverUrl = /; server: (\S+)/.exec(output)?.[1] ?? null;
  return {
    url,
    serverUrl,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

export const launchChromium = async (): Promise<{ context: BrowserContext; close(): Promise<void> }> => {
  const userDataDir = await mkdtemp(join(tmpdir(), 'cims-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
    locale: 'en-US',
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
};

/** Path of the Electron binary when the package could download it, else null. */
export const electronBinary = (): string | null => {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
};

/** On the new-ticket form: the first site of the chosen customer (one site is chosen already). */
export const pickFirstSite = async (page: Page): Promise<void> => {
  const site = page.getByTestId('ticket-site');
  await site.waitFor();
  // An empty MUI select shows a zero-width space.
  if ((await site.textContent())?.replace(/[\s\u200b]/g, '')) return;
  await site.click();
  await page.getByRole('listbox').getByRole('option').first().click();
};

/**
 * Records a ticket for the demo's first customer (a key account) on the new-ticket form, at
 * the severity given (the form's default otherwise), and opens it.
 */
export const createTicketOnForm = async (page: Page, title: string, severity?: 'Critical' | 'Major' | 'Minor'): Promise<void> => {
  // The address carries the harness token in its fragment: move within the app instead.
  await page.evaluate("window.location.hash = '#/tickets/new'");
  await page.getByTestId('ticket-customer').fill('CU-0001');
  // That customer's own option (its code, then its names), not whatever the list showed before the search answered.
  await page.getByTestId('customer-option').filter({ hasText: /CU-0001 ·/ }).first().click();
  await pickFirstSite(page);
  await page.getByTestId('ticket-title').fill(title);
  if (severity) {
    await page.getByTestId('ticket-severity').click();
    await page.getByRole('option', { name: new RegExp(`^${severity}`) }).click();
    await expect.poll(() => page.getByRole('listbox').count()).toBe(0);
  }
  await page.getByTestId('ticket-submit').click();
  // Saved, or refused with a message: a busy machine may take a while for either.
  const created = page.getByTestId('ticket-created-link');
  const refused = page.getByTestId('form-error');
  try {
    await expect.poll(async () => (await created.count()) + (await refused.count()), { timeout: 60_000 }).toBeGreaterThan(0);
  } catch (error) {
    // What the form showed instead, for the one who reads the failure.
    await page.screenshot({ path: join('test-results', 'e2e', 'new-ticket-form-failure.png'), fullPage: true }).catch(() => undefined);
    throw error;
  }
  if ((await refused.count()) > 0) throw new Error(`the new ticket was refused: ${await refused.textContent()}`);
  await created.click();
  await expect.poll(() => page.getByTestId('ticket-detail').isVisible(), { timeout: 30_000 }).toBe(true);
};

const firstSync = (page: Page): Promise<unknown> => expect.poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 60_000 }).toBe('Synced');

/**
 * Signs in on the app's sign-in form and waits for the first sync; a spec whose desktops sign
 * in outside a test, or pull a larger share, passes its own wait.
 */
export const signInOnForm = async (page: Page, serverUrl: string, username: string, password: string, synced: (page: Page) => Promise<unknown> = firstSync): Promise<void> => {
  await page.getByTestId('account-sign-in').click();
  await page.getByTestId('sign-in-server').fill(serverUrl);
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await synced(page);
};

/**
 * Whether the page is signed in, given time to be. A harness started with CIMS_DEMO_USER signs
 * in to its demo server as it starts, and the page picks that session up a moment after it
 * opens; on a loaded machine the first sign-in can fail (the server sheds load), and the spec
 * then signs in as a user would.
 */
export const storedSessionArrives = (page: Page, timeoutMs = 60_000): Promise<boolean> =>
  page
    .getByTestId('account-menu')
    .waitFor({ timeout: timeoutMs })
    .then(() => true)
    .catch(() => false);

/**
 * Screenshots of what is on screen in English, then in Chinese, and back to English. The
 * language switch is clicked through any open dialog's backdrop, so a dialog is shot in both.
 */
export const shootBothLanguages = async (page: Page, shoot: (locale: 'en' | 'zh-CN') => Promise<unknown>): Promise<void> => {
  await shoot('en');
  await page.getByTestId('locale-zh-CN').dispatchEvent('click');
  // The switch shows itself pressed once the screen has re-rendered in that language.
  await expect.poll(() => page.getByTestId('locale-zh-CN').getAttribute('aria-pressed')).toBe('true');
  await shoot('zh-CN');
  await page.getByTestId('locale-en').dispatchEvent('click');
  await expect.poll(() => page.getByTestId('locale-en').getAttribute('aria-pressed')).toBe('true');
};
